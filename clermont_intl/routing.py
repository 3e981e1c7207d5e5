"""Find the page for a URL in one lookup instead of one per level.

wagtail-modeltranslation replaces Page.route so that slugs are per language; its version loads
every child of each page along the path (all 800 events to reach one) and its specific page,
two queries per level. Every page stores its path in each language (url_path_fr, url_path_en,
kept up to date by wagtail-modeltranslation), so the home page can find any descendant by it:
the paths of the whole tree are kept in the shared cache, and only the page itself is loaded.
"""

from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from django.utils import translation

from wagtail.models import Page

from modeltranslation.utils import build_localized_fieldname

from .caching.generation import remember


def route_by_url_path(self, request, path_components):
    """Page.route for the site's root page; unknown paths go the usual way (and 404)."""
    slow_route = route_by_url_path.slow_route
    if not path_components:
        return slow_route(self, request, path_components)
    field = build_localized_fieldname("url_path", translation.get_language())
    own_path = getattr(self, field, None) or self.url_path
    wanted = own_path + "/".join(path_components) + "/"
    found = url_paths(self, field).get(wanted)
    if found is None:
        return slow_route(self, request, path_components)
    pk, content_type_id = found
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    page = model.objects.filter(pk=pk).first()
    if page is None or not page.live:
        raise Http404
    # The page itself answers for its own URL (a form page serves GET and POST alike).
    return page.route(request, [])


def url_paths(root, field):
    """{URL path in one language: (page id, content type id)} for every page under root.

    One query per language, kept in the shared cache until the tree changes: a URL is then
    found without a lookup, and unknown URLs add nothing to the cache.
    """
    return remember(
        f"url-paths:{root.pk}:{field}",
        lambda: {
            path: (pk, content_type_id)
            for pk, content_type_id, path in Page.objects.descendant_of(root).values_list(
                "pk", "content_type_id", field
            )
            if path
        },
    )


def install(model):
    """Replace model.route, after wagtail-modeltranslation has patched it."""
    if getattr(model.route, "__name__", "") == route_by_url_path.__name__:
        return
    route_by_url_path.slow_route = model.route
    model.route = route_by_url_path
