"""Pages in Chromium at phone and desktop widths, in both languages: they do not scroll
sideways, and their screenshots are saved for people to look at; printed, a page keeps its content
and drops the navigation. (Their accessibility and HTML: test_accessibility.py.)"""


from django.utils import timezone, translation

import pytest

from .checkers import SCREENSHOTS
from .conftest import VIEWPORTS
from .live_data import european_cafe

LANGUAGES = ("fr", "en")


@pytest.fixture(scope="module")
def site_urls(live_site, django_db_blocker):
    """{(page type, language): path}, with an event page of its own, removed afterwards."""
    from cied.models import EventIndexPage, EventPage
    from clermont_intl.models import HomePage
    from partners.models import PartnerCityPage, PartnerIndexPage

    with django_db_blocker.unblock():
        start = timezone.now().replace(hour=18, minute=30, second=0, microsecond=0)
        event = european_cafe(start)
        EventIndexPage.objects.get().add_child(instance=event)
        event.save_revision().publish()
        pages = {
            "home": HomePage.objects.get(),
            "partner_index": PartnerIndexPage.objects.get(),
            "partner_city": PartnerCityPage.objects.live().order_by("path").first(),
            "event": EventPage.objects.get(pk=event.pk),
        }
        urls = {}
        for language in LANGUAGES:
            with translation.override(language):
                for name, page in pages.items():
                    urls[name, language] = page.get_url()
    yield urls
    with django_db_blocker.unblock():
        EventPage.objects.filter(pk=event.pk).delete()


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
