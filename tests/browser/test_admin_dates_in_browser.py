"""The page editor in Chromium, typed into as a person does (keyboard, leaving the field, the
save button), in the French and the English admin:
- a date typed the French way is kept, and saved in Paris time; a nonsense one stays as typed
  and is refused with an error, nothing else lost (the picker never puts "now" in its place);
- a half-filled add form leaves no page behind (no autosave before the first save), and
  starting again does not fail on the slug;
- after a save with errors, the English fields the editor had opened are still shown, and a
  language whose fields hold an error is shown."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from .live_data import committed, log_in, superuser_account

USERNAME = "dates-editor"
TITLE = "Café Europe à Hakodate"
SLUG = "cafe-europe-a-hakodate"
ERROR_FR = "Saisissez une date et une heure valides."
ERROR_EN = "Enter a valid date/time."
SAVE = {"fr": "Enregistrer le brouillon", "en": "Save draft"}
PROMOTE = "Promotion"


@pytest.fixture(params=["fr", "en"])
def language(request):
    return request.param


@pytest.fixture
def account(language):
    def choose_language(username):
        from django.contrib.auth import get_user_model

        from wagtail.users.models import UserProfile

        profile = UserProfile.get_for_user(get_user_model().objects.get(username=username))
        profile.preferred_language = language
        profile.save()

    accounts = superuser_account(USERNAME)
    username, password = next(accounts)
    committed(lambda: choose_language(username))
    yield username, password
    next(accounts, None)  # deletes the account


@pytest.fixture
def events_index():
    def cleanup():
        from cied.models import EventIndexPage

        index = EventIndexPage.objects.get()
        for page in index.get_children().filter(slug_fr__startswith=SLUG):
            page.delete()

    index_id = committed(lambda: __import__("cied.models").models.EventIndexPage.objects.get().pk)
    yield index_id
    committed(cleanup)


def events_titled(title):
    def find():
        from cied.models import EventPage

        return list(EventPage.objects.filter(title_fr=title).values("pk", "start", "end"))

    return committed(find)


def add_form(tab, index_id):
    tab.goto(f"/admin/pages/add/cied/eventpage/{index_id}/")
    tab.wait_for_selector("#id_title_fr")


def type_into(tab, selector, text):
    """Focus, select what is there, type, and leave the field with Tab, as a person does."""
    field = tab.locator(selector)
    field.click()
    field.press("Control+a")
    field.press_sequentially(text, delay=20)
    field.press("Tab")
    # The picker used to rewrite the field on blur: give it the time to.
    tab.wait_for_timeout(300)
    return field.input_value()


def open_tab(tab, label):
    tab.locator(".w-tabs__tab", has_text=label).first.click()


def fill_event(tab, language, start, end):
    type_into(tab, "#id_title_fr", TITLE)
    type_into(tab, "#id_intro_fr", "Une soirée d'échanges.")
    open_tab(tab, "Quand et où" if language == "fr" else "When and where")
    tab.select_option("#id_kind", "talk")
    kept = (type_into(tab, "#id_start", start), type_into(tab, "#id_end", end))
    return kept


def save_draft(tab, language):
    tab.get_by_role("button", name=SAVE[language], exact=True).click()
    tab.wait_for_load_state("load")


def test_a_date_typed_the_french_way_is_kept_and_saved_in_paris_time(
    browser, live_site, account, language, events_index
):
    tab = log_in(browser, live_site, account)
    add_form(tab, events_index)
    assert tab.locator("html").get_attribute("lang") == language
    kept = fill_event(tab, language, "15/01/2027 18:30", "15/01/2027 20:00")
    assert kept == ("15/01/2027 18:30", "15/01/2027 20:00")
    save_draft(tab, language)
    tab.wait_for_url("**/edit/**")
    [event] = events_titled(TITLE)
    paris = ZoneInfo("Europe/Paris")
    assert event["start"] == datetime(2027, 1, 15, 18, 30, tzinfo=paris)
    assert event["end"] == datetime(2027, 1, 15, 20, 0, tzinfo=paris)
    # Shown back as typed.
    open_tab(tab, "Quand et où" if language == "fr" else "When and where")
    assert tab.locator("#id_start").input_value() == "15/01/2027 18:30"
    tab.context.close()


def test_a_nonsense_date_is_kept_as_typed_and_refused(
    browser, live_site, account, language, events_index
):
    tab = log_in(browser, live_site, account)
    add_form(tab, events_index)
    kept = fill_event(tab, language, "32/13/2027 25:00", "15/01/2027 20:00")
    assert kept == ("32/13/2027 25:00", "15/01/2027 20:00")
    save_draft(tab, language)
    # The error is under the field, in its tab, which the editor opens.
    open_tab(tab, "Quand et où" if language == "fr" else "When and where")
    error = ERROR_FR if language == "fr" else ERROR_EN
    tab.get_by_text(error).first.wait_for()
    assert not events_titled(TITLE)
    # Nothing lost: what was typed is all there, the nonsense too, to correct it.
    assert tab.locator("#id_title_fr").input_value() == TITLE
    assert tab.locator("#id_intro_fr").input_value() == "Une soirée d'échanges."
    assert tab.locator("#id_start").input_value() == "32/13/2027 25:00"
    assert tab.locator("#id_end").input_value() == "15/01/2027 20:00"
    tab.context.close()


@pytest.mark.parametrize("language", ["fr"], indirect=True)
def test_a_half_filled_add_form_leaves_no_page_and_starting_again_works(
    browser, live_site, account, language, events_index, settings
):
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 500  # Wagtail's default, whatever another test set
    tab = log_in(browser, live_site, account)
    autosaves = []
    tab.on(
        "request",
        lambda request: (
            request.method == "POST"
            and "application/json" in (request.headers.get("accept") or "")
            and autosaves.append(request.url)
        ),
    )
    add_form(tab, events_index)
    assert tab.locator("#page-edit-form[data-controller~='w-autosave']").count() == 1
    type_into(tab, "#id_title_fr", TITLE)
    type_into(tab, "#id_intro_fr", "Une soirée")
    tab.wait_for_timeout(3000)  # several autosave intervals, and the unsaved-changes check
    assert autosaves == []
    assert not events_titled(TITLE)
    # The editor goes away, then starts again with the same title (and slug).
    tab.goto("/admin/")
    add_form(tab, events_index)
    fill_event(tab, language, "15/01/2027 18:30", "15/01/2027 20:00")
    save_draft(tab, language)
    tab.wait_for_url("**/edit/**")
    assert len(events_titled(TITLE)) == 1
    # On the edit form, autosave works as Wagtail made it. Wagtail's unsaved-changes check takes
    # the form's first state a moment after the page loads: what is typed before that moment
    # would be part of it, and nothing would be seen to save.
    tab.wait_for_load_state("networkidle")
    tab.wait_for_timeout(1500)
    type_into(tab, "#id_intro_fr", "Une soirée d'échanges, autosauvegardée.")
    tab.locator(".w-autosave-indicator").get_by_text("Enregistré").first.wait_for(
        state="visible", timeout=10000
    )
    assert autosaves and all("/edit/" in url for url in autosaves)
    tab.context.close()


def english_title(tab):
    return tab.locator("#id_title_en")


@pytest.mark.parametrize("language", ["fr"], indirect=True)
def test_a_save_with_errors_keeps_the_english_fields_shown(
    browser, live_site, account, language, events_index
):
    tab = log_in(browser, live_site, account)
    add_form(tab, events_index)
    # English hidden at first: French is the language editors write first.
    assert not english_title(tab).is_visible()
    tab.locator("button.locale-toggle", has_text="en").first.click()
    english_title(tab).wait_for(state="visible")
    type_into(tab, "#id_title_en", "Europe café in Hakodate")
    fill_event(tab, language, "pas une date", "15/01/2027 20:00")
    save_draft(tab, language)
    open_tab(tab, "Quand et où")
    tab.get_by_text(ERROR_FR).first.wait_for()
    open_tab(tab, "Contenu")
    assert english_title(tab).is_visible()
    assert english_title(tab).input_value() == "Europe café in Hakodate"
    tab.context.close()


@pytest.mark.parametrize("language", ["fr"], indirect=True)
def test_a_language_whose_fields_hold_an_error_is_shown(
    browser, live_site, account, language, events_index
):
    tab = log_in(browser, live_site, account)
    add_form(tab, events_index)
    assert not english_title(tab).is_visible()
    # An English address that another event of the agenda already has.
    taken = "europe-cafe-already-there"

    def add_sibling():
        from cied.models import EventIndexPage, EventPage

        EventIndexPage.objects.get().add_child(
            instance=EventPage(
                title="Déjà là",
                slug=f"{SLUG}-deja-la",
                slug_fr=f"{SLUG}-deja-la",
                slug_en=taken,
                intro_fr="Un autre événement.",
                kind="talk",
                start=datetime(2027, 2, 1, 18, tzinfo=ZoneInfo("Europe/Paris")),
                end=datetime(2027, 2, 1, 20, tzinfo=ZoneInfo("Europe/Paris")),
            )
        )

    committed(add_sibling)
    fill_event(tab, language, "15/01/2027 18:30", "15/01/2027 20:00")
    open_tab(tab, PROMOTE)
    toggle = tab.locator("button.locale-toggle", has_text="en").first
    toggle.click()
    type_into(tab, "#id_slug_en", taken)
    toggle.click()  # the English fields hidden again before saving
    assert not tab.locator("#id_slug_en").is_visible()
    save_draft(tab, language)
    tab.locator("#id_slug_en").wait_for(state="attached")
    assert not events_titled(TITLE)
    # Shown again by the page itself: the English address's error is there to read.
    tab.locator("button.locale-toggle.showing-locale", has_text="en").wait_for()
    open_tab(tab, PROMOTE)
    assert tab.locator("#id_slug_en").is_visible()
    assert tab.locator("#id_slug_en").input_value() == taken
    tab.context.close()
