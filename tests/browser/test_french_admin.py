"""The French admin is French: every screen an editor uses, walked in Chromium, shows none of
the interface's English words (Wagtail's, wagtail-modeltranslation's and the project's own)."""

import re

import pytest

from .live_data import committed, superuser_account

USERNAME = "admin-fr"
# The roles' and the workflow's former English names are data (editorial migration 0005 renamed
# them): the groups list and the workflows list are walked, so they fail the test if they return.
# Words of the admin's interface that are English only (content is left out of the walk: only
# headings, labels, buttons, tabs, help texts, table headers, menus and messages are read).
ENGLISH = re.compile(
    r"\b(View / edit|fields for|Exploring|Root|Save draft|Publish|Unpublish|Draft|"
    r"Translations?|Vocabular(?:y|ies)|Page type|Complete|Missing|Outdated|Content|Promote|"
    r"Settings|Search engines|Title and address|Heading|Paragraph|Body|Partner|Country|"
    r"Add|Delete|Choose|Upload|Submissions?|Filter|Reports|English translation|Upcoming|"
    r"Recent|Themes?|Event|Project|Support|Introduction shown|One or two|"
    r"Workflow|Moderation|help text|Required|"
    r"Moderators|Communication editors|Translators|Relations internationales: moderation)\b"
    # Technical names shown where a model lacks a verbose name: "(projects.projectsupportformpage)"
    r"|\(\w+\.\w+\)"
)
INTERFACE = (
    "h1, h2, h3, label, legend, button, th, .w-tabs__tab, .help, .w-field__help, "
    ".w-panel__heading, .sidebar-menu-item__link, .messages, .w-breadcrumbs, .w-help-text, "
    "caption, .w-dropdown__content a, .help-block, td, section.w-panel li, .w-status"
)


@pytest.fixture
def account():
    yield from superuser_account(USERNAME)


@pytest.fixture
def a_request():
    """A request sent through the support form, so that the Requests and Forms listings show
    their table and the request's own screen is walked."""
    from clermont_intl.submissions.models import SubmissionFollowUp
    from projects.models import ProjectSupportFormPage

    def create():
        page = ProjectSupportFormPage.objects.first()
        submission = page.get_submission_class().objects.create(
            page=page,
            form_data={"association": "Amis de Regensburg", "email": "camille@example.org"},
        )
        return SubmissionFollowUp.objects.create(
            submission=submission, language="fr", acknowledgement_to="camille@example.org"
        ).pk

    follow_up_id = committed(create)
    yield follow_up_id
    committed(lambda: SubmissionFollowUp.objects.get(pk=follow_up_id).submission.delete())


def screens(request_id=None):
    """The admin screens an editor uses, with the seeded content."""
    from wagtail.contrib.forms.models import FormSubmission
    from wagtail.models import Page

    from projects.models import ProjectSupportFormPage

    paths = ["/admin/", "/admin/pages/", "/admin/translations/", "/admin/images/",
             "/admin/documents/", "/admin/snippets/", "/admin/forms/",
             "/admin/workflows/list/", "/admin/reports/locked/", "/admin/requests/",
             "/admin/groups/", "/admin/workflows/tasks/index/"]  # fmt: skip
    seen = set()
    for page in Page.objects.filter(depth__gt=1).order_by("path").specific():
        if type(page) not in seen:
            seen.add(type(page))
            paths.append(f"/admin/pages/{page.pk}/edit/")
            paths.append(f"/admin/pages/{page.pk}/")
            paths.append(f"/admin/pages/{page.pk}/add_subpage/")
    form = ProjectSupportFormPage.objects.first()
    paths.append(f"/admin/forms/submissions/{form.pk}/")
    if request_id:
        paths.append(f"/admin/requests/edit/{request_id}/")
    FormSubmission  # noqa: B018 (the list is shown even when empty)
    return paths


# The interface's text of the elements, without the previews of a StreamField block's content
# that Wagtail writes in the block's heading (an English paragraph is content, not interface).
INTERFACE_TEXTS = """selector => Array.from(document.querySelectorAll(selector)).map(element => {
    const copy = element.cloneNode(true);
    copy.querySelectorAll(".c-sf-block__title").forEach(preview => preview.remove());
    return copy.innerText || copy.textContent || "";
})"""


def english_on(tab):
    texts = tab.evaluate(INTERFACE_TEXTS, INTERFACE)
    found = set()
    for text in texts:
        found.update(match.group(0) for match in ENGLISH.finditer(text))
    return found


def test_every_admin_screen_an_editor_uses_is_in_french(browser, live_site, account, a_request):
    context = browser.new_context(base_url=live_site, locale="fr-FR")
    tab = context.new_page()
    tab.goto("/admin/login/")
    tab.fill("input[name=username]", account[0])
    tab.fill("input[name=password]", account[1])
    tab.click("button[type=submit]")
    tab.wait_for_url("**/admin/")
    problems = {}
    for path in screens(a_request):
        tab.goto(path)
        tab.wait_for_load_state("networkidle")
        found = english_on(tab)
        # The edit screens' tabs: each is opened, its panels read.
        for tab_link in tab.locator(".w-tabs__tab").all():
            tab_link.click()
            found |= english_on(tab)
        if found:
            problems[path] = sorted(found)
    context.close()
    assert not problems, "\n".join(f"{path}: {words}" for path, words in problems.items())
