"""Find the page for a URL in one lookup instead of one per level.

wagtail-modeltranslation replaces Page.route so that slugs are per language; its version loads
every child of each page along the path (all 800 events to reach one) and its specific page,
two queries per level. Every page stores its path in each language (url_path_fr, url_path_en,
kept up to date by wagtail-modeltranslation), so the home page can find any descendant by it.
"""

from django.http import Http404
from django.utils import translation

from wagtail.models import Page

from modeltranslation.utils import build_localized_fieldname


def route_by_url_path(self, request, path_components):
    """Page.route for the site's root page; unknown paths go the usual way (and 404)."""
    slow_route = route_by_url_path.slow_route
    if not path_components:
        return slow_route(self, request, path_components)
    field = build_localized_fieldname("url_path", translation.get_language())
    own_path = getattr(self, field, None) or self.url_path
    wanted = own_path + "/".join(path_components) + "/"
    page = Page.objects.descendant_of(self).filter(**{field: wanted}).first()
    if page is None:
        return slow_route(self, request, path_components)
    page = page.specific
    if not page.live:
        raise Http404
    # The page itself answers for its own URL (a form page serves GET and POST alike).
    return page.route(request, [])


def install(model):
    """Replace model.route, after wagtail-modeltranslation has patched it."""
    if getattr(model.route, "__name__", "") == route_by_url_path.__name__:
        return
    route_by_url_path.slow_route = model.route
    model.route = route_by_url_path
