"""A backup holds applicants' personal data and password hashes: only its owner may read it,
whatever the umask of the shell (or cron) that ran `make backup`."""

import os
import stat

from django.core.management import call_command
from django.db import connection

import pytest

from clermont_intl.operations import backup


@pytest.fixture
def usual_umask():
    """The umask of most shells and crontabs: new files readable by every user of the server."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def mode(path):
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.django_db
def test_backups_are_created_private_whatever_the_umask(
    tmp_path, usual_umask, monkeypatch, settings
):
    if connection.vendor != "postgresql":
        # SQLite's test database lives in memory: a dump written the way pg_dump writes one
        # (a new file, under the process's umask) stands in for it.
        monkeypatch.setattr(backup, "dump_database", lambda target: target.write_bytes(b"dump"))
    settings.MEDIA_ROOT = str(tmp_path / "media")
    (tmp_path / "media" / "documents").mkdir(parents=True)
    (tmp_path / "media" / "documents" / "programme.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    root = tmp_path / "backups" / "site"

    call_command("backup_site", dir=str(root), stdout=open(os.devnull, "w"))

    (folder,) = root.iterdir()
    assert mode(root) == 0o700
    assert mode(root.parent) == 0o700  # created by the backup too
    assert mode(folder) == 0o700
    files = sorted(path.name for path in folder.iterdir())
    assert files == sorted([backup.DUMP, backup.MEDIA, backup.MANIFEST])
    for name in files:
        assert mode(folder / name) == 0o600, name
    # The umask of the process is left as it was.
    assert os.umask(0o022) == 0o022
