"""Browser tests: the seeded site served on a loopback port, driven by Debian's Chromium.

The live server runs in a thread against the session's seeded test database (SQLite in memory
or PostgreSQL). pytest-django's ``live_server`` fixture is not used because it needs a
transactional test, whose flush would empty the seeded database for every test after it.

Prerequisites, installed by ``make test`` and ``.ci/run``: /usr/bin/chromium, Java, the
``playwright`` Python package and the npm packages of .ci/node (axe-core, vnu-jar) under
var/node. When one is missing the tests fail under CI (``CI=true``) and are skipped otherwise.
"""

import os
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.db import connections
from django.test.testcases import LiveServerThread
from django.test.utils import override_settings

import pytest

from .checkers import require

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
VIEWPORTS = {"mobile": {"width": 375, "height": 812}, "desktop": {"width": 1280, "height": 900}}


def pytest_collection_modifyitems(items):
    """Every test in this folder is a browser test (`-m browser` selects them, `-m "not browser"`
    leaves them out) and uses the database: pytest-django creates the test database only when a
    collected test asks for it, and the live server needs it."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.django_db)


@pytest.fixture(scope="session")
def live_site(django_db_setup, django_db_blocker):
    """The base URL ("http://127.0.0.1:<port>") of the seeded site, served in a thread."""
    # An in-memory SQLite database exists only in the connection that created it: share it.
    overrides = {}
    for conn in connections.all():
        if conn.vendor == "sqlite" and conn.is_in_memory_db():
            overrides[conn.alias] = conn
            conn.inc_thread_sharing()
    # Adds the server's host to the allowed ones; the other tests keep theirs.
    allowed = override_settings(ALLOWED_HOSTS=[*settings.ALLOWED_HOSTS, "127.0.0.1"])
    allowed.enable()
    thread = LiveServerThread(
        "127.0.0.1", StaticFilesHandler, connections_override=overrides, port=0
    )
    thread.daemon = True
    thread.start()
    thread.is_ready.wait()
    if thread.error:
        raise thread.error
    yield f"http://127.0.0.1:{thread.port}"
    thread.terminate()
    for conn in overrides.values():
        conn.dec_thread_sharing()
    allowed.disable()


@pytest.fixture(scope="session")
def browser():
    require(CHROMIUM.exists(), f"{CHROMIUM} not found (apt-get install -y chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        require(False, "the playwright Python package is not installed")
    # Playwright's sync API keeps an event loop in the main thread; Django would then refuse the
    # test's own (synchronous) database calls, which are safe here.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(live_site, browser):
    """A fresh desktop tab; ``page.goto`` takes paths relative to the live site. Any request
    to another host is blocked and makes the test fail: the site fetches nothing elsewhere."""
    # bypass_csp: the site's Content-Security-Policy forbids inline scripts, and axe-core is
    # injected as one; the policy itself is tested elsewhere.
    context = browser.new_context(
        base_url=live_site, viewport=VIEWPORTS["desktop"], bypass_csp=True
    )
    outside = []

    def block_outside(route):
        if route.request.url.startswith(live_site) or route.request.url.startswith("data:"):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", block_outside)
    tab = context.new_page()
    yield tab
    context.close()
    assert not outside, f"The page requested resources outside the site: {outside}"


def pytest_configure(config):
    config.addinivalue_line("markers", "browser: drives Chromium against the live site")
