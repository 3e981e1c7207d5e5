"""The welcoming home page, the corrections of the seeded text, the open data page, the search
snippets, the map's touch targets and the 404 page of a developer's machine."""

from datetime import timedelta

from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from wagtail.models import Page

import pytest
from bs4 import BeautifulSoup

from cied.models import CiedPage, EventIndexPage, EventPage
from clermont_intl.content.seed import SeedLoader
from clermont_intl.models import (
    AccessibilityStatementPage,
    ContentPage,
    HomePage,
    MissionPage,
)
from clermont_intl.search import html_text, page_text
from projects.models import ProjectSupportFormField
from tests.admin_forms import form_data
from tests.factories import add_event

pytestmark = pytest.mark.django_db

HOME = {"fr": "/fr/", "en": "/en/"}
AGENDA = {
    "fr": "/fr/relations-internationales/cied-clermont-puy-de-dome/agenda/",
    "en": "/en/international-relations/europe-direct-clermont-puy-de-dome/events/",
}
OPEN_DATA = {
    "fr": "/fr/relations-internationales/villes-partenaires/open-data/",
    "en": "/en/international-relations/partner-cities/open-data/",
}


def soup(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


# The home page ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "language, texts",
    [
        ("fr", {"mission": "Les missions du pôle", "support": "Demander un accompagnement",
                "none": "Aucun événement n'est programmé pour le moment.",
                "agenda": "l'agenda des événements", "newest": "Publié récemment",
                "map": "Les villes partenaires dans le monde"}),
        ("en", {"mission": "What the service does", "support": "Ask for support with a project",
                "none": "No event is scheduled at the moment.",
                "agenda": "the events calendar", "newest": "Recently published",
                "map": "Partner cities around the world"}),
    ],
)  # fmt: skip
def test_home_welcomes_in_both_languages(client, language, texts):
    page = soup(client.get(HOME[language]))
    main = page.find("main")
    text = main.get_text(" ", strip=True)
    headings = [h.get_text(strip=True) for h in main.find_all("h2")]
    # What the service does, from the mission page.
    assert texts["mission"] in headings
    mission = MissionPage.objects.get()
    assert getattr(mission, f"lead_{language}") in text
    # Clear ways in: the support request and the contact page.
    actions = main.find("nav", class_="home-actions")
    labels = [a.get_text(strip=True) for a in actions.find_all("a")]
    assert labels == [texts["support"], "Contact"]
    # No event in the seed: no block that says so, one line leads to the agenda.
    assert texts["none"] not in text
    assert main.find("a", href=AGENDA[language]).get_text(strip=True) == texts["agenda"]
    assert texts["newest"] in headings
    assert texts["map"] in headings and main.find("svg", class_="partner-map__svg")
    layouts = main.select(".partner-map__layout")
    assert len(layouts) == 2 and all(len(x.select(".partner-map__marker")) == 8 for x in layouts)
    # The editors' highlights of the seed: partner cities, support request, the centre.
    cards = [a["href"] for a in main.select(".home-highlights .card__title a")]
    assert len(cards) == 3
    # The accessibility statement is in the footer, not a home page card.
    assert "accessib" not in " ".join(cards)


def test_home_lists_the_next_three_events_and_follows_the_clock(client, monkeypatch):
    index = EventIndexPage.objects.get()
    events = [add_event(index, f"Rencontre {n}", starts_in_days=n) for n in (3, 1, 2, 5)]
    for event in events:
        event.save_revision().publish()
    home = soup(client.get(HOME["fr"]))
    titles = [a.get_text(strip=True) for a in home.select(".event-card__title a")]
    assert titles == ["Rencontre 1", "Rencontre 2", "Rencontre 3"]
    # The clock passes the first one's end, nobody publishes: it leaves the home page all the
    # same, although the published events are in the cache.
    ended = EventPage.objects.get(title="Rencontre 1").end + timedelta(minutes=1)
    monkeypatch.setattr(timezone, "now", lambda: ended)
    home = soup(client.get(HOME["fr"]))
    titles = [a.get_text(strip=True) for a in home.select(".event-card__title a")]
    assert titles == ["Rencontre 2", "Rencontre 3", "Rencontre 5"]


def test_home_is_kept_by_the_proxy_only_as_long_as_event_lists(client, settings):
    settings.EVENTS_CACHE_SECONDS = 120
    response = client.get(HOME["en"])
    assert "s-maxage=120" in response["Cache-Control"]


def test_newest_pages_come_first(client):
    index = EventIndexPage.objects.get()
    event = add_event(index, "Exposition toute neuve", starts_in_days=30)
    event.save_revision().publish()
    newest = soup(client.get(HOME["fr"])).select(".newest-list a")
    assert newest[0].get_text(strip=True) == "Exposition toute neuve"
    # The footer's legal pages are not "news".
    assert not [a for a in newest if "accessibilite" in a["href"]]


def test_editors_choose_the_highlights_in_the_admin(client, editor):
    home = HomePage.objects.get()
    cied = CiedPage.objects.get()
    client.force_login(editor)
    url = f"/admin/pages/{home.pk}/edit/"
    # The three seeded highlights are deleted, one is chosen instead. (The body's StreamField is
    # drawn by the admin's JavaScript: an empty one is posted, as the seeded home page has.)
    data = form_data(
        client.get(url),
        **{f"highlights-{n}-DELETE": "1" for n in range(3)},
        **{
            "highlights-TOTAL_FORMS": "4",
            "highlights-3-target": str(cied.pk),
            "highlights-3-text_fr": "Le centre vous informe sur l'Europe.",
            "highlights-3-text_en": "",
            "highlights-3-ORDER": "4",
            "highlights-3-id": "",
            "body_fr-count": "0",
            "body_en-count": "0",
            "key_figures_fr-count": "0",
            "key_figures_en-count": "0",
            "action-publish": "action-publish",
        },
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    client.logout()
    for language in ("fr", "en"):
        cards = soup(client.get(HOME[language])).select(".home-highlights .card")
        assert len(cards) == 1
        assert cards[0].a.get_text(strip=True) == getattr(cied, f"title_{language}")
        text = cards[0].find("p")
        assert text.get_text(strip=True) == "Le centre vous informe sur l'Europe."
        # No English text: the French one stands in, marked as French.
        assert text.get("lang") == ("fr" if language == "en" else None)


# Corrections of an earlier seed -------------------------------------------------------------


def make_it_an_old_seed():
    """The texts an earlier version of the seed wrote, as an existing site still has them."""
    loader_home = HomePage.objects.get()
    AccessibilityStatementPage.objects.all().delete()
    old = ContentPage(
        title="Accessibilité : partiellement conforme",
        title_fr="Accessibilité : partiellement conforme",
        title_en="Accessibility: partially conforming",
        slug="accessibilite",
        slug_fr="accessibilite",
        slug_en="accessibility",
        show_in_menus=False,
    )
    loader_home.add_child(instance=old)
    old.save_revision().publish()
    mission = MissionPage.objects.get()
    for field, new, former in (
        (
            "body_fr",
            "partenariats formalisés au sein du Réseau International des Villes Michelin",
            "création du Réseau International des Villes Michelin",
        ),
        (
            "body_en",
            "partnerships formalised within the International Network of Michelin Cities",
            "the International Network of Michelin Cities is founded",
        ),
    ):
        raw = [
            {
                **block,
                "value": [
                    {**fact, "label": former if fact["label"] == new else fact["label"]}
                    for fact in block["value"]
                ]
                if block["type"] == "key_facts"
                else block["value"],
            }
            for block in getattr(mission, field).raw_data
        ]
        setattr(mission, field, raw)
    mission.save_revision().publish()
    field = ProjectSupportFormField.objects.get(clean_name="support")
    field.choices_en = field.choices_en.replace("Guidance on co-funding", "Pointers to co-funding")
    field.save()
    CiedPage.objects.filter(pk=CiedPage.objects.get().pk).update(
        partnership_en="Run by the City's International Relations department in partnership with "
        "the Conseil départemental du Puy-de-Dôme (the Puy-de-Dôme county council)."
    )
    return old


def rendered_text(url):
    from django.test import Client

    return soup(Client().get(url)).find("main").get_text(" ", strip=True)


def test_rerunning_the_seed_corrects_an_existing_site(capsys):
    old = make_it_an_old_seed()
    assert "création du Réseau" in rendered_text("/fr/relations-internationales/")

    call_command("load_seed_content")
    out = capsys.readouterr().out
    assert "Corrected" in out

    fr = rendered_text("/fr/relations-internationales/")
    en = rendered_text("/en/international-relations/")
    assert "création du Réseau" not in fr
    assert "partenariats formalisés au sein du Réseau International des Villes Michelin" in fr
    assert "is founded" not in en
    assert "partnerships formalised within the International Network of Michelin Cities" in en
    assert "Puy-de-Dôme departmental council" in rendered_text(
        "/en/international-relations/europe-direct-clermont-puy-de-dome/"
    )
    choices = ProjectSupportFormField.objects.get(clean_name="support").choices_en
    assert "Guidance on co-funding" in choices and "Pointers" not in choices
    # The old statement is kept for the editors, unpublished; the new one took its address.
    old.refresh_from_db()
    assert not old.live and old.slug_fr != "accessibilite"
    statement = AccessibilityStatementPage.objects.get()
    assert statement.live and statement.slug_fr == "accessibilite"
    assert "non conforme" in rendered_text("/fr/accessibilite/")

    # Idempotent: a second run finds nothing to correct.
    call_command("load_seed_content")
    assert "Nothing to do" in capsys.readouterr().out


def test_seed_corrections_leave_an_editors_wording_alone():
    mission = MissionPage.objects.get()
    raw = list(mission.body_fr.raw_data)
    raw.insert(0, {"type": "paragraph", "value": "<p>Texte de l'équipe éditoriale.</p>"})
    mission.body_fr = raw
    revision = mission.save_revision()
    revision.publish()
    SeedLoader().run()
    mission = MissionPage.objects.get()
    assert mission.latest_revision_id == revision.pk
    assert "Texte de l'équipe éditoriale." in str(mission.body_fr)


@pytest.mark.parametrize(
    "url, repeated",
    [
        ("/fr/relations-internationales/cied-clermont-puy-de-dome/", "Commission Européenne"),
        ("/en/international-relations/europe-direct-clermont-puy-de-dome/", "label from the"),
    ],
)
def test_the_centre_states_its_label_once(client, url, repeated):
    text = rendered_text(url)
    assert text.count("2018") == 1
    assert repeated not in text


@pytest.mark.parametrize(
    "url",
    [
        "/fr/relations-internationales/projets-europeens-et-internationaux/techtown/",
        "/en/international-relations/european-and-international-projects/techtown/",
    ],
)
def test_programme_name_is_not_repeated_as_its_acronym(client, url):
    text = rendered_text(url)
    assert "URBACT (URBACT)" not in text and "Urbact (URBACT)" not in text
    assert "Urbact" in text or "URBACT" in text


def test_french_names_in_english_text_are_marked_french(client):
    main = soup(client.get("/en/international-relations/")).find("main")
    assert main.find("span", lang="fr", string="Conseil départemental du Puy-de-Dôme")


# Search snippets ----------------------------------------------------------------------------


def test_search_text_keeps_a_space_between_paragraphs():
    assert html_text("<p>depuis 2017.</p><p>Clermont-Ferrand</p><ul><li>a</li><li>b</li></ul>") == (
        "depuis 2017. Clermont-Ferrand a b"
    )
    found = page_text(MissionPage.objects.get(), "fr")
    text = f"{found.lead} {found.body}"
    assert "internationales. Ce réseau" in text
    assert "internationales.Ce" not in text


def test_search_snippet_reads_as_text(client):
    call_command("update_site_search")
    html = client.get("/fr/recherche/?q=coopérations").content.decode()
    assert "internationales.Ce" not in html


# Open data page -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "language, title",
    [
        ("fr", "Données ouvertes : villes partenaires et événements"),
        ("en", "Open data: partner cities and events"),
    ],
)
def test_open_data_description_is_a_page_of_the_site(client, language, title):
    response = client.get(OPEN_DATA[language])
    assert response["Content-Type"].startswith("text/html")
    page = soup(response)
    assert page.html["lang"] == language
    assert page.h1.get_text(strip=True) == title
    assert page.find("header", class_="site-header") and page.find("footer")
    text = page.get_text(" ", strip=True)
    assert "Licence Ouverte 2.0" in text
    assert page.find("a", href="https://www.etalab.gouv.fr/licence-ouverte-open-licence/")
    assert page.find("a", href=OPEN_DATA[language] + "geojson/")
    assert "twin_city_since" in text
    # The language switcher leads to this page in the other language.
    other = "en" if language == "fr" else "fr"
    switcher = page.find("nav", class_="language-switcher")
    assert switcher.find("a", hreflang=other)["href"] == OPEN_DATA[other]
    assert page.find("link", rel="canonical")["href"].endswith(OPEN_DATA[language])
    assert page.find("nav", class_="breadcrumbs").find("a", attrs={"aria-current": "page"})
    # Linked from the directory, whose own header is not the open data page's.
    directory = soup(client.get(OPEN_DATA[language].removesuffix("open-data/")))
    assert directory.find("a", href=OPEN_DATA[language])
    switcher = directory.find("nav", class_="language-switcher")
    assert switcher.find("a", hreflang=other)["href"] == OPEN_DATA[other].removesuffix("open-data/")


# Partner map: touch targets and names ------------------------------------------------------


def test_each_marker_is_a_touch_target_showing_its_city_name(client):
    svg = soup(client.get("/en/international-relations/partner-cities/")).find(
        "svg", class_="partner-map__svg"
    )
    markers = svg.select(".partner-map__marker")
    assert markers
    for marker in markers:
        # Sizes in CSS px, whatever the map's width (partners.map_layout): 24 at least.
        pill = marker.find("rect", class_="partner-map__pill")
        assert float(pill["height"]) >= 24 and float(pill["width"]) >= 24
        assert marker["aria-label"].startswith(marker.find("text").get_text() + ", ")


# 404 with DEBUG ----------------------------------------------------------------------------


@pytest.fixture
def dev_middleware(settings):
    settings.DEBUG = True
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, "clermont_intl.dev_errors.SiteNotFoundMiddleware"]


def test_dev_settings_use_the_sites_404_page():
    from clermont_intl.settings import dev

    assert "clermont_intl.dev_errors.SiteNotFoundMiddleware" == dev.MIDDLEWARE[-1]


@pytest.mark.parametrize(
    "accept, target, title",
    [("fr-FR,fr;q=0.9", "/fr/nulle-part/", "Page introuvable"),
     ("en-GB,en;q=0.9", "/en/nulle-part/", "Page not found")],
)  # fmt: skip
def test_unknown_address_gets_the_sites_404_in_the_browsers_language(
    client, dev_middleware, accept, target, title
):
    response = client.get("/nulle-part/", HTTP_ACCEPT_LANGUAGE=accept)
    assert response.status_code == 302 and response["Location"] == target
    response = client.get(target, HTTP_ACCEPT_LANGUAGE=accept)
    assert response.status_code == 404
    page = BeautifulSoup(response.content, "html.parser")
    assert page.h1.get_text(strip=True) == title
    assert "URLconf" not in response.content.decode()
    assert page.find("footer")


@override_settings(DEBUG=True)
def test_wagtail_page_missing_under_a_section_gets_the_sites_404(client, dev_middleware):
    response = client.get("/fr/relations-internationales/nulle-part/")
    assert response.status_code == 404
    assert "Page introuvable" in response.content.decode()
    assert Page.objects.filter(slug="nulle-part").count() == 0
