"""Sliding-window counters in the database, for limits that must survive any cache.

A limit is a scope (what is counted), a key (who: a client address, an account's hash), a
number of events and a window. ``take()`` checks and counts in one step: N requests of one
client arriving at the same moment let exactly the limit through, never N. (``exceeded()`` reads
and ``count()`` records, for a count that can only be made once the request has been handled.)
Counting also deletes the scope's rows that have left the window, so the table holds at most the
events of the last window.
"""

import hashlib
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac

from .models import RateEvent


@dataclass(frozen=True)
class Limit:
    scope: str
    events: int
    window: timedelta

    def _since(self):
        return timezone.now() - self.window

    def exceeded(self, key):
        """True once ``events`` events were counted for ``key`` within the window."""
        if not key:
            return False
        recent = RateEvent.objects.filter(scope=self.scope, key=key, created_at__gte=self._since())
        return recent.count() >= self.events

    def count(self, key):
        if not key:
            return
        since = self._since()
        RateEvent.objects.filter(scope=self.scope, created_at__lt=since).delete()
        RateEvent.objects.create(scope=self.scope, key=key)

    def take(self, key):
        """Counts one event for ``key`` unless the limit is reached: the new event, or None.

        The check and the count run in one transaction holding a lock on this scope and key
        (a PostgreSQL advisory lock, released at the commit): concurrent requests of one client,
        from any worker, are counted one after the other and each sees the events of those
        before it. Other clients never wait. An empty key (no address) is never limited.
        """
        if not key:
            return RateEvent(scope=self.scope, key="")
        with transaction.atomic():
            self._lock(key)
            since = self._since()
            recent = RateEvent.objects.filter(scope=self.scope, key=key, created_at__gte=since)
            if recent.count() >= self.events:
                return None
            RateEvent.objects.filter(scope=self.scope, created_at__lt=since).delete()
            return RateEvent.objects.create(scope=self.scope, key=key)

    def give_back(self, event):
        """Uncounts an event ``take()`` counted for what turned out not to count (a login that
        succeeded)."""
        if event is not None and event.pk:
            RateEvent.objects.filter(pk=event.pk).delete()

    def _lock(self, key):
        if connection.vendor != "postgresql":
            return  # SQLite (development, tests): one process; the guarantee is PostgreSQL's
        digest = hashlib.blake2b(f"{self.scope}\n{key}".encode(), digest_size=8).digest()
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_advisory_xact_lock(%s)", [int.from_bytes(digest, "big", signed=True)]
            )

    def clear(self, key):
        RateEvent.objects.filter(scope=self.scope, key=key).delete()


def account_key(identifier):
    """A keyed hash of a username or e-mail address: the table never holds them in clear."""
    normalised = (identifier or "").strip().lower()
    if not normalised:
        return ""
    return salted_hmac("clermont_intl.security.account", normalised).hexdigest()


def support_form_limit(page_pk):
    return Limit(
        f"support-form:{page_pk}",
        settings.FORM_RATE_LIMIT,
        timedelta(seconds=settings.FORM_RATE_WINDOW_SECONDS),
    )


def login_address_limit():
    return Limit(
        "login-failure:address",
        settings.LOGIN_ADDRESS_FAILURE_LIMIT,
        timedelta(seconds=settings.LOGIN_ADDRESS_WINDOW_SECONDS),
    )


def password_reset_address_limit():
    return Limit(
        "password-reset:address",
        settings.PASSWORD_RESET_ADDRESS_LIMIT,
        timedelta(seconds=settings.PASSWORD_RESET_WINDOW_SECONDS),
    )


def password_reset_account_limit():
    return Limit(
        "password-reset:account",
        settings.PASSWORD_RESET_ACCOUNT_LIMIT,
        timedelta(seconds=settings.PASSWORD_RESET_WINDOW_SECONDS),
    )


def privacy_password_limit(kind, restriction_id):
    """Passwords tried by one client for one private page's or collection's restriction."""
    return Limit(
        f"{kind}-password:{restriction_id}",
        settings.PRIVACY_PASSWORD_ATTEMPT_LIMIT,
        timedelta(seconds=settings.PRIVACY_PASSWORD_WINDOW_SECONDS),
    )


@contextmanager
def counters_kept():
    """Keeps the current lockouts and rate-limit counts across a database restore.

    A restore puts back the database of the backup's day, counters included: without this, it
    would lift every lockout and limit reached since. The rows of now replace the restored ones.
    """
    from axes.models import AccessAttempt

    # Restoring into an empty database (a new server): nothing to keep yet.
    tables = set(connection.introspection.table_names())
    models_ = [model for model in (AccessAttempt, RateEvent) if model._meta.db_table in tables]
    kept = {model: [_without_pk(row) for row in model.objects.values()] for model in models_}
    yield
    with transaction.atomic():
        for model, rows in kept.items():
            model.objects.all().delete()
            model.objects.bulk_create(model(**row) for row in rows)


def _without_pk(row):
    row.pop("id", None)
    return row
