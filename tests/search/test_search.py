"""Search in the language of the URL, stemmed for that language, as people type: without
accents, in any case; pages with content before the lists of pages; forms found by what they
are for."""

import re

from django.conf import settings

import pytest

pytestmark = pytest.mark.django_db


def result_titles(response):
    assert response.status_code == 200
    return [entry.title for entry in response.context["results"]]


def test_french_words_are_stemmed_as_french(client):
    titles = result_titles(client.get("/fr/recherche/", {"q": "jumelages"}))
    assert "Salford" in titles and "Braga" in titles
    assert "Oyem" not in titles


def test_english_words_are_stemmed_as_english(client):
    titles = result_titles(client.get("/en/search/", {"q": "twinned"}))
    assert "Salford" in titles
    titles = result_titles(client.get("/en/search/", {"q": "solidarity"}))
    assert "Oyem" in titles


def test_each_language_searches_its_own_text(client):
    assert result_titles(client.get("/en/search/", {"q": "jumelée"})) == []
    assert "CIED Clermont Puy-de-Dôme" in result_titles(
        client.get("/fr/recherche/", {"q": "expositions"})
    )
    assert "Europe Direct Clermont Puy-de-Dôme" in result_titles(
        client.get("/en/search/", {"q": "exhibition"})
    )


def test_unpublished_pages_are_not_found(client, site_pages):
    from partners.models import PartnerCityPage

    PartnerCityPage.objects.get(title_fr="Oyem").unpublish()
    assert "Oyem" not in result_titles(client.get("/fr/recherche/", {"q": "Oyem"}))


def test_published_changes_are_found(client, site_pages):
    from partners.models import PartnerCityPage

    page = PartnerCityPage.objects.get(title_fr="Braga")
    page.intro_en = "Famous for its baroque sanctuaries."
    page.save_revision().publish()
    assert "Braga" in result_titles(client.get("/en/search/", {"q": "sanctuary"}))


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        "<script>alert(1)</script>",
        "' OR 1=1 --",
        "&&&|||!!!",
        "\x00",
        "a" * 10000,
        "jumelage:*",
        "((((",
    ],
)
def test_hostile_or_empty_queries_get_a_clear_answer(client, query):
    response = client.get("/fr/recherche/", {"q": query})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_empty_result_is_said_clearly(client):
    response = client.get("/en/search/", {"q": "zzzzunknownword"})
    assert response.status_code == 200
    assert 'role="status"' in response.content.decode()
    assert result_titles(response) == []


def test_bad_page_number(client):
    assert client.get("/fr/recherche/", {"q": "ville", "page": "abc"}).status_code == 200


def test_results_come_ten_a_page_counted_with_the_page_and_a_page_too_far_shows_the_last(
    client, site_pages
):
    from tests.factories import add_partner

    for number in range(13):
        add_partner(site_pages["partners"], f"Pneuville-{number:02d}").save_revision().publish()

    def shown(page):
        response = client.get("/fr/recherche/", {"q": "Pneuville", "page": page})
        assert response.status_code == 200
        results = response.context["results"]
        assert results.paginator.count == 13
        return results.number, [entry.title for entry in results]

    number, titles = shown("1")
    assert number == 1 and len(titles) == 10
    number, second = shown("2")
    assert number == 2 and len(second) == 3 and not set(titles) & set(second)
    assert shown("abc") == (1, titles)
    # Past the last page, however far (even past what the database can count), the last one.
    assert shown("3") == (2, second)
    assert shown("99999999999999999999999") == (2, second)


@pytest.mark.parametrize(
    "number, links",
    [
        (1, [1, 2, 3, None, 27]),
        (14, [1, None, 12, 13, 14, 15, 16, None, 27]),
        (27, [1, None, 25, 26, 27]),
    ],
)
def test_pagination_shows_the_ends_and_two_pages_on_each_side_of_the_current_one(number, links):
    """Results, news, events and partners share includes/pagination.html: as many links, and as
    much work, at 27 pages as at 270."""
    from django.core.paginator import Paginator

    from clermont_intl.templatetags.site_tags import page_links

    assert page_links(Paginator(range(270), 10).page(number)) == links


def test_a_search_asked_again_shows_what_was_published_or_made_private_since(client, site_pages):
    """A change published since shows at once, and a section made private is left out at once,
    even written with no signal (the search asks the database on every request)."""
    from wagtail.models import PageViewRestriction

    from partners.models import PartnerCityPage

    assert "Braga" not in result_titles(client.get("/en/search/", {"q": "sanctuary"}))
    page = PartnerCityPage.objects.get(title_fr="Braga")
    page.intro_en = "Famous for its baroque sanctuaries."
    page.save_revision().publish()
    assert "Braga" in result_titles(client.get("/en/search/", {"q": "sanctuary"}))

    PageViewRestriction.objects.bulk_create(
        [PageViewRestriction(page=page, restriction_type=PageViewRestriction.LOGIN)]
    )
    assert "Braga" not in result_titles(client.get("/en/search/", {"q": "sanctuary"}))


# --- As people type: without accents, in any case ------------------------------------------------


@pytest.mark.parametrize(
    "plain, accented, first",
    [
        ("reseau", "réseau", "Réseau International des Villes Michelin"),
        ("RESEAU", "Réseau", "Réseau International des Villes Michelin"),
        ("bielorussie", "Biélorussie", "Gomel"),
        ("echanges", "échanges", None),
        ("europeen", "européen", "Projets européens et internationaux"),
        ("Europeens", "Européens", "Projets européens et internationaux"),
        ("Puy de Dome", "Puy-de-Dôme", "CIED Clermont Puy-de-Dôme"),
    ],
)
def test_french_words_typed_without_accents_find_what_they_find_with_them(
    client, plain, accented, first
):
    found = result_titles(client.get("/fr/recherche/", {"q": plain}))
    assert found and found == result_titles(client.get("/fr/recherche/", {"q": accented}))
    assert first is None or found[0] == first


def test_english_pages_are_found_without_the_accents_of_french_names(client):
    found = result_titles(client.get("/en/search/", {"q": "puy de dome"}))
    assert found[0] == "Europe Direct Clermont Puy-de-Dôme"
    assert found == result_titles(client.get("/en/search/", {"q": "Puy-de-Dôme"}))


def test_a_published_page_is_found_without_its_accents_in_both_languages(client, site_pages):
    from clermont_intl.models import ContentPage

    page = ContentPage(
        title="Accueil des délégations",
        title_en="Welcoming delegations",
        slug="accueil-des-delegations",
        slug_en="welcoming-delegations",
        intro="Le comité de jumelage de Besançon reçoit les élèves de Salford.",
        intro_en="The twinning committee of Besançon welcomes pupils from Salford.",
    )
    site_pages["mission"].add_child(instance=page)
    page.save_revision().publish()
    for query in ("comite", "COMITÉ", "comités", "Comite de jumelage", "delegation", "eleves"):
        found = result_titles(client.get("/fr/recherche/", {"q": query}))
        assert "Accueil des délégations" in found, query
    for query in ("besancon", "Besançon", "BESANCON"):
        assert "Welcoming delegations" in result_titles(client.get("/en/search/", {"q": query}))


@pytest.mark.parametrize("query", ["reseau", "réseau", "RESEAU"])
def test_the_snippet_marks_the_words_found_whatever_their_accents(client, query):
    body = client.get("/fr/recherche/", {"q": query}).content.decode()
    assert re.search(r"<mark>[Rr]éseau</mark>", body)


def test_folding_removes_accents_and_case_as_postgresql_unaccent_does():
    from clermont_intl.search import fold, stems

    assert fold("Réseau ÉCHANGES Biélorussie Œuvre") == "reseau echanges bielorussie oeuvre"
    # A word is stemmed as written and without accents: "jumelées" keeps the stem of its
    # accented ending, "jumelees" (typed without accents) finds it by the other.
    assert stems("jumelées", "fr").split() == ["jumel", "jumele"]
    assert stems("jumelees", "fr").split() == ["jumele"]
    assert stems("Salford", "en").split() == ["salford"]


def test_the_migration_indexes_the_entries_again_as_the_search_indexes_pages():
    """Migration 0014 re-stems the entries indexed before it with a copy of the stemming."""
    import importlib

    from clermont_intl import search

    migration = importlib.import_module("clermont_intl.migrations.0014_search_without_accents")
    text = "Réseaux européens, comités jumelés : Œuvre ÉCHANGES Biélorussie Homyel 1966"
    for language, (config, stemmer) in migration.LANGUAGES.items():
        assert migration.stems(text, stemmer) == f" {search.stems(text, language)} "
        assert settings.SEARCH_CONFIGS[language] == config
    assert search.UNACCENTED_CONFIGS == {name: f"{name}_unaccent" for name in migration.STEMMERS}


# --- Relevance -----------------------------------------------------------------------------------


def lists_others(entry):
    from django.contrib.contenttypes.models import ContentType

    from clermont_intl.home import listing_page_types

    model = ContentType.objects.get_for_id(entry.page.content_type_id).model_class()
    return model in listing_page_types()


@pytest.mark.parametrize(
    "language, query",
    [
        ("fr", "Europe"),
        ("en", "Europe"),
        ("fr", "Puy de Dome"),
        ("en", "exhibitions"),
        ("fr", "partenaires"),
    ],
)
def test_pages_that_only_list_others_come_after_pages_with_content(client, language, query):
    url = "/fr/recherche/" if language == "fr" else "/en/search/"
    response = client.get(url, {"q": query})
    rows = response.context["results"]
    query_words = {word.casefold() for word in query.split()}
    # Those named by the query come first, whatever they are.
    unnamed = [e for e in rows if not query_words & set(re.findall(r"\w+", e.title.casefold()))]
    listing = [lists_others(entry) for entry in unnamed]
    assert True in listing and False in listing, [e.title for e in rows]
    assert listing == sorted(listing), [e.title for e in rows]


@pytest.mark.parametrize("language, news_index", [("fr", "Actualités"), ("en", "News")])
def test_europe_does_not_open_on_the_news_index(client, language, news_index):
    url = "/fr/recherche/" if language == "fr" else "/en/search/"
    found = result_titles(client.get(url, {"q": "Europe"}))
    assert found[0] in {"CIED Clermont Puy-de-Dôme", "Europe Direct Clermont Puy-de-Dôme"}
    if news_index in found:
        assert found.index(news_index) > 0


# --- Forms found by what they are for ------------------------------------------------------------

SUPPORT = {
    "fr": "Demande d'accompagnement de projet international",
    "en": "Request for support with an international project",
}


@pytest.mark.parametrize(
    "language, query, expected, among",
    [
        ("fr", "association", SUPPORT["fr"], 1),
        ("fr", "subvention", SUPPORT["fr"], 1),
        ("fr", "Subventions", SUPPORT["fr"], 1),
        ("fr", "financement", SUPPORT["fr"], 1),
        ("fr", "partenaire", SUPPORT["fr"], 4),
        ("en", "association", SUPPORT["en"], 1),
        ("en", "grant", SUPPORT["en"], 1),
        ("en", "funding", SUPPORT["en"], 1),
        ("en", "partner", SUPPORT["en"], 4),
        ("fr", "contact", "Contact", 1),
        ("fr", "écrire", "Contact", 1),
        ("fr", "ecrire", "Contact", 1),
        ("en", "contact", "Contact", 1),
        ("en", "write", "Contact", 1),
    ],
)
def test_forms_are_found_by_what_they_are_for(client, language, query, expected, among):
    url = "/fr/recherche/" if language == "fr" else "/en/search/"
    found = result_titles(client.get(url, {"q": query}))
    assert expected in found[:among], found


def test_editors_say_what_a_form_is_for_in_its_search_description(client, editor, site_pages):
    """The promote tab's search description, in each language, is searched (and shown by
    search engines): an editor adds the words people look for."""
    from django.urls import reverse

    from tests.admin_forms import form_data

    support = site_pages["support_form"]
    edit_url = reverse("wagtailadmin_pages:edit", args=[support.pk])
    client.force_login(editor)
    editor_page = client.get(edit_url)
    assert 'name="search_description_fr"' in editor_page.content.decode()
    assert 'name="search_description_en"' in editor_page.content.decode()
    data = form_data(
        editor_page,
        search_description_fr="Mobilité des jeunes, bourses et volontariat à l'étranger.",
        search_description_en="Youth mobility, bursaries and volunteering abroad.",
        **{"action-publish": "action-publish"},
    )
    assert client.post(edit_url, data).status_code == 302
    client.logout()
    assert result_titles(client.get("/fr/recherche/", {"q": "mobilite"}))[0] == SUPPORT["fr"]
    assert result_titles(client.get("/fr/recherche/", {"q": "volontariat"})) == [SUPPORT["fr"]]
    assert result_titles(client.get("/en/search/", {"q": "bursary"})) == [SUPPORT["en"]]
    # What the seed said before is no longer there.
    assert SUPPORT["fr"] not in result_titles(client.get("/fr/recherche/", {"q": "subvention"}))


def test_the_seed_describes_the_forms_of_an_earlier_seed_but_never_an_editors(client):
    """Sites seeded before the forms had search descriptions get them when the seed runs again
    (make run does); a description an editor wrote stays."""
    from clermont_intl.content.seed import SeedLoader
    from clermont_intl.models import ContactFormPage
    from projects.models import ProjectSupportFormPage

    for model in (ProjectSupportFormPage, ContactFormPage):
        page = model.objects.get()
        page.search_description_fr = page.search_description_en = ""
        page.save_revision().publish()
    assert SUPPORT["fr"] not in result_titles(client.get("/fr/recherche/", {"q": "subvention"}))
    contact = ContactFormPage.objects.get()
    contact.search_description_fr = "Écrivez-nous."
    contact.save_revision().publish()

    report = SeedLoader().run()
    assert "demande d'accompagnement de projet" in " ".join(report.corrected).lower()
    assert result_titles(client.get("/fr/recherche/", {"q": "subvention"})) == [SUPPORT["fr"]]
    assert result_titles(client.get("/en/search/", {"q": "grant"})) == [SUPPORT["en"]]
    contact = ContactFormPage.objects.get()
    assert contact.search_description_fr == "Écrivez-nous."
    assert not contact.search_description_en
    # A second run changes nothing.
    assert not [line for line in SeedLoader().run().corrected if "search description" in line]
