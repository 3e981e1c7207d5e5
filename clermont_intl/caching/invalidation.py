"""After a change a visitor can see is committed: a new site version, and the proxy purged.

What a visitor sees of one page shows on many others: a title in the menu of every page, in
its children's breadcrumbs, in teasers and cross-links; a contact detail or a theme shows
everywhere. Working out every page a change shows on is where caches go wrong, and this section
has a few hundred pages, each rendered again in milliseconds: any change forgets the whole site,
in both caches (invalidation.forget_site).

Only after the commit: before it, another request could render the old rows again and store
them under the new version, or the proxy fetch them again. Publishing saves several rows in one
transaction; the site is forgotten once for all of them.

The models shown on pages are the core's below and those each app returns from the hook
"register_models_shown_on_pages" in its wagtail_hooks.py. A model of which only some rows show
can say so with a method ``shown_on_pages()`` (a loan request: only confirmed loans show, as
dates taken): a save or delete of a row that neither shows nor showed changes nothing.
"""

import functools
import logging
import threading

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from wagtail import hooks
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import fragments, proxy

logger = logging.getLogger(__name__)

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
# wagtail-modeltranslation keeps the sites' root paths in the cache, one key per language
# (patch_wagtailadmin._localized_site_get_site_root_paths), and never deletes them when a site or
# its root page changes; Wagtail itself deletes only its own key.
SITE_ROOT_PATHS_KEYS = ("wagtail_site_root_paths_fr", "wagtail_site_root_paths_en")

# Callbacks registered on this thread's connection, and how many of them have been served.
_tickets = threading.local()


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
    """Forget the site once the current transaction commits (at once outside a transaction).

    Each call registers a numbered callback; the first to run after a commit forgets the site
    for every callback registered until then, the others do nothing. Callbacks of a rolled-back
    transaction never run and hold nothing back.
    """
    _tickets.issued = getattr(_tickets, "issued", 0) + 1
    ticket = _tickets.issued
    transaction.on_commit(lambda: _committed(ticket))


def _committed(ticket):
    if ticket <= getattr(_tickets, "served", 0):
        return
    _tickets.served = _tickets.issued
    forget_site()


def forget_site():
    """Both caches forget what visitors were shown: a new site version for the application's
    fragments, a purge of the site for the caching proxy. Also after a restore or a release
    (manage.py purge_caches). Returns the URLs purged."""
    from django.core.cache import cache

    fragments.renew()
    cache.delete_many(SITE_ROOT_PATHS_KEYS)
    try:
        return proxy.purge_site()
    except Exception:
        # The change is committed whatever the proxy says; its pages expire on their own.
        logger.exception("Could not purge the caching proxy")
        return []


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
