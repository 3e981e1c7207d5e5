"""The home page shows what the section has: what is always there first (what the section is, a
way in, its key figures, the twin cities with year, country and flag, the map, how to get
involved), no block that only says it is empty, and "Recently published" without lists of
other pages; in a number of queries that does not grow with the content."""

from datetime import date

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail.models import Page
from wagtail.test.utils.form_data import nested_form_data, streamfield

import pytest
from bs4 import BeautifulSoup

from cied.models import CiedPage, EventIndexPage
from clermont_intl.content import seed_text as content
from clermont_intl.content.seed import SeedLoader
from clermont_intl.home import listing_page_types
from clermont_intl.models import HomePage
from clermont_intl.news.models import NewsIndexPage
from partners.constants import Relationship
from partners.models import MichelinNetworkPage, PartnerCityPage, PartnerIndexPage
from projects.models import ProjectSupportFormPage
from tests.admin_forms import form_data
from tests.factories import add_event, add_news, add_partner

pytestmark = pytest.mark.django_db

HOME = {"fr": "/fr/", "en": "/en/"}
TEXTS = {
    "fr": {
        "figures": [
            ("7", "villes jumelles, la première depuis 1966"),
            ("40+", "villes avec lesquelles Clermont-Ferrand a tissé des liens"),
            ("2006", "coopération solidaire avec Oyem, au Gabon"),
            ("2018", "label «\u00a0Centre d'Information Europe Direct\u00a0» pour le CIED"),
        ],
        "twins": "Les villes jumelles de Clermont-Ferrand",
        "since": "Ville jumelle depuis",
        "involved": "Agir avec le pôle",
        "map": "Les villes partenaires dans le monde",
        "empty": ["Aucun événement", "Aucune actualité", "Aucun appel à projets"],
        "follow": "Suivre la section\u00a0: l'agenda des événements · les actualités",
        "events": "Prochains événements du Centre Europe Direct",
    },
    "en": {
        "figures": [
            ("7", "twin cities, the first twinned in 1966"),
            ("40+", "cities Clermont-Ferrand has forged links with"),
            ("2006", "solidarity cooperation with Oyem, Gabon"),
            ("2018", "“Europe Direct information centre” label for the centre"),
        ],
        "twins": "Clermont-Ferrand's twin cities",
        "since": "Twin city since",
        "involved": "Get involved",
        "map": "Partner cities around the world",
        "empty": ["No event", "No news", "No call for projects"],
        "follow": "Keep up with the section: the events calendar · the news",
        "events": "Next events of the Europe Direct centre",
    },
}


def page_of(client, language):
    response = client.get(HOME[language])
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").find("main")


def headings(main):
    return [h.get_text(" ", strip=True) for h in main.find_all("h2")]


@pytest.mark.parametrize("language", ["fr", "en"])
def test_what_is_always_there_leads(client, language):
    texts = TEXTS[language]
    main = page_of(client, language)
    order = headings(main)
    # The key figures first, then the twin cities, the map and how to get involved, before
    # the rest.
    assert order.index(texts["twins"]) < order.index(texts["map"]) < order.index(texts["involved"])
    figures = [
        (
            li.select_one(".key-fact__figure").get_text(strip=True),
            li.select_one(".key-fact__label").get_text(" ", strip=True),
        )
        for li in main.select(".home-figures .key-facts li")
    ]
    assert figures == texts["figures"]
    # Each figure leads to the page that tells more.
    with_links = [a["href"] for a in main.select(".home-figures a")]
    from django.utils import translation

    with translation.override(language):
        assert with_links == [
            PartnerIndexPage.objects.get().url,
            MichelinNetworkPage.objects.get().url,
            PartnerCityPage.objects.get(slug_fr="oyem").url,
            CiedPage.objects.get().url,
        ]


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_twin_cities_with_their_year_country_and_flag(client, language):
    main = page_of(client, language)
    cards = main.select(".home-twins .city-card")
    names = [card.h3.get_text(strip=True) for card in cards]
    # Oldest twinning first, as the seed text lists them.
    assert names == [name for name, *_rest in content.TWIN_CITIES]
    for card, (_name, code, since, *_coordinates, country_fr, country_en) in zip(
        cards, content.TWIN_CITIES, strict=True
    ):
        text = card.get_text(" ", strip=True)
        assert f"{TEXTS[language]['since']} {since}" in text
        country = country_en if language == "en" else country_fr.split(" ", 1)[1]
        assert country.replace("États-Unis", "États-Unis") in text or language == "fr"
        flag = card.find("img", class_="flag")
        assert flag["src"].endswith(f"/flags/4x3/{code.lower()}.svg") and flag["alt"] == ""


@pytest.mark.parametrize("language", ["fr", "en"])
def test_no_block_that_only_says_it_is_empty(client, language):
    """The seed has no event, no news and no call: one line leads to the agenda and the news."""
    main = page_of(client, language)
    text = main.get_text(" ", strip=True)
    for empty in TEXTS[language]["empty"]:
        assert empty not in text
    assert TEXTS[language]["events"] not in headings(main)
    follow = main.find("p", class_="home-follow")
    assert follow.get_text(" ", strip=True) == TEXTS[language]["follow"]
    assert len(follow.find_all("a")) == 2


def test_events_and_news_show_once_there_are_some(client):
    add_event(
        EventIndexPage.objects.get(), "Café européen", starts_in_days=3
    ).save_revision().publish()
    add_news(NewsIndexPage.objects.get(), "Jumelage fêté", date=date(2026, 11, 2))
    main = page_of(client, "fr")
    assert TEXTS["fr"]["events"] in headings(main)
    assert "Dernières actualités" in headings(main)
    assert not main.find("p", class_="home-follow")


@pytest.mark.parametrize("language", ["fr", "en"])
def test_how_to_get_involved_leads_to_the_support_form_and_the_contact_page(client, language):
    from django.utils import translation

    main = page_of(client, language)
    section = main.find("h2", string=TEXTS[language]["involved"]).find_parent("section")
    hrefs = [a["href"] for a in section.find_all("a")]
    with translation.override(language):
        support = ProjectSupportFormPage.objects.get().url
    assert support in hrefs
    assert ("/fr/contact/" if language == "fr" else "/en/contact/") in hrefs


def test_recently_published_lists_pages_with_content_not_lists_of_pages(
    client, django_capture_on_commit_callbacks
):
    # The lists of other pages published last: still not "news".
    listings = Page.objects.type(*listing_page_types())
    assert listings.count() >= 6
    listings.update(first_published_at=timezone.now())
    newest = page_of(client, "fr").select(".newest-list a")
    assert newest
    listed = {a["href"] for a in newest}
    from django.utils import translation

    with translation.override("fr"):
        assert not listed & {page.specific.url for page in listings}
    # A page with content published now comes first.
    # Committed, as the admin's publish is: the list is a cached fragment, renewed after commit.
    with django_capture_on_commit_callbacks(execute=True):
        partner = add_partner(PartnerIndexPage.objects.get(), "Cuneo")
        partner.save_revision().publish()
    newest = page_of(client, "fr").select(".newest-list a")
    assert newest[0].get_text(strip=True) == "Cuneo"


def test_editors_change_the_key_figures(client, editor):
    home = HomePage.objects.get()
    client.force_login(editor)
    url = f"/admin/pages/{home.pk}/edit/"
    figures = nested_form_data(
        {
            "key_figures_fr": streamfield(
                [("figure", {"figure": "8", "label": "villes jumelles", "page": ""})]
            ),
            "key_figures_en": streamfield([]),
            "body_fr": streamfield([]),
            "body_en": streamfield([]),
        }
    )
    data = form_data(client.get(url), **figures, **{"action-publish": "action-publish"})
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    client.logout()
    main = page_of(client, "fr")
    assert [li.get_text(" ", strip=True) for li in main.select(".home-figures li")] == [
        "8 villes jumelles"
    ]
    # English left empty: the French figures, marked as French (RGAA 8.7).
    english = page_of(client, "en").select_one(".home-figures .key-facts")
    assert english["lang"] == "fr"


def test_the_seed_gives_the_key_figures_to_a_home_page_seeded_before_them_once():
    home = HomePage.objects.get()
    home.key_figures_fr = []
    home.key_figures_en = []
    home.save(update_fields=["key_figures_fr", "key_figures_en"])
    for revision in home.revisions.all():
        revision.content.pop("key_figures_fr", None)
        revision.content.pop("key_figures_en", None)
        revision.save(update_fields=["content"])
    SeedLoader().run()
    home.refresh_from_db()
    assert [block.value["figure"] for block in home.key_figures_fr] == ["7", "40+", "2006", "2018"]
    # An editor who empties them keeps them empty.
    home.key_figures_fr = []
    home.key_figures_en = []
    home.save_revision().publish()
    SeedLoader().run()
    home.refresh_from_db()
    assert not home.key_figures_fr


def test_the_home_pages_queries_do_not_grow_with_the_content(client):
    def queries(language):
        cache.clear()
        client.get(HOME[language])  # Wagtail's own per-site lookups
        with CaptureQueriesContext(connection) as captured:
            assert client.get(HOME[language]).status_code == 200
        return len(captured)

    # With something in each list (its first query each), then much more of everything.
    partners = PartnerIndexPage.objects.get()
    events = EventIndexPage.objects.get()
    news = NewsIndexPage.objects.get()
    add_event(events, "Rencontre 0", starts_in_days=2).save_revision().publish()
    add_news(news, "Nouvelle 0", date=date(2026, 10, 1))
    before = {language: queries(language) for language in ("fr", "en")}
    for n in range(1, 6):
        add_partner(
            partners, f"Ville-{n}", kind=Relationship.TWIN_CITY, since=2000 + n
        ).save_revision().publish()
        add_event(events, f"Rencontre {n}", starts_in_days=2 + n).save_revision().publish()
        add_news(news, f"Nouvelle {n}", date=date(2026, 10, 1 + n))
    after = {language: queries(language) for language in ("fr", "en")}
    assert after == before
