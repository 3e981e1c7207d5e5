"""Editors' accounts: login lockout behind the proxy, password rules, security headers."""

import time
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse

import pytest

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"
PASSWORD = "a-long-test-password"
ATTACKER = "203.0.113.66"
EDITOR_HOME = "198.51.100.7"
PROXY = "10.0.0.2"


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def login(client, password, address, **extra):
    return client.post(
        LOGIN, {"username": "editeur", "password": password}, REMOTE_ADDR=address, **extra
    )


def fail_five_times(client, address, **extra):
    for _ in range(5):
        response = login(client, "wrong-password", address, **extra)
        assert response.status_code in (200, 429)


def test_five_failures_lock_the_user_from_that_address_only(client, editor, django_user_model):
    fail_five_times(client, ATTACKER)
    # Even the right password is refused from the attacker's address, with a clear answer.
    locked = login(client, PASSWORD, ATTACKER, HTTP_ACCEPT_LANGUAGE="en")
    assert locked.status_code == 429
    assert "Please try again in 15 minutes" in locked.content.decode()
    assert '<html lang="en">' in locked.content.decode()
    assert "_auth_user_id" not in client.session
    # The editor, from their own address, still logs in.
    response = login(client, PASSWORD, EDITOR_HOME)
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == editor.pk


def test_four_failures_do_not_lock(client, editor):
    for _ in range(4):
        login(client, "wrong-password", ATTACKER)
    assert login(client, PASSWORD, ATTACKER).status_code == 302


def test_lockout_ends_after_the_cool_off(client, editor):
    # Long enough for five logins on a loaded machine to stay within the cool-off.
    with override_settings(AXES_COOLOFF_TIME=timedelta(seconds=5)):
        fail_five_times(client, ATTACKER)
        assert login(client, PASSWORD, ATTACKER).status_code == 429
        time.sleep(5.5)
        assert login(client, PASSWORD, ATTACKER).status_code == 302


def test_cool_off_is_fifteen_minutes_and_limit_five():
    from django.conf import settings

    assert settings.AXES_COOLOFF_TIME == timedelta(minutes=15)
    assert settings.AXES_FAILURE_LIMIT == 5
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]


def test_forwarded_for_from_an_untrusted_address_is_ignored(client, editor):
    # The attacker cycles fake X-Forwarded-For values: they all count against its real address.
    for i in range(5):
        login(client, "wrong-password", ATTACKER, HTTP_X_FORWARDED_FOR=f"192.0.2.{i}")
    assert login(client, PASSWORD, ATTACKER, HTTP_X_FORWARDED_FOR="192.0.2.99").status_code == 429
    # Nor can it lock the editor's real address by naming it in the header.
    assert login(client, PASSWORD, EDITOR_HOME).status_code == 302


@override_settings(TRUSTED_PROXIES=[PROXY])
def test_behind_the_trusted_proxy_each_client_address_counts_separately(client, editor):
    fail_five_times(client, PROXY, HTTP_X_FORWARDED_FOR=ATTACKER)
    assert login(client, PASSWORD, PROXY, HTTP_X_FORWARDED_FOR=ATTACKER).status_code == 429
    # A spoofed left-most entry does not help: the proxy appended the real address.
    spoofed = f"{EDITOR_HOME}, {ATTACKER}"
    assert login(client, PASSWORD, PROXY, HTTP_X_FORWARDED_FOR=spoofed).status_code == 429
    assert login(client, PASSWORD, PROXY, HTTP_X_FORWARDED_FOR=EDITOR_HOME).status_code == 302


def test_client_ip_rules():
    from django.test import RequestFactory

    from clermont_intl.security.login import client_ip

    factory = RequestFactory()
    direct = factory.get("/", REMOTE_ADDR=ATTACKER, HTTP_X_FORWARDED_FOR="1.2.3.4")
    assert client_ip(direct) == ATTACKER
    with override_settings(TRUSTED_PROXIES=["10.0.0.0/8"]):
        chained = factory.get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="1.2.3.4, 10.0.0.9")
        assert client_ip(chained) == "1.2.3.4"
        garbled = factory.get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="<script>")
        assert client_ip(garbled) == PROXY


# --- Passwords --------------------------------------------------------------------------------


def user_form(password, username="nouvel-editeur"):
    return {
        "username": username,
        "email": f"{username}@example.org",
        "first_name": "Nouvel",
        "last_name": "Éditeur",
        "password1": password,
        "password2": password,
        "is_superuser": "on",
    }


@pytest.mark.parametrize(
    "password,message",
    [
        ("Court1!x", "at least 12 characters"),
        ("password1234", "too common"),
    ],
)
def test_admin_user_creation_refuses_weak_passwords(client, editor, password, message):
    client.force_login(editor)
    with override_settings(LANGUAGE_CODE="en"):
        response = client.post(
            reverse("wagtailusers_users:add"), user_form(password), HTTP_ACCEPT_LANGUAGE="en"
        )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not get_user_model().objects.filter(username="nouvel-editeur").exists()


def test_admin_accepts_a_long_password_without_composition_rules(client, editor):
    client.force_login(editor)
    # Lower-case letters and spaces only: length is what counts.
    response = client.post(reverse("wagtailusers_users:add"), user_form("quatre mots tout simples"))
    assert response.status_code == 302
    assert (
        get_user_model()
        .objects.get(username="nouvel-editeur")
        .check_password("quatre mots tout simples")
    )


def account_form_data(client):
    """Every field of the admin's account page as the browser would send it unchanged."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(client.get(reverse("wagtailadmin_account")).content, "html.parser")
    form = soup.find("input", attrs={"name": "password-old_password"}).find_parent("form")
    data = {}
    for field in form.find_all(["input", "select", "textarea"]):
        name = field.get("name")
        if not name or field.get("type") in ("submit", "button", "file"):
            continue
        if field.name == "select":
            option = field.find("option", selected=True) or field.find("option")
            data[name] = option.get("value", "") if option else ""
        elif field.get("type") in ("checkbox", "radio"):
            if field.has_attr("checked"):
                data[name] = field.get("value", "on")
        elif field.name == "textarea":
            data[name] = field.text
        else:
            data[name] = field.get("value", "")
    return data


def test_password_change_in_the_admin_account_applies_the_rules(client, editor):
    client.force_login(editor)
    data = account_form_data(client)
    data.update({"name_email-first_name": "Camille", "name_email-last_name": "Martin"})
    data["password-old_password"] = PASSWORD
    data["password-new_password1"] = data["password-new_password2"] = "short"
    response = client.post(reverse("wagtailadmin_account"), data)
    assert response.status_code == 200
    assert "12" in response.content.decode()  # the length rule is stated to the editor
    editor.refresh_from_db()
    assert editor.check_password(PASSWORD)
    data["password-new_password1"] = data["password-new_password2"] = "un mot de passe assez long"
    response = client.post(reverse("wagtailadmin_account"), data)
    assert response.status_code == 302
    editor.refresh_from_db()
    assert editor.check_password("un mot de passe assez long")


# --- Headers ----------------------------------------------------------------------------------


def directives(response):
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}


@pytest.mark.parametrize("url", ["/fr/", "/en/", "/fr/recherche/?q=europe", "/nope/"])
def test_public_pages_have_a_strict_policy(client, url):
    response = client.get(url, follow=True)
    csp = directives(response)
    assert "'unsafe-inline'" not in csp["script-src"]
    assert "'unsafe-eval'" not in csp["script-src"]
    assert any(source.startswith("'nonce-") for source in csp["script-src"])
    assert csp["default-src"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["object-src"] == ["'none'"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert "camera=()" in response["Permissions-Policy"]


def test_nonce_changes_with_every_response(client):
    first = directives(client.get("/fr/"))["script-src"]
    second = directives(client.get("/fr/"))["script-src"]
    assert first != second


def test_public_pages_have_no_inline_script_or_style(client, site_pages):
    from bs4 import BeautifulSoup

    for page in site_pages.values():
        html = client.get(page.url).content.decode()
        soup = BeautifulSoup(html, "html.parser")
        for script in soup.find_all("script"):
            assert script.get("src") or script.get("type") == "application/json", page.url
        assert not soup.find_all(attrs={"style": True}), page.url
        assert not soup.find_all("style"), page.url


def test_admin_gets_its_own_policy_and_its_scripts_load(client, editor, site_pages):
    from django.conf import settings
    from django.contrib.staticfiles import finders

    from bs4 import BeautifulSoup

    client.force_login(editor)
    page = site_pages["projects"]
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    csp = directives(response)
    assert csp["script-src"] == ["'self'", "'unsafe-inline'"]
    assert csp["frame-ancestors"] == ["'self'"]
    assert csp["form-action"] == ["'self'"]
    scripts = BeautifulSoup(response.content, "html.parser").find_all("script", src=True)
    assert scripts, "the page editor should load its JavaScript"
    for script in scripts:
        # 'self' allows only same-origin scripts: none is loaded from elsewhere.
        assert script["src"].startswith("/"), script["src"]
        assert not script["src"].startswith("//")
        src = script["src"].split("?")[0]
        if src.startswith(settings.STATIC_URL):  # one of the static files the site ships
            assert finders.find(src.removeprefix(settings.STATIC_URL)), src
        else:  # or a view of the admin itself (its JavaScript catalogue)
            assert client.get(src).status_code == 200, src


@override_settings(
    SECURE_HSTS_SECONDS=31536000, SECURE_HSTS_INCLUDE_SUBDOMAINS=True, SECURE_SSL_REDIRECT=False
)
def test_hsts_is_sent_over_https_with_production_settings(client):
    response = client.get("/fr/", secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


@pytest.mark.processes
def test_production_settings_turn_on_hsts():
    import os
    import subprocess
    import sys

    code = (
        "from clermont_intl.settings import production as p;"
        "print(p.SECURE_HSTS_SECONDS, p.SESSION_COOKIE_SECURE,"
        " p.CSRF_COOKIE_SECURE, p.SECURE_SSL_REDIRECT)"
    )
    env = {**os.environ, "SECRET_KEY": "x" * 60}
    env.pop("SECURE_HSTS_SECONDS", None)
    env.pop("SECURE_SSL_REDIRECT", None)
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    ).stdout.split()
    # includeSubDomains and preload: tests/operations/test_production_settings.py (off unless
    # turned on).
    assert out == ["31536000", "True", "True", "True"]
