"""The partner import's upload form in the French admin, as Chromium shows it: the file input
has a visible French label, the submit button is a readable button of the admin's usual size
(its icon 1em, not a cropped picture filling it), and the keyboard alone chooses the file and
reaches the preview. The screenshot is kept in var/screenshots/."""

from pathlib import Path

import pytest

from .live_data import superuser_account

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
# What French Excel's "CSV (séparateur : point-virgule)" writes: Windows-1252, decimal commas.
EXCEL_CSV = (
    "name_fr;country_code;latitude;longitude;relationships\r\n"
    "Trois-Rivières;CA;46,34;-72,54;michelin_network\r\n"
).encode("cp1252")


@pytest.fixture
def account():
    yield from superuser_account("import-fr")


def test_the_upload_form_has_french_labels_a_normal_button_and_works_with_the_keyboard(
    browser, live_site, account, tmp_path
):
    context = browser.new_context(
        base_url=live_site, locale="fr-FR", viewport={"width": 1280, "height": 900}
    )
    tab = context.new_page()
    tab.goto("/admin/login/")
    tab.fill("input[name=username]", account[0])
    tab.fill("input[name=password]", account[1])
    tab.click("button[type=submit]")
    tab.wait_for_url("**/admin/")
    tab.goto("/admin/partners/import/")
    tab.wait_for_load_state("networkidle")

    file_input = tab.get_by_label("Fichier CSV")
    assert file_input.count() == 1 and file_input.get_attribute("type") == "file"
    label = tab.locator("label[for=id_file]")
    assert label.is_visible() and label.inner_text().strip().startswith("Fichier CSV")

    button = tab.get_by_role("button", name="Prévisualiser l'import")
    assert button.is_visible()
    box = button.bounding_box()
    assert 32 <= box["height"] <= 60, box
    assert 120 <= box["width"] <= 400, box
    assert button.inner_text().strip() == "Prévisualiser l'import"
    icon = button.locator("svg.icon").bounding_box()
    assert icon["width"] <= 24 and icon["height"] <= 24, icon
    # The label's text is not covered: the button is wider than its icon and text side by side.
    assert box["width"] >= icon["width"] + 80

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(SCREENSHOTS / "partner-import-upload-fr-1280.png"), full_page=True)

    # Keyboard only: the file is chosen in the focused input, Tab reaches the button, Enter sends.
    path = tmp_path / "villes.csv"
    path.write_bytes(EXCEL_CSV)
    file_input.focus()
    file_input.set_input_files(str(path))
    tab.keyboard.press("Tab")
    assert tab.evaluate("document.activeElement.textContent.trim()") == "Prévisualiser l'import"
    outline = tab.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none", "the focused button shows its focus"
    tab.keyboard.press("Enter")
    tab.wait_for_url("**/admin/partners/import/preview/")
    assert "Trois-Rivières" in tab.locator("#import-lines").inner_text()
    assert "À créer" in tab.inner_text("main")
    tab.screenshot(path=str(SCREENSHOTS / "partner-import-preview-fr-1280.png"), full_page=True)
    context.close()
