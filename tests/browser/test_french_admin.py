"""The French admin is French: signed in as each staff role, Chromium walks every screen the
role's own menus lead to (and each listing's first item, every page type's edit and add forms,
a save refused for a slug already in use or a required field left empty), reads every text of
each screen (text nodes, labels, buttons, aria-labels, titles, placeholders, tooltips, the
contents of closed tabs, dialogs and menus too) and fails on any that a gettext catalogue says is
English (tests/browser/interface_english.py): no list of words here."""

import json
import re
from collections import defaultdict
from urllib.parse import urljoin, urlsplit

import pytest

from clermont_intl.editorial.constants import EDITORS_GROUP, MODERATORS_GROUP, TRANSLATORS_GROUP

from .interface_english import english_texts
from .live_data import committed

ROLES = {
    "communication": EDITORS_GROUP,
    "moderation": MODERATORS_GROUP,
    "traduction": TRANSLATORS_GROUP,
}

# Every text a screen shows, or shows once a tab, a dropdown, a side panel or a dialog is opened
# (Wagtail hides those with the ``hidden`` or ``aria-hidden`` attribute; what a stylesheet hides
# for good, such as an unused button of a vendored date picker, is not read), as [text, kind]:
# "option" for a choice of a select. Never what an editor typed (fields, rich text) nor Wagtail's
# previews of a block's content, nor the placeholder of a side panel's counter (a number, which
# the admin's script writes before showing it), nor the editors' guide's text (a French document
# that quotes the English site's words on purpose; its screen's own title is read).
SCREEN_TEXTS = """() => {
    const SKIP = "script, style, noscript, template, textarea, svg, [contenteditable=true], "
        + ".c-sf-block__title, .DraftEditor-root, [data-side-panel-toggle-counter], .editors-guide";
    const shown = new Map();
    const isShown = element => {
        if (!element || element === document.body) return true;
        if (!shown.has(element)) {
            const hiddenForGood = getComputedStyle(element).display === "none"
                && !element.hasAttribute("hidden")
                && element.getAttribute("aria-hidden") !== "true";
            shown.set(element, !hiddenForGood && isShown(element.parentElement));
        }
        return shown.get(element);
    };
    const texts = new Map();
    const add = (text, kind) => {
        if (text && text.trim() && !texts.has(text)) texts.set(text, kind);
    };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
        const node = walker.currentNode;
        const parent = node.parentElement;
        if (!parent || parent.closest(SKIP) || !isShown(parent)) continue;
        add(node.textContent, parent.closest("option") ? "option" : "text");
        // A sentence with a link or emphasis inside it: its whole block's text.
        let block = parent;
        while (block.parentElement && getComputedStyle(block).display.startsWith("inline")) {
            block = block.parentElement;
        }
        if (block !== parent && block.textContent.length < 400 && !block.querySelector(SKIP)) {
            add(block.textContent, "text");
        }
    }
    const ATTRIBUTES = ["aria-label", "aria-description", "title", "placeholder", "alt",
                        "data-w-tooltip-content-value"];
    for (const element of document.body.querySelectorAll("*")) {
        if (element.closest(SKIP) || !isShown(element)) continue;
        for (const name of ATTRIBUTES) add(element.getAttribute(name), "attribute");
        if (element.matches("input[type=submit], input[type=button]")) {
            add(element.value, element.closest(".w-sr-only") ? "screen-reader submit" : "text");
        }
    }
    add(document.title, "text");
    return Array.from(texts.entries());
}"""


def menu_links(tab):
    """(label, url) of every item of the admin's sidebar menu, submenus included, read from
    the props Wagtail renders it from (a closed submenu is not in the page yet)."""
    props = json.loads(tab.locator("#wagtail-sidebar-props").text_content())
    found = []

    def walk(value):
        if isinstance(value, dict):
            if isinstance(value.get("url"), str) and isinstance(value.get("label"), str):
                found.append((value["label"], value["url"]))
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(props)
    return found


def first_item(tab, listing):
    """The first item a listing leads to: the first link of the main area to a screen under
    the listing's own address (a request, a child page, a page's translation), else the first
    edit link. Exports, downloads and deletions are left alone."""
    links = tab.locator("main a[href]").evaluate_all("links => links.map(a => a.href)")
    paths = []
    for href in links:
        parts = urlsplit(href)
        if parts.netloc == urlsplit(tab.url).netloc and not parts.query:
            paths.append(parts.path)
    paths = [p for p in paths if not re.search(r"/(delete|unpublish|export|download)", p)]
    for path in paths:
        if path.startswith(listing) and path != listing:
            return path
    return next((path for path in paths if "/edit/" in path), None)


def page_type_screens(user):
    """Every page type's edit form, and its add form under a parent where the role may add it:
    the paths, from the seeded tree."""
    from wagtail.models import Page

    paths = []
    seen = set()
    added = set()
    for page in Page.objects.filter(depth__gt=1).order_by("path").specific():
        if type(page) in seen:
            continue
        seen.add(type(page))
        permissions = page.permissions_for_user(user)
        if permissions.can_edit():
            paths.append(f"/admin/pages/{page.pk}/edit/")
        if permissions.can_add_subpage():
            for model in page.specific_class.creatable_subpage_models():
                if model.can_create_at(page) and model not in added:
                    added.add(model)
                    meta = model._meta
                    paths.append(f"/admin/pages/add/{meta.app_label}/{meta.model_name}/{page.pk}/")
    return paths


SAVE = """() => {
    const button = document.querySelector("main form[method=post] button.action-save");
    button.closest("form").requestSubmit(button);
}"""


def save_with_errors(tab, user, found):
    """A page saved with the slug of its neighbour, a new page saved empty, a snippet saved
    empty, where the role may: each screen, with its error messages, is read."""
    from partners.models import PartnerCityPage

    partner = PartnerCityPage.objects.order_by("path").first()
    neighbour = partner.get_next_siblings().specific().first()

    def save(path, what, prepare="() => {}", argument=None):
        tab.goto(path)
        tab.evaluate(prepare, argument)
        with tab.expect_navigation():
            tab.evaluate(SAVE)
        errors = tab.locator(".error-message, .w-field__errors, .help-critical").all_inner_texts()
        assert any(text.strip() for text in errors), f"{what}: no error shown"
        read_screen(tab, f"{path} ({what})", found)

    if partner.permissions_for_user(user).can_edit():
        save(
            f"/admin/pages/{partner.pk}/edit/",
            "saved with the slug of a neighbour",
            'slug => { document.querySelector("input[name=slug_fr]").value = slug; }',
            neighbour.slug_fr,
        )
    parent = partner.get_parent()
    if parent.permissions_for_user(user).can_add_subpage():
        save(f"/admin/pages/add/partners/partnercitypage/{parent.pk}/", "saved empty")
    if user.has_perm("projects.add_programme"):
        save("/admin/snippets/projects/programme/add/", "saved empty")


@pytest.fixture
def staff_member(request):
    """(user, password) of a member of the role's group, in French, seen by the live server."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    password = "a-long-test-password"
    group = ROLES[request.param]

    def create():
        user = get_user_model().objects.create_user(
            f"visite-{request.param}", f"{request.param}@example.org", password,
            first_name="Camille", last_name="Martin",
        )  # fmt: skip
        user.groups.add(Group.objects.get(name=group))
        return user.pk

    user_id = committed(create)
    yield get_user_model().objects.get(pk=user_id), password
    committed(lambda: get_user_model().objects.filter(pk=user_id).delete())


@pytest.fixture
def requests_to_answer(live_site):
    """A support request sent through the public form and a loan request of an exhibition, so
    that the follow-up and loans screens show their tables and edit forms."""
    from datetime import timedelta

    from django.test import Client
    from django.utils import timezone

    from wagtail.contrib.forms.models import FormSubmission

    from cied.models import ExhibitionIndexPage, ExhibitionPage, LoanRequest
    from tests.projects.test_project_support_form import FORM_FR, valid_data

    def create():
        Client().post(FORM_FR, valid_data(contact_name="Visite du français"))
        exhibition = ExhibitionPage(
            title="Exposition fictive : l'Europe en panneaux",
            slug="exposition-fictive-visite",
            slug_en="fictitious-exhibition-walk",
            title_en="Fictitious exhibition: Europe in panels",
        )
        ExhibitionIndexPage.objects.get().add_child(instance=exhibition)
        today = timezone.localdate()
        LoanRequest.objects.create(
            exhibition=exhibition, start=today + timedelta(days=3), end=today + timedelta(days=9)
        )
        return exhibition.pk

    def delete():
        FormSubmission.objects.filter(form_data__contact_name="Visite du français").delete()
        ExhibitionPage.objects.filter(pk=exhibition_id).delete()

    exhibition_id = committed(create)
    yield
    committed(delete)


# English that Wagtail 8.0 writes outside gettext, so that no catalogue can translate it; each
# is noted here with where it comes from, and is still flagged anywhere else.
# (text, kind of text, screen where it is allowed; None: every screen).
UPSTREAM = {
    # wagtailadmin/home.html and shared/header.html: value="Search" on the screen readers' submit
    # button of the search forms (a literal in the template).
    ("Search", "screen-reader submit", None),
    # The aging pages report prints Python's None as the publisher of a page published by no
    # user (the seed publishes without one): reports/aging_pages_results.html.
    ("None", "text", "/admin/reports/aging-pages/"),
}


def read_screen(tab, path, found):
    english = english_texts()
    for text, kind in tab.evaluate(SCREEN_TEXTS):
        if {(text.strip(), kind, None), (text.strip(), kind, path)} & UPSTREAM:
            continue
        entry = english.find(text, choice=kind == "option")
        if entry:
            shown = " ".join(text.split())
            found[path].add(f"{shown!r} — msgid {entry.msgid!r} in {entry.source}")


@pytest.mark.parametrize("staff_member", list(ROLES), indirect=True)
def test_every_screen_a_role_uses_is_in_french(
    browser, live_site, staff_member, requests_to_answer
):
    user, password = staff_member
    english_texts()  # learned before the walk
    context = browser.new_context(base_url=live_site, locale="fr-FR")
    tab = context.new_page()
    tab.goto("/admin/login/")
    tab.fill("input[name=username]", user.username)
    tab.fill("input[name=password]", password)
    tab.click("button[type=submit]")
    tab.wait_for_url("**/admin/")

    found = defaultdict(set)
    visited = set()

    def visit(path):
        if path in visited:
            return False
        visited.add(path)
        response = tab.goto(path)
        assert response.status < 500, f"{path} answered {response.status}"
        read_screen(tab, path, found)
        return True

    visit("/admin/")
    menu = [urlsplit(urljoin(live_site, url)).path for _label, url in menu_links(tab)]
    for path in ["/admin/", *menu, "/admin/account/", "/admin/pages/search/?q=lyon"]:
        if not path.startswith("/admin/") or path.endswith("/logout/"):
            continue
        if visit(path) or path == "/admin/":
            item = first_item(tab, path)
            if item:
                visit(item)
    for path in page_type_screens(user):
        visit(path)
    save_with_errors(tab, user, found)
    context.close()

    assert menu, "no menu item found"
    assert not found, f"English in the French admin, signed in as {user.username}:\n" + "\n".join(
        f"{path}:\n    " + "\n    ".join(sorted(texts)) for path, texts in found.items()
    )
