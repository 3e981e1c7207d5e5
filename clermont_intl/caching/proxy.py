"""What the caching proxy (Varnish) may keep, and how it is told to forget.

Public pages are kept PAGE_CACHE_SECONDS (s-maxage) or less when they change with the clock
(clock.py), and purged after every change a visitor can see (invalidation.py). Never kept: a
page with a view restriction, and any response that varies by visitor — for a signed-in user or
a visitor with a session (who may have given a page's password), or one that sets a cookie or
varies on it (a form's CSRF token). Those are marked private here, whatever the proxy's
configuration says (clermont_intl/deploy/varnish/default.vcl refuses them too).
"""

from django.conf import settings
from django.utils.cache import add_never_cache_headers, patch_cache_control

PRIVATE_DIRECTIVES = ("private", "no-store", "no-cache")


def varies_by_visitor(request, response):
    vary = {part.strip().lower() for part in response.get("Vary", "").split(",")}
    return bool(
        settings.SESSION_COOKIE_NAME in request.COOKIES
        or response.cookies
        or "cookie" in vary
        or getattr(request, "view_restricted", False)
    )


class SharedCacheControlMiddleware:
    """Sets Cache-Control on every answer to a GET or HEAD: s-maxage for what the proxy may
    keep, private and no-store for what it must not."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method not in ("GET", "HEAD"):
            return response
        if varies_by_visitor(request, response):
            # Also drops an s-maxage the page set for itself (a private agenda).
            del response["Cache-Control"]
            add_never_cache_headers(response)
            patch_cache_control(response, private=True)
        elif response.status_code == 200 and not _says_who_keeps_it(response):
            # max-age=0: browsers ask again, so that a purged page does not linger in them.
            patch_cache_control(response, s_maxage=settings.PAGE_CACHE_SECONDS, max_age=0)
        return response


def _says_who_keeps_it(response):
    control = response.get("Cache-Control", "")
    return "s-maxage" in control or any(word in control for word in PRIVATE_DIRECTIVES)


def purge_site():
    """Asks the caching proxy to forget every page of every site, through Wagtail's frontend
    cache (nothing without WAGTAILFRONTENDCACHE). A purge of a site's root: the shipped VCL
    turns it into a ban of every URL below it. Returns the URLs purged."""
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return []
    from wagtail.contrib.frontend_cache.utils import PurgeBatch
    from wagtail.models import Site

    batch = PurgeBatch()
    batch.add_urls(site.root_url + "/" for site in Site.objects.all())
    batch.purge()
    return sorted(batch.urls)
