"""Every absolute URL the site writes uses its configured public address, not the request's."""

import re

from django.test import override_settings

from wagtail.models import Site

import pytest

from tests.factories import add_event

pytestmark = pytest.mark.django_db

PUBLIC = "https://www.clermont-ferrand.fr"
PARTNERS_FR = "/fr/relations-internationales/villes-partenaires/"
AGENDA_EN = "/en/international-relations/europe-direct-clermont-puy-de-dome/events/"


@pytest.fixture
def public_site(site_pages):
    """The Site as configured for production; requests reach the server under another name
    (here the test client's own, "testserver", as behind a proxy or on a health check)."""
    Site.objects.filter(is_default_site=True).update(hostname="www.clermont-ferrand.fr", port=443)
    return Site.objects.get(is_default_site=True)


def absolute_urls(text):
    return re.findall(r"https?://[^\s\"'<>;,]+", text)


def assert_public(urls):
    assert urls
    for url in urls:
        assert url.startswith(PUBLIC + "/"), url


def test_sitemap_and_robots(client, public_site):
    sitemap = client.get("/sitemap.xml").content.decode()
    locations = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    alternates = re.findall(r'hreflang="[^"]+" href="([^"]+)"', sitemap)
    assert_public(locations + alternates)
    robots = client.get("/robots.txt").content.decode()
    assert f"Sitemap: {PUBLIC}/sitemap.xml" in robots


def test_canonical_alternates_and_og_url(client, public_site):
    html = client.get(PARTNERS_FR).content.decode()
    links = re.findall(r'<link rel="(?:canonical|alternate)"[^>]*href="([^"]+)"', html)
    og = re.findall(r'<meta property="og:url" content="([^"]+)"', html)
    assert_public([url for url in links if "://" in url] + og)
    assert f'<link rel="canonical" href="{PUBLIC}{PARTNERS_FR}">' in html


@pytest.mark.parametrize("route", ["open-data/csv/", "open-data/json/", "open-data/geojson/"])
def test_open_data(client, public_site, route):
    response = client.get(PARTNERS_FR + route)
    assert response.status_code == 200
    body = b"".join(response) if response.streaming else response.content
    urls = absolute_urls(body.decode("utf-8-sig"))
    assert_public(
        [
            url
            for url in urls
            if "/relations-internationales/" in url or "/international-relations/" in url
        ]
    )
    assert any(url.startswith(f"{PUBLIC}{PARTNERS_FR}") for url in urls)


def test_calendar_and_feeds(client, public_site, site_pages):
    add_event(site_pages["events"], "Conference", 5, title_en="Talk").save_revision().publish()
    ics = client.get(AGENDA_EN + "calendar/").content.decode()
    url_lines = [line[4:] for line in ics.splitlines() if line.startswith("URL")]
    assert_public(
        [line.split(":", 1)[-1] if not line.startswith("http") else line for line in url_lines]
    )
    assert "@www.clermont-ferrand.fr" in ics  # the events' UIDs
    for feed in ("rss/", "atom/"):
        xml = client.get(AGENDA_EN + feed).content.decode()
        links = re.findall(r"<link>([^<]+)</link>|<link[^>]*href=\"([^\"]+)\"", xml)
        assert_public([a or b for a, b in links if (a or b).startswith("http")])


@override_settings(WAGTAILADMIN_BASE_URL="https://relations.example.org")
def test_an_unconfigured_site_uses_the_configured_base_url(client, site_pages):
    """Wagtail's placeholder Site (localhost): WAGTAILADMIN_BASE_URL is the address."""
    assert Site.objects.get(is_default_site=True).hostname == "localhost"
    robots = client.get("/robots.txt").content.decode()
    assert "Sitemap: https://relations.example.org/sitemap.xml" in robots
    assert "localhost" not in client.get("/sitemap.xml").content.decode()


@pytest.mark.parametrize(
    "fr_url, en_url",
    [
        (
            f"{PARTNERS_FR}?country=GB&sort=-since&page=1",
            "/en/international-relations/partner-cities/?country=GB&sort=-since&page=1",
        ),
        (
            "/fr/relations-internationales/cied-clermont-puy-de-dome/agenda/?period=past&theme=culture",
            f"{AGENDA_EN}?period=past&theme=culture",
        ),
    ],
)
def test_the_language_switch_keeps_the_filters(client, site_pages, fr_url, en_url):
    html = client.get(fr_url).content.decode()
    switch = re.search(r'<a href="([^"]+)" hreflang="en" lang="en"', html)
    assert switch.group(1).replace("&amp;", "&") == en_url
    # The canonical address stays the page's own, without the filters.
    assert 'rel="canonical" href="http://testserver' + fr_url.split("?")[0] + '"' in html


@pytest.mark.django_db
def test_page_links_in_rich_text_lead_to_the_page_in_each_language(client, site_pages):
    """Rich-text page links are expanded from the base pages (clermont_intl.wagtail_hooks
    PageLinks): the address is the linked page's own in the page's language, and a link to a
    deleted page stays a link without an address."""
    from django.utils import translation

    from clermont_intl.models import ContentPage

    partners, cied = site_pages["partners"], site_pages["cied"]
    body = (
        f'<p><a linktype="page" id="{partners.pk}">villes</a> '
        f'<a linktype="page" id="{cied.pk}">centre</a> <a linktype="page" id="999999">parti</a></p>'
    )
    page = ContentPage(
        title_fr="Liens",
        title_en="Links",
        slug_fr="liens",
        slug_en="links",
        body=[("paragraph", body)],
    )
    site_pages["mission"].add_child(instance=page)
    page.save_revision().publish()
    for language in ("fr", "en"):
        with translation.override(language):
            html = client.get(page.url).content.decode()
            assert f'<a href="{partners.url}">' in html
            assert f'<a href="{cied.url}">' in html
    assert "<a>parti</a>" in html
