"""Purge a page from the caching proxy in both languages, with the pages that list it.

Wagtail's own frontend-cache handlers purge the URL of the active language only, and only the
page itself; here a change purges /fr/… and /en/… of the page, of its parent (the index that
lists it) and of the home and mission pages (their teasers and the menu). A moved page is also
purged at its old addresses. Without WAGTAILFRONTENDCACHE (no proxy configured) nothing is sent.
"""

from django.conf import settings
from django.utils import translation

from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

from .tree_cache import now_and_at_commit


def page_urls(page):
    """The page's absolute URL in every language (a page not routable has none)."""
    urls = []
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            url = page.get_full_url()
        if url:
            urls.append(url)
    return urls


def related_pages(page):
    """The pages whose HTML shows this one: its parent index, the mission and home pages."""
    from .models import HomePage, MissionPage

    related = []
    parent = page.get_parent()
    if parent is not None and not parent.is_root():
        related.append(parent)
    related += list(HomePage.objects.all()) + list(MissionPage.objects.all())
    return [p for p in related if p.pk != page.pk]


def urls_to_purge(page, extra_urls=()):
    urls = list(extra_urls) + page_urls(page)
    for other in related_pages(page):
        urls += page_urls(other)
    return list(dict.fromkeys(urls))  # in order, once each


def purge_page(page, extra_urls=()):
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return []
    urls = urls_to_purge(page, extra_urls)
    _purge(urls)
    return urls


def purge_section(page):
    """A section made private: its pages, cached while public, must leave the proxy at once."""
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return []
    urls = []
    for section_page in page.get_descendants(inclusive=True).live().specific(defer=True):
        urls += page_urls(section_page)
    _purge(urls)
    return urls


def _purge(urls):
    now_and_at_commit(lambda: purge_urls_from_cache(urls))
