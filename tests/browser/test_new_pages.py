"""The legal pages, the contact page, the open data page and the new home page in Chromium, in
both languages: no axe-core violation of any impact, no Nu Html Checker error; the folding menu
and the map's touch targets on a phone; screenshots of the home page."""

from datetime import timedelta
from urllib.error import HTTPError
from urllib.request import urlopen

from django.utils import timezone, translation

import pytest

from .checkers import SCREENSHOTS, check_many_html, run_axe
from .conftest import VIEWPORTS

LANGUAGES = ("fr", "en")
PAGES = ("home", "contact", "contact_errors", "accessibility", "privacy", "legal", "open_data")


@pytest.fixture(scope="module")
def new_urls(live_site, django_db_blocker):
    """{(page, language): path}; an upcoming event so that the home page lists one."""
    from cied.models import EventIndexPage, EventPage
    from clermont_intl.models import (
        AccessibilityStatementPage,
        ContactFormPage,
        HomePage,
        LegalNoticePage,
        PrivacyNoticePage,
    )
    from partners.models import PartnerIndexPage

    with django_db_blocker.unblock():
        start = timezone.now().replace(hour=18, minute=0, second=0, microsecond=0)
        event = EventPage(
            title="Atelier : étudier en Europe",
            title_fr="Atelier : étudier en Europe",
            title_en="Workshop: studying in Europe",
            slug="atelier-etudier-navigateur",
            slug_fr="atelier-etudier-navigateur",
            slug_en="workshop-studying-browser",
            kind="workshop",
            start=start + timedelta(days=6),
            end=start + timedelta(days=6, hours=2),
        )
        EventIndexPage.objects.get().add_child(instance=event)
        event.save_revision().publish()
        pages = {
            "home": HomePage.objects.get(),
            "contact": ContactFormPage.objects.get(),
            "accessibility": AccessibilityStatementPage.objects.get(),
            "privacy": PrivacyNoticePage.objects.get(),
            "legal": LegalNoticePage.objects.get(),
        }
        urls = {}
        for language in LANGUAGES:
            with translation.override(language):
                for name, page in pages.items():
                    urls[name, language] = page.get_url()
                urls["open_data", language] = PartnerIndexPage.objects.get().url + "open-data/"
    yield urls
    with django_db_blocker.unblock():
        EventPage.objects.filter(pk=event.pk).delete()


def show(page, new_urls, name, language):
    """Open the page; "contact_errors" is the contact form sent empty, with its error list."""
    if name == "contact_errors":
        assert page.goto(new_urls["contact", language]).status == 200
        with page.expect_navigation():
            page.locator("form.form button[type=submit]").click()
        assert page.locator(".alert").first.is_visible()
        return
    assert page.goto(new_urls[name, language]).status == 200


def all_violations(violations):
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(node["target"][0] for node in v["nodes"][:3])
        for v in violations
    ]


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", PAGES)
def test_no_accessibility_violation_of_any_impact(browser, live_site, new_urls, name, language,
                                                  viewport):  # fmt: skip
    context = browser.new_context(
        base_url=live_site, viewport=VIEWPORTS[viewport], bypass_csp=True
    )
    try:
        page = context.new_page()
        show(page, new_urls, name, language)
        assert page.evaluate("document.documentElement.lang") == language
        violations = all_violations(run_axe(page))
        assert not violations, "\n".join(violations)
    finally:
        context.close()


def test_new_pages_are_valid_html(live_site, new_urls):
    documents = {}
    for (name, language), path in new_urls.items():
        try:
            with urlopen(live_site + path, timeout=30) as response:  # noqa: S310 (loopback)
                status, body = response.status, response.read()
        except HTTPError as error:
            status, body = error.code, error.read()
        assert status == 200, path
        documents[f"{name} ({language}) {path}"] = body.decode("utf-8")
    errors = {name: found for name, found in check_many_html(documents).items() if found}
    assert not errors, "\n".join(f"{name}:\n  " + "\n  ".join(e) for name, e in errors.items())


def test_contact_form_with_errors_is_valid_html(page, new_urls):
    show(page, new_urls, "contact_errors", "fr")
    errors = check_many_html({"contact with errors": page.content()})["contact with errors"]
    assert not errors, "\n".join(errors)


@pytest.mark.parametrize("javascript", [True, False])
def test_on_a_phone_the_menu_folds_and_the_content_starts_in_the_first_screen(
    browser, live_site, new_urls, javascript
):
    context = browser.new_context(
        base_url=live_site, viewport=VIEWPORTS["mobile"], java_script_enabled=javascript
    )
    try:
        tab = context.new_page()
        for language in LANGUAGES:
            tab.goto(new_urls["home", language])
            assert not tab.locator(".main-nav").is_visible()
            heading = tab.locator("main h1").bounding_box()
            assert heading["y"] + heading["height"] < VIEWPORTS["mobile"]["height"]
            # The button opens the menu, with or without JavaScript; the keyboard works too.
            tab.locator(".main-nav-toggle__button").focus()
            tab.keyboard.press("Enter")
            assert tab.locator(".main-nav").is_visible()
            assert tab.locator(".main-nav a").first.is_visible()
            tab.locator(".main-nav-toggle__button").click()
            assert not tab.locator(".main-nav").is_visible()
    finally:
        context.close()


def test_on_a_wide_screen_the_menu_is_open_without_a_button(page, new_urls):
    page.goto(new_urls["home", "fr"])
    assert page.locator(".main-nav").is_visible()
    assert not page.locator(".main-nav-toggle__button").is_visible()


@pytest.mark.parametrize("where", ["home", "directory"])
def test_map_markers_are_24_px_touch_targets_on_a_phone_with_their_names(
    browser, live_site, new_urls, where
):
    context = browser.new_context(base_url=live_site, viewport=VIEWPORTS["mobile"])
    try:
        tab = context.new_page()
        url = new_urls["home", "en"]
        if where == "directory":
            url = new_urls["open_data", "en"].removesuffix("open-data/")
        tab.goto(url)
        # The phone's layout of the markers, each with its city's name shown.
        markers = tab.locator(".partner-map__marker:visible")
        assert markers.count() == 8
        for index in range(markers.count()):
            box = markers.nth(index).bounding_box()
            assert box["width"] >= 24 and box["height"] >= 24, box
            name = markers.nth(index).locator(".partner-map__name")
            assert name.is_visible() and name.text_content().strip()
    finally:
        context.close()


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_home_screenshots(browser, live_site, new_urls, viewport):
    """var/screenshots/home-<language>-<375|1280>.png, for people to look at."""
    context = browser.new_context(base_url=live_site, viewport=VIEWPORTS[viewport])
    try:
        tab = context.new_page()
        for language in LANGUAGES:
            assert tab.goto(new_urls["home", language]).status == 200
            width = tab.evaluate("document.documentElement.scrollWidth")
            assert width <= VIEWPORTS[viewport]["width"], f"the home page scrolls sideways: {width}"
            assert tab.locator(".event-card").count() >= 1
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            path = SCREENSHOTS / f"home-{language}-{VIEWPORTS[viewport]['width']}.png"
            tab.screenshot(path=str(path), full_page=True)
            assert path.stat().st_size > 10_000
    finally:
        context.close()
