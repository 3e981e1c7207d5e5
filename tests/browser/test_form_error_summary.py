"""The public forms in Chromium, in French and in English: a form sent empty comes back with the
focus on its summary of errors (under the site's real Content-Security-Policy), whose links lead
to the fields; without JavaScript the summary is there all the same; a form filled in at once, as
a browser's autofill does, is accepted. (The refused forms' accessibility and HTML:
test_accessibility.py.)"""

import pytest

from .conftest import VIEWPORTS
from .live_data import committed

LANGUAGES = ("fr", "en")
ERROR_TITLE = {"fr": "Erreur\u00a0: ", "en": "Error: "}


@pytest.fixture(scope="module")
def form_urls(live_site, django_db_blocker):
    """{(form, language): path} of the contact page."""
    from django.utils import translation

    from clermont_intl.models import ContactFormPage

    urls = {}
    with django_db_blocker.unblock():
        for language in LANGUAGES:
            with translation.override(language):
                urls["contact", language] = ContactFormPage.objects.get().url
    return urls


@pytest.fixture
def strict_tab(browser, live_site):
    """A tab under the site's own policies (no CSP bypass): the summary's script must run there."""
    context = browser.new_context(base_url=live_site, viewport=VIEWPORTS["desktop"])
    tab = context.new_page()
    tab.problems = []
    tab.on("console", lambda message: message.type == "error" and tab.problems.append(message.text))
    tab.on("pageerror", lambda error: tab.problems.append(str(error)))
    yield tab
    context.close()


def send_empty(tab, url):
    assert tab.goto(url).status == 200
    with tab.expect_navigation():
        tab.locator("main form.form button[type=submit]").click()
    tab.wait_for_load_state("load")


def focused(tab):
    return tab.evaluate(
        "() => ({id: document.activeElement.id,"
        " summary: document.activeElement.hasAttribute('data-error-summary'),"
        " tag: document.activeElement.tagName})"
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_form_sent_empty_comes_back_with_the_focus_on_its_error_summary(
    strict_tab, form_urls, language
):
    send_empty(strict_tab, form_urls["contact", language])
    assert strict_tab.title().startswith(ERROR_TITLE[language])
    # The summary holds the focus: a screen reader reads it, the keyboard goes on from it.
    strict_tab.wait_for_function("document.activeElement.hasAttribute('data-error-summary')")
    assert focused(strict_tab) == {"id": "error-summary", "summary": True, "tag": "DIV"}
    summary = strict_tab.locator("[data-error-summary]")
    assert summary.get_attribute("role") == "alert"
    assert summary.is_visible() and summary.bounding_box()["y"] < VIEWPORTS["desktop"]["height"]
    # Tab leads to its first link, which takes the focus to the field to correct.
    strict_tab.keyboard.press("Tab")
    link = summary.locator("a").first
    assert strict_tab.evaluate("document.activeElement.getAttribute('href')") == (
        link.get_attribute("href")
    )
    target = link.get_attribute("href")[1:]
    strict_tab.keyboard.press("Enter")
    assert focused(strict_tab)["id"] == target
    field = strict_tab.locator(f"#{target}")
    assert field.get_attribute("aria-invalid") == "true"
    # Its label is in view with it.
    label = strict_tab.locator(f"label[for={target}]")
    box = label.bounding_box()
    assert 0 <= box["y"] and box["y"] + box["height"] <= VIEWPORTS["desktop"]["height"]
    assert strict_tab.problems == []


def test_without_javascript_the_summary_is_there_with_its_links(browser, live_site, form_urls):
    context = browser.new_context(base_url=live_site, java_script_enabled=False)
    try:
        tab = context.new_page()
        for language in LANGUAGES:
            send_empty(tab, form_urls["contact", language])
            summary = tab.locator("[data-error-summary]")
            assert summary.is_visible()
            assert summary.locator("a").count() >= 2
            # The links lead to the fields all the same.
            target = summary.locator("a").first.get_attribute("href")
            summary.locator("a").first.click()
            assert tab.url.endswith(target)
    finally:
        context.close()


@pytest.fixture
def no_new_contact_messages(django_db_blocker):
    """The messages the live server stores are deleted afterwards, with their rate-limit count:
    the following tests find the contact page as the seed left it."""
    from wagtail.contrib.forms.models import FormSubmission

    from clermont_intl.security.models import RateEvent

    with django_db_blocker.unblock():
        before = committed(lambda: set(FormSubmission.objects.values_list("pk", flat=True)))
        events = committed(lambda: set(RateEvent.objects.values_list("pk", flat=True)))
    yield
    with django_db_blocker.unblock():
        committed(lambda: FormSubmission.objects.exclude(pk__in=before).delete())
        committed(lambda: RateEvent.objects.exclude(pk__in=events).delete())


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_form_filled_in_at_once_as_autofill_does_is_accepted(
    page, form_urls, language, no_new_contact_messages
):
    assert page.goto(form_urls["contact", language]).status == 200
    form = page.locator("main form.form")
    # What a browser's autofill does: every personal field at once, then the button, well
    # within a second of the page's display.
    form.locator("[autocomplete=name]").fill("Camille Martin")
    form.locator("[autocomplete=email]").fill("camille@example.org")
    form.locator("textarea").fill("Une question sur les villes jumelles.")
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    assert page.locator("[data-error-summary]").count() == 0
    confirmation = page.locator(".confirmation[role=status]")
    message = {"fr": "bien été enregistré", "en": "has been recorded"}[language]
    assert message in confirmation.inner_text()
