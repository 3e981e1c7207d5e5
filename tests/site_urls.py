"""Every public URL of the site, found at run time (for tests that visit them all)."""

from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import translation

from wagtail.models import Page

LANGUAGES = ("fr", "en")


def route_paths(patterns, prefix=""):
    """Paths of the named URL patterns that take no argument, outside the admin."""
    for pattern in patterns:
        route = str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            if route.startswith(("admin", "django-admin", "documents")):
                continue
            yield from route_paths(pattern.url_patterns, prefix)
        elif isinstance(pattern, URLPattern) and pattern.name:
            if pattern.pattern.regex.groups == 0:
                try:
                    yield reverse(pattern.name)
                except Exception:  # namespaced or needs arguments: pages cover it
                    continue


def public_urls():
    """Every public URL, each flagged "representative" if it is the first of its kind.

    The kind is the page type, or the sub-route of a routable page: pages of one type share their
    code in both languages, so the first of each kind gets the full corpus and the others a shorter
    one, which keeps the run bounded while every URL is still attacked.
    """
    urls = {}
    seen_kinds = set()

    def add(url, kind):
        urls[url] = kind not in seen_kinds
        seen_kinds.add(kind)

    for language in LANGUAGES:
        with translation.override(language):
            for path in route_paths(get_resolver().url_patterns):
                add(path, ("route", path.split("/", 2)[-1]))
            for page in Page.objects.live().public().specific().order_by("path"):
                url = page.get_url()
                if not url:
                    continue
                add(url, type(page).__name__)
                for sub in routable_paths(page):
                    add(url.rstrip("/") + "/" + sub.lstrip("/"), (type(page).__name__, sub))
    return sorted(urls.items())


def routable_paths(page):
    """The argument-less sub-routes of a RoutablePageMixin page (feeds, exports...)."""
    if not hasattr(page, "get_subpage_urls"):
        return []
    paths = []
    for pattern in page.get_subpage_urls():
        if getattr(pattern, "name", None) and pattern.pattern.regex.groups == 0:
            try:
                paths.append(page.reverse_subpage(pattern.name))
            except Exception:
                continue
    return paths
