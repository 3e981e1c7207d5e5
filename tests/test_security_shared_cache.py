"""With REDIS_URL, login failures are counted in Redis, shared by every worker process.

Each failure is sent from a separate Python process (as gunicorn's workers are), with the settings
the site runs with; a third process sees the lockout. Needs the Redis server that .ci/run starts.
"""

import os
import socket
import subprocess
import sys

from django.conf import settings

import pytest

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/13")

WORKER = r"""
import sys
import django
django.setup()
from django.contrib.auth.signals import user_login_failed
from django.core.cache import caches
from django.test import RequestFactory
from django.utils import timezone
from axes.handlers.proxy import AxesProxyHandler

action, address, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
cache = caches["default"]
assert type(cache).__name__ == "RedisCache", type(cache)
request = RequestFactory().post("/admin/login/", REMOTE_ADDR=address)
request.axes_attempt_time = timezone.now()
credentials = {"username": "editeur"}
if action == "clear":
    cache.clear()
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
        DATABASE_URL="sqlite:///:memory:",
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


def test_failures_from_several_workers_add_up_in_redis():
    if not redis_answers():
        if os.environ.get("CI"):
            pytest.fail("Redis is not running on 127.0.0.1:6379")
        pytest.skip("Redis is not running on 127.0.0.1:6379")
    assert worker("clear", "203.0.113.9", 3) == "open"
    # Another worker process: two more failures from the same address reach the limit of five.
    assert worker("fail", "203.0.113.9", 2) == "locked"
    # A third process sees the lock; another address is not locked.
    assert worker("fail", "203.0.113.9", 0) == "locked"
    assert worker("fail", "198.51.100.4", 0) == "open"
