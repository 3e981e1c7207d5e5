"""Serving a page: Wagtail's serve view, with the page found by its address in one query.

Why not Wagtail's own view: with translated slugs, wagtail-modeltranslation replaces every page
type's ``route()`` by one that, at each level of the address, loads every child of the page
and then the chosen child's specific page. Reaching an event meant loading every event of the
agenda and nine queries before the page itself; a partner city, every other partner city.
Every page stores its address in each language (``url_path_fr``,
``url_path_en``, kept up to date by wagtail-modeltranslation), so one query finds the page and
its ancestors, and one more loads it. Nothing is patched: ``serve`` is this project's view for
Wagtail's URL pattern (clermont_intl/urls.py), and once the page is found it does what
``wagtail.views.serve`` does: the page's own ``route()`` for what remains of the address (a
feed of a routable page), the ``on_serve_page`` and ``before_serve_page`` hooks (view
restrictions among them), then ``page.serve()``. tests/pages/test_routing.py holds it to Wagtail's
answers for every page type.

The same query tells whether the page or an ancestor has a view restriction: the response is
then private (clermont_intl.caching.proxy), and when none has one, Wagtail's own check of the
restrictions is told so instead of asking the database again (RoutedPageMixin).
"""

import functools

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef
from django.http import Http404, HttpResponse
from django.urls import Resolver404
from django.utils import translation
from django.utils.translation import gettext

from wagtail import hooks
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page, PageViewRestriction, Site

from modeltranslation.utils import build_localized_fieldname


class RoutedPageMixin:
    """For every page type: Wagtail's check of the view restrictions, when serving a page whose
    address (serve) showed that neither it nor an ancestor has one, asks nothing more."""

    def get_view_restrictions(self):
        if getattr(self, "known_unrestricted", False):
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()


def serve(request, path):
    """Serves the page at path, as wagtail.views.serve does (see the module's docstring)."""
    from wagtail.views import serve_chain  # a module that needs the models loaded

    page, args, kwargs = find_page(request, path)
    on_serve_chain = serve_chain
    for fn in reversed(hooks.get_hooks("on_serve_page")):
        on_serve_chain = fn(on_serve_chain)
    for fn in hooks.get_hooks("before_serve_page"):
        result = fn(page, request, args, kwargs)
        if isinstance(result, HttpResponse):
            return result
    return on_serve_chain(page, request, args, kwargs)


def find_page(request, path):
    """(page, args, kwargs) for the address path of the request's site, in the request's
    language; Http404 when nothing answers it. Sets request.view_restricted and
    request.page_trail (the page's ancestors from the site's root, as Wagtail pages)."""
    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    components = [component for component in path.split("/") if component]
    chain = _chain(site.root_page, components)
    target, remaining = _answering(chain, components)
    model = ContentType.objects.get_for_id(target.content_type_id).model_class()
    page = model.objects.get(pk=target.pk)
    restricted = any(row.restricted for row in chain[: chain.index(target) + 1])
    request.view_restricted = restricted
    request.page_trail = chain[: chain.index(target)]
    if not restricted and not any(row.alias_of_id for row in chain):
        page.known_unrestricted = True
    # The page's own route: its live state and, for a routable page, its feeds and files.
    return page.route(request, remaining)


# The Page fields the router and the breadcrumbs read of the pages along an address.
CHAIN_FIELDS = ("path", "depth", "content_type", "live", "alias_of", "url_path", "title")


def _chain(root, components):
    """The site's root page and the pages along the address, shallowest first, as far as the
    address names pages: one query. Each carries ``restricted`` (it has a view restriction)."""
    field = build_localized_fieldname("url_path", translation.get_language())
    base = getattr(root, field) or root.url_path
    wanted = [base] + [
        base + "/".join(components[:end]) + "/" for end in range(1, len(components) + 1)
    ]
    rows = (
        Page.objects.filter(path__startswith=root.path, **{f"{field}__in": wanted})
        # What the rows are read for, here and in the breadcrumbs (request.page_trail: title
        # and address); modeltranslation adds each field's columns in every language. A third
        # of Page's columns: less SQL to compile and fewer values to load at every request.
        .only(*CHAIN_FIELDS)
        .annotate(restricted=Exists(PageViewRestriction.objects.filter(page=OuterRef("pk"))))
        .order_by("depth")
    )
    by_address = {getattr(row, field): row for row in rows}
    chain = []
    for address in wanted:
        row = by_address.get(address)
        if row is None or (chain and row.depth != chain[-1].depth + 1):
            break
        chain.append(row)
    if not chain or chain[0].pk != root.pk:
        raise Http404
    return chain


def _answering(chain, components):
    """(the page of chain that answers the address, the components left for its own route).

    As Wagtail's routing has it, a live routable page answers with its own routes before its
    children are looked at: a child named like one of its routes never hides it."""
    for depth, row in enumerate(chain):
        remaining = components[depth:]
        model = ContentType.objects.get_for_id(row.content_type_id).model_class()
        if remaining and row.live and issubclass(model, RoutablePageMixin):
            try:
                model.get_resolver().resolve("/" + "/".join(remaining) + "/")
            except Resolver404:
                continue
            return row, remaining
    depth = len(chain) - 1
    return chain[-1], components[depth:]


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
