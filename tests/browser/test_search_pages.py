"""Search results in Chromium, in both languages: a misspelt query with its suggestion (on
both databases), a query typed without accents, results found by a city's other name with the
query's words highlighted, and the partner page that shows those names. No axe-core violation
of any impact, no Nu Html Checker error."""

from urllib.parse import urlencode
from urllib.request import urlopen

import pytest

from .checkers import check_many_html, run_axe
from .conftest import VIEWPORTS

LANGUAGES = ("fr", "en")
SEARCH = {"fr": "/fr/recherche/", "en": "/en/search/"}
QUERIES = {
    # Misspelt: no result, "Did you mean: Regensburg?".
    "suggestion": "Regensbourg",
    # Typed without accents: "Réseau", "Dôme" marked in the results.
    "without_accents": {"fr": "reseau", "en": "puy de dome"},
    # Found by another name: "Also called: Ratisbonne", with its snippet.
    "other_name": "Ratisbonne",
    # Many results, each with its words marked.
    "highlights": {"fr": "jumelage", "en": "twinned"},
}
PARTNER = {
    "fr": "/fr/relations-internationales/villes-partenaires/regensburg/",
    "en": "/en/international-relations/partner-cities/regensburg/",
}


def urls():
    found = {}
    for language in LANGUAGES:
        for name, query in QUERIES.items():
            query = query[language] if isinstance(query, dict) else query
            found[name, language] = f"{SEARCH[language]}?{urlencode({'q': query})}"
        found["partner", language] = PARTNER[language]
    return found


URLS = urls()


def violations_of(page):
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(node["target"][0] for node in v["nodes"][:3])
        for v in run_axe(page)
    ]


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    "name", ["suggestion", "other_name", "highlights", "without_accents", "partner"]
)
def test_no_accessibility_violation_of_any_impact(browser, live_site, name, language, viewport):
    context = browser.new_context(base_url=live_site, viewport=VIEWPORTS[viewport], bypass_csp=True)
    try:
        page = context.new_page()
        assert page.goto(URLS[name, language]).status == 200
        assert page.evaluate("document.documentElement.lang") == language
        if name == "suggestion":
            link = page.locator(".search-suggestion a")
            assert link.inner_text() == "Regensburg"
        if name in ("other_name", "highlights", "without_accents"):
            assert page.locator(".search-result mark").count() >= 1
        violations = violations_of(page)
        assert not violations, "\n".join(violations)
    finally:
        context.close()


def test_the_suggestion_leads_to_the_page(page, live_site):
    page.goto(live_site + URLS["suggestion", "fr"])
    with page.expect_navigation():
        page.locator(".search-suggestion a").click()
    first = page.locator(".search-result__title a").first
    assert first.inner_text() == "Regensburg"
    with page.expect_navigation():
        first.click()
    assert page.locator("main h1").inner_text() == "Regensburg"


def test_search_pages_are_valid_html(live_site):
    documents = {}
    for (name, language), path in URLS.items():
        with urlopen(live_site + path, timeout=30) as response:  # noqa: S310 (loopback)
            assert response.status == 200, path
            documents[f"{name} ({language}) {path}"] = response.read().decode("utf-8")
    errors = {name: found for name, found in check_many_html(documents).items() if found}
    assert not errors, "\n".join(f"{name}:\n  " + "\n  ".join(e) for name, e in errors.items())
