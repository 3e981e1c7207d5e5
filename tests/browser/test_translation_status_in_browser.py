"""On the seeded site, a French edit made in the admin in a real browser outdates the English on
the Translations screen and the dashboard, for every page type; an English edit clears it.

The rich-text and stream field editors only run in a browser: they re-serialise the seed's
markup and JSON (attribute order, block ids, list items as blocks, CRLF in text areas), which
must not count as an English edit.
"""

import re

import pytest

from .live_data import committed, log_in, superuser_account

USERNAME = "status-editor"
ADDED_FR = " Une phrase ajoutée."
ADDED_EN = " An added sentence."


@pytest.fixture
def account():
    yield from superuser_account(USERNAME)


# Every page type the seed makes, in the tree's order; the event is added by the test (the seed
# has none). Named here so that each is a test of its own, which parallel workers share out;
# test_every_seeded_page_type_is_tested below keeps the list true.
SEEDED_PAGE_TYPES = [
    "clermont_intl.HomePage",
    "clermont_intl.MissionPage",
    "partners.PartnerIndexPage",
    "partners.PartnerCityPage",
    "partners.MichelinNetworkPage",
    "projects.ProjectIndexPage",
    "projects.ProjectPage",
    "projects.ProjectSupportFormPage",
    "projects.CallIndexPage",
    "cied.CiedPage",
    "cied.EventIndexPage",
    "cied.ExhibitionIndexPage",
    "news.NewsIndexPage",
    "clermont_intl.AccessibilityStatementPage",
    "clermont_intl.ContactFormPage",
    "clermont_intl.PrivacyNoticePage",
    "clermont_intl.LegalNoticePage",
]
PAGE_TYPES = [*SEEDED_PAGE_TYPES, "cied.EventPage"]


def test_every_seeded_page_type_is_tested(site_pages):
    from wagtail.models import Page

    seen = []
    for page in Page.objects.filter(depth__gt=1).order_by("path").specific():
        if page._meta.label not in seen:
            seen.append(page._meta.label)
    assert seen == SEEDED_PAGE_TYPES


@pytest.fixture
def page_of_type(request, site_pages):
    """The first page of the type in the tree (an event made for the test: the seed has none);
    its texts are put back afterwards."""
    from django.apps import apps

    from tests.factories import add_event

    label = request.param
    event_id = None
    if label == "cied.EventPage":

        def create():
            event = add_event(
                site_pages["events"],
                "Conference essai",
                10,
                title_en="Test talk",
                intro_fr="Une conférence.",
                intro_en="A talk.",
                place="Clermont-Ferrand",
                place_en="Clermont-Ferrand",
            )
            event.save_revision().publish()
            return event.pk

        event_id = committed(create)
    page = apps.get_model(label).objects.order_by("path").first()
    originals = {page.pk: (page.intro_fr, page.intro_en)}
    yield page
    committed(lambda: _restore(originals, event_id))


def _restore(originals, event_id):
    """On PostgreSQL the browser's edits are committed: put the seeded texts back, both
    languages in one revision (which leaves the page complete)."""
    from wagtail.models import Page

    if event_id is not None:
        Page.objects.filter(pk=event_id).delete()
    for page in Page.objects.filter(pk__in=originals).specific():
        latest = page.get_latest_revision_as_object()
        latest.intro_fr, latest.intro_en = originals[page.pk]
        latest.save_revision().publish()


def save(tab, action, in_moderation=False):
    """Publish, or submit for moderation, from the edit form's action menu.

    in_moderation: publishing a page in moderation asks to confirm cancelling its workflow."""
    button = tab.locator(f"button[name={action}]")
    if not button.is_visible():
        tab.locator("footer [data-w-dropdown-target=toggle]").last.click()
    with tab.expect_navigation():
        button.click()
        if in_moderation:
            tab.locator("button[data-confirm-cancellation]").click()
    tab.wait_for_load_state("networkidle")
    assert tab.locator(".messages .success").count() == 1, tab.locator(".messages").inner_text()


def edit_intro(tab, page, language, added, action="action-publish", in_moderation=False):
    tab.goto(f"/admin/pages/{page.pk}/edit/")
    tab.wait_for_load_state("networkidle")
    field = tab.locator(f"textarea[name=intro_{language}]")
    if not field.is_visible():
        # wagtail-modeltranslation shows one language at a time.
        tab.locator("button.locale-toggle", has_text=language).first.click()
        field.wait_for(state="visible")
    # A browser submits text areas with CRLF line ends: typing keeps that true here.
    field.press("Control+End")
    field.type(added)
    save(tab, action, in_moderation)


def row_status(tab, page):
    tab.goto("/admin/translations/")
    return tab.locator(f"tr[data-page='{page.pk}']").get_attribute("data-status")


def dashboard_outdated(tab):
    tab.goto("/admin/")
    text = tab.locator("#panel-translation-status-heading").locator("..").inner_text()
    return [int(n) for n in re.findall(r":\s*(\d+)", text)]


@pytest.mark.parametrize("page_of_type", PAGE_TYPES, indirect=True)
def test_a_french_edit_outdates_the_english_for_every_page_type(
    browser, live_site, account, page_of_type
):
    page = page_of_type
    number = PAGE_TYPES.index(page._meta.label)
    tab = log_in(browser, live_site, account)
    assert row_status(tab, page) == "complete", page
    # Every other page type goes through moderation rather than straight to publication.
    moderated = bool(number % 2)
    action = "action-submit" if moderated else "action-publish"
    edit_intro(tab, page, "fr", ADDED_FR, action)
    assert row_status(tab, page) == "outdated", page
    if number < 2:
        # The dashboard counts from the same rows: read once published, once in moderation.
        # complete, draft, in moderation, sent back, missing, outdated
        assert dashboard_outdated(tab)[5] == 1, page

    # The row leads to what changed.
    tab.goto("/admin/translations/")
    tab.locator(f"tr[data-page='{page.pk}'] a[href$='/changes/']").click()
    tab.wait_for_url("**/changes/")
    intro_row = tab.locator("table.editorial-changes tbody tr").filter(
        has=tab.locator("th", has_text="Introduction")
    )
    # Only the introduction changed: the French before, now, and the English.
    assert tab.locator("table.editorial-changes tbody tr").count() == 1, page
    assert intro_row.locator("td").nth(1).inner_text().endswith(ADDED_FR.strip()), page

    edit_intro(tab, page, "en", ADDED_EN, in_moderation=moderated)
    assert row_status(tab, page) == "complete", page
    tab.context.close()


def test_a_french_edit_in_the_rich_text_editor_outdates_the_english(
    browser, live_site, account, site_pages
):
    """The CIED page's body: the paragraph typed into, the English body re-serialised."""
    cied = site_pages["cied"]
    original = committed(lambda: cied.get_latest_revision_as_object().body_fr.get_prep_value())
    tab = log_in(browser, live_site, account)
    tab.goto(f"/admin/pages/{cied.pk}/edit/")
    tab.wait_for_load_state("networkidle")
    paragraph = tab.locator("[data-contentpath=body_fr] [data-contents] [data-block]").first
    paragraph.click()
    tab.keyboard.press("End")
    tab.keyboard.type(ADDED_FR)
    # Draftail writes the field's input a moment after the last key.
    tab.wait_for_timeout(1000)
    save(tab, "action-publish")
    assert row_status(tab, cied) == "outdated"
    tab.goto(f"/admin/translations/{cied.pk}/changes/")
    # The paragraph typed into, as one block: never the whole body as one field.
    rows = tab.locator("table.editorial-changes tbody tr")
    assert rows.count() == 1
    assert rows.first.get_attribute("data-unit").startswith("body.")
    assert rows.first.locator("th").inner_text().startswith("Contenu – bloc ")
    inserted = " ".join(tab.locator("table.editorial-changes ins").all_inner_texts())
    assert "ajoutée" in inserted
    tab.context.close()

    def restore():
        from cied.models import CiedPage

        page = CiedPage.objects.get(pk=cied.pk).get_latest_revision_as_object()
        page.body_fr = original
        page.save_revision().publish()
        from clermont_intl.editorial.translation_state import mark_english_checked

        mark_english_checked(page, None)

    committed(restore)


def reveal(tab, selector):
    """The field, after opening the editor's tab that holds it."""
    field = tab.locator(selector).first
    if field.is_visible():
        return field
    for panel_tab in tab.locator("[role=tab]").all():
        panel_tab.click()
        if field.is_visible():
            return field
    raise AssertionError(f"{selector} is on no tab of the editor")


def test_a_partner_history_entry_edited_in_the_admin_is_shown_as_that_entry(
    browser, live_site, account
):
    """Aberdeen's history (inline entries): the issue saw "nothing changed in French"."""
    from partners.models import PartnerCityPage

    aberdeen = committed(lambda: PartnerCityPage.objects.get(slug_fr="aberdeen"))
    entry_id = committed(lambda: aberdeen.history_entries.order_by("sort_order", "pk")[0].pk)
    original = committed(lambda: aberdeen.get_latest_revision().content)
    tab = log_in(browser, live_site, account)
    tab.goto(f"/admin/pages/{aberdeen.pk}/edit/")
    tab.wait_for_load_state("networkidle")
    field = reveal(tab, "textarea[name='history_entries-0-text_fr']")
    if not field.is_visible():
        tab.locator("button.locale-toggle", has_text="fr").first.click()
    field.press("Control+End")
    field.type(ADDED_FR)
    save(tab, "action-publish")
    tab.goto(f"/admin/translations/{aberdeen.pk}/changes/")
    rows = tab.locator("table.editorial-changes tbody tr")
    assert rows.count() == 1
    assert rows.first.get_attribute("data-unit") == f"history_entries.{entry_id}.text"
    assert "ajoutée" in rows.first.locator("ins").inner_text()
    tab.context.close()

    def restore():
        from wagtail.models import Revision

        page = PartnerCityPage.objects.get(pk=aberdeen.pk)
        revision = Revision.objects.filter(object_id=str(page.pk)).order_by("-pk").first()
        restored = page.with_content_json(original)
        restored.save_revision().publish()
        from clermont_intl.editorial.translation_state import mark_english_checked

        mark_english_checked(restored, None)
        return revision.pk

    committed(restore)
