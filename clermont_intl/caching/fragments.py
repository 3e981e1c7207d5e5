"""The site version, part of the key of every fragment the application caches.

Templates cache what is the same for every visitor of a page type (the menu, the footer, the
partner map, card lists) with Wagtail's {% wagtailcache %}, naming in the key everything the
fragment shows: the site, the language, the current page where the fragment depends on it, and
``site_version``. The version is a random token kept in the shared cache itself; it is replaced
after any change a visitor can see is committed (clermont_intl.caching.invalidation), so that no
process reads a fragment written before the change. The release is in the cache's KEY_PREFIX
(release.py). Fragments also expire after FRAGMENT_CACHE_SECONDS: that bounds what a change
missed while Redis was unreachable can cost.
"""

import secrets

from django.conf import settings
from django.core.cache import cache

KEY = "site-version"


# The cache alias of a fragment that must not be kept: Django's DummyCache (settings).
NOWHERE = "nowhere"


def current():
    """The site version the shared cache holds, or a new one if it holds none (first request,
    eviction, a flush). None while the cache does not answer: the request's fragments then
    leave the cache alone."""
    version = cache.get(KEY)
    if version is None:
        new = secrets.token_hex(8)
        # add(): of two processes starting a version at once, both use the one stored first.
        # django-redis answers None instead of True or False when Redis does not answer.
        added = cache.add(KEY, new, None)
        version = new if added else (cache.get(KEY) if added is False else None)
    return version


def renew():
    """A new site version: every fragment written until now is never read again."""
    cache.set(KEY, secrets.token_hex(8), None)


class SiteVersionMiddleware:
    """Reads the site version before the view reads any content.

    A fragment built from rows read before a change must not be stored under the version that
    follows the change: reading the version first guarantees it, since the version only moves
    after the change is committed.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in ("GET", "HEAD"):
            request.site_version = current()
        return self.get_response(request)


def fragment_context(request):
    """Template context: ``site_version`` for the fragments' keys, ``fragment_seconds`` for
    their lifetime, and ``fragment_cache``, the cache they use (``using=``): none at all on a
    page with a view restriction (nothing of it is ever stored) or while the cache does not
    answer."""
    version = getattr(request, "site_version", None)
    restricted = getattr(request, "view_restricted", False)
    return {
        "site_version": version,
        "fragment_seconds": settings.FRAGMENT_CACHE_SECONDS,
        "fragment_cache": NOWHERE if restricted or version is None else "default",
    }
