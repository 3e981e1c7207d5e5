"""In the French admin, in Chromium with the admin's Content-Security-Policy enforced: choosing
an image for a page fills the empty alternative text with the image's description, in the
language of the field (a gallery image's French and English fields, a StreamField image block
of the English body), and the text stays editable."""

import pytest

from .live_data import committed, log_in, superuser_account

USERNAME = "alt-editor"
TITLE = "Jaude essai alternative"
DESCRIPTION_FR = "La place de Jaude sous la neige"
DESCRIPTION_EN = "Place de Jaude under the snow"


@pytest.fixture
def account():
    yield from superuser_account(USERNAME)


@pytest.fixture(autouse=True)
def no_autosave(settings):
    """The tests choose images without saving: Wagtail's autosave would keep drafts of the
    seeded pages (committed, on PostgreSQL) for the tests that follow."""
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0


@pytest.fixture
def described_image():
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file

    from clermont_intl.images.models import ImageDescription

    def create():
        image = Image.objects.create(
            title=TITLE, file=get_test_image_file(), description=DESCRIPTION_FR
        )
        ImageDescription.objects.create(image=image, language="en", description=DESCRIPTION_EN)
        return image.pk

    image_id = committed(create)
    yield image_id
    committed(lambda: Image.objects.filter(pk=image_id).delete())


def activate(control):
    """As a keyboard user does (Playwright's pointer click finds the freshly added inline
    form's button still moving). Only once it is shown: a control still hidden (the modal
    fading in) cannot take the focus, and Enter would go to what has it, the modal's close
    button, which closes the modal without a choice. The modal may also move the focus itself
    as it finishes opening (seen on a loaded machine): focus again until the control keeps it."""
    control.wait_for(state="visible")
    for _attempt in range(30):
        control.focus()
        if control.evaluate("element => element === document.activeElement"):
            break
        control.page.wait_for_timeout(100)
    else:
        pytest.fail("the control never kept the focus")
    control.press("Enter")


def choose_image(tab, chooser):
    """Opens the chooser's modal and picks the test image."""
    if "blank" in (chooser.get_attribute("class") or ""):
        activate(chooser.locator(".unchosen [data-chooser-action-choose]"))
    else:
        # "Choose another image" sits in the chosen image's actions menu.
        chooser.evaluate("element => element.widget.openChooserModal()")
    modal = tab.locator(".modal")
    choice = modal.locator("a[data-chooser-modal-choice]", has_text=TITLE).first
    choice.wait_for(state="attached")
    activate(choice)
    modal.wait_for(state="hidden")


def show_language(tab, language):
    """wagtail-modeltranslation shows one language at a time."""
    toggle = tab.locator("button.locale-toggle", has_text=language).first
    if toggle.count():
        toggle.click()


def test_choosing_a_gallery_image_fills_both_alternative_texts(
    browser, live_site, account, described_image, site_pages
):
    from partners.models import PartnerCityPage

    partner = PartnerCityPage.objects.live().order_by("path").first()
    tab = log_in(browser, live_site, account)
    tab.goto(f"/admin/pages/{partner.pk}/edit/")
    tab.wait_for_load_state("networkidle")
    tab.locator(".w-tabs__tab", has_text="Galerie").click()
    tab.locator("#id_gallery_images-ADD").click()
    forms = int(tab.locator("#id_gallery_images-TOTAL_FORMS").input_value())
    prefix = f"id_gallery_images-{forms - 1}"
    choose_image(tab, tab.locator(f"#{prefix}-image-chooser"))

    alt_fr = tab.locator(f"#{prefix}-alt_text_fr")
    alt_en = tab.locator(f"#{prefix}-alt_text_en")
    tab.wait_for_function(
        "id => document.getElementById(id).value !== ''", arg=f"{prefix}-alt_text_fr"
    )
    assert alt_fr.input_value() == DESCRIPTION_FR
    assert alt_en.input_value() == DESCRIPTION_EN

    # Still editable: the editor's words replace the suggestion.
    alt_fr.fill("La place de Jaude, un matin de neige")
    assert alt_fr.input_value() == "La place de Jaude, un matin de neige"
    # Choosing the image again keeps what the editor typed, and refreshes the suggestion only.
    choose_image(tab, tab.locator(f"#{prefix}-image-chooser"))
    tab.wait_for_timeout(500)
    assert alt_fr.input_value() == "La place de Jaude, un matin de neige"
    assert alt_en.input_value() == DESCRIPTION_EN
    tab.context.close()


def test_choosing_a_history_entry_image_fills_both_alternative_texts(
    browser, live_site, account, described_image
):
    """A seeded history entry (Salford's twinning), as a news item's image: the fields are
    "image_alt_text_fr" and "image_alt_text_en" beside the chooser "image"."""
    from partners.models import PartnerCityPage

    salford = PartnerCityPage.objects.get(title_fr="Salford")
    assert salford.history_entries.exists()
    tab = log_in(browser, live_site, account)
    tab.goto(f"/admin/pages/{salford.pk}/edit/")
    tab.wait_for_load_state("networkidle")
    tab.locator(".w-tabs__tab", has_text="Historique").click()
    prefix = "id_history_entries-0-image"
    alt_fr = tab.locator(f"#{prefix}_alt_text_fr")
    alt_en = tab.locator(f"#{prefix}_alt_text_en")
    assert alt_fr.input_value() == alt_en.input_value() == ""
    choose_image(tab, tab.locator(f"#{prefix}-chooser"))
    tab.wait_for_function(
        "id => document.getElementById(id).value !== ''", arg=alt_fr.evaluate("e => e.id")
    )
    assert alt_fr.input_value() == DESCRIPTION_FR
    assert alt_en.input_value() == DESCRIPTION_EN
    tab.context.close()


def test_choosing_an_image_in_the_english_body_fills_the_english_description(
    browser, live_site, account, described_image, site_pages
):
    mission = site_pages["mission"]
    tab = log_in(browser, live_site, account)
    tab.goto(f"/admin/pages/{mission.pk}/edit/")
    tab.wait_for_load_state("networkidle")
    show_language(tab, "en")
    body = tab.locator("[data-contentpath=body_en]")
    body.locator("button.c-sf-add-button").first.click()
    tab.locator("[role=option], .w-combobox__option", has_text="Image").first.click()
    chooser = body.locator("[id$='-value-image-chooser']").first
    chooser_id = chooser.get_attribute("id")
    alt = tab.locator(f"#{chooser_id.removesuffix('image-chooser')}alt_text")
    assert alt.input_value() == ""
    choose_image(tab, chooser)
    tab.wait_for_function(
        "id => document.getElementById(id).value !== ''",
        arg=chooser_id.removesuffix("image-chooser") + "alt_text",
    )
    assert alt.input_value() == DESCRIPTION_EN
    alt.fill("Snow on Place de Jaude")
    assert alt.input_value() == "Snow on Place de Jaude"
    tab.context.close()
