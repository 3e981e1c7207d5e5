"""Find the page for a URL in one lookup instead of one per level.

wagtail-modeltranslation replaces Page.route so that slugs are per language; its version loads
every child of each page along the path (all 800 events to reach one) and its specific page,
two queries per level. Every page stores its path in each language (url_path_fr, url_path_en,
kept up to date by wagtail-modeltranslation), so the home page can find any descendant by it:
the paths of the whole tree are kept in the shared cache, and so is the page found (_load).
"""

import functools
import pickle

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import translation
from django.utils.translation import gettext

from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page, Site, SiteRootPath

from modeltranslation.utils import build_localized_fieldname
from wagtail_modeltranslation import patch_wagtailadmin

from .caching.generation import in_request, remember


def route_by_url_path(self, request, path_components):
    """Page.route for the site's root page; unknown paths go the usual way (and 404)."""
    slow_route = route_by_url_path.slow_route
    if not path_components:
        return slow_route(self, request, path_components)
    field = build_localized_fieldname("url_path", translation.get_language())
    own_path = getattr(self, field, None) or self.url_path
    wanted = own_path + "/".join(path_components) + "/"
    paths = url_paths(self, field)
    found = paths.get(wanted)
    if found is not None:
        # The page itself answers for its own URL (a form page serves GET and POST alike).
        return _load(found).route(request, [])
    # A route of a routable page (a feed, an archive, a data file): the page is found by the
    # start of the address and answers for the rest.
    for end in range(len(path_components) - 1, 0, -1):
        found = paths.get(own_path + "/".join(path_components[:end]) + "/")
        if found is not None:
            model = ContentType.objects.get_for_id(found[1]).model_class()
            if not issubclass(model, RoutablePageMixin):
                break
            return _load(found).route(request, path_components[end:])
    return slow_route(self, request, path_components)


def _load(found):
    """The page, as it was when the tree last changed.

    Building the query of a specific page (sixty columns over three tables) costs Django more
    than the rest of a warm request, so the loaded page is kept with the tree, pickled: each
    request gets its own copy to change. Who may see it is not kept: view restrictions are read
    from the database on every request (caching.privacy), and a change an editor publishes gives
    the tree a new generation, so no copy from before it is ever read.
    """
    pk, content_type_id = found
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    pickled = remember(f"page:{pk}", lambda: _pickled_page(model, pk))
    page = pickle.loads(pickled) if pickled is not None else None
    if page is None or not page.live:
        raise Http404
    return page


def _pickled_page(model, pk):
    # Not .first(): its ORDER BY costs as much to build as the rest of this wide query.
    page = next(iter(model.objects.filter(pk=pk)), None)
    return pickle.dumps(page, pickle.HIGHEST_PROTOCOL) if page is not None else None


def url_paths(root, field):
    """{URL path in one language: (page id, content type id)} for every page under root.

    One query per language, kept in the cache until the tree changes: a URL is then found
    without a lookup, and unknown URLs add nothing to the cache. A page whose slug is a route
    of its parent (an event called "calendar") is left out, so that the parent's route answers
    as Wagtail's own routing has it (RoutablePageMixin.route tries its routes first).
    """
    return remember(f"url-paths:{root.pk}:{field}", lambda: _build_url_paths(root, field))


def _build_url_paths(root, field):
    rows = list(
        Page.objects.descendant_of(root).values_list("pk", "content_type_id", field, "path")
    )
    models = {path: content_type_id for _pk, content_type_id, _url, path in rows}
    found = {}
    for pk, content_type_id, url_path, path in rows:
        if not url_path:
            continue
        parent_type = models.get(path[: -Page.steplen])
        if parent_type is not None:
            parent_model = ContentType.objects.get_for_id(parent_type).model_class()
            if url_path.rstrip("/").rsplit("/", 1)[-1] in route_prefixes(parent_model):
                continue
        found[url_path] = (pk, content_type_id)
    return found


@functools.cache
def route_prefixes(model):
    """The first path segment of each of a routable page type's own routes: "calendar", "rss",
    "open-data"… (none for other page types)."""
    if model is None or not issubclass(model, RoutablePageMixin):
        return frozenset()
    prefixes = set()
    for pattern in model.get_subpage_urls():
        first = str(pattern.pattern).lstrip("^").split("/", 1)[0]
        if first and not any(char in first for char in "<([$"):
            prefixes.add(first)
    return frozenset(prefixes)


def refuse_route_slugs(slugs, parent):
    """ValidationError if one of slugs ({field name: slug}) is a route of the parent page.

    Such a page would hide the parent's feed or export, or be hidden by it."""
    reserved = route_prefixes(type(parent.specific_deferred)) if parent is not None else ()
    errors = {
        name: gettext(
            "“%(slug)s” is already the address of a service of the page “%(parent)s” (a feed or "
            "a data file). Choose another address for this page."
        )
        % {"slug": slug, "parent": parent.title}
        for name, slug in slugs.items()
        if slug in reserved
    }
    if errors:
        raise ValidationError(errors)


def site_root_paths():
    """The sites' root paths in the current language, from which every page URL is built.

    wagtail-modeltranslation reads them from the shared cache whenever the language changes
    (three times a page: its URL and its address in each language for the language links), and
    its entries outlive a change of a site's root. During a request they are kept with the tree
    instead (remember: in the worker, renewed with the generation); elsewhere its own lookup.
    """
    if not in_request():
        return _modeltranslation_site_root_paths()
    by_language = remember("site-root-paths", _build_site_root_paths)
    language = translation.get_language()
    rows = by_language.get(language) or by_language[settings.LANGUAGE_CODE]
    return [SiteRootPath(*row) for row in rows]


def _build_site_root_paths():
    """{language: rows as wagtail-modeltranslation gives them}, every language in one query."""
    sites = list(Site.objects.select_related("root_page", "root_page__locale"))
    by_language = {}
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            rows = [
                (
                    site.id,
                    site.root_page.url_path,
                    site.root_url,
                    site.root_page.locale.language_code,
                )
                for site in sites
            ]
        by_language[language] = sorted(rows, key=lambda row: row[1], reverse=True)
    return by_language


_modeltranslation_site_root_paths = patch_wagtailadmin._localized_site_get_site_root_paths


def install(model):
    """Replace model.route, after wagtail-modeltranslation has patched it, and the lookup of the
    sites' root paths that its patched pages call."""
    patch_wagtailadmin._localized_site_get_site_root_paths = site_root_paths
    if getattr(model.route, "__name__", "") == route_by_url_path.__name__:
        return
    route_by_url_path.slow_route = model.route
    model.route = route_by_url_path
