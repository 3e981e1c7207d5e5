"""The one path that follows a change a visitor could see: both caches forget it.

A page published, unpublished, moved or deleted, a view restriction, a site, a setting, a
snippet, an image or a document saved or deleted: the application's generation gets a new
value in the change's own transaction (clermont_intl.caching.generation), and once that
transaction commits the caching proxy is told to forget every page of the site, in both
languages, with their query-string variants, feeds and open-data files.

Why the whole site and not the changed page's URLs: a title shows in the menu of every page,
in its children's breadcrumbs, in teasers on the home and mission pages and in the cross-links
between partner cities and projects; a contact detail or a theme shows everywhere. Working out
every page that shows a change is where caches go wrong, and this section has a few hundred
pages that are each rendered again in milliseconds. The proxy's purge is Wagtail's
(PurgeBatch, with the backend of WAGTAILFRONTENDCACHE); the shipped Varnish configuration treats
a purge of a URL as a ban of that URL and everything below it, so a purge of the site's root
forgets the site.

What the models shown on pages are: the core's below, and those each app registers with the
hook "register_models_shown_on_pages" (a function returning model classes) in its
wagtail_hooks.py. A model of which only some rows show can say so with a method
``shown_on_pages()`` (e.g. a loan request: only confirmed loans show, as dates taken): a save
or delete of a row that neither shows nor showed changes nothing.
"""

import functools

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save

from wagtail import hooks
from wagtail.signals import page_published, page_unpublished, post_page_move

from .generation import bump_generation

HOOK = "register_models_shown_on_pages"

# Saving a draft writes these on the page's row; no visitor sees them.
DRAFT_FIELDS = frozenset(
    {
        "latest_revision",
        "latest_revision_created_at",
        "draft_title",
        "has_unpublished_changes",
        "wagtail_admin_comments",
        "locked",
        "locked_at",
        "locked_by",
        "numchild",
    }
)


@functools.cache
def models_shown_on_pages():
    from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
    from wagtail.documents.models import AbstractDocument
    from wagtail.images.models import AbstractImage
    from wagtail.models import Collection, Page, PageViewRestriction, Site

    models = [Page, PageViewRestriction, Site, Collection, AbstractImage, AbstractDocument,
              BaseSiteSetting, BaseGenericSetting]  # fmt: skip
    for register in hooks.get_hooks(HOOK):
        models += list(register())
    return tuple(models)


def content_changed():
    """Both caches forget what visitors were shown: now for the application, at commit for the
    proxy (before the commit it would fetch the old rows again)."""
    bump_generation()
    # Publishing one page saves several rows: the proxy is told once per transaction.
    connection = transaction.get_connection()
    if not any(callback is purge_proxy for _sids, callback, *_rest in connection.run_on_commit):
        transaction.on_commit(purge_proxy)


def purge_proxy():
    """Asks the caching proxy to forget every page of every site (nothing without one)."""
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return []
    from wagtail.contrib.frontend_cache.utils import PurgeBatch
    from wagtail.models import Site

    batch = PurgeBatch()
    batch.add_urls(site.root_url + "/" for site in Site.objects.all())
    batch.purge()
    return sorted(batch.urls)


def _saved_or_deleted(sender, instance=None, update_fields=None, **kwargs):
    if not (isinstance(sender, type) and issubclass(sender, models_shown_on_pages())):
        return
    if update_fields and DRAFT_FIELDS.issuperset(update_fields):
        return
    shown = getattr(instance, "shown_on_pages", None)
    if shown is not None and not shown():
        return
    content_changed()


def _published(sender, **kwargs):
    content_changed()


def connect():
    """Called once, by the core app's ready()."""
    post_save.connect(_saved_or_deleted, dispatch_uid="caching-on-save")
    post_delete.connect(_saved_or_deleted, dispatch_uid="caching-on-delete")
    post_page_move.connect(_published, dispatch_uid="caching-on-page-move")
    # Publishing saves the page too; scheduled publishing and unpublishing go through these.
    page_published.connect(_published, dispatch_uid="caching-on-publish")
    page_unpublished.connect(_published, dispatch_uid="caching-on-unpublish")
