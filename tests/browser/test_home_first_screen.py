"""In Chromium, on the seeded site in both languages: the home page's first screen on a phone
says what the section is and offers an action, with the twin cities' flags loaded."""

from django.utils import translation

import pytest

from .checkers import SCREENSHOTS
from .conftest import VIEWPORTS

LANGUAGES = ("fr", "en")
FIRST_SCREEN = {
    "fr": {"h1": "Clermont-Ferrand à l'international", "action": "Demander un accompagnement"},
    "en": {"h1": "Clermont-Ferrand in the world", "action": "Ask for support with a project"},
}


@pytest.fixture(scope="module")
def home_urls(live_site, django_db_blocker):
    """{language: path} of the home page."""
    from clermont_intl.models import HomePage

    urls = {}
    with django_db_blocker.unblock():
        for language in LANGUAGES:
            with translation.override(language):
                urls[language] = HomePage.objects.get().url
    return urls


@pytest.fixture
def phone(browser, live_site):
    context = browser.new_context(base_url=live_site, viewport=VIEWPORTS["mobile"])
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_on_a_phone_the_first_screen_says_what_the_section_is_and_offers_an_action(
    phone, home_urls, language
):
    assert phone.goto(home_urls[language]).status == 200
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
