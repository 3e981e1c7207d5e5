"""PostgreSQL restarts during a load run; the site keeps answering.

A throwaway PostgreSQL cluster on its own port (never the shared server), the seeded site served
by gunicorn against it, a bounded loop of requests from threads, and ``pg_ctl restart`` in the
middle. Prints the share of failed requests and the time to recover; targets: < 1 % errors and
recovery within 10 s. Slow (about a minute): marked ``slow``, and run by CI with the rest.
"""

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

from django.conf import settings

import pytest

pytestmark = pytest.mark.slow

PG_BIN_ROOT = Path("/usr/lib/postgresql")
LOAD_SECONDS = 40
RESTART_AT = 10
THREADS = 4
URLS = ["/fr/", "/en/", "/healthz/", "/fr/relations-internationales/"]


def pg_bin():
    versions = sorted(PG_BIN_ROOT.glob("*/bin/pg_ctl"), key=lambda p: int(p.parent.parent.name))
    if not versions:
        return None
    return versions[-1].parent


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def as_postgres(args, **kwargs):
    """PostgreSQL's tools refuse to run as root: run them as the postgres user."""
    if os.geteuid() == 0:
        args = ["runuser", "-u", "postgres", "--", *args]
    return subprocess.run(args, check=True, capture_output=True, text=True, timeout=120, **kwargs)


class Cluster:
    def __init__(self, root):
        self.bin = pg_bin()
        self.root = root
        self.data = root / "data"
        self.port = free_port()
        self.log = root / "postgres.log"

    def ctl(self, *args):
        options = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off"
        return as_postgres(
            [
                str(self.bin / "pg_ctl"),
                "-D",
                str(self.data),
                "-l",
                str(self.log),
                "-w",
                "-o",
                options,
                *args,
            ]
        )

    def init(self):
        as_postgres(
            [
                str(self.bin / "initdb"),
                "-D",
                str(self.data),
                "-U",
                "postgres",
                "--auth=trust",
                "-E",
                "UTF8",
                "--no-instructions",
            ]
        )
        self.ctl("start")
        as_postgres(
            [
                str(self.bin / "createdb"),
                "-h",
                "127.0.0.1",
                "-p",
                str(self.port),
                "-U",
                "postgres",
                "drill",
            ]
        )

    @property
    def url(self):
        return f"postgres://postgres@127.0.0.1:{self.port}/drill"


@pytest.fixture
def cluster():
    if pg_bin() is None or shutil.which("runuser") is None:
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL server binaries are needed for the restart drill")
        pytest.skip("PostgreSQL server binaries are not installed")
    root = Path(tempfile.mkdtemp(prefix="pg-drill-"))
    os.chmod(root, 0o777)
    if os.geteuid() == 0:
        shutil.chown(root, "postgres")
    cluster = Cluster(root)
    cluster.init()
    yield cluster
    try:
        cluster.ctl("stop", "-m", "immediate")
    finally:
        shutil.rmtree(root, ignore_errors=True)


def wait_for(url, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except (OSError, urllib.error.URLError):
            pass
        time.sleep(0.3)
    raise AssertionError(f"{url} did not answer")


def load(base, stop_at, results):
    i = 0
    while time.monotonic() < stop_at:
        url = base + URLS[i % len(URLS)]
        i += 1
        started = time.monotonic()
        try:
            with urllib.request.urlopen(url, timeout=15) as response:
                ok = response.status == 200
                response.read()
        except (OSError, urllib.error.URLError):
            ok = False
        results.append((started, time.monotonic(), ok))


def test_site_survives_a_postgresql_restart_under_load(cluster, tmp_path):
    env = dict(os.environ)
    env.update(
        DATABASE_URL=cluster.url,
        DJANGO_SETTINGS_MODULE="clermont_intl.settings.dev",
        DEBUG="false",
        ALLOWED_HOSTS="127.0.0.1",
        MEDIA_ROOT=str(tmp_path / "media"),
        DB_CONN_MAX_AGE="60",
    )
    env.pop("REDIS_URL", None)
    manage = [sys.executable, "manage.py"]
    for command in (["migrate", "--noinput", "-v", "0"], ["load_seed_content"]):
        subprocess.run(
            manage + command,
            cwd=settings.BASE_DIR,
            env=env,
            check=True,
            capture_output=True,
            timeout=600,
        )
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "clermont_intl.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--threads",
            "2",
            "--timeout",
            "60",
            "--log-level",
            "warning",
        ],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        wait_for(base + "/healthz/")
        for url in URLS:  # every worker has its persistent connection before the drill
            wait_for(base + url)
        results = []
        start = time.monotonic()
        threads = [
            threading.Thread(target=load, args=(base, start + LOAD_SECONDS, results))
            for _ in range(THREADS)
        ]
        for thread in threads:
            thread.start()
        time.sleep(RESTART_AT)
        restart_began = time.monotonic()
        cluster.ctl("restart", "-m", "fast")
        restart_ended = time.monotonic()
        for thread in threads:
            thread.join()
    finally:
        server.terminate()
        server.wait(timeout=30)

    failed = [r for r in results if not r[2]]
    share = len(failed) / len(results)
    # Recovered: the first request started after the restart began that succeeded, when no
    # failure follows it.
    last_failure = max((end for _, end, ok in failed), default=restart_began)
    first_good_after = min(
        (end for begin, end, ok in results if ok and begin >= max(restart_began, last_failure)),
        default=None,
    )
    assert first_good_after is not None, "the site never recovered"
    recovery = first_good_after - restart_began
    print(
        f"\nPostgreSQL restart drill: {len(results)} requests in {LOAD_SECONDS} s "
        f"({THREADS} threads), {len(failed)} failed ({share:.2%}); "
        f"pg_ctl restart took {restart_ended - restart_began:.2f} s; "
        f"recovered {recovery:.2f} s after the restart began."
    )
    assert len(results) > 100
    assert share < 0.01
    assert recovery <= 10
