"""The page of the International Network of Michelin Cities: what it is and does (the seed's
text), its cities presented on the site with the twin cities marked and an honest count, linked
from the mission page and the menu, in both languages; seeded once."""

import re

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from wagtail.test.utils import WagtailPageTestCase

import pytest
from bs4 import BeautifulSoup

from clermont_intl.content import seed_text as content
from clermont_intl.content.seed import SeedLoader
from clermont_intl.models import MissionPage
from partners.constants import Relationship
from partners.models import MichelinNetworkPage, PartnerCityPage, PartnerIndexPage
from tests.factories import add_partner

pytestmark = pytest.mark.django_db

NETWORK = {
    "fr": "/fr/relations-internationales/reseau-international-des-villes-michelin/",
    "en": "/en/international-relations/international-network-of-michelin-cities/",
}
MISSION = {"fr": "/fr/relations-internationales/", "en": "/en/international-relations/"}


def soup(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser")


def network_city_count():
    return (
        PartnerCityPage.objects.live()
        .filter(relationships__kind=Relationship.MICHELIN_NETWORK)
        .distinct()
        .count()
    )


@pytest.mark.parametrize(
    "language, says, count, twin",
    [
        ("fr", ["Ce que fait le réseau", "favoriser les échanges internationaux de bonnes "
                "pratiques", "site de production ou de recherche Michelin"],
         "{n} des plus de 40 villes du réseau sont présentées ici.", "Ville jumelle depuis"),
        ("en", ["What the network does", "encourage international exchanges of good practice",
                "Michelin production or research site"],
         "{n} of the network's more than 40 cities are presented here.", "Twin city since"),
    ],
)  # fmt: skip
def test_the_network_page_says_what_it_is_and_counts_its_cities_honestly(
    client, language, says, count, twin
):
    main = soup(client, NETWORK[language]).find("main")
    text = main.get_text(" ", strip=True)
    for words in says:
        assert words in text
    # The real number of the network's cities on the site (the seed's seven twin cities).
    assert network_city_count() == 7
    assert count.format(n=7) in text
    cards = main.select(".city-card")
    assert sorted(card.h3.get_text(strip=True) for card in cards) == sorted(
        name for name, *_rest in content.TWIN_CITIES
    )
    # Every one of them is a twin city, and says since when; Oyem (solidarity) is not listed.
    assert all(twin in card.get_text(" ", strip=True) for card in cards)
    assert "Oyem" not in text
    salford = next(card for card in cards if card.h3.get_text(strip=True) == "Salford")
    assert f"{twin} 1966" in salford.get_text(" ", strip=True)
    # Each city's flag, shipped with the site, beside its country's name.
    flag = salford.find("img", class_="flag")
    assert flag["src"].endswith("/vendor/flag-icons/flags/4x3/gb.svg") and flag["alt"] == ""


def test_a_new_city_of_the_network_is_counted_and_not_marked_as_a_twin(client):
    add_partner(PartnerIndexPage.objects.get(), "Cuneo").save_revision().publish()
    main = soup(client, NETWORK["fr"]).find("main")
    assert "8 des plus de 40 villes du réseau sont présentées ici." in main.get_text(" ")
    cuneo = next(c for c in main.select(".city-card") if c.h3.get_text(strip=True) == "Cuneo")
    assert "Ville jumelle" not in cuneo.get_text()
    assert "Italie" in cuneo.get_text()


@pytest.mark.parametrize(
    "language, size, count, sentence",
    [
        ("fr", 40, 1, "1 des plus de 40 villes du réseau est présentée ici."),
        ("fr", 40, 2, "2 des plus de 40 villes du réseau sont présentées ici."),
        ("en", 40, 1, "1 of the network's more than 40 cities is presented here."),
        ("fr", None, 1, "1 ville du réseau est présentée ici."),
        ("en", None, 3, "3 cities of the network are presented here."),
        ("fr", 40, 0, "Aucune ville du réseau n'est encore présentée ici."),
        ("en", None, 0, "No city of the network is presented here yet."),
    ],
)
def test_the_count_takes_the_plural_of_each_language(language, size, count, sentence):
    with translation.override(language):
        assert MichelinNetworkPage(network_size=size).count_sentence(count) == sentence


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_mission_page_and_the_menu_lead_to_the_network(client, language):
    page = soup(client, MISSION[language])
    body_links = page.select(f'main .stream-body a[href="{NETWORK[language]}"]')
    assert body_links, "the mission's text links the network's name to its page"
    assert page.select(f'main .card a[href="{NETWORK[language]}"]'), "a card of its sections"
    assert page.select(f'.main-nav__sub a[href="{NETWORK[language]}"]'), "the menu"


def test_its_queries_do_not_grow_with_the_cities(client):
    def queries():
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            assert client.get(NETWORK["fr"]).status_code == 200
        return len(captured)

    before = queries()
    index = PartnerIndexPage.objects.get()
    for name in ("Cuneo", "Karlsruhe", "Vitoria"):
        add_partner(index, name).save_revision().publish()
    assert queries() == before


def test_the_seed_makes_the_page_once_and_links_it_from_a_mission_page_seeded_before():
    """A site seeded before the page existed: the seed makes it and links the mission page's
    words for the network; a second run changes nothing."""
    old = MichelinNetworkPage.objects.get()
    link = re.compile(rf'<a linktype="page" id="{old.pk}">(.*?)</a>')
    old.delete()
    mission = MissionPage.objects.get()
    for name in ("body_fr", "body_en"):
        raw = [dict(block) for block in getattr(mission, name).raw_data]
        for block in raw:
            if block["type"] == "paragraph":
                # As the earlier seed wrote it: the network's name without a link.
                block["value"] = link.sub(r"\1", block["value"])
        setattr(mission, name, raw)
    mission.save_revision().publish()

    report = SeedLoader().run()
    network = MichelinNetworkPage.objects.get()
    assert network.live and network.network_size == 40
    assert any("Michelin" in line for line in report.created)
    mission.refresh_from_db()
    for name in ("body_fr", "body_en"):
        html = "".join(
            str(b.value.source) for b in getattr(mission, name) if b.block_type == "paragraph"
        )
        assert f'<a linktype="page" id="{network.pk}">' in html
    again = SeedLoader().run()
    assert not again.created and not again.corrected


class TestNetworkPageType(WagtailPageTestCase):
    def test_it_belongs_under_the_mission_page_and_has_no_children(self):
        self.assertAllowedParentPageTypes(MichelinNetworkPage, {MissionPage})
        self.assertAllowedSubpageTypes(MichelinNetworkPage, set())
