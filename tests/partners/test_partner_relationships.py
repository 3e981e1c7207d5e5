"""Every kind of relationship with Clermont-Ferrand, the friendship and cooperation agreements
as much as the twin cities: what a partner's page says, the directory's filter, the map's
shapes, colours and legend, the open data, the import, search, the Michelin network page, and
an editor choosing one in the admin."""

import csv
import io
import json
import re
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

import pytest
from bs4 import BeautifulSoup

from partners.constants import Relationship
from partners.models import PartnerCityPage, PartnerRelationship
from partners.worldmap import SHAPES
from tests.factories import add_partner

from .test_partner_import import confirm

pytestmark = pytest.mark.django_db

INDEX = {
    "fr": "/fr/relations-internationales/villes-partenaires/",
    "en": "/en/international-relations/partner-cities/",
}
SEARCH = {"fr": "/fr/recherche/", "en": "/en/search/"}
NETWORK_FR = "/fr/relations-internationales/reseau-international-des-villes-michelin/"
# The kinds of the first open data schema, whose CSV columns keep their place.
FIRST_CSV_COLUMNS = (
    "id,name_fr,name_en,country_code,country_name_fr,country_name_en,relationships,"
    "twin_city_since,michelin_network_since,solidarity_since,latitude,longitude,url_fr,url_en,"
    "wikidata_id,official_website"
).split(",")

# (kind, city, since, what its page says in French and in English)
NEW_KINDS = [
    (Relationship.FRIENDSHIP_AGREEMENT, "Amicalia", 2001,
     "Accord d'amitié depuis 2001", "Friendship agreement since 2001"),
    (Relationship.COOPERATION_AGREEMENT, "Cooperia", 2015,
     "Accord de coopération depuis 2015", "Cooperation agreement since 2015"),
]  # fmt: skip


def plain(response):
    """The page's text, French no-break spaces as plain spaces (the typography has its test)."""
    html = response.content.decode()
    text = BeautifulSoup(html, "html.parser").get_text(" ", strip=True)
    return re.sub(r"[\u00a0\u202f\s]+", " ", text)


@pytest.fixture
def agreements(site_pages):
    """A published partner city of each new kind, with its English name."""
    pages = {}
    for kind, name, since, *_says in NEW_KINDS:
        page = add_partner(
            site_pages["partners"], name, country="JP", kind=kind, since=since, title_en=name
        )
        page.save_revision().publish()
        pages[kind] = page
    return pages


def page_path(language, page):
    return INDEX[language] + page.slug + "/"


@pytest.mark.parametrize("kind, name, since, says_fr, says_en", NEW_KINDS)
def test_the_partner_page_says_the_agreement_never_twin_city(
    client, agreements, kind, name, since, says_fr, says_en
):
    page = agreements[kind]
    for language, says, twin in (("fr", says_fr, "jumel"), ("en", says_en, "Twin city")):
        response = client.get(page_path(language, page))
        assert response.status_code == 200
        facts = BeautifulSoup(response.content, "html.parser").select_one(".facts__list")
        text = re.sub(r"\s+", " ", facts.get_text(" ", strip=True))
        assert says in text, text
        assert twin not in text


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_directory_filters_by_each_new_kind(client, agreements, language):
    response = client.get(INDEX[language])
    options = {
        o["value"]: o.get_text(strip=True)
        for o in BeautifulSoup(response.content, "html.parser").select(
            'select[name="relationship"] option'
        )
    }
    expected = {
        "fr": {
            Relationship.FRIENDSHIP_AGREEMENT: "Accord d'amitié",
            Relationship.COOPERATION_AGREEMENT: "Accord de coopération",
        },
        "en": {
            Relationship.FRIENDSHIP_AGREEMENT: "Friendship agreement",
            Relationship.COOPERATION_AGREEMENT: "Cooperation agreement",
        },
    }[language]
    for value, label in expected.items():
        assert options[value] == label
    for kind, name, *_rest in NEW_KINDS:
        response = client.get(INDEX[language], {"relationship": kind})
        assert response.status_code == 200
        assert [p.title for p in response.context["partners"]] == [name]
        # The card says the kind; the map shows that city alone, with its kind's shape.
        card = BeautifulSoup(response.content, "html.parser").select_one(".relationships")
        assert expected[kind] in card.get_text(" ", strip=True)
        svg = BeautifulSoup(response.content, "html.parser").select_one(".partner-map__svg")
        markers = svg.select("a.partner-map__marker")
        assert markers and all(m["aria-label"].startswith(name + ",") for m in markers)
        assert all(m.find("polygon", class_=f"marker--{kind}") for m in markers)
        assert all(m.find("rect", class_=f"partner-map__pill--{kind}") for m in markers)


@pytest.mark.parametrize(
    "language, legend",
    [
        ("fr", ["Étoile : accord d'amitié", "Croix : accord de coopération", "Cercle : ville"]),
        ("en", ["Star: friendship agreement", "Cross: cooperation agreement", "Circle: twin"]),
    ],
)
def test_the_legend_names_every_kind_with_its_own_shape(client, agreements, language, legend):
    response = client.get(INDEX[language])
    text = plain(response)
    for words in legend:
        assert words in text
    soup = BeautifulSoup(response.content, "html.parser")
    drawn = {
        icon["class"][1].removeprefix("marker--"): icon.name
        + (f" {len(icon['points'].split())}" if icon.name == "polygon" else "")
        for icon in soup.select(".map-legend__icon .marker")
    }
    # Each kind in the legend, in the map's order, each with a shape no other has.
    assert [k for k in drawn if k != "home"] == list(SHAPES) == Relationship.values
    assert len(set(drawn.values())) == len(drawn)
    assert len(set(SHAPES.values())) == len(SHAPES)


def relative_luminance(colour):
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a, b):
    high, low = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_every_kind_has_a_colour_of_its_own_that_keeps_contrast():
    css = (Path(settings.BASE_DIR) / "static" / "css" / "partners.css").read_text()
    fills = dict(re.findall(r"\.marker--(\w+) \{ fill: (#[0-9a-f]{6}); \}", css))
    strokes = dict(re.findall(r"\.partner-map__pill--(\w+) \{ stroke: (#[0-9a-f]{6}); \}", css))
    sea = re.search(r"\.partner-map__sea \{ fill: (#[0-9a-f]{6}); \}", css).group(1)
    land = re.search(r"\.partner-map__land \{\s*fill: (#[0-9a-f]{6});", css).group(1)
    for kind in Relationship.values:
        assert fills[kind] == strokes[kind], kind
        # WCAG 1.4.11: 3:1 against the sea, the land and the pill's white.
        for background in (sea, land, "#ffffff"):
            assert contrast(fills[kind], background) >= 3, (kind, background)
    assert len(set(fills.values())) == len(fills)  # home's red included


def test_open_data_rows_of_the_new_kinds_keep_the_earlier_columns_in_place(client, agreements):
    response = client.get(INDEX["fr"] + "open-data/csv/")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    header = rows[0]
    assert header[: len(FIRST_CSV_COLUMNS)] == FIRST_CSV_COLUMNS
    assert header[len(FIRST_CSV_COLUMNS) :] == [
        "friendship_agreement_since",
        "cooperation_agreement_since",
    ]
    by_name = {row[header.index("name_fr")]: dict(zip(header, row, strict=True)) for row in rows}
    amicalia, cooperia = by_name["Amicalia"], by_name["Cooperia"]
    assert amicalia["relationships"] == "friendship_agreement"
    assert amicalia["friendship_agreement_since"] == "2001"
    assert amicalia["twin_city_since"] == amicalia["cooperation_agreement_since"] == ""
    assert cooperia["relationships"] == "cooperation_agreement"
    assert cooperia["cooperation_agreement_since"] == "2015"
    # The seed's twin cities are written as before.
    assert by_name["Salford"]["relationships"] == "twin_city;michelin_network"
    assert by_name["Salford"]["twin_city_since"] == "1966"

    json_url = INDEX["en"] + "open-data/json/"
    document = json.loads(client.get(json_url, {"relationship": "friendship_agreement"}).content)
    assert [p["name"]["fr"] for p in document["partners"]] == ["Amicalia"]
    assert document["partners"][0]["relationships"] == [
        {
            "kind": "friendship_agreement",
            "label": {"fr": "Accord d'amitié", "en": "Friendship agreement"},
            "since": 2001,
        }
    ]
    assert document["schema_version"] == 1
    geojson = json.loads(
        client.get(
            INDEX["fr"] + "open-data/geojson/", {"relationship": "cooperation_agreement"}
        ).content
    )
    assert [f["properties"]["name"]["en"] for f in geojson["features"]] == ["Cooperia"]


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_open_data_page_lists_the_new_kinds_and_columns(client, language):
    text = plain(client.get(INDEX[language] + "open-data/"))
    for words in ("friendship_agreement", "cooperation_agreement", "cooperation_agreement_since"):
        assert words in text


@pytest.mark.parametrize(
    "language, query, kind",
    [
        ("fr", "accord d'amitié", Relationship.FRIENDSHIP_AGREEMENT),
        ("fr", "accord de cooperation", Relationship.COOPERATION_AGREEMENT),
        ("en", "friendship agreement", Relationship.FRIENDSHIP_AGREEMENT),
        ("en", "cooperation agreement", Relationship.COOPERATION_AGREEMENT),
    ],
)
def test_search_finds_a_city_by_its_kind_of_agreement(client, agreements, language, query, kind):
    response = client.get(SEARCH[language], {"q": query})
    assert response.status_code == 200
    titles = [entry.title for entry in response.context["results"]]
    assert agreements[kind].title in titles
    other = next(page for k, page in agreements.items() if k != kind)
    assert other.title not in titles


def test_the_home_page_twin_cities_leave_the_agreements_out(client, agreements):
    for url in ("/fr/", "/en/"):
        twins = BeautifulSoup(client.get(url).content, "html.parser").select_one(".home-twins")
        assert "Salford" in twins.get_text()
        assert "Amicalia" not in twins.get_text() and "Cooperia" not in twins.get_text()


def test_the_network_page_marks_a_network_city_s_agreement(client, site_pages):
    page = add_partner(site_pages["partners"], "Reticula", since=2017)
    page.relationships.add(PartnerRelationship(kind=Relationship.COOPERATION_AGREEMENT, since=2019))
    page.save_revision().publish()
    soup = BeautifulSoup(client.get(NETWORK_FR).content, "html.parser")
    card = next(c for c in soup.select(".city-card") if c.h3.get_text(strip=True) == "Reticula")
    text = re.sub(r"\s+", " ", card.get_text(" ", strip=True))
    assert "Accord de coopération depuis 2019" in text
    assert "Ville jumelle" not in text
    salford = next(c for c in soup.select(".city-card") if c.h3.get_text(strip=True) == "Salford")
    assert "Ville jumelle depuis 1966" in salford.get_text(" ", strip=True)


def test_an_editor_creates_a_friendship_city_through_the_admin(admin, client, site_pages):
    index = site_pages["partners"]
    add_url = reverse("wagtailadmin_pages:add", args=["partners", "partnercitypage", index.pk])
    form = BeautifulSoup(admin.get(add_url).content, "html.parser")
    # The relationship's select of the inline panel, in French.
    choices = {
        o["value"]: o.get_text(strip=True) for o in form.select('select[name$="-kind"] option')
    }
    assert choices.get("friendship_agreement") == "Accord d'amitié"
    assert choices.get("cooperation_agreement") == "Accord de coopération"

    data = nested_form_data(
        {
            "title_fr": "Amitiéville",
            "title_en": "Friendtown",
            "slug_fr": "amitieville",
            "slug_en": "friendtown",
            "intro_fr": "Une ville amie de Clermont-Ferrand.",
            "intro_en": "A friend of Clermont-Ferrand.",
            "description_fr": rich_text("<p>Un accord d'amitié signé en 2012.</p>"),
            "description_en": rich_text("<p>A friendship agreement signed in 2012.</p>"),
            "country": "CA",
            "latitude": "46.81",
            "longitude": "-71.21",
            "relationships": inline_formset(
                [{"kind": "friendship_agreement", "since": "2012"}], min=1
            ),
            "gallery_images": inline_formset([]),
            "history_entries": inline_formset([]),
            "links": inline_formset([]),
            "action-publish": "action-publish",
        }
    )
    response = admin.post(add_url, data)
    assert response.status_code == 302, response.context and response.context["form"].errors
    page = PartnerCityPage.objects.get(slug_fr="amitieville")
    assert page.live
    assert [(r.kind, r.since) for r in page.relationships.all()] == [("friendship_agreement", 2012)]

    fr = client.get(INDEX["fr"] + "amitieville/")
    en = client.get(INDEX["en"] + "friendtown/")
    assert "Accord d'amitié depuis 2012" in plain(fr)
    assert "Friendship agreement since 2012" in plain(en)
    assert "Ville jumelle" not in plain(fr).split("Comité")[0]
    listed = client.get(INDEX["en"], {"relationship": "friendship_agreement"})
    assert [p.title for p in listed.context["partners"]] == ["Friendtown"]


def test_an_unknown_kind_in_the_admin_is_refused_in_french(admin, site_pages):
    index = site_pages["partners"]
    add_url = reverse("wagtailadmin_pages:add", args=["partners", "partnercitypage", index.pk])
    data = nested_form_data(
        {
            "title_fr": "Nulleville",
            "slug_fr": "nulleville",
            "intro_fr": "Une ville.",
            "country": "CA",
            "latitude": "46.81",
            "longitude": "-71.21",
            "relationships": inline_formset([{"kind": "pen_pal", "since": "2012"}], min=1),
            "gallery_images": inline_formset([]),
            "history_entries": inline_formset([]),
            "links": inline_formset([]),
        }
    )
    response = admin.post(add_url, data)
    assert response.status_code == 200
    assert "Sélectionnez un choix valide" in response.content.decode()
    assert not PartnerCityPage.objects.filter(slug_fr="nulleville").exists()


def import_preview(admin, content):
    upload = admin.post(
        reverse("partners_import"),
        {"file": SimpleUploadedFile("villes.csv", content.encode(), content_type="text/csv")},
    )
    assert upload.status_code == 302, upload.content.decode()[:2000]
    return admin.get(reverse("partners_import_preview"))


def test_the_import_reads_the_new_kinds_by_value_or_by_name(admin, site_pages):
    content = (
        "name_fr,country_code,latitude,longitude,relationships,friendship_agreement_since,"
        "cooperation_agreement_since\n"
        "Amicalia,JP,36.65,138.18,friendship_agreement,2001,\n"
        "Cooperia,EC,-2.90,-79.00,Accord de coopération,,2015\n"
        "Bothia,CA,46.81,-71.21,Friendship Agreement; accord d’amitié; Cooperation agreement,"
        "2003,2004\n"
    )
    preview = import_preview(admin, content)
    assert preview.status_code == 200
    page = preview.content.decode()
    assert 'id="import-errors"' not in page, page
    assert confirm(admin, preview).status_code == 302
    found = {
        page.title: [(r.kind, r.since) for r in page.relationships.all()]
        for page in PartnerCityPage.objects.filter(title__in=["Amicalia", "Cooperia", "Bothia"])
    }
    assert found == {
        "Amicalia": [("friendship_agreement", 2001)],
        "Cooperia": [("cooperation_agreement", 2015)],
        "Bothia": [("friendship_agreement", 2003), ("cooperation_agreement", 2004)],
    }


def test_the_import_refuses_an_unknown_kind_in_french_listing_the_known_ones(admin, site_pages):
    content = "name_fr,country_code,latitude,longitude,relationships\nX,JP,36.6,138.1,Pacte\n"
    page = re.sub("[\u00a0\u202f]", " ", import_preview(admin, content).content.decode())
    assert "Relation inconnue" in page or "relation inconnue" in page.lower()
    assert "Pacte" in page
    for kind in Relationship.values:
        assert kind in page


def test_the_admin_lists_the_partner_cities_by_relationship(admin, agreements):
    index = reverse("partner_cities:index")
    home = admin.get(reverse("wagtailadmin_home")).content.decode()
    assert index in home  # in the admin's menu
    response = admin.get(index)
    assert response.status_code == 200
    filters = BeautifulSoup(response.content, "html.parser")
    choices = {
        o["value"]: o.get_text(strip=True) for o in filters.select('[name="relationship"] option')
    }
    assert choices["friendship_agreement"] == "Accord d'amitié"
    assert choices["cooperation_agreement"] == "Accord de coopération"
    for kind, name, *_rest in NEW_KINDS:
        listed = admin.get(index, {"relationship": kind})
        titles = {page.title for page in listed.context["pages"]}
        assert titles == {name}
    twins = {p.title for p in admin.get(index, {"relationship": "twin_city"}).context["pages"]}
    assert "Salford" in twins and "Amicalia" not in twins
    # A value that does not exist: Wagtail's filter form says so, the list is not broken.
    response = admin.get(index, {"relationship": "pen_pal"})
    assert response.status_code == 200
    assert "Sélectionnez un choix valide" in response.content.decode()
