"""The partner directory's map, timeline and open data; the partner page's neighbours."""

import csv
import io
import json
import re

from django.utils import translation

import pytest
from bs4 import BeautifulSoup

from partners.constants import Relationship
from partners.map_layout import TIERS
from partners.models import PartnerCityPage
from partners.worldmap import great_circle_km, project, view_box
from tests.factories import add_partner
from tests.query_counting import cold_and_warm

pytestmark = pytest.mark.django_db

INDEX_FR = "/fr/relations-internationales/villes-partenaires/"
INDEX_EN = "/en/international-relations/partner-cities/"
HOME_FR, HOME_EN = "/fr/", "/en/"


def map_layouts(response):
    """{tier: [(url, accessible name, shown name)]}: the markers of each layout of the map."""
    svg = BeautifulSoup(response.content, "html.parser").find("svg", class_="partner-map__svg")
    layouts = {}
    for tier in TIERS:
        selector = f".partner-map__layout--{tier.name} a.partner-map__marker"
        found = svg.select(selector) if svg else []
        layouts[tier.name] = [
            (a["href"], a["aria-label"], a.find("text").get_text() if a.find("text") else "")
            for a in found
        ]
    return layouts


def markers(response):
    """[(url, accessible name)] of the map's markers; every layout has the same, in order."""
    layouts = [[found[:2] for found in layout] for layout in map_layouts(response).values()]
    assert all(layout == layouts[0] for layout in layouts)
    return layouts[0]


def list_urls(response):
    return [p.url for p in response.context["partners"]]


def test_the_map_has_one_labelled_link_per_city_in_both_languages(client):
    for url, label in (
        (INDEX_FR, ("Salford", "Royaume-Uni", "Ville jumelle depuis 1966")),
        (INDEX_EN, ("Salford, United Kingdom: Twin city since 1966",)),
    ):
        response = client.get(url)
        found = markers(response)
        assert len(found) == 8
        salford = next(text for _, text in found if text.startswith("Salford"))
        assert all(part in salford for part in label), salford
        html = response.content.decode()
        assert "<svg" in html and 'class="partner-map__land"' in html
        # Nothing comes from a map server: the outlines are inline path data.
        assert "tile" not in html.lower() and "openstreetmap.org/{" not in html


@pytest.mark.parametrize(
    "query",
    [
        {},
        {"relationship": Relationship.SOLIDARITY},
        {"relationship": Relationship.TWIN_CITY},
        {"country": "GB"},
        {"country": "GB", "relationship": Relationship.MICHELIN_NETWORK},
        {"country": "GA", "relationship": Relationship.TWIN_CITY},
        {"relationship": "nonsense"},
    ],
)
def test_map_and_list_show_the_same_cities(client, query):
    response = client.get(INDEX_FR, query)
    assert response.status_code == 200
    assert sorted(url for url, _ in markers(response)) == sorted(list_urls(response))


def test_the_map_shows_every_filtered_city_not_only_the_listed_page(client, site_pages):
    for n in range(30):
        add_partner(site_pages["partners"], f"Carte{n:02d}", country="IT")
    response = client.get(INDEX_FR, {"country": "IT"})
    assert len(list_urls(response)) == 24  # one page of the list
    assert len(markers(response)) == 30
    second = client.get(INDEX_FR, {"country": "IT", "page": 2})
    assert len(list_urls(second)) == 6
    assert set(list_urls(response)) | set(list_urls(second)) == {u for u, _ in markers(response)}


def test_every_city_has_a_named_marker_in_every_layout_in_both_languages(client):
    cities = PartnerCityPage.objects.live()
    for url, language in ((INDEX_FR, "fr"), (INDEX_EN, "en"), (HOME_FR, "fr"), (HOME_EN, "en")):
        with translation.override(language):
            expected = {city.url: city.title for city in cities}
        layouts = map_layouts(client.get(url))
        for tier, found in layouts.items():
            # Each city once, its link named after it, its name shown in its marker.
            assert {href: name for href, _label, name in found} == expected, (url, tier)
            assert all(label.startswith(name + ",") for _href, label, name in found)


def test_markers_are_shaped_by_relationship_and_placed_by_coordinates(client):
    response = client.get(INDEX_EN)
    html = response.content.decode()
    svg = BeautifulSoup(html, "html.parser").find("svg", class_="partner-map__svg")
    oyem = PartnerCityPage.objects.get(title_fr="Oyem")
    # Oyem is a solidarity partner: its marker holds a triangle.
    for marker in svg.select('a.partner-map__marker[aria-label^="Oyem"]'):
        assert marker.find("polygon", class_="marker--solidarity")
    salford = svg.select_one('a.partner-map__marker[aria-label^="Salford"]')
    assert salford.find("circle", class_="marker--twin_city")
    # Its exact spot: its coordinates, in % of the drawn part of the world.
    cities = PartnerCityPage.objects.live()
    box = view_box([project(c.longitude, c.latitude) for c in cities])
    assert svg.find("svg", class_="partner-map__world")["viewbox"] == str(box)
    x, y = project(oyem.longitude, oyem.latitude)
    spots = {(s["cx"], s["cy"]) for s in svg.select(".partner-map__spot.marker--solidarity")}
    percent = (x - box.x) * 100 / box.width, (y - box.y) * 100 / box.height
    assert spots == {(f"{percent[0]:.3f}%", f"{percent[1]:.3f}%")}
    # The legend names each shape in words.
    for words in ("Circle: twin city", "Square: Michelin cities network", "Triangle: solidarity"):
        assert words in html


def test_timeline_lists_the_partnerships_by_year(client):
    response = client.get(INDEX_EN)
    html = response.content.decode()
    timeline = html[html.index('<ol class="timeline">') :]
    timeline = timeline[: timeline.index("</ol>")]
    years = [
        int(y) for y in re.findall(r'<time class="timeline__date" datetime="(\d{4})">', timeline)
    ]
    assert years == sorted(years) and len(years) == len(set(years))
    assert years[0] == 1966 and 2017 in years
    assert "Salford" in timeline[: timeline.index("</li>")]


def test_partner_page_links_to_its_nearest_partners(client):
    response = client.get("/en/international-relations/partner-cities/salford/")
    assert response.status_code == 200
    with translation.override("en"):
        neighbours = response.context["page"].neighbours()
    names = [partner.title for partner, _ in neighbours]
    for name in names:
        assert f">{name}</a>" in response.content.decode()
    # Aberdeen (~470 km) is Salford's nearest partner; Norman (Oklahoma) is not among them.
    assert names[0] == "Aberdeen" and len(names) == 3 and "Norman" not in names
    distances = [km for _, km in neighbours]
    assert distances == sorted(distances) and 400 < distances[0] < 550
    assert "km away" in response.content.decode()


def test_great_circle_distance_paris_new_york():
    assert abs(great_circle_km((48.8566, 2.3522), (40.7128, -74.0060)) - 5837) < 10


def test_partner_gallery_has_responsive_webp_renditions(client):
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file

    from partners.models import PartnerGalleryImage

    page = PartnerCityPage.objects.get(title_fr="Braga")
    image = Image.objects.create(title="Vue", file=get_test_image_file(size=(1600, 1000)))
    PartnerGalleryImage.objects.create(page=page, image=image, alt_text_fr="Le sanctuaire")
    html = client.get("/fr/relations-internationales/villes-partenaires/braga/").content.decode()
    img = re.search(
        r'<img src="([^"]+)" srcset="([^"]+)"[^>]*width="(\d+)" height="(\d+)" alt="Le sanctuaire"',
        html,
    )
    assert img, "no responsive image"
    widths = re.findall(r"\.webp (\d+)w", img.group(2))
    assert widths == ["400", "800", "1200"]
    assert img.group(1).endswith(".webp")


# --- Open data -------------------------------------------------------------------------------


def data_url(lang, fmt):
    return (INDEX_FR if lang == "fr" else INDEX_EN) + f"open-data/{fmt}/"


def test_csv_export(client):
    response = client.get(data_url("fr", "csv"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="partner-cities.csv"'
    text = response.content.decode("utf-8")
    assert not text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 8
    salford = next(r for r in rows if r["name_fr"] == "Salford")
    assert salford["country_code"] == "GB"
    assert salford["country_name_fr"] == "Royaume-Uni"
    assert salford["country_name_en"] == "United Kingdom"
    assert salford["twin_city_since"] == "1966"
    assert "twin_city" in salford["relationships"].split(";")
    assert salford["url_fr"].endswith("/fr/relations-internationales/villes-partenaires/salford/")
    assert salford["url_en"].endswith("/en/international-relations/partner-cities/salford/")
    assert 53 < float(salford["latitude"]) < 54 and -3 < float(salford["longitude"]) < -2


def test_json_export_is_the_same_from_both_languages(client):
    fr = client.get(data_url("fr", "json"))
    en = client.get(data_url("en", "json"))
    assert fr["Content-Type"] == "application/json"
    assert json.loads(fr.content) == json.loads(en.content)
    document = json.loads(fr.content)
    assert document["schema_version"] == 1
    oyem = next(p for p in document["partners"] if p["name"]["fr"] == "Oyem")
    assert oyem["country"] == {"code": "GA", "name": {"fr": "Gabon", "en": "Gabon"}}
    assert oyem["relationships"] == [
        {
            "kind": "solidarity",
            "label": {"fr": "Coopération solidaire", "en": "Solidarity cooperation"},
            "since": 2006,
        }
    ]
    assert set(oyem["url"]) == {"fr", "en"}


def test_geojson_export_follows_rfc_7946(client):
    response = client.get(data_url("en", "geojson"), {"country": "GB"})
    assert response["Content-Type"] == "application/geo+json"
    document = json.loads(response.content)
    assert document["type"] == "FeatureCollection" and "crs" not in document
    assert len(document["features"]) == 2
    for feature in document["features"]:
        assert feature["type"] == "Feature"
        lon, lat = feature["geometry"]["coordinates"]
        assert feature["geometry"]["type"] == "Point"
        # Longitude first: Great Britain is around 2° west, 55° north.
        assert -5 < lon < 0 and 50 < lat < 60
        assert feature["properties"]["country"]["code"] == "GB"


def test_exports_take_the_page_filters(client):
    rows = list(
        csv.DictReader(
            io.StringIO(
                client.get(data_url("fr", "csv"), {"relationship": "solidarity"}).content.decode()
            )
        )
    )
    assert [r["name_fr"] for r in rows] == ["Oyem"]


@pytest.mark.parametrize("fmt", ["csv", "json", "geojson"])
@pytest.mark.parametrize("query", ["?relationship=zz", "?country=XX", "?country=%00", "?sort=;--"])
def test_exports_refuse_invalid_filters_with_400(client, fmt, query):
    response = client.get(data_url("fr", fmt) + query)
    assert response.status_code == 400
    assert (
        "Invalid parameters" in response.content.decode()
        or "invalides" in response.content.decode()
    )


def test_index_links_to_the_exports_and_their_documentation(client):
    response = client.get(INDEX_FR, {"relationship": "twin_city"})
    html = response.content.decode()
    assert (
        'href="/fr/relations-internationales/villes-partenaires/open-data/csv/?relationship=twin_city"'
        in html
    )
    assert 'href="/fr/relations-internationales/villes-partenaires/open-data/"' in html
    doc = client.get(INDEX_FR + "open-data/")
    assert doc.status_code == 200 and "schema_version" in doc.content.decode()


# --- Queries ---------------------------------------------------------------------------------


@pytest.mark.slow
def test_index_map_and_exports_queries_do_not_grow(client, site_pages):
    urls = [
        INDEX_FR,
        INDEX_EN + "?relationship=twin_city",
        data_url("fr", "csv"),
        data_url("en", "json"),
        data_url("fr", "geojson") + "?country=GB",
        "/fr/relations-internationales/villes-partenaires/salford/",
    ]
    with_8 = cold_and_warm(client, urls)
    for n in range(52):
        add_partner(
            site_pages["partners"],
            f"Grand{n:02d}",
            country="GB" if n % 2 else "IT",
            kind=Relationship.TWIN_CITY if n % 3 else Relationship.SOLIDARITY,
            since=1960 + n,
        )
    assert cold_and_warm(client, urls) == with_8
