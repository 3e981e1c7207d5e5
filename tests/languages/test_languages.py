"""French first, English complete: prefixes, translated slugs, switcher, hreflang, fallback."""

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.django_db

MISSION_FR = "/fr/relations-internationales/"
MISSION_EN = "/en/international-relations/"


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


@pytest.mark.parametrize(
    "accept, target",
    [
        ("", "/fr/"),
        ("fr-FR,fr;q=0.9", "/fr/"),
        ("en-GB,en;q=0.8", "/en/"),
        ("de-DE,de;q=0.9", "/fr/"),
        ("en;q=0.2,fr;q=0.9", "/fr/"),
    ],
)
def test_root_redirects_by_browser_language_french_by_default(client, accept, target):
    headers = {"HTTP_ACCEPT_LANGUAGE": accept} if accept else {}
    response = client.get("/", **headers)
    assert response.status_code == 302
    assert response["Location"] == target


def test_translated_slugs(client):
    fr = soup(client.get(MISSION_FR))
    en = soup(client.get(MISSION_EN))
    assert fr.html["lang"] == "fr" and en.html["lang"] == "en"
    assert fr.h1.get_text(strip=True) == "Relations internationales"
    assert en.h1.get_text(strip=True) == "International relations"
    # Each language's slug only works under its own prefix.
    assert client.get("/en/relations-internationales/").status_code == 404


def alternates(page):
    return {
        link["hreflang"]: link["href"]
        for link in page.find_all("link", rel="alternate")
        if link.get("hreflang")
    }


@pytest.mark.parametrize(
    "fr_url, en_url",
    [
        (MISSION_FR, MISSION_EN),
        ("/fr/", "/en/"),
        (
            "/fr/relations-internationales/villes-partenaires/salford/",
            "/en/international-relations/partner-cities/salford/",
        ),
        (
            "/fr/relations-internationales/cied-clermont-puy-de-dome/",
            "/en/international-relations/europe-direct-clermont-puy-de-dome/",
        ),
        ("/fr/recherche/?q=jumelage", "/en/search/?q=jumelage"),
    ],
)
def test_switcher_and_hreflang_lead_to_the_same_page_in_the_other_language(client, fr_url, en_url):
    fr = soup(client.get(fr_url))
    en = soup(client.get(en_url))
    for page in (fr, en):
        links = alternates(page)
        assert links["fr"] == "http://testserver" + fr_url
        assert links["en"] == "http://testserver" + en_url
        assert links["x-default"] == "http://testserver" + fr_url
    switch_to_en = fr.find("a", attrs={"hreflang": "en", "lang": "en"})
    switch_to_fr = en.find("a", attrs={"hreflang": "fr", "lang": "fr"})
    assert switch_to_en["href"] == en_url
    assert switch_to_fr["href"] == fr_url


def test_untranslated_field_falls_back_to_french_marked_as_french(client, site_pages):
    mission = site_pages["mission"]
    mission.lead_en = ""
    mission.save_revision().publish()
    page = soup(client.get(MISSION_EN))
    french = mission.lead_fr
    marked = [el for el in page.find_all(lang="fr") if french in el.get_text()]
    assert marked, "the French fallback must carry lang=fr"
    assert page.html["lang"] == "en"


def test_translated_field_is_not_marked(client):
    page = soup(client.get(MISSION_EN))
    lead = [
        el
        for el in page.find_all(True)
        if el.get_text(strip=True).startswith("A city open to the world")
    ]
    assert lead and not any(el.get("lang") for el in lead)


def test_template_strings_are_translated(client):
    fr = client.get(MISSION_FR).content.decode()
    en = client.get(MISSION_EN).content.decode()
    assert "Aller au contenu" in fr
    assert "Skip to content" in en
