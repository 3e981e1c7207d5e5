"""Each language's own rules on the seeded site: English dates in British form, filters in the
alphabetical order of the page's language, no filter form on an empty list, no map of zero
cities ("Carte de la 0 ville partenaire")."""

import datetime

from django.utils import timezone, translation

import pytest
from bs4 import BeautifulSoup

from cied.models import EventIndexPage, EventPage
from tests.factories import add_event

pytestmark = pytest.mark.django_db

PARTNERS = {
    "fr": "/fr/relations-internationales/villes-partenaires/",
    "en": "/en/international-relations/partner-cities/",
}
AGENDA = {
    "fr": "/fr/relations-internationales/cied-clermont-puy-de-dome/agenda/",
    "en": "/en/international-relations/europe-direct-clermont-puy-de-dome/events/",
}
NEWS = {"fr": "/fr/actualites/", "en": "/en/news/"}


def soup(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser")


def test_english_pages_write_dates_the_british_way(client):
    paris = timezone.get_default_timezone()
    event = add_event(EventIndexPage.objects.get(), "Conférence sur l'Europe", starts_in_days=1)
    event.start = datetime.datetime(2026, 12, 7, 18, 30, tzinfo=paris)
    event.end = datetime.datetime(2026, 12, 7, 20, 0, tzinfo=paris)
    event.save_revision().publish()
    event = EventPage.objects.get(pk=event.pk)
    pages = {}
    for language in ("fr", "en"):
        with translation.override(language):
            pages[language] = soup(client, event.get_url()).find("main").get_text(" ", strip=True)
    assert "7 December 2026, 18:30" in pages["en"]
    assert "Dec. 7" not in pages["en"] and "p.m." not in pages["en"]
    assert "7 décembre 2026, 18:30" in pages["fr"]


@pytest.mark.parametrize(
    "language, countries",
    [
        ("fr", ["Allemagne", "Biélorussie", "Espagne", "États-Unis d'Amérique", "Gabon",
                "Portugal", "Royaume-Uni"]),
        ("en", ["Belarus", "Gabon", "Germany", "Portugal", "Spain", "United Kingdom",
                "United States of America"]),
    ],
)  # fmt: skip
def test_the_country_filter_is_in_the_alphabetical_order_of_the_pages_language(
    client, language, countries
):
    select = soup(client, PARTNERS[language]).find("select", attrs={"name": "country"})
    options = [option.get_text(strip=True) for option in select.find_all("option")][1:]
    assert options == countries


@pytest.mark.parametrize("language", ["fr", "en"])
def test_an_empty_list_has_no_filter_form(client, language):
    # The seed has no event and no news: nothing to filter.
    for url in (AGENDA[language], AGENDA[language] + "?period=past", NEWS[language]):
        page = soup(client, url)
        assert not page.find("form", class_="filters"), url
    # Its feeds do not speak of filters "chosen above".
    text = soup(client, AGENDA[language]).find("main").get_text(" ", strip=True)
    assert "ci-dessus" not in text and "above" not in text
    # The partner directory and the projects have something to filter.
    for url in (
        PARTNERS[language],
        "/fr/relations-internationales/projets-europeens-et-internationaux/"
        if language == "fr"
        else "/en/international-relations/european-and-international-projects/",
    ):
        assert soup(client, url).find("form", class_="filters"), url


def test_the_filter_form_comes_with_the_first_event_and_stays_when_filters_find_nothing(client):
    add_event(
        EventIndexPage.objects.get(), "Café européen", starts_in_days=3
    ).save_revision().publish()
    assert soup(client, AGENDA["fr"]).find("form", class_="filters")
    page = soup(client, AGENDA["fr"] + "?audience=schools")
    assert page.find("form", class_="filters")
    assert not page.select(".event-card")
    # No past event yet: the archive has nothing to filter.
    assert not soup(client, AGENDA["fr"] + "?period=past").find("form", class_="filters")


@pytest.mark.parametrize("language", ["fr", "en"])
def test_no_map_of_zero_cities(client, language):
    """Filters that match no city: the list says so, no map announces "0 partner city"."""
    page = soup(client, PARTNERS[language] + "?relationship=solidarity&country=GB")
    main = page.find("main")
    assert not main.find("figure", class_="partner-map")
    text = main.get_text(" ", strip=True)
    assert "Carte de la 0" not in text and "Map of the 0" not in text
    # The filter form stays, to choose again.
    assert main.find("form", class_="filters")
