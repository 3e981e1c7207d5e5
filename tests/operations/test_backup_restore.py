"""`make backup` then `make restore` into another database: the same site comes back.

Runs on PostgreSQL (as CI does), on two scratch databases beside the test database, with the real
make targets, pg_dump and pg_restore. A snapshot of the content (pages in both languages, images
and documents with their files, form submissions) and of a few rendered pages is compared.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from django.conf import settings

import dj_database_url
import psycopg
import pytest
import redis

from tests.loopback import redis_database

DATABASE_URL = os.environ.get("DATABASE_URL", "")
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not DATABASE_URL.startswith("postgres"), reason="backups are tested on PostgreSQL"
    ),
]

ADD_CONTENT = r"""
import io
from django.core.files.base import ContentFile
from PIL import Image as PILImage
from wagtail.contrib.forms.models import FormSubmission
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from projects.models import ProjectSupportFormPage

buffer = io.BytesIO()
PILImage.new("RGB", (32, 24), (200, 30, 40)).save(buffer, "PNG")
get_image_model().objects.create(
    title="Jumelage Regensburg", file=ContentFile(buffer.getvalue(), name="regensburg.png")
)
get_document_model().objects.create(
    title="Programme 2026", file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="programme-2026.pdf")
)
FormSubmission.objects.create(
    page=ProjectSupportFormPage.objects.get(),
    form_data={"association": "Amis d'Oviedo <b>", "project": "=1+1 \u00e9t\u00e9 \U0001F389"},
)
"""

SNAPSHOT = r"""
import hashlib, json
from django.test import Client
from django.utils import translation
from django.utils.html import escape
from wagtail.contrib.forms.models import FormSubmission
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page

def sha(field):
    with field.open("rb") as f:
        return hashlib.sha256(f.read()).hexdigest()

pages = sorted(
    (p.pk, p.title_fr, p.title_en, p.slug_fr, p.slug_en, p.live)
    for p in Page.objects.all().specific()
    if hasattr(p, "title_fr")
)
client = Client()
rendered = {}
for page in Page.objects.live().specific().filter(depth__lte=3):
    for lang in ("fr", "en"):
        with translation.override(lang):
            url, title = page.get_url(), escape(page.title)
        if url:
            response = client.get(url)
            rendered[url] = [response.status_code, title in response.content.decode()]
print(json.dumps({
    "pages": pages,
    "images": sorted((i.title, i.file.name, sha(i.file)) for i in get_image_model().objects.all()),
    "documents": sorted(
        (d.title, d.file.name, sha(d.file)) for d in get_document_model().objects.all()
    ),
    "submissions": sorted(json.dumps(s.get_data(), default=str, sort_keys=True)
                          for s in FormSubmission.objects.all()),
    "rendered": rendered,
}, default=str))
"""


def database_url(name):
    config = dj_database_url.parse(DATABASE_URL)
    password = f":{config['PASSWORD']}" if config.get("PASSWORD") else ""
    port = config.get("PORT") or 5432
    return f"postgres://{config['USER']}{password}@{config['HOST']}:{port}/{name}"


def admin_connection():
    return psycopg.connect(database_url("postgres"), autocommit=True)


def recreate(name):
    with admin_connection() as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def drop(name):
    with admin_connection() as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def run(args, env, **kwargs):
    result = subprocess.run(
        args,
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        **kwargs,
    )
    assert result.returncode == 0, f"{args}\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return result.stdout


def site_env(db_name, media, backups):
    env = dict(os.environ)
    env.update(
        DATABASE_URL=database_url(db_name),
        DJANGO_SETTINGS_MODULE="clermont_intl.settings.dev",
        MEDIA_ROOT=str(media),
        BACKUP_DIR=str(backups),
        ALLOWED_HOSTS="*",
        DEBUG="false",
    )
    return env


def manage(env, *args):
    return run([sys.executable, "manage.py", *args], env)


def snapshot(env):
    return json.loads(manage(env, "shell", "--no-imports", "-c", SNAPSHOT).strip().splitlines()[-1])


def test_backup_then_restore_into_an_empty_database(tmp_path):
    base = dj_database_url.parse(DATABASE_URL)["NAME"]
    source_db, target_db = f"{base}_backup_source", f"{base}_backup_target"
    backups = tmp_path / "backups"
    source = site_env(source_db, tmp_path / "media-source", backups)
    target = site_env(target_db, tmp_path / "media-target", backups)
    recreate(source_db)
    recreate(target_db)
    try:
        manage(source, "migrate", "--noinput", "-v", "0")
        manage(source, "load_seed_content")
        manage(source, "shell", "--no-imports", "-c", ADD_CONTENT)
        before = snapshot(source)
        assert before["images"] and before["documents"] and before["submissions"]
        assert any(title_en for _, _, title_en, *_ in before["pages"])

        output = run(["make", "--no-print-directory", "backup"], source)
        folder = Path(output.strip().splitlines()[-1])
        assert folder.parent == backups and (folder / "database.dump").stat().st_size > 0
        manifest = json.loads((folder / "manifest.json").read_text())
        assert manifest["content"]["form_submissions"] == len(before["submissions"])

        # The target site's shared cache holds fragments of the database being replaced.
        target["REDIS_URL"] = redis_database(13)
        stale = redis.Redis.from_url(target["REDIS_URL"])
        stale.flushdb()
        stale.set("page-tree:stale", "fragment of the database before")
        run(["make", "--no-print-directory", "restore", f"BACKUP={folder}", "NOINPUT=1"], target)
        assert not stale.exists("page-tree:stale")
        after = snapshot(target)
        assert after["pages"] == before["pages"]
        assert after["images"] == before["images"]
        assert after["documents"] == before["documents"]
        assert after["submissions"] == before["submissions"]
        assert after["rendered"] == before["rendered"]
        assert all(status == 200 and shown for status, shown in after["rendered"].values())
        assert {url[:4] for url in after["rendered"]} == {"/fr/", "/en/"}
    finally:
        drop(source_db)
        drop(target_db)


def test_a_damaged_backup_is_refused(tmp_path, settings):
    from clermont_intl.operations.backup import MANIFEST, restore_backup

    folder = tmp_path / "20260101T000000Z"
    folder.mkdir()
    (folder / "database.dump").write_bytes(b"not a dump")
    (folder / "media.tar.gz").write_bytes(b"")
    (folder / MANIFEST).write_text(json.dumps({"files": {"database.dump": "0" * 64}}))
    with pytest.raises(ValueError, match="damaged"):
        restore_backup(folder)


DEFACE = r"""
from partners.models import PartnerCityPage
page = PartnerCityPage.objects.get(slug_fr="braga")
page.title_fr = page.title = "Braga défigurée"
page.save_revision().publish()
"""


def test_a_restore_empties_the_caching_proxy(tmp_path):
    """A page defaced after the backup, kept by a real Varnish (HIT), is no longer served once
    `make restore` has put the backup back: the restore purges the proxy."""
    from tests.loopback import fetch, free_port, need, wait_for
    from tests.operations.test_stack import start_varnish, stop, write_vcl

    need("varnishd")
    base = dj_database_url.parse(DATABASE_URL)["NAME"]
    name = f"{base}_restore_proxy"
    braga = "/fr/relations-internationales/villes-partenaires/braga/"
    web_port, proxy_port = free_port(), free_port()
    env = site_env(name, tmp_path / "media", tmp_path / "backups")
    env.update(FRONTEND_CACHE_URL=f"http://127.0.0.1:{proxy_port}", DB_CONN_MAX_AGE="0",
               CACHE_DIR=str(tmp_path / "cache"))  # fmt: skip
    # Varnish's own user must read it: not under pytest's private temporary folder.
    vcl = Path(tempfile.mkdtemp(prefix="clermont-restore-"))
    vcl.chmod(0o755)
    write_vcl(vcl, web_port)
    recreate(name)
    processes = []
    try:
        manage(env, "migrate", "--noinput", "-v", "0")
        manage(env, "load_seed_content")
        folder = Path(run(["make", "--no-print-directory", "backup"], env).strip().splitlines()[-1])
        gunicorn = [sys.executable, "-m", "gunicorn", "clermont_intl.wsgi:application",
                    "--bind", f"127.0.0.1:{web_port}", "--workers", "2"]  # fmt: skip
        processes.append(subprocess.Popen(gunicorn, cwd=settings.BASE_DIR, env=env))
        processes.append(start_varnish(vcl, proxy_port))
        wait_for(f"http://127.0.0.1:{web_port}/healthz/")
        wait_for(f"http://127.0.0.1:{proxy_port}/healthz/")

        manage(env, "shell", "--no-imports", "-c", DEFACE)
        fetch(proxy_port, braga)
        status, headers, body = fetch(proxy_port, braga)
        assert status == 200 and "Braga défigurée" in body
        assert headers["X-Cache"] == "HIT"

        run(["make", "--no-print-directory", "restore", f"BACKUP={folder}", "NOINPUT=1"], env)

        status, headers, body = fetch(proxy_port, braga)
        assert status == 200, status
        assert "Braga défigurée" not in body and "<h1>Braga</h1>" in body.replace("\n", "")
        assert headers["X-Cache"] == "MISS"
    finally:
        stop(*processes)
        drop(name)
        shutil.rmtree(vcl, ignore_errors=True)
