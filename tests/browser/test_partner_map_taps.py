"""The partner map in Chromium, on a 375 px phone and a 1280 px desktop, in both languages, on
the seeded site (the home page and the partner directory): every partner city's marker is a
target of 24 × 24 px at least that overlaps no other, its name inside it, and a tap (a click on
the desktop) at its centre opens that city's page. (The pages' accessibility and HTML:
test_accessibility.py.)"""

import itertools

from django.utils import translation

import pytest

from .checkers import SCREENSHOTS
from .conftest import VIEWPORTS

LANGUAGES = ("fr", "en")
WHERE = ("home", "directory")

# What each visible marker looks like in the page: its link's box, its pill's, its name's.
VISIBLE_MARKERS = """() => [...document.querySelectorAll('a.partner-map__marker')]
    .filter(a => a.getClientRects().length)
    .map(a => {
        const box = e => { if (!e) return null; const r = e.getBoundingClientRect();
            return {x: r.x, y: r.y, width: r.width, height: r.height}; };
        return {href: a.getAttribute('href'), label: a.getAttribute('aria-label'),
                name: a.querySelector('text') ? a.querySelector('text').textContent : '',
                box: box(a), pill: box(a.querySelector('.partner-map__pill')),
                text: box(a.querySelector('text'))};
    })"""

# The link under a point of the screen, as a tap there would find it.
LINK_AT = """([x, y]) => {
    const hit = document.elementFromPoint(x, y);
    const link = hit && hit.closest('a');
    return link ? link.getAttribute('href') : null;
}"""


@pytest.fixture(scope="module")
def seeded(live_site, django_db_blocker):
    """{language: {"home": path, "directory": path, "cities": {path: name}}}."""
    from clermont_intl.models import HomePage
    from partners.models import PartnerCityPage, PartnerIndexPage

    found = {}
    with django_db_blocker.unblock():
        for language in LANGUAGES:
            with translation.override(language):
                found[language] = {
                    "home": HomePage.objects.get().url,
                    "directory": PartnerIndexPage.objects.get().url,
                    "cities": {c.url: c.title for c in PartnerCityPage.objects.live()},
                }
    assert len(found["fr"]["cities"]) == 8
    return found


def open_tab(browser, live_site, viewport):
    """A tab of the given size; the phone's takes taps. The site's own Content-Security-Policy
    applies (the map needs no inline style)."""
    phone = viewport == "mobile"
    context = browser.new_context(
        base_url=live_site,
        viewport=VIEWPORTS[viewport],
        has_touch=phone,
        is_mobile=phone,
    )
    outside = []

    def block_outside(route):
        if route.request.url.startswith((live_site, "data:")):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", block_outside)
    return context, context.new_page(), outside


def overlap(a, b):
    return (
        a["x"] < b["x"] + b["width"]
        and b["x"] < a["x"] + a["width"]
        and a["y"] < b["y"] + b["height"]
        and b["y"] < a["y"] + a["height"]
    )


def inside(inner, outer, slack=0.5):
    return (
        inner["x"] >= outer["x"] - slack
        and inner["y"] >= outer["y"] - slack
        and inner["x"] + inner["width"] <= outer["x"] + outer["width"] + slack
        and inner["y"] + inner["height"] <= outer["y"] + outer["height"] + slack
    )


@pytest.mark.parametrize("where", WHERE)
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_a_tap_on_each_marker_opens_its_city(browser, live_site, seeded, viewport, language, where):
    context, tab, outside = open_tab(browser, live_site, viewport)
    try:
        url, cities = seeded[language][where], seeded[language]["cities"]
        assert tab.goto(url).status == 200
        width = tab.evaluate("document.documentElement.scrollWidth")
        assert width <= VIEWPORTS[viewport]["width"], f"the page scrolls sideways: {width}px"
        tab.locator(".partner-map").scroll_into_view_if_needed()
        markers = tab.evaluate(VISIBLE_MARKERS)
        # One marker per city, named after it, its name shown in it.
        assert {m["href"]: m["name"] for m in markers} == cities
        assert len(markers) == len(cities)
        svg = tab.locator(".partner-map__svg").bounding_box()
        for marker in markers:
            box = marker["box"]
            assert box["width"] >= 24 and box["height"] >= 24, marker
            assert marker["label"].startswith(marker["name"] + ","), marker
            assert inside(marker["pill"], svg), marker
            assert inside(marker["text"], marker["pill"]), f"the name overflows: {marker}"
        for a, b in itertools.combinations(markers, 2):
            assert not overlap(a["box"], b["box"]), (a["name"], a["box"], b["name"], b["box"])
        # Screen readers: a list of links, one per city, named after it.
        cities_list = tab.locator(".partner-map__svg").get_by_role("list")
        assert cities_list.count() == 1
        assert cities_list.get_by_role("listitem").count() == len(cities)
        for marker in markers:
            link = cities_list.get_by_role("link", name=marker["label"], exact=True)
            assert link.get_attribute("href") == marker["href"]
        # var/screenshots/partner-map-<page>-<language>-<width>.png, for people to look at.
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        name = f"partner-map-{where}-{language}-{VIEWPORTS[viewport]['width']}.png"
        tab.locator(".partner-map").screenshot(path=str(SCREENSHOTS / name))

        for marker in markers:
            if tab.url != live_site + url:
                tab.goto(url)
            tab.locator(".partner-map").scroll_into_view_if_needed()
            link = tab.locator(f'.partner-map__marker[href="{marker["href"]}"]:visible')
            box = link.bounding_box()
            centre = (box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
            assert tab.evaluate(LINK_AT, centre) == marker["href"], marker["name"]
            if viewport == "mobile":
                tab.touchscreen.tap(*centre)
            else:
                tab.mouse.click(*centre)
            tab.wait_for_url(f"**{marker['href']}")
            assert tab.locator("main h1").inner_text().strip() == marker["name"]
    finally:
        context.close()
    assert not outside, f"The page requested resources outside the site: {outside}"
