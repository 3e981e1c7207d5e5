"""Chromium enforces the site's Content-Security-Policy: nothing is blocked on the public pages nor
in the admin's page editor, which still runs its JavaScript."""

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
