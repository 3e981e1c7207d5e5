"""Security counters are not cache entries: lockouts and rate limits live in the database.

A cache flush (``cache.clear()``, a restore, Redis evicting keys) must not lift a lockout or a
rate limit, and none of them may need Redis. Also: the limit per address across accounts and
the password-reset limits.
"""

import time
from datetime import timedelta

from django.conf import settings
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

import pytest

from clermont_intl.security.models import RateEvent
from clermont_intl.security.rate_limits import Limit, account_key
from tests.projects.test_project_support_form import FORM_FR, valid_data

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"
RESET = "/admin/password_reset/"
RESET_DONE = "/admin/password_reset/done/"
PASSWORD = "a-long-test-password"
ATTACKER = "203.0.113.66"
EDITOR_HOME = "198.51.100.7"
# A cache that stores nothing: what still works with it does not depend on any cache.
NO_CACHE = {
    "default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
    "nowhere": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
}


def login(client, username, password, address, **extra):
    return client.post(
        LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address, **extra
    )


def lock(client, username="editeur"):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(client, username, "wrong-password", ATTACKER)


# --- Login lockout ----------------------------------------------------------------------------


def test_a_lockout_survives_a_cache_flush_until_it_expires(client, editor):
    with override_settings(AXES_COOLOFF_TIME=timedelta(seconds=2)):
        lock(client)
        cache.clear()
        locked = login(client, "editeur", PASSWORD, ATTACKER)
        assert locked.status_code == 429
        assert "_auth_user_id" not in client.session
        time.sleep(2.5)
        assert login(client, "editeur", PASSWORD, ATTACKER).status_code == 302


@override_settings(CACHES=NO_CACHE)
def test_the_lockout_works_without_any_cache(client, editor):
    lock(client)
    assert login(client, "editeur", PASSWORD, ATTACKER).status_code == 429
    assert login(client, "editeur", PASSWORD, EDITOR_HOME).status_code == 302


# --- One address failing across accounts -------------------------------------------------------


def test_one_address_is_stopped_after_twenty_failures_across_accounts(client, editor):
    assert settings.LOGIN_ADDRESS_FAILURE_LIMIT == 20
    assert settings.LOGIN_ADDRESS_WINDOW_SECONDS == 15 * 60
    # Twenty accounts, one failure each: no account reaches its own lockout of five.
    for i in range(20):
        assert login(client, f"compte-{i}", "wrong-password", ATTACKER).status_code == 200
    cache.clear()
    # The twenty-first attempt from that address is refused, even with a real account's password,
    # with the same answer as a lockout.
    refused = login(client, "editeur", PASSWORD, ATTACKER, HTTP_ACCEPT_LANGUAGE="en")
    assert refused.status_code == 429
    assert "Please try again in 15 minutes" in refused.content.decode()
    assert "_auth_user_id" not in client.session
    # The refused attempts are not stored: the table stays bounded whatever an attacker sends.
    login(client, "compte-x", "wrong-password", ATTACKER)
    assert RateEvent.objects.filter(scope="login-failure:address").count() == 20
    # Another address is not affected.
    assert login(client, "editeur", PASSWORD, EDITOR_HOME).status_code == 302


def test_a_successful_login_does_not_count_against_its_address(client, editor):
    """Each attempt is counted before its password is checked (so that attempts sent at the same
    moment get no more tries than the limit), and given back once it succeeds."""
    login(client, "compte-1", "wrong-password", ATTACKER)
    assert login(client, "editeur", PASSWORD, ATTACKER).status_code == 302
    assert RateEvent.objects.filter(scope="login-failure:address").count() == 1


def test_the_address_limit_ends_with_its_window(client, editor):
    with override_settings(LOGIN_ADDRESS_FAILURE_LIMIT=3, LOGIN_ADDRESS_WINDOW_SECONDS=1):
        for i in range(3):
            login(client, f"compte-{i}", "wrong-password", ATTACKER)
        assert login(client, "editeur", PASSWORD, ATTACKER).status_code == 429
        time.sleep(1.5)
        assert login(client, "editeur", PASSWORD, ATTACKER).status_code == 302


# --- The support form's rate limit ----------------------------------------------------------


def test_the_form_rate_limit_survives_a_cache_flush(client, settings):
    settings.FORM_RATE_LIMIT = 2
    for _ in range(2):
        assert client.post(FORM_FR, valid_data(), REMOTE_ADDR="192.0.2.10").status_code == 200
    cache.clear()
    assert client.post(FORM_FR, valid_data(), REMOTE_ADDR="192.0.2.10").status_code == 429


@override_settings(CACHES=NO_CACHE, FORM_RATE_LIMIT=1)
def test_the_form_rate_limit_works_without_any_cache(client):
    assert client.post(FORM_FR, valid_data(), REMOTE_ADDR="192.0.2.12").status_code == 200
    assert client.post(FORM_FR, valid_data(), REMOTE_ADDR="192.0.2.12").status_code == 429


# --- Password reset -------------------------------------------------------------------------


def reset(client, email, address=EDITOR_HOME):
    return client.post(RESET, {"email": email}, REMOTE_ADDR=address, HTTP_ACCEPT_LANGUAGE="en")


def test_password_reset_is_limited_per_account_without_telling_whether_it_exists(client, editor):
    assert settings.PASSWORD_RESET_ACCOUNT_LIMIT == 3
    answers = []
    for i in range(5):
        # From different addresses, so that only the per-account limit applies.
        answers.append(reset(client, "Editeur@Example.org", address=f"192.0.2.{20 + i}"))
    assert all(a.status_code == 302 and a["Location"] == RESET_DONE for a in answers)
    assert mail.outbox == []  # the scheduler sends them (clermont_intl.outbox)
    call_command("send_queued_mail")
    assert len(mail.outbox) == 3
    # An unknown address gets exactly the same answer, and no e-mail.
    unknown = reset(client, "personne@example.org", address="192.0.2.40")
    assert (unknown.status_code, unknown["Location"]) == (302, RESET_DONE)
    call_command("send_queued_mail")
    assert len(mail.outbox) == 3
    # The table never holds the e-mail address itself.
    assert not RateEvent.objects.filter(key__icontains="example").exists()


def test_password_reset_is_limited_per_address(client, editor):
    assert settings.PASSWORD_RESET_ADDRESS_LIMIT == 5
    for i in range(5):
        assert reset(client, f"personne-{i}@example.org", address=ATTACKER).status_code == 302
    cache.clear()
    refused = reset(client, "editeur@example.org", address=ATTACKER)
    assert refused.status_code == 429
    assert "Too many password reset requests" in refused.content.decode()
    call_command("send_queued_mail")
    assert mail.outbox == []
    # Someone else, elsewhere, still gets their e-mail.
    assert reset(client, "editeur@example.org").status_code == 302
    call_command("send_queued_mail")
    assert len(mail.outbox) == 1


# --- The counters themselves ------------------------------------------------------------------


def test_counting_deletes_the_rows_that_left_the_window():
    limit = Limit("test:scope", 2, timedelta(minutes=15))
    old = timezone.now() - timedelta(minutes=16)
    RateEvent.objects.create(scope="test:scope", key="192.0.2.1", created_at=old)
    RateEvent.objects.create(scope="other:scope", key="192.0.2.1", created_at=old)
    assert not limit.exceeded("192.0.2.1")
    limit.count("192.0.2.2")
    assert list(RateEvent.objects.filter(scope="test:scope").values_list("key", flat=True)) == [
        "192.0.2.2"
    ]
    # Another limit's rows are left to that limit, whose window may be longer.
    assert RateEvent.objects.filter(scope="other:scope").exists()
    limit.count("192.0.2.2")
    assert limit.exceeded("192.0.2.2")
    assert not limit.exceeded("192.0.2.3")


def test_account_keys_are_keyed_hashes_of_the_normalised_identifier():
    assert account_key(" Editeur@Example.org ") == account_key("editeur@example.org")
    assert "editeur" not in account_key("editeur@example.org")
    assert account_key("") == ""


def test_a_restore_keeps_todays_lockouts_and_counts(client, editor):
    """`make restore` puts back the backup's database: the counters of now are put back over it."""
    from axes.models import AccessAttempt

    from clermont_intl.security.rate_limits import counters_kept

    lock(client)
    login(client, "compte-x", "wrong-password", ATTACKER)
    attempts = AccessAttempt.objects.count()
    events = RateEvent.objects.count()
    assert attempts and events
    with counters_kept():
        # What restoring an older database does to these two tables.
        AccessAttempt.objects.all().delete()
        RateEvent.objects.all().delete()
        RateEvent.objects.create(scope="login-failure:address", key="192.0.2.99")
    assert AccessAttempt.objects.count() == attempts
    assert RateEvent.objects.count() == events
    assert not RateEvent.objects.filter(key="192.0.2.99").exists()
    assert login(client, "editeur", PASSWORD, ATTACKER).status_code == 429
