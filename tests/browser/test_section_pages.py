"""In Chromium, on the seeded site in both languages: the home page's first screen on a phone
says what the section is and offers an action; and the pages the home page, the network page,
the centre's page, the legal pages and the lists with their filters changed have no axe-core
violation of any impact and no Nu Html Checker error."""

from django.utils import translation

import pytest

from .checkers import SCREENSHOTS, check_many_html, run_axe
from .conftest import VIEWPORTS

LANGUAGES = ("fr", "en")
FIRST_SCREEN = {
    "fr": {"h1": "Clermont-Ferrand à l'international", "action": "Demander un accompagnement"},
    "en": {"h1": "Clermont-Ferrand in the world", "action": "Ask for support with a project"},
}


@pytest.fixture(scope="module")
def touched_urls(live_site, django_db_blocker):
    """{(name, language): path} of every page this work changed."""
    from cied.models import CiedPage, EventIndexPage
    from clermont_intl.models import (
        AccessibilityStatementPage,
        HomePage,
        LegalNoticePage,
        MissionPage,
        PrivacyNoticePage,
    )
    from clermont_intl.news.models import NewsIndexPage
    from partners.models import MichelinNetworkPage, PartnerCityPage, PartnerIndexPage
    from projects.models import ProjectIndexPage, ProjectPage

    urls = {}
    with django_db_blocker.unblock():
        for language in LANGUAGES:
            with translation.override(language):
                partners = PartnerIndexPage.objects.get().url
                agenda = EventIndexPage.objects.get().url
                pages = {
                    "home": HomePage.objects.get().url,
                    "mission": MissionPage.objects.get().url,
                    "network": MichelinNetworkPage.objects.get().url,
                    "partner_index": partners,
                    "partner_index_empty": partners + "?relationship=solidarity&country=GB",
                    "partner_index_errors": partners + "?country=ZZ",
                    "partner_city": PartnerCityPage.objects.get(slug_fr="salford").url,
                    "open_data": partners + "open-data/",
                    "project_index": ProjectIndexPage.objects.get().url,
                    "project": ProjectPage.objects.get(slug_fr="techtown").url,
                    "cied": CiedPage.objects.get().url,
                    "agenda": agenda,
                    "agenda_past": agenda + "?period=past",
                    "news_index": NewsIndexPage.objects.get().url,
                    "accessibility": AccessibilityStatementPage.objects.get().url,
                    "privacy": PrivacyNoticePage.objects.get().url,
                    "legal": LegalNoticePage.objects.get().url,
                }
            for name, url in pages.items():
                urls[name, language] = url
    return urls


@pytest.fixture
def phone(browser, live_site):
    context = browser.new_context(base_url=live_site, viewport=VIEWPORTS["mobile"])
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_on_a_phone_the_first_screen_says_what_the_section_is_and_offers_an_action(
    phone, touched_urls, language
):
    assert phone.goto(touched_urls["home", language]).status == 200
    height = VIEWPORTS["mobile"]["height"]

    def within_first_screen(locator):
        box = locator.bounding_box()
        return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= height

    heading = phone.locator("main h1")
    assert heading.inner_text().strip() == FIRST_SCREEN[language]["h1"]
    assert within_first_screen(heading)
    intro = phone.locator("main .page-header .intro")
    assert within_first_screen(intro), "what the section is, in a sentence"
    action = phone.get_by_role("link", name=FIRST_SCREEN[language]["action"])
    assert within_first_screen(action.first), "an action, without scrolling"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"home-first-screen-{language}-mobile.png"
    phone.screenshot(path=str(path))
    assert path.stat().st_size > 10_000
    # The flags of the twin cities are the site's own files, and they load.
    flags = phone.eval_on_selector_all(
        ".home-twins img.flag", "imgs => imgs.map(i => [i.complete, i.naturalWidth])"
    )
    assert len(flags) == 7 and all(done and width > 0 for done, width in flags)
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= VIEWPORTS["mobile"]["width"], f"the home page scrolls sideways: {width}px"


@pytest.mark.parametrize("language", LANGUAGES)
def test_touched_pages_have_no_accessibility_violation_of_any_impact(page, touched_urls, language):
    found = {}
    for (name, url_language), url in touched_urls.items():
        if url_language != language:
            continue
        response = page.goto(url)
        assert response.status == 200, url
        assert page.evaluate("document.documentElement.lang") == language
        violations = run_axe(page)
        if violations:
            found[name] = [
                f"{v['id']} ({v['impact']}): " + "; ".join(n["html"][:120] for n in v["nodes"][:3])
                for v in violations
            ]
    assert not found, "\n".join(f"{name}: {v}" for name, v in found.items())


def refused_form(page, url):
    """The HTML of a form page after an empty submission, as the browser shows it."""
    page.goto(url)
    page.locator("main form.form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("main [role=alert]").count()
    return page.content()


def test_touched_pages_are_valid_html(page, live_site, touched_urls):
    from urllib.request import urlopen

    documents = {}
    for (name, language), url in touched_urls.items():
        with urlopen(live_site + url, timeout=30) as response:  # noqa: S310 (loopback)
            documents[f"{name} ({language}) {url}"] = response.read().decode("utf-8")
    for language, url in (
        (
            "fr",
            "/fr/relations-internationales/projets-europeens-et-internationaux/demande-accompagnement/",
        ),
        ("en", "/en/contact/"),
    ):
        documents[f"refused form ({language}) {url}"] = refused_form(page, url)
    errors = {name: found for name, found in check_many_html(documents).items() if found}
    assert not errors, "\n".join(f"{name}:\n  " + "\n  ".join(e) for name, e in errors.items())
