"""The admin's partner import, in Chromium: the upload page and the preview of a file, with
and without errors, have no axe-core violation of any impact, and a preview imports nothing."""

import pytest

from .checkers import run_axe
from .live_data import superuser_account

USERNAME = "import-editor"
# A file with a line to create, a line to update and lines with errors.
IMPORT_CSV = (
    "name_fr,name_en,country_code,latitude,longitude,relationships,twin_city_since,wikidata_id\n"
    "Ville-essai-import,Import test town,IT,45.1,9.2,michelin_network,,\n"
    "Salford,Salford,GB,53.5,-2.29010,twin_city;michelin_network,1966,\n"
    "Ville-erreur,,XX,95,9,friendship,19x6,X1\n"
)


def violations_of(page):
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(node["target"][0] for node in v["nodes"][:3])
        for v in run_axe(page)
    ]


@pytest.fixture
def account():
    yield from superuser_account(USERNAME)


def test_the_import_pages_have_no_violation(browser, live_site, account, tmp_path):
    from partners.models import PartnerCityPage

    source = tmp_path / "villes.csv"
    source.write_text(IMPORT_CSV, encoding="utf-8")
    clean = tmp_path / "propre.csv"
    clean.write_text("\n".join(IMPORT_CSV.splitlines()[:3]) + "\n", encoding="utf-8")
    before = PartnerCityPage.objects.count()
    context = browser.new_context(base_url=live_site, locale="fr-FR", bypass_csp=True)
    try:
        tab = context.new_page()
        tab.goto("/admin/login/")
        tab.fill("input[name=username]", account[0])
        tab.fill("input[name=password]", account[1])
        tab.click("button[type=submit]")
        tab.wait_for_url("**/admin/")
        problems = {}
        assert tab.goto("/admin/partners/import/").status == 200
        problems["upload"] = violations_of(tab)
        for name, path in (("errors", source), ("clean", clean)):
            tab.goto("/admin/partners/import/")
            tab.set_input_files("input[type=file]", str(path))
            with tab.expect_navigation():
                tab.click("#import-form button[type=submit]")
            assert tab.url.endswith("/admin/partners/import/preview/")
            assert tab.locator("#import-lines").is_visible()
            assert tab.locator("#import-errors").count() == (1 if name == "errors" else 0)
            problems[name] = violations_of(tab)
        problems = {name: found for name, found in problems.items() if found}
        assert not problems, "\n".join(f"{n}: {v}" for n, v in problems.items())
    finally:
        context.close()
    # Previewed, never confirmed: nothing imported.
    assert PartnerCityPage.objects.count() == before
