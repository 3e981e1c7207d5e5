"""The search's suggestion for a misspelt query, in Chromium: it leads to the results, and the
first result to the city's page. (The search pages' accessibility and HTML:
test_accessibility.py.)"""

SUGGESTION = "/fr/recherche/?q=Regensbourg"


def test_the_suggestion_leads_to_the_page(page, live_site):
    page.goto(live_site + SUGGESTION)
    with page.expect_navigation():
        page.locator(".search-suggestion a").click()
    first = page.locator(".search-result__title a").first
    assert first.inner_text() == "Regensburg"
    with page.expect_navigation():
        first.click()
    assert page.locator("main h1").inner_text() == "Regensburg"
