"""The site's layout on a phone and on a wide screen, in Chromium: the menu folds behind a
button on a phone (with or without JavaScript) and is open on a wide screen; the map's markers
are touch targets with their names; the home page, with an upcoming event, does not scroll
sideways, and its screenshots are saved. (Accessibility and HTML: test_accessibility.py.)"""


from django.utils import timezone, translation

import pytest

from .checkers import SCREENSHOTS
from .conftest import VIEWPORTS
from .live_data import studying_workshop

LANGUAGES = ("fr", "en")


@pytest.fixture(scope="module")
def layout_urls(live_site, django_db_blocker):
    """{(page, language): path} of the home page and the partner directory; an upcoming event
    so that the home page lists one."""
    from cied.models import EventIndexPage, EventPage
    from clermont_intl.models import HomePage
    from partners.models import PartnerIndexPage

    with django_db_blocker.unblock():
        start = timezone.now().replace(hour=18, minute=0, second=0, microsecond=0)
        event = studying_workshop(start)
        EventIndexPage.objects.get().add_child(instance=event)
        event.save_revision().publish()
        urls = {}
        for language in LANGUAGES:
            with translation.override(language):
                urls["home", language] = HomePage.objects.get().get_url()
                urls["directory", language] = PartnerIndexPage.objects.get().url
    yield urls
    with django_db_blocker.unblock():
        EventPage.objects.filter(pk=event.pk).delete()


@pytest.mark.parametrize("javascript", [True, False])
def test_on_a_phone_the_menu_folds_and_the_content_starts_in_the_first_screen(
    browser, live_site, layout_urls, javascript
):
    context = browser.new_context(
        base_url=live_site, viewport=VIEWPORTS["mobile"], java_script_enabled=javascript
    )
    try:
        tab = context.new_page()
        for language in LANGUAGES:
            tab.goto(layout_urls["home", language])
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


def test_on_a_wide_screen_the_menu_is_open_without_a_button(page, layout_urls):
    page.goto(layout_urls["home", "fr"])
    assert page.locator(".main-nav").is_visible()
    assert not page.locator(".main-nav-toggle__button").is_visible()


@pytest.mark.parametrize("where", ["home", "directory"])
def test_map_markers_are_24_px_touch_targets_on_a_phone_with_their_names(
    browser, live_site, layout_urls, where
):
    context = browser.new_context(base_url=live_site, viewport=VIEWPORTS["mobile"])
    try:
        tab = context.new_page()
        tab.goto(layout_urls[where, "en"])
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
def test_home_screenshots(browser, live_site, layout_urls, viewport):
    """var/screenshots/home-<language>-<375|1280>.png, for people to look at."""
    context = browser.new_context(base_url=live_site, viewport=VIEWPORTS[viewport])
    try:
        tab = context.new_page()
        for language in LANGUAGES:
            assert tab.goto(layout_urls["home", language]).status == 200
            width = tab.evaluate("document.documentElement.scrollWidth")
            assert width <= VIEWPORTS[viewport]["width"], f"the home page scrolls sideways: {width}"
            assert tab.locator(".event-card").count() >= 1
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            path = SCREENSHOTS / f"home-{language}-{VIEWPORTS[viewport]['width']}.png"
            tab.screenshot(path=str(path), full_page=True)
            assert path.stat().st_size > 10_000
    finally:
        context.close()
