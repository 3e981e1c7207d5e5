"""Requests of one client sent at the same moment get exactly the limit's number of tries.

Each request runs in its own thread with its own database connection, as gunicorn's workers
would, all released at once; the counts they commit are deleted afterwards. PostgreSQL only:
the check and the count are made one step by a lock that SQLite (one process, one writer at a
time) has no equivalent of.
"""

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

from django.db import connection
from django.test import Client, override_settings

import pytest
from axes.models import AccessAttempt

from clermont_intl.security.models import RateEvent
from clermont_intl.security.rate_limits import Limit

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="concurrent connections need PostgreSQL (SQLite's test database is one "
        "in-memory connection); CI runs this on PostgreSQL",
    ),
    pytest.mark.processes,
]

ADDRESS = "203.0.113.77"


def concurrently(count, function):
    """function(i) for i in range(count), each in its own thread and database connection, all
    started at the same moment; their results in order."""
    barrier = threading.Barrier(count)

    def run(i):
        from django.db import connection as own

        try:
            barrier.wait(timeout=30)
            return function(i)
        finally:
            own.close()

    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(run, range(count)))


def committed(function):
    """Runs function in a connection of its own: outside the test's transaction, committed."""
    return concurrently(1, lambda _i: function())[0]


@pytest.fixture
def clean_counters():
    yield
    committed(lambda: RateEvent.objects.all().delete())
    committed(lambda: AccessAttempt.objects.all().delete())


def test_concurrent_takes_count_exactly_the_limit(clean_counters):
    limit = Limit("test:concurrency", 5, timedelta(minutes=5))
    taken = concurrently(20, lambda _i: limit.take(ADDRESS) is not None)
    assert taken.count(True) == 5
    assert committed(lambda: RateEvent.objects.filter(scope="test:concurrency").count()) == 5
    # Another client is not limited by them.
    assert committed(lambda: limit.take("198.51.100.1")) is not None


def test_concurrent_password_reset_requests_let_exactly_the_limit_through(clean_counters):
    def request(i):
        # A different (unknown) account each time: only the limit per address applies.
        return (
            Client()
            .post(
                "/admin/password_reset/", {"email": f"inconnu-{i}@example.org"}, REMOTE_ADDR=ADDRESS
            )
            .status_code
        )

    statuses = concurrently(12, request)
    assert sorted(statuses) == [302] * 5 + [429] * 7


@override_settings(LOGIN_ADDRESS_FAILURE_LIMIT=20)
def test_concurrent_failed_logins_let_exactly_the_limit_through(clean_counters):
    def attempt(i):
        return (
            Client()
            .post(
                "/admin/login/",
                {"username": f"compte-{i}", "password": "wrong-password"},
                REMOTE_ADDR=ADDRESS,
            )
            .status_code
        )

    statuses = concurrently(30, attempt)
    assert sorted(statuses) == [200] * 20 + [429] * 10


@override_settings(FORM_RATE_LIMIT=5)
def test_concurrent_form_posts_let_exactly_the_limit_through(clean_counters):
    from wagtail.contrib.forms.models import FormSubmission

    from tests.projects.test_project_support_form import FORM_FR, valid_data

    last = committed(
        lambda: FormSubmission.objects.order_by("pk").values_list("pk", flat=True).last()
    )
    data = valid_data()

    def post(_i):
        return Client().post(FORM_FR, data, REMOTE_ADDR=ADDRESS).status_code

    try:
        statuses = concurrently(10, post)
        assert sorted(statuses) == [200] * 5 + [429] * 5
        assert committed(lambda: FormSubmission.objects.filter(pk__gt=last or 0).count()) == 5
    finally:
        # What the accepted posts committed; their notifications and follow-ups go with them.
        committed(lambda: FormSubmission.objects.filter(pk__gt=last or 0).delete())
