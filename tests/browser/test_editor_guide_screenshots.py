"""The editors' and translators' guides show the admin as it is: their screenshots are taken here.

Each run checks the screens the guides describe; with ``UPDATE_GUIDE_SCREENSHOTS=1`` the
screenshots are also written to docs/img/ (commit them with the guide that changed).
"""

import os
from pathlib import Path

import pytest

from .live_data import committed, superuser_account

DOCS_IMG = Path(__file__).resolve().parents[2] / "docs" / "img"
USERNAME = "guide-editor"
# Small enough to keep in the repository, large enough to read.
VIEWPORT = {"width": 1200, "height": 760}


@pytest.fixture
def guide_account():
    yield from superuser_account(USERNAME, first_name="Claire", last_name="Dumas")


def admin_tab(browser, live_site, account, locale):
    context = browser.new_context(base_url=live_site, viewport=VIEWPORT, locale=locale)
    tab = context.new_page()
    username, password = account
    tab.goto("/admin/login/")
    tab.fill("input[name=username]", username)
    tab.fill("input[name=password]", password)
    tab.click("button[type=submit]")
    tab.wait_for_url("**/admin/")
    return tab


def shoot(tab, name, tmp_path):
    """Screenshot of the viewport; kept under docs/img/ when the guides are being updated."""
    tab.wait_for_load_state("networkidle")
    target = DOCS_IMG if os.environ.get("UPDATE_GUIDE_SCREENSHOTS") == "1" else tmp_path
    target.mkdir(parents=True, exist_ok=True)
    path = target / f"{name}.png"
    tab.screenshot(path=str(path))
    assert path.stat().st_size < 400_000, f"{name}.png is too large for the repository"
    return path


def test_screens_of_the_editors_guide(browser, live_site, guide_account, tmp_path):
    from partners.models import PartnerCityPage, PartnerIndexPage

    index_id = PartnerIndexPage.objects.get().pk
    partner_id = PartnerCityPage.objects.order_by("path").first().pk
    tab = admin_tab(browser, live_site, guide_account, "fr-FR")

    assert tab.locator("#panel-translation-status-heading").is_visible()
    assert tab.locator("#panel-upcoming-events-heading").is_visible()
    shoot(tab, "tableau-de-bord", tmp_path)

    tab.goto(f"/admin/pages/add/partners/partnercitypage/{index_id}/")
    assert tab.locator("input[name=title_fr]").is_visible()
    shoot(tab, "ville-partenaire-ajout", tmp_path)

    tab.goto(f"/admin/pages/{partner_id}/edit/")
    # The rich-text toolbar offers the passage languages.
    # Selecting words opens the rich-text toolbar, with the passage languages.
    tab.locator("[data-contents] [data-block]").first.click(click_count=3)
    language_button = tab.locator("button[name=LANG_DE]")
    language_button.wait_for(state="visible", timeout=15_000)
    shoot(tab, "ville-partenaire-contenu", tmp_path)

    tab.goto("/admin/translations/")
    assert tab.locator("table.listing tbody tr").count() > 10
    shoot(tab, "etat-des-traductions", tmp_path)

    # A French sentence added to Salford: the row leads to what changed.
    salford_id = PartnerCityPage.objects.get(slug_fr="salford").pk
    original = committed(lambda: _add_french_sentence(salford_id))
    tab.goto("/admin/translations/")
    tab.locator(f"tr[data-page='{salford_id}'] a[href$='/changes/']").click()
    tab.wait_for_url("**/changes/")
    assert tab.locator("table.editorial-changes ins").count() > 0
    shoot(tab, "modifications-du-francais", tmp_path)
    tab.context.close()
    committed(lambda: _restore_french(salford_id, original))


def _add_french_sentence(page_id):
    from partners.models import PartnerCityPage

    page = PartnerCityPage.objects.get(pk=page_id).get_latest_revision_as_object()
    original = page.intro_fr
    page.intro_fr = f"{original} Une phrase ajoutée pour l’exemple."
    page.save_revision().publish()
    return original


def _restore_french(page_id, original):
    """On PostgreSQL the change is committed: the seeded text back, the English confirmed."""
    from clermont_intl.editorial.translation_state import mark_english_checked
    from partners.models import PartnerCityPage

    page = PartnerCityPage.objects.get(pk=page_id).get_latest_revision_as_object()
    page.intro_fr = original
    page.save_revision().publish()
    mark_english_checked(page, None)


def test_screens_of_the_translators_guide(browser, live_site, guide_account, tmp_path):
    tab = admin_tab(browser, live_site, guide_account, "en-GB")
    tab.goto("/admin/translations/?status=complete")
    assert tab.locator("table.listing tbody tr").count() > 0
    shoot(tab, "translation-status", tmp_path)
    tab.get_by_role("link", name="Salford", exact=True).click()
    tab.wait_for_url("**/edit/")
    tab.wait_for_load_state("networkidle")
    # wagtail-modeltranslation shows one language at a time: the translator switches to EN.
    tab.locator("button.locale-toggle", has_text="en").click()
    english_intro = tab.locator("textarea[name=intro_en]")
    english_intro.wait_for(state="visible", timeout=15_000)
    shoot(tab, "translator-editing", tmp_path)
    tab.context.close()
