"""Backups of the whole site: a consistent database dump plus the uploaded media files.

A backup is a folder ``<BACKUP_DIR>/<timestamp>/`` holding ``database.dump`` (``pg_dump -Fc``:
one transaction, so consistent while the site runs; a SQLite copy through SQLite's own backup
API locally), ``media.tar.gz`` and ``manifest.json`` (what it contains, to check a restore).
Used by ``manage.py backup_site`` / ``restore_site`` (``make backup`` / ``make restore``).

A backup holds every form submission (applicants' personal data) and the password hashes: its
folders are created 0700 and its files 0600, whatever the umask of the shell that runs it.
"""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import connections
from django.utils import timezone

from ..caching.invalidation import forget_site
from ..security.rate_limits import counters_kept

DUMP = "database.dump"
MEDIA = "media.tar.gz"
MANIFEST = "manifest.json"


def backup_root():
    return Path(os.environ.get("BACKUP_DIR", settings.BASE_DIR / "var" / "backups"))


def _pg_env(db):
    """libpq's environment for the database settings (the password never on a command line)."""
    env = dict(os.environ)
    for key, name in (
        ("HOST", "PGHOST"),
        ("PORT", "PGPORT"),
        ("USER", "PGUSER"),
        ("PASSWORD", "PGPASSWORD"),
    ):
        if db.get(key):
            env[name] = str(db[key])
    return env


def _sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        for chunk in iter(lambda: file.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def content_summary():
    """Counts that a restored site must match (pages, images, documents, form submissions)."""
    from wagtail.contrib.forms.models import FormSubmission
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Page

    return {
        "pages": Page.objects.count(),
        "images": get_image_model().objects.count(),
        "documents": get_document_model().objects.count(),
        "form_submissions": FormSubmission.objects.count(),
    }


def dump_database(target):
    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("sqlite3"):
        with sqlite3.connect(db["NAME"]) as source, sqlite3.connect(target) as copy:
            source.backup(copy)
        return
    subprocess.run(
        [
            "pg_dump",
            "--format=custom",
            "--no-owner",
            "--no-privileges",
            f"--file={target}",
            db["NAME"],
        ],
        env=_pg_env(db),
        check=True,
    )


def restore_database(source):
    db = settings.DATABASES["default"]
    connections.close_all()
    if db["ENGINE"].endswith("sqlite3"):
        with sqlite3.connect(source) as backup, sqlite3.connect(db["NAME"]) as live:
            backup.backup(live)
        return
    subprocess.run(
        [
            "pg_restore",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            f"--dbname={db['NAME']}",
            str(source),
        ],
        env=_pg_env(db),
        check=True,
    )


PRIVATE_FOLDER = 0o700
PRIVATE_FILE = 0o600


@contextmanager
def _private_umask():
    """Files created meanwhile, by this process or pg_dump, are readable by their owner only:
    never for a moment by the other users of the server."""
    previous = os.umask(0o077)
    try:
        yield
    finally:
        os.umask(previous)


def _private_folder(path):
    """``path`` and the parents it needs, created 0700 (an existing parent keeps its mode)."""
    missing = [path, *(parent for parent in path.parents if not parent.exists())]
    for folder in reversed(missing):
        folder.mkdir(mode=PRIVATE_FOLDER, exist_ok=folder is not path)
        folder.chmod(PRIVATE_FOLDER)  # mkdir's mode passes through the umask


def create_backup(root=None):
    folder = Path(root or backup_root()) / timezone.now().strftime("%Y%m%dT%H%M%SZ")
    with _private_umask():
        _private_folder(folder)
        dump_database(folder / DUMP)
        media_root = Path(settings.MEDIA_ROOT)
        with tarfile.open(folder / MEDIA, "w:gz") as archive:
            if media_root.exists():
                archive.add(media_root, arcname="media")
        manifest = {
            "created": timezone.now().isoformat(),
            "database_engine": settings.DATABASES["default"]["ENGINE"],
            "content": content_summary(),
            "files": {name: _sha256(folder / name) for name in (DUMP, MEDIA)},
        }
        (folder / MANIFEST).write_text(json.dumps(manifest, indent=2))
    # Whatever wrote them (pg_dump may be a wrapper with its own umask), the files end private.
    for name in (DUMP, MEDIA, MANIFEST):
        (folder / name).chmod(PRIVATE_FILE)
    return folder


def _safe_members(archive):
    """Only regular files and folders under media/: a crafted archive cannot write elsewhere."""
    for member in archive.getmembers():
        path = Path(member.name)
        if path.is_absolute() or ".." in path.parts or path.parts[:1] != ("media",):
            raise ValueError(f"Unexpected path in the media archive: {member.name}")
        if not (member.isfile() or member.isdir()):
            raise ValueError(f"Unexpected file type in the media archive: {member.name}")
        yield member


def restore_backup(folder):
    folder = Path(folder)
    manifest = json.loads((folder / MANIFEST).read_text())
    for name, expected in manifest["files"].items():
        if _sha256(folder / name) != expected:
            raise ValueError(f"{name} does not match its checksum: the backup is damaged.")
    # Lockouts and rate limits are today's, not the backup's (clermont_intl.security).
    with counters_kept():
        restore_database(folder / DUMP)
    media_root = Path(settings.MEDIA_ROOT)
    staging = media_root.with_name(media_root.name + ".restoring")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    with tarfile.open(folder / MEDIA, "r:gz") as archive:
        archive.extractall(staging, members=list(_safe_members(archive)), filter="data")
    # Swap the folders only once everything is extracted: never a half-restored media folder.
    if media_root.exists():
        shutil.rmtree(media_root)
    restored = staging / "media"
    if restored.exists():
        restored.rename(media_root)
    else:
        media_root.mkdir(parents=True)
    shutil.rmtree(staging)
    # Both caches describe the database of before: the application's (fragments, the menu,
    # renditions) and the caching proxy's pages.
    cache.clear()
    forget_site()
    return manifest
