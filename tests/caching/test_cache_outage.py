"""Redis down, site up: a real Redis server that the test starts, stops and starts again.

Redis only ever holds copies of fragments (clermont_intl.caching): with the production cache
settings (django-redis with IGNORE_EXCEPTIONS), every page is rendered from the database while
Redis is stopped, unreachable or silent, forms and logins work, and /healthz/ says so while
answering 200. When Redis answers again it is used again, without a restart.
"""

import shutil
import socket
import subprocess
import threading
import time

from django.urls import reverse

from wagtail.contrib.forms.models import FormSubmission

import pytest
import redis

from tests.projects.test_project_support_form import FORM_FR, valid_data
from tests.site_urls import public_urls

pytestmark = [pytest.mark.django_db, pytest.mark.stack]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class RedisServer:
    """redis-server on a loopback port of its own, started and stopped by the test."""

    def __init__(self):
        self.port = free_port()
        self.process = None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def client(self):
        return redis.Redis.from_url(self.url, socket_connect_timeout=1)

    def start(self):
        binary = shutil.which("redis-server")
        if binary is None:
            pytest.skip("redis-server is not installed")
        self.process = subprocess.Popen(
            [binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
        )  # fmt: skip
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                if self.client().ping():
                    return
            except redis.RedisError:
                time.sleep(0.1)
        raise AssertionError("redis-server did not start")

    def stop(self):
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None


@pytest.fixture
def redis_server():
    server = RedisServer()
    server.start()
    yield server
    server.stop()


TIMEOUT = 0.1  # REDIS_TIMEOUT_SECONDS's default


def use_redis(settings, url):
    """The production cache settings (settings/base.py), pointed at url."""
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "clermont_intl.caching.redis.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": settings.CACHE_RELEASE,
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": TIMEOUT,
                "SOCKET_TIMEOUT": TIMEOUT,
            },
        },
    }


def assert_site_answers(client, urls):
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, f"{response.status_code} for {url}"


def assert_health(client, cache_state):
    response = client.get("/healthz/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": cache_state}


def assert_forms_and_login_work(client, editor):
    before = FormSubmission.objects.count()
    response = client.post(FORM_FR, valid_data())
    assert response.status_code == 200
    assert FormSubmission.objects.count() == before + 1
    login = reverse("wagtailadmin_login")
    assert client.get(login).status_code == 200
    response = client.post(login, {"username": "editeur", "password": "a-long-test-password"})
    assert response.status_code == 302
    assert client.get(reverse("wagtailadmin_home")).status_code == 200
    client.logout()


def test_redis_stopped_then_back(client, settings, redis_server, site_pages, editor):
    use_redis(settings, redis_server.url)
    settings.CACHE_OUTAGE_RETRY_SECONDS = 0.5
    urls = [url for url, _first in public_urls()]
    assert len(urls) > 40
    # Up: the pages write their fragments to Redis.
    assert_site_answers(client, urls[:5])
    assert redis_server.client().dbsize() > 1  # the site version and fragments
    assert_health(client, "ok")

    redis_server.stop()

    assert_site_answers(client, urls)
    assert_forms_and_login_work(client, editor)
    assert_health(client, "unavailable")

    redis_server.start()  # the same port, empty, as after a restart
    time.sleep(settings.CACHE_OUTAGE_RETRY_SECONDS)  # the pause after the last failed call

    assert_health(client, "ok")
    assert_site_answers(client, urls[:5])
    assert redis_server.client().dbsize() > 1, "Redis is used again without a restart"


def test_nothing_listening_on_the_redis_port(client, settings, site_pages, editor):
    use_redis(settings, f"redis://127.0.0.1:{free_port()}/0")
    assert_site_answers(client, [url for url, first in public_urls() if first])
    assert_forms_and_login_work(client, editor)
    assert_health(client, "unavailable")


class SilentServer:
    """Accepts connections and never answers: a Redis behind a dead network path."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(50)
        self.port = self.sock.getsockname()[1]
        self.connections = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                connection, _address = self.sock.accept()
            except OSError:
                return
            self.connections.append(connection)

    def close(self):
        for connection in self.connections:
            connection.close()
        self.sock.close()


def test_a_silent_redis_costs_one_timeout_then_is_left_alone(client, settings, site_pages, caplog):
    """A Redis that never answers costs the first cache call its timeout; then the process
    stops asking it for CACHE_OUTAGE_RETRY_SECONDS (clermont_intl.caching.redis): no new
    connection, no timeout, one line in the log. The fragments of a request that has no version
    leave the cache alone."""
    silent = SilentServer()
    try:
        use_redis(settings, f"redis://127.0.0.1:{silent.port}/0")
        settings.CACHE_OUTAGE_RETRY_SECONDS = 60
        urls = [site_pages["home"].url, site_pages["partners"].url, site_pages["home"].url]
        with caplog.at_level("WARNING", logger="clermont_intl.caching.redis"):
            for url in urls:
                response = client.get(url)
                assert response.status_code == 200, url
                assert response.context["fragment_cache"] == "nowhere"
        time.sleep(0.2)  # the server's thread accepts what was asked
        assert len(silent.connections) == 1, "one connection tried, then none"
        outages = [r for r in caplog.records if r.name == "clermont_intl.caching.redis"]
        assert len(outages) == 1
        assert "Redis does not answer" in outages[0].getMessage()
    finally:
        silent.close()


def test_after_the_pause_redis_is_asked_again(settings, redis_server):
    """The pause ends: the next call asks Redis, and its answer is used."""
    from django.core.cache import caches

    use_redis(settings, redis_server.url)
    settings.CACHE_OUTAGE_RETRY_SECONDS = 0.5
    cache = caches["default"]
    assert cache.set("probe", "up") is not None
    redis_server.stop()
    assert cache.get("probe") is None  # the failure that starts the pause
    redis_server.start()
    assert cache.get("probe") is None  # paused: Redis is not asked
    assert cache.add("probe", "again") is None  # as django-redis answers when ignoring an error
    time.sleep(0.6)
    assert cache.add("probe", "again") is True
    assert cache.get("probe") == "again"
