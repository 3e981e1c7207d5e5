"""Login failures are counted in the database, shared by every worker process, whatever Redis does.

Each failure is sent from a separate Python process (as gunicorn's workers are), with the settings
the site runs with (REDIS_URL set); one of them flushes Redis first, and the count survives; a
third process sees the lockout. Needs PostgreSQL (the processes share the test database) and the
Redis server that .ci/run starts.
"""

import os
import socket
import subprocess
import sys

from django.conf import settings
from django.db import connection

import pytest

from tests.loopback import database_url, redis_database

pytestmark = pytest.mark.processes

REDIS_URL = redis_database(13)

WORKER = r"""
import sys
import django
django.setup()
from django.contrib.auth.signals import user_login_failed
from django.core.cache import caches
from django_redis.cache import RedisCache
from django.test import RequestFactory
from django.utils import timezone
from axes.handlers.proxy import AxesProxyHandler
from axes.models import AccessAttempt

action, address, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
cache = caches["default"]
assert isinstance(cache, RedisCache), type(cache)
request = RequestFactory().post("/admin/login/", REMOTE_ADDR=address)
request.axes_attempt_time = timezone.now()
credentials = {"username": "editeur-partage"}
if action == "reset":
    AccessAttempt.objects.filter(username="editeur-partage").delete()
if action == "clear":
    cache.clear()  # a flush, a restore or an eviction: the lockout must not notice
for _ in range(count):
    user_login_failed.send(sender=__name__, credentials=credentials, request=request)
print("locked" if AxesProxyHandler.is_locked(request, credentials) else "open")
"""


def redis_answers():
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1):
            return True
    except OSError:
        return False


def worker(action, address, count):
    env = dict(os.environ)
    env.update(
        REDIS_URL=REDIS_URL,
        DJANGO_SETTINGS_MODULE="clermont_intl.settings.dev",
        DATABASE_URL=database_url(),
        DB_CONN_MAX_AGE="0",
    )
    result = subprocess.run(
        [sys.executable, "-c", WORKER, action, address, str(count)],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout.strip().splitlines()[-1]


def test_failures_from_several_workers_add_up_and_survive_a_redis_flush(db):
    message = None
    if connection.vendor != "postgresql":
        message = "the worker processes need the PostgreSQL test database (set DATABASE_URL)"
    elif not redis_answers():
        message = "Redis is not running on 127.0.0.1:6379"
    if message:
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    assert worker("reset", "203.0.113.9", 3) == "open"
    try:
        # Another worker process flushes Redis, then two more failures from the same address
        # reach the limit of five: the three before the flush still count.
        assert worker("clear", "203.0.113.9", 2) == "locked"
        # A third process sees the lock; another address is not locked.
        assert worker("fail", "203.0.113.9", 0) == "locked"
        assert worker("fail", "198.51.100.4", 0) == "open"
    finally:
        worker("reset", "203.0.113.9", 0)
