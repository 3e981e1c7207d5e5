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

from tests.site_urls import public_urls
from tests.test_project_support_form import FORM_FR, valid_data

pytestmark = pytest.mark.django_db


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
            "BACKEND": "django_redis.cache.RedisCache",
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


def test_a_silent_redis_costs_each_page_its_timeouts_and_no_more(client, settings, site_pages):
    """A Redis that never answers costs a timeout per cache call: two for the site version, and
    those of the sites' root paths that wagtail-modeltranslation keeps there (a read and a write
    each time the page's links change language). The fragments of a request that has no version
    leave the cache alone: never a timeout per fragment."""
    silent = SilentServer()
    try:
        use_redis(settings, f"redis://127.0.0.1:{silent.port}/0")
        for url in (site_pages["home"].url, site_pages["partners"].url):
            start = time.monotonic()
            response = client.get(url)
            elapsed = time.monotonic() - start
            assert response.status_code == 200, url
            assert response.context["fragment_cache"] == "nowhere"
            # At most a dozen calls, and a second to render the page on a busy machine.
            assert elapsed < 12 * TIMEOUT + 1, f"{url} took {elapsed:.2f} s"
    finally:
        silent.close()
