"""The project's serve view finds the same page as Wagtail's own routing, in a fixed number of
queries, and serves it the way wagtail.views.serve does (clermont_intl.routing)."""

from django.core.cache import cache
from django.http import Http404
from django.test import RequestFactory
from django.utils import translation

from wagtail import hooks
from wagtail.models import Page, Site

import pytest

from clermont_intl import routing
from clermont_intl.caching import invalidation
from tests.factories import add_partner
from tests.site_urls import public_urls

pytestmark = pytest.mark.django_db


def wagtails_route(path, language):
    """What Wagtail's own view would serve (wagtail-modeltranslation's route() at each level)."""
    request = RequestFactory().get("/" + language + path)
    with translation.override(language):
        return Page.route_for_request(request, path)


def ours(path, language):
    request = RequestFactory().get("/" + language + path)
    with translation.override(language):
        try:
            return routing.find_page(request, path)
        except Http404:
            return None


def served_paths():
    """(language, path after the language prefix) of every page and route of the site."""
    for url, _representative in public_urls():
        language, _slash, path = url.lstrip("/").partition("/")
        if language in ("fr", "en"):
            yield language, path


def test_every_address_finds_what_wagtails_routing_finds(site_pages):
    paths = list(served_paths())
    assert len(paths) > 40
    for language, path in paths:
        theirs = wagtails_route(path, language)
        mine = ours(path, language)
        if theirs is None:
            assert mine is None, path
            continue
        assert mine is not None, path
        assert mine[0].pk == theirs[0].pk and type(mine[0]) is type(theirs[0]), path
        # The same view of a routable page (a feed), with the same arguments.
        assert [getattr(a, "__name__", a) for a in mine.args] == [
            getattr(a, "__name__", a) for a in theirs.args
        ], path


@pytest.mark.parametrize(
    "path",
    [
        "relations-internationales/villes-partenaires/inconnue/",
        "relations-internationales/inconnue/salford/",
        "nulle-part/",
        "relations-internationales/villes-partenaires/salford/rss/",
        "relations-internationales/cied-clermont-puy-de-dome/agenda/calendar/extra/",
    ],
)
def test_an_unknown_address_is_not_found_as_wagtail_has_it(path):
    assert wagtails_route(path, "fr") is None
    assert ours(path, "fr") is None


def test_a_child_named_like_a_route_never_hides_the_route(site_pages):
    """As Wagtail's routing has it, a routable page's own routes come first (such a child is
    refused by the admin; this one is written directly, as before the rule)."""
    partner = add_partner(site_pages["partners"], "Ancienne")
    index_path = site_pages["partners"].url_path_fr
    Page.objects.filter(pk=partner.pk).update(
        slug_fr="open-data", url_path_fr=index_path + "open-data/"
    )
    path = "relations-internationales/villes-partenaires/open-data/"
    theirs, mine = wagtails_route(path, "fr"), ours(path, "fr")
    assert mine[0].pk == theirs[0].pk == site_pages["partners"].pk
    assert mine.args[0].__name__ == theirs.args[0].__name__ == "open_data_schema"


def test_an_unpublished_page_is_not_found(site_pages):
    salford = Page.objects.get(slug_fr="salford")
    salford.unpublish()
    assert ours("relations-internationales/villes-partenaires/salford/", "fr") is None


def test_the_english_address_finds_the_page_and_the_french_one_does_not(site_pages):
    assert ours("international-relations/partner-cities/", "en")[0].pk == site_pages["partners"].pk
    assert ours("international-relations/partner-cities/", "fr") is None


def test_finding_a_page_costs_the_same_whatever_its_depth_and_its_siblings(
    client, site_pages, django_assert_max_num_queries
):
    """Wagtail's walk loads every child of each level; one query finds any page here."""
    for n in range(30):
        add_partner(site_pages["partners"], f"Voisine{n:02d}")
    for language, path in [("fr", "relations-internationales/villes-partenaires/voisine29/"),
                           ("fr", ""), ("en", "international-relations/")]:  # fmt: skip
        request = RequestFactory().get("/" + language + "/" + path)
        Site.find_for_request(request)  # the site: a query of its own, as in Wagtail's view
        with translation.override(language), django_assert_max_num_queries(2):
            routing.find_page(request, path)


def test_the_hooks_of_wagtails_serve_view_run(client, site_pages):
    seen = []

    def before(page, request, args, kwargs):
        seen.append(("before", page.pk))

    def around(next_serve):
        def serve(page, request, args, kwargs):
            seen.append(("on", page.pk))
            return next_serve(page, request, args, kwargs)

        return serve

    with hooks.register_temporarily("before_serve_page", before):
        with hooks.register_temporarily("on_serve_page", around):
            assert client.get(site_pages["partners"].url).status_code == 200
    # In Wagtail's order: the before_serve_page hooks, then the on_serve_page chain.
    assert seen == [("before", site_pages["partners"].pk), ("on", site_pages["partners"].pk)]


def test_the_sites_root_paths_keys_of_wagtail_modeltranslation_are_the_ones_renewed():
    """wagtail-modeltranslation keeps the sites' root paths per language under these keys and
    never deletes them; clermont_intl.caching.invalidation deletes them after a change. An
    upgrade that renames them fails here."""
    from wagtail_modeltranslation import patch_wagtailadmin

    cache.clear()
    for language in ("fr", "en"):
        with translation.override(language):
            patch_wagtailadmin._localized_site_get_site_root_paths()
    for key in invalidation.SITE_ROOT_PATHS_KEYS:
        assert cache.get(key) is not None, key
