"""With JavaScript off, a visitor navigates, searches and filters as everyone else does."""

import pytest


@pytest.fixture
def page_without_js(browser, live_site):
    context = browser.new_context(base_url=live_site, java_script_enabled=False)
    yield context.new_page()
    context.close()


def test_menu_search_and_filters_work_without_javascript(page_without_js):
    page = page_without_js
    page.goto("/en/")
    page.locator(".main-nav a", has_text="Partner cities").click()
    assert page.url.endswith("/en/international-relations/partner-cities/")
    assert page.locator("h1").inner_text() == "Partner cities"

    listed = page.locator("main h3").count()
    page.select_option("select[name=relationship]", "twin_city")
    page.get_by_role("button", name="Show the partner cities").click()
    assert "relationship=twin_city" in page.url
    assert 0 < page.locator("main h3").count() < listed

    page.fill("#site-search-q", "Europe")
    page.get_by_role("button", name="Search", exact=True).click()
    assert "/en/search/?q=Europe" in page.url
    assert page.locator("[role=status]").first.is_visible()
    assert page.locator("main a").count() > 0

    page.get_by_role("link", name="Français").click()
    assert page.url.endswith("/fr/recherche/?q=Europe")
