"""Servers on loopback ports for the tests that run the site as production does (gunicorn,
Varnish, nginx, a second Django process): finding the programs, free ports, plain HTTP."""

import os
import shutil
import socket
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

from django.db import connection, connections

import pytest

ROOT = Path(__file__).resolve().parent.parent
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
HOST = "localhost"  # the seeded Site's hostname: purges and requests hash the same


def need(program):
    path = shutil.which(program) or (Path("/usr/sbin") / program)
    if not Path(path).exists():
        message = f"{program} is not installed (apt-get install varnish nginx-light; .ci/run does)"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    return str(path)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except OSError:  # not listening yet, or Varnish's probe has not seen the site yet
            time.sleep(0.3)
    raise AssertionError(f"{url} did not answer in {seconds}s")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


_opener = urllib.request.build_opener(_NoRedirect)


def fetch(port, path, method="GET", headers=None, data=None):
    """(status, headers, body) from 127.0.0.1:port, with the site's Host; redirects are
    answers of their own, not followed."""
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}",
        method=method,
        data=data,
        headers={"Host": HOST, **(headers or {})},
    )
    try:
        with _opener.open(request, timeout=30) as response:
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()


def database_url():
    settings = connection.settings_dict
    return (
        f"postgres://{settings['USER']}:{settings['PASSWORD'] or ''}@{settings['HOST']}:"
        f"{settings['PORT'] or 5432}/{settings['NAME']}"
    )


def require_postgresql():
    """Several processes must see the same committed rows: not SQLite's in-memory test base."""
    if connection.vendor != "postgresql":
        message = "this test runs several processes on one database: set DATABASE_URL (CI does)"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)


def redis_database(number):
    """The URL of database `number` of the machine's Redis, for this test process alone.

    Each pytest-xdist worker (gw0, gw1, … at most four, see the Makefile) counts down from it in
    steps of two (gw0: 14 and 13, gw1: 12 and 11…), so that the tests that empty a database
    never empty another worker's."""
    worker = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw"))
    return f"redis://127.0.0.1:6379/{number - 2 * worker}"


def shared_redis():
    """An empty Redis database on the machine's Redis (CI starts it), for the stack's cache."""
    import redis

    url = redis_database(14)
    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).flushdb()
    except redis.RedisError as error:
        message = f"the loopback stack needs Redis at {url} ({error}); .ci/run starts it"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    return url


def committed(function):
    """Runs function in a thread with a database connection of its own, committed at once:
    other processes (gunicorn, a live server) see its work, which the test's transaction would
    hide. Its result, or its exception raised again here."""
    outcome = {}

    def work():
        try:
            outcome["value"] = function()
        except BaseException as error:  # raised again in the test's thread
            outcome["error"] = error
        finally:
            connections.close_all()

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]
