"""The "temporarily unavailable" page (503, the database unreachable), in both languages, with
the site's stylesheet: no axe-core violation, no Nu Html Checker error.

The page is rendered here as the site renders it during an outage, and served to Chromium at an
address of the live site, so that its stylesheet loads as it would."""

from django.test import RequestFactory

import pytest

from clermont_intl.db.unavailable import unavailable_response

from .checkers import check_many_html, run_axe

LANGUAGES = ("fr", "en")


def outage_html(language):
    response = unavailable_response(RequestFactory().get(f"/{language}/"))
    assert response.status_code == 503
    return response.content.decode()


def test_the_unavailable_page_is_valid_html():
    errors = check_many_html({language: outage_html(language) for language in LANGUAGES})
    assert errors == {language: [] for language in LANGUAGES}


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_unavailable_page_has_no_axe_violation(page, live_site, language):
    html = outage_html(language)
    address = f"{live_site}/{language}/unavailable-page-test/"
    page.route(
        address,
        lambda route: route.fulfill(status=503, body=html, content_type="text/html; charset=utf-8"),
    )
    assert page.goto(address).status == 503
    # The site's stylesheet applied: the header has the site's colours, not the browser's.
    background = page.locator(".site-header").evaluate("e => getComputedStyle(e).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")
    assert run_axe(page) == []
