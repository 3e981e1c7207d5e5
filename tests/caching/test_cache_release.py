"""A release shows at once, though Redis outlives the processes that filled it.

Two starts of the site with the production settings, one after the other, sharing one Redis
and the seeded database, as two releases of the web containers do. Between them a template of
the footer changes (in a copy of the code, the second release). The first request after the
restart shows the new footer: the cache's KEY_PREFIX is the release's fingerprint
(clermont_intl.caching.release). With the release pinned (CACHE_RELEASE), the same restart
shows the old footer from Redis: what the fingerprint prevents.
"""

import os
import shutil
import subprocess
import sys

import pytest

from clermont_intl.caching.release import FOLDERS
from tests.loopback import ROOT, database_url, require_postgresql, shared_redis

pytestmark = [pytest.mark.django_db, pytest.mark.processes]

RENDER = r"""
import django
django.setup()
from django.test import Client
response = Client(HTTP_HOST="localhost", HTTP_X_FORWARDED_PROTO="https").get("/fr/")
assert response.status_code == 200, response.status_code
print("NEW FOOTER" if "Nouveau pied de page" in response.content.decode() else "OLD FOOTER")
"""


def release_copy(base):
    """The code of a release: what renders pages, copied (compiled translations included)."""
    for folder in FOLDERS + ("static",):
        shutil.copytree(ROOT / folder, base / folder, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "manage.py", base / "manage.py")
    return base


def start(code_dir, redis_url, static_root, **extra):
    """One start of the site: collects the static files, then renders the home page."""
    skipped = ("AWS_", "DJANGO_SETTINGS", "DJANGO_ALLOW_ASYNC_UNSAFE", "CACHE_RELEASE")
    env = {key: value for key, value in os.environ.items() if not key.startswith(skipped)}
    env.update(
        DJANGO_SETTINGS_MODULE="clermont_intl.settings.production",
        SECRET_KEY="release-test-" + "k" * 50,
        ALLOWED_HOSTS="localhost",
        SECURE_SSL_REDIRECT="false",
        DATABASE_URL=database_url(),
        REDIS_URL=redis_url,
        STATIC_ROOT=str(static_root),
        **extra,
    )
    for args in (["manage.py", "collectstatic", "--noinput", "-v", "0"], ["-c", RENDER]):
        result = subprocess.run(
            [sys.executable, *args], cwd=code_dir, env=env, capture_output=True, text=True,
            timeout=300,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout.strip().splitlines()[-1]


def change_the_footer(code_dir):
    base = code_dir / "templates" / "base.html"
    html = base.read_text()
    assert '<footer class="site-footer">' in html
    base.write_text(html.replace('<footer class="site-footer">', '<footer class="site-footer">'
                                 "<p>Nouveau pied de page</p>", 1))  # fmt: skip


@pytest.mark.parametrize("pinned", [False, True], ids=["release in the key", "release pinned"])
def test_a_template_changed_by_a_release_shows_on_the_first_request_after_the_restart(
    tmp_path, pinned
):
    require_postgresql()
    redis_url = shared_redis()
    code = release_copy(tmp_path / "release")
    extra = {"CACHE_RELEASE": "pinned"} if pinned else {}

    assert start(code, redis_url, tmp_path / "static-1", **extra) == "OLD FOOTER"
    change_the_footer(code)
    shown = start(code, redis_url, tmp_path / "static-2", **extra)

    assert shown == ("OLD FOOTER" if pinned else "NEW FOOTER")
