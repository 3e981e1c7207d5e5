"""Chromium enforces the site's Content-Security-Policy: nothing is blocked on the public pages nor
in the admin's page editor, which still runs its JavaScript.

Wagtail's userbar is on public pages for signed-in editors only: "edit this page" and the
accessibility checker run under the public pages' strict policy; an anonymous visitor gets no
userbar, in a page the caching proxy may keep; the page editor's checks panel reads real
figures from the preview."""

import re
import secrets

import pytest

from .live_data import committed

USERNAME = "csp-editor"


@pytest.fixture
def editor_account(django_db_blocker):
    """A committed account: the live server's thread must see it to log in."""
    from django.contrib.auth import get_user_model

    password = secrets.token_urlsafe(16)
    with django_db_blocker.unblock():
        user = committed(
            lambda: get_user_model().objects.create_superuser(
                USERNAME, "csp@example.org", password, first_name="Camille", last_name="Martin"
            )
        )
    yield USERNAME, password
    with django_db_blocker.unblock():
        committed(lambda: get_user_model().objects.filter(pk=user.pk).delete())


@pytest.fixture
def strict_tab(browser, live_site):
    """A tab that applies the site's policies (no bypass), recording every CSP violation."""
    context = browser.new_context(base_url=live_site)
    tab = context.new_page()
    tab.violations = []
    tab.errors = []

    def on_console(message):
        if "Content Security Policy" in message.text:
            tab.violations.append(message.text)
        elif message.type == "error":
            tab.errors.append(message.text)

    tab.on("console", on_console)
    tab.on("pageerror", lambda error: tab.errors.append(str(error)))
    yield tab
    context.close()


def test_public_pages_run_under_their_policy_without_violation(strict_tab):
    for path in ["/fr/", "/en/", "/fr/recherche/?q=europe"]:
        response = strict_tab.goto(path)
        assert (
            "'unsafe-inline'"
            not in response.headers["content-security-policy"].split("script-src")[1].split(";")[0]
        )
        strict_tab.wait_for_load_state("load")
    assert strict_tab.violations == []


def test_the_admin_page_editor_works_under_its_policy(
    strict_tab, editor_account, django_db_blocker
):
    from projects.models import ProjectIndexPage

    with django_db_blocker.unblock():
        page_id = ProjectIndexPage.objects.get().pk
    username, password = editor_account
    strict_tab.goto("/admin/login/")
    strict_tab.fill("input[name=username]", username)
    strict_tab.fill("input[name=password]", password)
    strict_tab.click("button[type=submit]")
    strict_tab.wait_for_load_state("load")
    assert "/admin/login/" not in strict_tab.url, strict_tab.locator("main").inner_text()[:500]
    response = strict_tab.goto(f"/admin/pages/{page_id}/edit/")
    assert response.status == 200
    assert "frame-ancestors 'self'" in response.headers["content-security-policy"]
    strict_tab.wait_for_load_state("networkidle")
    # The editor's JavaScript ran: Wagtail's Stimulus controllers are connected, and the
    # tabs it builds respond to a click.
    assert strict_tab.evaluate("() => !!window.Stimulus || !!window.wagtail")
    promote = strict_tab.get_by_role("tab").nth(1)
    promote.click()
    assert promote.get_attribute("aria-selected") == "true"
    assert strict_tab.violations == []
    assert strict_tab.errors == []


# --- Wagtail's userbar ----------------------------------------------------------------------


def sign_in(tab, account):
    username, password = account
    tab.goto("/admin/login/")
    tab.fill("input[name=username]", username)
    tab.fill("input[name=password]", password)
    tab.click("button[type=submit]")
    tab.wait_for_load_state("load")
    assert "/admin/login/" not in tab.url


def home_page_id(django_db_blocker):
    from clermont_intl.models import HomePage

    with django_db_blocker.unblock():
        return HomePage.objects.get().pk


def test_a_signed_in_editor_gets_the_userbar_and_its_checker_without_violation(
    strict_tab, editor_account, django_db_blocker
):
    sign_in(strict_tab, editor_account)
    response = strict_tab.goto("/fr/")
    # Never kept by the caching proxy: an answer for a signed-in editor.
    control = response.headers["cache-control"]
    assert "private" in control and "no-store" in control and "s-maxage" not in control
    assert "'unsafe-inline'" not in response.headers["content-security-policy"]
    strict_tab.wait_for_load_state("load")

    userbar = strict_tab.locator("wagtail-userbar")
    assert userbar.count() == 1
    strict_tab.locator("[data-wagtail-userbar-trigger]").click()
    edit_link = strict_tab.locator(
        f'a[href$="/admin/pages/{home_page_id(django_db_blocker)}/edit/"]'
    )
    edit_link.wait_for(state="visible", timeout=10000)

    # The accessibility checker (axe-core, in Wagtail's userbar) has run: its count is shown,
    # and its dialog opens.
    count = strict_tab.locator("#checker-trigger [data-content-checker-count]")
    strict_tab.wait_for_function(
        "() => { const host = document.querySelector('wagtail-userbar');"
        " const count = host && host.shadowRoot &&"
        " host.shadowRoot.querySelector('#checker-trigger [data-content-checker-count]');"
        " return count && /\\d/.test(count.textContent); }",
        timeout=20000,
    )
    assert re.fullmatch(r"\d+", count.inner_text().strip())
    strict_tab.locator("#checker-trigger").click()
    assert strict_tab.locator("#checker-results").is_visible()

    assert strict_tab.violations == []
    assert strict_tab.errors == []


def test_an_anonymous_visitor_gets_no_userbar_in_a_page_the_proxy_keeps(
    strict_tab, editor_account, browser, live_site
):
    # An editor asks for the page first, in a browser of their own: theirs has the userbar and
    # may not be kept; the visitor's, which the proxy may keep, has none.
    editor_context = browser.new_context(base_url=live_site)
    editor_tab = editor_context.new_page()
    sign_in(editor_tab, editor_account)
    editors = editor_tab.goto("/fr/")
    assert "wagtail-userbar" in editors.text()
    assert "no-store" in editors.headers["cache-control"]
    editor_context.close()

    response = strict_tab.goto("/fr/")
    control = response.headers["cache-control"]
    assert "s-maxage" in control and "private" not in control
    # The userbar's check never reads the session of a visitor who has none.
    assert "cookie" not in response.headers.get("vary", "").lower()
    html = response.text()
    assert "wagtail-userbar" not in html and "userbar.js" not in html
    assert strict_tab.locator("wagtail-userbar").count() == 0
    assert strict_tab.violations == []


def test_the_editors_checks_panel_shows_real_figures(strict_tab, editor_account, django_db_blocker):
    sign_in(strict_tab, editor_account)
    page_id = home_page_id(django_db_blocker)
    strict_tab.goto(f"/admin/pages/{page_id}/edit/")
    strict_tab.wait_for_load_state("networkidle")
    strict_tab.locator('[data-side-panel-toggle="checks"]').click()
    words = strict_tab.locator("[data-content-word-count]")
    strict_tab.wait_for_function(
        "() => /\\d/.test(document.querySelector('[data-content-word-count]').textContent)",
        timeout=30000,
    )
    assert int(re.sub(r"\D", "", words.inner_text())) > 20
    assert strict_tab.violations == []
