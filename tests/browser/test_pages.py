"""Every page type in both languages, in Chromium: no serious or critical axe-core violation,
no Nu Html Checker error, and screenshots at phone and desktop widths."""

from datetime import timedelta
from urllib.error import HTTPError
from urllib.request import urlopen

from django.utils import timezone, translation

import pytest

from .checkers import SCREENSHOTS, check_many_html, run_axe, serious_violations
from .conftest import VIEWPORTS

LANGUAGES = ("fr", "en")
PAGE_TYPES = (
    "home",
    "mission",
    "content",
    "partner_index",
    "partner_city",
    "project_index",
    "project",
    "support_form",
    "cied",
    "event_index",
    "event",
    "search",
    "site_map",
    "not_found",
)


@pytest.fixture(scope="module")
def site_urls(live_site, django_db_blocker):
    """{(page type, language): path}, with an event page of its own, removed afterwards."""
    from cied.models import CiedPage, EventIndexPage, EventPage
    from clermont_intl.models import ContentPage, HomePage, MissionPage
    from partners.models import PartnerCityPage, PartnerIndexPage
    from projects.models import ProjectIndexPage, ProjectPage, ProjectSupportFormPage

    with django_db_blocker.unblock():
        start = timezone.now().replace(hour=18, minute=30, second=0, microsecond=0)
        event = EventPage(
            title="Café européen : l'Europe et la jeunesse",
            title_fr="Café européen : l'Europe et la jeunesse",
            title_en="European café: Europe and young people",
            slug="cafe-europeen-navigateur",
            slug_fr="cafe-europeen-navigateur",
            slug_en="european-cafe-browser",
            intro_fr="Une soirée d'échanges sur les programmes européens pour les jeunes.",
            intro_en="An evening of discussion about European programmes for young people.",
            kind="talk",
            start=start + timedelta(days=10),
            end=start + timedelta(days=10, hours=2),
            place="CIED, 3 place de la Victoire, Clermont-Ferrand",
        )
        EventIndexPage.objects.get().add_child(instance=event)
        event.save_revision().publish()
        # The seed has no plain content page of its own any more: one made as an editor would.
        content = ContentPage(
            title="Bourses de mobilité",
            title_fr="Bourses de mobilité",
            title_en="Mobility grants",
            slug="bourses-navigateur",
            slug_fr="bourses-navigateur",
            slug_en="mobility-grants-browser",
            intro_fr="Les aides au départ à l'étranger des jeunes Clermontois.",
            intro_en="Grants that help young people from Clermont-Ferrand to go abroad.",
            body_fr=[{"type": "paragraph", "value": "<p>Renseignez-vous au CIED.</p>"}],
            body_en=[{"type": "paragraph", "value": "<p>Ask at the Europe Direct centre.</p>"}],
        )
        MissionPage.objects.get().add_child(instance=content)
        content.save_revision().publish()
        pages = {
            "home": HomePage.objects.get(),
            "mission": MissionPage.objects.get(),
            "content": ContentPage.objects.get(pk=content.pk),
            "partner_index": PartnerIndexPage.objects.get(),
            "partner_city": PartnerCityPage.objects.live().order_by("path").first(),
            "project_index": ProjectIndexPage.objects.get(),
            "project": ProjectPage.objects.live().order_by("path").first(),
            "support_form": ProjectSupportFormPage.objects.get(),
            "cied": CiedPage.objects.get(),
            "event_index": EventIndexPage.objects.get(),
            "event": EventPage.objects.get(pk=event.pk),
        }
        urls = {}
        for language in LANGUAGES:
            with translation.override(language):
                for name, page in pages.items():
                    urls[name, language] = page.get_url()
        urls["search", "fr"] = "/fr/recherche/?q=europe"
        urls["search", "en"] = "/en/search/?q=europe"
        urls["site_map", "fr"] = "/fr/plan-du-site/"
        urls["site_map", "en"] = "/en/site-map/"
        urls["not_found", "fr"] = "/fr/cette-page-n-existe-pas/"
        urls["not_found", "en"] = "/en/this-page-does-not-exist/"
    yield urls
    with django_db_blocker.unblock():
        EventPage.objects.filter(pk=event.pk).delete()
        ContentPage.objects.filter(pk=content.pk).delete()


def expected_status(name):
    return 404 if name == "not_found" else 200


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", PAGE_TYPES)
def test_no_serious_accessibility_violation(page, site_urls, name, language):
    response = page.goto(site_urls[name, language])
    assert response.status == expected_status(name)
    assert page.evaluate("document.documentElement.lang") == language
    violations = serious_violations(run_axe(page))
    assert not violations, "\n".join(violations)


def test_every_page_type_is_valid_html(live_site, site_urls):
    documents = {}
    for (name, language), path in site_urls.items():
        try:
            with urlopen(live_site + path, timeout=30) as response:  # noqa: S310 (loopback)
                status, body = response.status, response.read()
        except HTTPError as error:
            status, body = error.code, error.read()
        assert status == expected_status(name), path
        documents[f"{name} ({language}) {path}"] = body.decode("utf-8")
    errors = {name: found for name, found in check_many_html(documents).items() if found}
    assert not errors, "\n".join(f"{name}:\n  " + "\n  ".join(e) for name, e in errors.items())


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("name", ["home", "partner_index", "event"])
def test_screenshots(browser, live_site, site_urls, name, viewport):
    """Saved in var/screenshots/ for people to look at; the page must not scroll sideways."""
    context = browser.new_context(base_url=live_site, viewport=VIEWPORTS[viewport])
    try:
        tab = context.new_page()
        for language in LANGUAGES:
            assert tab.goto(site_urls[name, language]).status == 200
            width = tab.evaluate("document.documentElement.scrollWidth")
            assert width <= VIEWPORTS[viewport]["width"], f"{name} scrolls sideways: {width}px"
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            path = SCREENSHOTS / f"{name}-{language}-{viewport}.png"
            tab.screenshot(path=str(path), full_page=True)
            assert path.stat().st_size > 10_000
    finally:
        context.close()


@pytest.mark.parametrize("name", ["event", "partner_city"])
def test_print_keeps_the_content_and_drops_the_navigation(page, site_urls, name):
    page.goto(site_urls[name, "fr"])
    page.emulate_media(media="print")

    def shown(selector):
        return page.locator(selector).first.is_visible()

    assert shown("main h1")
    for navigation in (".skip-links", ".site-topbar", ".main-nav", ".site-search"):
        assert not shown(navigation), navigation
    # External links print their address.
    after = page.evaluate(
        "() => [...document.querySelectorAll('main a[href^=\"http\"]')]"
        ".map(a => getComputedStyle(a, '::after').content)"
    )
    assert all("http" in content for content in after)
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and len(pdf) > 5_000
