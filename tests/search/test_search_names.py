"""Search knows the cities' other names, ranks pages named by the query first, highlights the
query's words safely and suggests the page a misspelt query meant, on both databases."""

import re

from django.urls import reverse
from django.utils.safestring import SafeString

from wagtail.models import PageViewRestriction
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

import pytest

from clermont_intl.search import clean_query, nearest_name, present, search_pages
from partners.models import PartnerCityPage
from tests.admin_forms import form_data

pytestmark = pytest.mark.django_db

SEARCH = {"fr": "/fr/recherche/", "en": "/en/search/"}


def search(client, language, query):
    response = client.get(SEARCH[language], {"q": query})
    assert response.status_code == 200
    return response


def titles(response):
    return [row.title for row in response.context["rows"]]


def partner(title):
    return PartnerCityPage.objects.get(title_fr=title)


# --- Other names ---------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["fr", "en"])
def test_ratisbonne_finds_regensburg_in_both_languages(client, language):
    response = search(client, language, "Ratisbonne")
    assert titles(response)[0] == "Regensburg"
    assert "<mark>Ratisbonne</mark>" in response.content.decode()


@pytest.mark.parametrize(
    "language, query", [("fr", "Homiel"), ("en", "Homel"), ("en", "Homyel"), ("fr", "Ratisbon")]
)
def test_each_languages_names_find_the_city(client, language, query):
    assert titles(search(client, language, query))[0] in {"Gomel", "Regensburg"}


def test_the_seed_gives_names_only_to_cities_with_an_established_exonym():
    named = {
        page.title_fr: (page.alternative_names_fr, page.alternative_names_en)
        for page in PartnerCityPage.objects.all()
        if page.alternative_names_fr or page.alternative_names_en
    }
    assert named == {
        "Regensburg": ("Ratisbonne", "Ratisbon"),
        "Gomel": ("Homiel", "Homel\nHomyel"),
    }


def test_the_partner_page_shows_its_names_in_the_pages_language(client):
    page = partner("Regensburg")
    french = client.get(page.url).content.decode()
    assert re.search(r"<dt>Aussi appelée</dt>\s*<dd>Ratisbonne</dd>", french)
    english = client.get("/en/international-relations/partner-cities/regensburg/")
    assert re.search(r"<dt>Also called</dt>\s*<dd>Ratisbon</dd>", english.content.decode())
    gomel = client.get("/en/international-relations/partner-cities/gomel/").content.decode()
    assert "<dd>Homel, Homyel</dd>" in gomel
    # A city without other names shows no empty line.
    assert "Aussi appelée" not in client.get(partner("Salford").url).content.decode()


def test_names_edited_in_the_admin_are_found_once_published(client, communication):
    page = partner("Oviedo")
    client.force_login(communication)
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    editor = client.get(edit_url)
    assert 'name="alternative_names_fr"' in editor.content.decode()
    assert 'name="alternative_names_en"' in editor.content.decode()

    draft = form_data(editor, alternative_names_fr="Uviéu", alternative_names_en="Uvieu")
    assert client.post(edit_url, draft).status_code == 302
    client.logout()
    # A draft is not searched: only what citizens can read.
    assert "Oviedo" not in titles(search(client, "fr", "Uviéu"))

    client.force_login(communication)
    published = form_data(
        client.get(edit_url),
        alternative_names_fr="Uviéu",
        alternative_names_en="Uvieu",
        **{"action-publish": "action-publish"},
    )
    assert client.post(edit_url, published).status_code == 302
    client.logout()
    assert titles(search(client, "fr", "Uviéu"))[0] == "Oviedo"
    assert titles(search(client, "en", "Uvieu"))[0] == "Oviedo"
    assert titles(search(client, "en", "Uviéu"))[0] == "Oviedo"


def test_a_city_created_in_the_admin_is_found_by_its_names(client, communication):
    client.force_login(communication)
    index = PartnerCityPage.objects.first().get_parent()
    add_url = reverse("wagtailadmin_pages:add", args=["partners", "partnercitypage", index.pk])
    data = nested_form_data(
        {
            "title_fr": "Clermont-sur-Mer",
            "title_en": "Clermont-on-Sea",
            "slug_fr": "clermont-sur-mer",
            "slug_en": "clermont-on-sea",
            "intro_fr": "Ville fictive du réseau.",
            "intro_en": "A fictitious city of the network.",
            "alternative_names_fr": "Clarmont-sur-Mar\nKlermont",
            "alternative_names_en": "",
            "description_fr": rich_text("<p>Une coopération.</p>"),
            "description_en": rich_text("<p>A cooperation.</p>"),
            "country": "IT",
            "latitude": "45.4642",
            "longitude": "9.19",
            "michelin_site": "",
            "relationships": inline_formset([{"kind": "michelin_network", "since": "2017"}], min=1),
            "gallery_images": inline_formset([]),
            "links": inline_formset([]),
            "history_entries": inline_formset([]),
            "action-publish": "action-publish",
        }
    )
    response = client.post(add_url, data)
    assert response.status_code == 302, response.context and response.context["form"].errors
    client.logout()
    assert titles(search(client, "fr", "Klermont")) == ["Clermont-sur-Mer"]
    # Names are found in every language; the page shows only its language's.
    assert titles(search(client, "en", "Klermont")) == ["Clermont-on-Sea"]
    english = client.get("/en/international-relations/partner-cities/clermont-on-sea/")
    assert "Also called" not in english.content.decode()


# --- Ranking and snippets ------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_page_named_by_the_query_comes_before_pages_that_mention_it(client, language):
    found = titles(search(client, language, "Regensburg"))
    # The mission page lists every twin city in its text.
    assert len(found) > 1
    assert found[0] == "Regensburg"


def test_a_title_match_comes_before_a_body_only_match_whatever_the_alphabet(site_pages):
    from clermont_intl.models import ContentPage

    mission = site_pages["mission"]
    for title, intro in [
        ("Accueil des délégations", "Programme des visites officielles."),
        ("Zéphyr", "Nos délégations étrangères sont reçues par le maire, délégations après "
         "délégations, toute l'année."),
    ]:  # fmt: skip
        page = ContentPage(title=title, slug=title.lower().replace(" ", "-"), intro=intro)
        mission.add_child(instance=page)
        page.save_revision().publish()
    found = [entry.title for entry in search_pages("délégations", "fr")]
    assert found.index("Accueil des délégations") < found.index("Zéphyr")


def test_snippets_mark_the_query_and_escape_the_content(client, site_pages):
    page = partner("Braga")
    page.description_fr = (
        "<p>Braga &lt;script&gt;alert(1)&lt;/script&gt; &amp; ses sanctuaires "
        "\ue000baroques\ue001 &lt;b onmouseover=alert(2)&gt;</p>"
    )
    page.save_revision().publish()
    body = search(client, "fr", "sanctuaires").content.decode()
    assert "<mark>sanctuaires</mark>" in body
    assert "<script>alert" not in body and "<b onmouseover" not in body
    assert "\ue000" not in body and "\ue001" not in body
    assert "&amp; ses" in body


def test_a_hostile_title_is_escaped_in_results(client, site_pages):
    from clermont_intl.models import ContentPage

    page = ContentPage(
        title='Villes <img src=x onerror=alert(1)> "jumelées"',
        slug="villes-hostiles",
        intro="Des villes jumelles <mark>fausses</mark>.",
    )
    site_pages["mission"].add_child(instance=page)
    page.save_revision().publish()
    body = search(client, "fr", "fausses").content.decode()
    assert "<mark>fausses</mark>" in body
    assert "<img src=x" not in body
    assert "&lt;img src=x onerror=alert(1)&gt;" in body


def test_present_marks_only_whole_words_of_the_query():
    class Entry:
        lead, text, names = "Le jumelage <b>&", "des jumelages, jumelle", ""

    (result,) = present([Entry()], "jumelage", "fr")
    assert isinstance(result.snippet, SafeString)
    assert "<mark>jumelage</mark>" in result.snippet
    assert "<mark>jumelages</mark>" in result.snippet
    assert "&lt;b&gt;&amp;" in result.snippet


# --- Private sections ----------------------------------------------------------------------------


def test_private_pages_are_neither_shown_nor_suggested(client):
    page = partner("Aberdeen")
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    for language in ("fr", "en"):
        assert "Aberdeen" not in titles(search(client, language, "Aberdeen"))
        response = search(client, language, "Abredeen")
        assert response.context["suggestion"] is None
        assert "Aberdeen" not in titles(response)


def test_pages_under_a_private_section_are_neither_shown_nor_suggested(client):
    index = partner("Regensburg").get_parent()
    PageViewRestriction.objects.create(page=index, restriction_type=PageViewRestriction.LOGIN)
    for query in ("Ratisbonne", "Regensbourg", "Salfrod", "Homiel"):
        response = search(client, "fr", query)
        assert not {"Regensburg", "Salford", "Gomel"} & set(titles(response)), query
        suggestion = response.context["suggestion"]
        assert suggestion is None or suggestion["term"] not in {"Regensburg", "Salford"}, query


# --- Suggestions ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "language, query, expected",
    [
        ("fr", "Regensbourg", "Regensburg"),
        ("en", "Regensbourg", "Regensburg"),
        ("fr", "Abredeen", "Aberdeen"),
        ("fr", "salfrod", "Salford"),
        ("en", "Salfrod", "Salford"),
        ("en", "Homyal", "Homyel"),
    ],
)
def test_a_misspelt_query_gets_the_page_it_meant(client, language, query, expected):
    """On SQLite (make run's default) as on PostgreSQL (CI, production)."""
    response = search(client, language, query)
    assert titles(response) == []
    assert response.context["suggestion"]["term"] == expected
    # The no-break spaces of French typography are tests/pages/test_french_typography.py's concern.
    body = re.sub("[\u00a0\u202f]", " ", response.content.decode())
    link = f'<a href="{SEARCH[language]}?q={expected}">{expected}</a>'
    if language == "fr":
        assert f"Vouliez-vous dire : {link} ?" in body
    else:
        assert f"Did you mean: {link}?" in body
    # Following it finds the page.
    assert titles(search(client, language, expected))[0] in {expected, "Gomel"}


@pytest.mark.parametrize(
    "language, query",
    [
        ("fr", "jumelage"),
        ("fr", "Regensburg"),
        ("fr", "zzzxqw"),
        # Found by the support form, and no title near it: "Mentions légales" shares trigrams
        # with "subvention", not its spelling.
        ("fr", "subvention"),
        ("fr", "association"),
        ("en", "grant"),
        ("en", "financement"),
    ],
)
def test_no_suggestion_when_the_query_finds_enough_or_nothing_near(client, language, query):
    response = search(client, language, query)
    assert response.context["suggestion"] is None
    assert "Vouliez-vous dire" not in response.content.decode()
    assert "Did you mean" not in response.content.decode()


def test_a_suggestion_is_the_name_nearest_the_query_whatever_its_accents_and_case():
    names = ["Réseau International des Villes Michelin", "Salford", "Mentions légales"]
    assert nearest_name("SALFROD", names) == "Salford"
    assert nearest_name("villes michlin", names) == names[0]
    assert nearest_name("resaeu", names) == names[0]
    # Spelt right (accents aside): no correction to offer.
    assert nearest_name("reseau", names) is None
    assert nearest_name("subvention", names) is None
    assert nearest_name("", names) is None
    assert nearest_name("Salfrod", []) is None


# --- Hostile queries -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        "&|!:*()",
        "Regensburg & | ! : * ( )",
        "'\"Regensburg\"'",
        "Ratisbonne:*",
        "!Ratisbonne",
        "Regens\x00burg",
        "\x00",
        "<script>alert(1)</script>",
        "Salfrod" * 200,
        "Ab" + "r" * 500,
        "\ue000Regensburg\ue001",
        "((((Aberdeen",
        "Homiel <-> Gomel",
        "%",
        "_",
        "\\",
        # As many words as the length allows, each looked for with and without accents.
        "é " * 100,
        "a b " * 50,
        "Réseau-" * 40,
    ],
)
@pytest.mark.parametrize("language", ["fr", "en"])
def test_hostile_queries_get_a_clear_answer(client, language, query):
    response = search(client, language, query)
    body = response.content.decode()
    assert "<script>alert" not in body
    assert "\x00" not in body and "\ue000" not in body
    assert 'role="status"' in body


def test_a_query_without_words_says_so(client):
    body = search(client, "fr", "&|!:*()").content.decode()
    assert "ne contient aucun mot à rechercher" in body
    body = search(client, "en", "\"'()").content.decode()
    assert "has no word to look for" in body


def test_a_too_long_query_says_what_was_searched(client):
    body = search(client, "en", "Regensburg " * 100).content.decode()
    assert "The search is limited to 200 characters" in body
    assert "Regensburg" in body


def test_operators_are_never_passed_to_the_text_search():
    assert clean_query("Ratisbonne:* & !Gomel | (x) <-> 'y'") == "Ratisbonne Gomel x y"
    assert clean_query("\x00\ue000") == ""
