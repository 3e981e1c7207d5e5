"""The database unreachable: every request answers within seconds, with a 503 and the site's
"temporarily unavailable" page in the visitor's language, and /healthz/ says 503 as fast.

The site runs as in production (gunicorn, the production settings) against two databases that
are not there: a port that accepts connections and never answers (a host that went silent; only
the connection timeout ends the wait) and a closed port (PostgreSQL stopped: connections are
refused, retried once).
"""

import os
import socket
import subprocess
import sys
import time

from django.core.signals import request_finished, request_started
from django.db import OperationalError, connection
from django.test import Client, override_settings
from django.urls import path

import pytest

from tests.loopback import ROOT, fetch, free_port
from tests.operations.test_production_settings import PRODUCTION_ENV

# What a visitor must see within: the connection timeout (2 s) and some room for a busy machine.
LIMIT_SECONDS = 3
TEXTS = {
    "fr": ("Site momentanément indisponible", "Veuillez réessayer dans quelques minutes."),
    "en": ("Site temporarily unavailable", "Please try again in a few minutes."),
}


@pytest.fixture(scope="module")
def silent_port():
    """A TCP port that completes the handshake (the kernel's backlog) but never reads or writes."""
    with socket.socket() as hole:
        hole.bind(("127.0.0.1", 0))
        hole.listen(128)
        yield hole.getsockname()[1]


def serve(database_port, tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "DJANGO_"))}
    env.update(
        PRODUCTION_ENV,
        REDIS_URL="",
        ALLOWED_HOSTS="localhost",
        SECURE_SSL_REDIRECT="false",
        DATABASE_URL=f"postgres://clermont@127.0.0.1:{database_port}/clermont",
        CACHE_DIR=str(tmp_path / "cache"),
        MEDIA_ROOT=str(tmp_path / "media"),
        STATIC_ROOT=str(tmp_path / "static"),
    )
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "clermont_intl.wsgi", "--bind", f"127.0.0.1:{port}",
         "--workers", "1", "--timeout", "120", "--log-level", "warning"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    # Any answer means the worker has loaded the site; only later requests are timed.
    deadline = time.monotonic() + 120
    while True:
        try:
            fetch(port, "/healthz/")
            break
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                server.kill()
                raise AssertionError("gunicorn did not start") from None
            time.sleep(0.3)
    return server, port


@pytest.fixture(scope="module", params=["silent", "refused"])
def site_without_database(request, silent_port, tmp_path_factory):
    database_port = silent_port if request.param == "silent" else free_port()
    server, port = serve(database_port, tmp_path_factory.mktemp(request.param))
    yield port
    server.terminate()
    server.wait(timeout=30)


def timed(port, path, **kwargs):
    started = time.monotonic()
    status, headers, body = fetch(port, path, **kwargs)
    return status, headers, body, time.monotonic() - started


@pytest.mark.processes
@pytest.mark.parametrize(
    "path,language",
    [("/fr/", "fr"), ("/en/", "en"), ("/fr/relations-internationales/", "fr"),
     ("/en/search/?q=europe", "en")],
)  # fmt: skip
def test_a_page_answers_503_in_its_language_within_seconds(site_without_database, path, language):
    status, headers, body, elapsed = timed(site_without_database, path)
    assert status == 503
    assert elapsed < LIMIT_SECONDS, f"{path} took {elapsed:.1f} s"
    title, advice = TEXTS[language]
    assert f'<html lang="{language}">' in body
    assert f"<h1>{title}</h1>" in body
    assert advice in body
    other = "en" if language == "fr" else "fr"
    assert f'<section lang="{other}">' in body and TEXTS[other][0] in body
    assert headers["Retry-After"] == "60"
    assert "no-store" in headers["Cache-Control"]


@pytest.mark.processes
def test_the_admin_answers_503_in_the_browser_language(site_without_database):
    """A signed-in editor: the admin reads the session and the user from the database."""
    headers = {"Accept-Language": "en", "Cookie": "sessionid=" + "a1" * 16}
    status, _headers, body, elapsed = timed(site_without_database, "/admin/", headers=headers)
    assert status == 503
    assert elapsed < LIMIT_SECONDS
    assert TEXTS["en"][0] in body


@pytest.mark.processes
def test_healthz_says_503_within_seconds(site_without_database):
    for _ in range(2):  # the persistent connection's health check is not a second wait
        status, _headers, body, elapsed = timed(site_without_database, "/healthz/")
        assert status == 503
        assert '"database": "unavailable"' in body
        assert elapsed < LIMIT_SECONDS, f"/healthz/ took {elapsed:.1f} s"


# --- In process: the two ways the error reaches the 503 page -----------------------------


def failing_view(request):
    raise OperationalError("connection timeout expired")


def failing_middleware(get_response):
    def middleware(request):
        raise OperationalError("connection refused")

    return middleware


def broken_view(request):
    raise RuntimeError("A deliberate failure that is not the database's")


urlpatterns = [
    path("fr/failing/", failing_view),
    path("en/failing/", failing_view),
    path("en/broken/", broken_view),
]
handler500 = "clermont_intl.db.unavailable.server_error"


@override_settings(ROOT_URLCONF=__name__)
def test_a_view_that_loses_the_database_answers_503():
    for language in ("fr", "en"):
        response = Client(raise_request_exception=False).get(f"/{language}/failing/")
        assert response.status_code == 503
        assert TEXTS[language][0] in response.content.decode()


def test_a_middleware_that_loses_the_database_answers_503(settings):
    settings.ROOT_URLCONF = __name__
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, f"{__name__}.failing_middleware"]
    response = Client(raise_request_exception=False).get("/en/failing/")
    assert response.status_code == 503
    assert TEXTS["en"][0] in response.content.decode()


@override_settings(ROOT_URLCONF=__name__)
def test_any_other_error_is_still_a_500():
    response = Client(raise_request_exception=False).get("/en/broken/")
    assert response.status_code == 500
    assert "Server error" in response.content.decode()


# --- The backend: one retry, and none after a failure in the same request -------------------


def closed_port_wrapper():
    from clermont_intl.db.postgresql.base import DatabaseWrapper

    settings_dict = {
        **connection.settings_dict,
        "ENGINE": "clermont_intl.db.postgresql",
        "NAME": "clermont",
        "USER": "clermont",
        "PASSWORD": "",
        "HOST": "127.0.0.1",
        "PORT": str(free_port()),
        "OPTIONS": {"connect_timeout": 2},
    }
    wrapper = DatabaseWrapper(settings_dict)
    return wrapper, wrapper.get_connection_params()


def attempt(wrapper, params):
    started = time.monotonic()
    with pytest.raises(Exception) as failure:
        wrapper.get_new_connection(params)
    return time.monotonic() - started, str(failure.value)


def test_a_refused_connection_is_retried_once_then_not_again_in_the_request(settings):
    settings.DB_CONNECT_RETRY_DELAY_SECONDS = 0.5
    wrapper, params = closed_port_wrapper()
    wrapper.begin_request()  # what request_started does for the wrappers in `connections`
    elapsed, message = attempt(wrapper, params)
    assert 0.5 <= elapsed < 2 and "refused" in message.lower()
    # The same request asks again (a health check, an error page): no wait at all.
    elapsed, message = attempt(wrapper, params)
    assert elapsed < 0.1 and "already failed during this request" in message
    # The next request tries again, with its own retry.
    wrapper.end_request()
    wrapper.begin_request()
    elapsed, _message = attempt(wrapper, params)
    assert elapsed >= 0.5


def test_the_request_scope_is_connected_before_the_first_request():
    """The backend's module is imported at the first connection; the signals must already be
    connected then, or the first request of a process could wait twice."""
    uids = {key[0] for key, *_rest in request_started.receivers}
    assert "clermont_intl.db.request_started" in uids
    uids = {key[0] for key, *_rest in request_finished.receivers}
    assert "clermont_intl.db.request_finished" in uids
