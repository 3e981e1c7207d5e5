"""What search engines and the RGAA ask of every public page: sitemap.xml with hreflang,
robots.txt, descriptions and Open Graph, canonical URLs, localised error pages, the
accessibility statement, the site map page and the heading hierarchy."""

import xml.etree.ElementTree as ET

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from wagtail.models import Page

import pytest
from bs4 import BeautifulSoup

from tests.factories import add_event, add_partner

pytestmark = pytest.mark.django_db

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
STATEMENT = {"fr": "/fr/accessibilite/", "en": "/en/accessibility/"}
SITE_MAP = {"fr": "/fr/plan-du-site/", "en": "/en/site-map/"}


def soup(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def live_page_urls(client):
    """Every public page's path in both languages, as the site map page lists them."""
    urls = []
    for language in ("fr", "en"):
        page = soup(client.get(SITE_MAP[language]))
        urls += [a["href"] for a in page.select(".site-map a")]
    return urls


# sitemap.xml and robots.txt -----------------------------------------------------------------


def test_sitemap_lists_every_live_page_in_both_languages_with_alternates(client, site_pages):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)
    entries = {
        url.find("s:loc", NS).text: {
            link.get("hreflang"): link.get("href") for link in url.findall("x:link", NS)
        }
        for url in root.findall("s:url", NS)
    }
    live = Page.objects.descendant_of(site_pages["home"], inclusive=True).live().public()
    assert len(entries) == 2 * live.count()
    mission_fr = "http://testserver/fr/relations-internationales/"
    mission_en = "http://testserver/en/international-relations/"
    for loc in (mission_fr, mission_en):
        assert entries[loc] == {"fr": mission_fr, "en": mission_en, "x-default": mission_fr}
    # Every listed address answers, and each alternate is itself listed.
    for alternates in entries.values():
        assert set(alternates.values()) <= set(entries)
    for loc in list(entries)[:6]:
        assert client.get(loc).status_code == 200


def test_sitemap_leaves_out_drafts(client, site_pages):
    draft = add_event(site_pages["events"], "Brouillon secret", 5)
    draft.unpublish()
    assert b"brouillon-secret" not in client.get("/sitemap.xml").content


def test_sitemap_query_count_does_not_grow_with_content(client, site_pages):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/sitemap.xml").status_code == 200
        return len(captured)

    queries()  # fills the caches (site root paths) that any later request finds filled
    before = queries()
    for number in range(5):
        add_partner(site_pages["partners"], f"Partenaire{number}")
    queries()
    assert queries() == before


def test_robots_txt_points_to_the_sitemap_and_keeps_robots_out_of_the_admin(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "Disallow: /admin/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines


# Metadata in each page ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "path, locale, alternate",
    [
        ("/fr/relations-internationales/", "fr_FR", "en_GB"),
        ("/en/international-relations/", "en_GB", "fr_FR"),
    ],
)
def test_description_open_graph_and_canonical(client, path, locale, alternate):
    page = soup(client.get(path))
    meta = {
        tag.get("property") or tag.get("name"): tag["content"]
        for tag in page.find_all("meta", content=True)
    }
    canonical = page.find("link", rel="canonical")["href"]
    assert canonical == f"http://testserver{path}"
    assert meta["og:url"] == canonical
    assert meta["og:title"] == page.h1.get_text(strip=True)
    assert meta["description"] and meta["og:description"] == meta["description"]
    assert meta["og:locale"] == locale and meta["og:locale:alternate"] == alternate
    assert meta["og:type"] == "website"
    assert "og:image" not in meta  # the mission page has no image of its own


# Error pages --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path, language, heading",
    [("/fr/nulle-part/", "fr", "Page introuvable"), ("/en/nowhere/", "en", "Page not found")],
)
def test_404_in_the_language_of_the_address(client, path, language, heading):
    response = client.get(path)
    assert response.status_code == 404
    page = BeautifulSoup(response.content, "html.parser")
    assert page.html["lang"] == language
    assert page.h1.get_text(strip=True) == heading
    assert page.find("link", rel="canonical") is None
    assert page.find("a", href=f"/{language}/")


@pytest.mark.urls("tests.error_urls")
def test_a_failing_view_shows_the_500_page():
    client = Client(raise_request_exception=False)
    response = client.get("/broken/")
    assert response.status_code == 500
    page = BeautifulSoup(response.content, "html.parser")
    assert page.h1.get_text(strip=True) == "Le site rencontre un problème"
    assert page.find("section", lang="en").h2.get_text(strip=True) == "The site has a problem"


# RGAA: accessibility statement, site map, headings, status messages -------------------------


# Every section of the RGAA's model statement, and the status derived from "no audit".
STATEMENT_SECTIONS = {
    "fr": (
        "Déclaration d'accessibilité",
        "Accessibilité : non conforme",
        [
            "État de conformité",
            "non conforme",
            "RGAA",
            "Résultats des tests",
            "Contenus non accessibles",
            "Établissement de cette déclaration d'accessibilité",
            "Retour d'information et contact",
            "Voies de recours",
            "Défenseur des droits",
        ],
    ),
    "en": (
        "Accessibility statement",
        "Accessibility: not conforming",
        [
            "Conformance status",
            "not conforming",
            "RGAA",
            "Test results",
            "Non-accessible content",
            "Preparation of this statement",
            "Feedback and contact",
            "Means of redress",
            "Défenseur des droits",
        ],
    ),
}


@pytest.mark.parametrize("language", ["fr", "en"])
def test_accessibility_statement_is_linked_from_every_footer(client, language):
    statement = soup(client.get(STATEMENT[language]))
    text = statement.get_text(" ", strip=True)
    title, link_text, sections = STATEMENT_SECTIONS[language]
    assert statement.h1.get_text(strip=True) == title
    for required in sections:
        assert required in text, required
    # No claim the site cannot keep: no audit, so neither "partially" conforming nor a promise
    # of automatic checks on every change.
    assert "partiellement" not in text and "partially" not in text
    assert "axe-core" not in text
    for path in live_page_urls(client)[::3] + [SITE_MAP[language], f"/{language}/nowhere/"]:
        if not path.startswith(f"/{language}/"):
            continue
        response = client.get(path)
        footer = BeautifulSoup(response.content, "html.parser").find("footer")
        link = footer.find("a", href=STATEMENT[language])
        assert link, path
        assert link.get_text(strip=True) == link_text, path


def test_statement_is_seeded_once(site_pages):
    from clermont_intl.content.seed import SeedLoader
    from clermont_intl.models import AccessibilityStatementPage, ContentPage

    SeedLoader().run()
    statements = AccessibilityStatementPage.objects.filter(slug_fr="accessibilite")
    assert statements.count() == 1
    assert not statements.get().show_in_menus
    assert not ContentPage.objects.filter(slug_fr="accessibilite").exists()


def test_site_map_lists_the_whole_live_tree_in_each_language(client, site_pages):
    fr = soup(client.get(SITE_MAP["fr"]))
    en = soup(client.get(SITE_MAP["en"]))
    live = Page.objects.descendant_of(site_pages["home"], inclusive=True).live().public()
    assert len(fr.select(".site-map a")) == len(en.select(".site-map a")) == live.count()
    assert fr.find("a", href="/fr/relations-internationales/villes-partenaires/")
    assert en.find("a", href="/en/international-relations/partner-cities/")
    # Nested as the tree: the partner cities are inside the mission page's list item.
    mission = fr.find("a", href="/fr/relations-internationales/").parent
    assert mission.find("a", href="/fr/relations-internationales/villes-partenaires/")
    # The language switcher leads to the same page in the other language.
    assert fr.select_one(".language-switcher a[hreflang=en]")["href"] == SITE_MAP["en"]
    assert en.select_one(".language-switcher a[hreflang=fr]")["href"] == SITE_MAP["fr"]


def test_site_map_query_count_does_not_grow_with_content(client, site_pages):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(SITE_MAP["en"]).status_code == 200
        return len(captured)

    queries()  # fills the caches (site root paths) that any later request finds filled
    before = queries()
    for number in range(5):
        add_event(site_pages["events"], f"Rencontre {number}", number + 1)
    queries()
    assert queries() == before


def heading_levels(page):
    return [int(tag.name[1]) for tag in page.find_all(["h1", "h2", "h3", "h4", "h5", "h6"])]


def test_every_page_has_one_h1_and_no_skipped_heading_level(client, site_pages):
    add_event(site_pages["events"], "Atelier Europe", 4)
    paths = live_page_urls(client) + [
        SITE_MAP["fr"],
        "/fr/recherche/?q=europe",
        "/en/search/?q=europe",
        "/en/search/?q=zzzzqqq",
        "/fr/nulle-part/",
    ]
    for path in paths:
        response = client.get(path)
        assert response.status_code == (404 if path == "/fr/nulle-part/" else 200), path
        levels = heading_levels(BeautifulSoup(response.content, "html.parser"))
        assert levels.count(1) == 1 and levels[0] == 1, (path, levels)
        for previous, level in zip(levels, levels[1:], strict=False):
            assert level <= previous + 1, (path, levels)


def test_status_messages_are_announced(client):
    results = BeautifulSoup(client.get("/fr/recherche/?q=europe").content, "html.parser")
    assert results.find(attrs={"role": "status"})
    empty = BeautifulSoup(client.get("/en/search/?q=zzzzqqq").content, "html.parser")
    assert empty.find(attrs={"role": "status"})


def test_a_partner_page_shares_its_first_gallery_image(client, site_pages):
    from wagtail.images import get_image_model
    from wagtail.images.tests.utils import get_test_image_file

    from partners.models import PartnerCityPage, PartnerGalleryImage

    partner = PartnerCityPage.objects.live().order_by("path").first()
    image = get_image_model().objects.create(
        title="Place", file=get_test_image_file(size=(1600, 900))
    )
    PartnerGalleryImage.objects.create(page=partner, image=image, alt_text="La place centrale")
    page = soup(client.get(partner.url))
    meta = {tag.get("property"): tag["content"] for tag in page.find_all("meta", property=True)}
    assert meta["og:image"].startswith("http://testserver/")
    assert (meta["og:image:width"], meta["og:image:height"]) == ("1200", "630")
    assert meta["og:image:alt"] == "La place centrale"
    rendition = image.renditions.get(filter_spec="fill-1200x630")
    assert meta["og:image"] == f"http://testserver{rendition.url}"
    assert rendition.file.storage.exists(rendition.file.name)
