"""What follows publishing: the search index, renditions, the cached menu, the proxy's cache."""

import functools

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move, pre_page_move


@receiver(page_published)
def index_published_page(sender, instance, **kwargs):
    from .search import index_page

    index_page(instance)


# Deleted pages leave the index by the foreign key's cascade.
@receiver(page_unpublished)
def unindex_page(sender, instance, **kwargs):
    from .search import unindex_page

    unindex_page(instance)


@receiver(page_published)
def prepare_page_renditions(sender, instance, **kwargs):
    """Make the page's image renditions now, so that no page request has to."""
    from .renditions import prepare_renditions

    prepare_renditions(instance)


@functools.cache
def _shown_on_pages():
    """The models whose rows public pages show, and so the fragments of clermont_intl.tree_cache:
    pages, their view restrictions, sites, contact details, themes, programmes, images (an image
    replaced in the admin loses its renditions) and documents."""
    from wagtail.documents.models import AbstractDocument
    from wagtail.images.models import AbstractImage
    from wagtail.models import Site

    from projects.models import Programme

    from .models import ContactSettings, Theme

    return (Page, PageViewRestriction, Site, ContactSettings, Theme, Programme, AbstractImage,
            AbstractDocument)  # fmt: skip


def _tree_changed(sender, **kwargs):
    """Saved, moved or deleted: every page reads the generation that this bumps."""
    from .tree_cache import bump_generation, now_and_at_commit

    if isinstance(sender, type) and issubclass(sender, _shown_on_pages()):
        now_and_at_commit(bump_generation)


post_save.connect(_tree_changed, dispatch_uid="tree-cache-on-save")
post_delete.connect(_tree_changed, dispatch_uid="tree-cache-on-delete")
post_page_move.connect(_tree_changed, dispatch_uid="tree-cache-on-page-move")


@receiver(page_published)
@receiver(page_unpublished)
def purge_from_frontend_cache(sender, instance, **kwargs):
    from .frontend_cache import purge_page

    purge_page(instance)


# The move action passes a fresh page object to post_page_move: old URLs are kept by id.
_URLS_BEFORE_MOVE = {}


@receiver(pre_page_move)
def remember_urls_before_move(sender, instance, **kwargs):
    from .frontend_cache import page_urls

    _URLS_BEFORE_MOVE[instance.pk] = page_urls(instance)


@receiver(post_page_move)
def purge_moved_page(sender, instance, **kwargs):
    """The old addresses (and the old parent's list) and the new ones."""
    from .frontend_cache import page_urls, purge_page

    old = _URLS_BEFORE_MOVE.pop(instance.pk, [])
    parent_before = kwargs.get("parent_page_before")
    if parent_before is not None:
        old += page_urls(parent_before)
    purge_page(instance, extra_urls=old)


@receiver(post_save, sender=PageViewRestriction)
def purge_private_section(sender, instance, **kwargs):
    from .frontend_cache import purge_section

    purge_section(instance.page)
