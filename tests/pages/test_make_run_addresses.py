"""`make run HOST=… PORT=…`: the absolute URLs the site writes (canonical and alternate links,
sitemap, feeds, open data) name the address it is served at, not localhost:8000.

The server is started with the very command `make -n run` prints, on the seeded database.
"""

import json
import os
import re
import signal
import subprocess

import pytest

from tests.loopback import ROOT, free_port, require_postgresql, wait_for

pytestmark = [pytest.mark.django_db, pytest.mark.processes]

HOST = "127.0.0.1"
AGENDA_FR = "/fr/relations-internationales/cied-clermont-puy-de-dome/agenda/"
PARTNERS_EN = "/en/international-relations/partner-cities/"


def run_command(port):
    """The runserver line of `make run`, as make would run it."""
    plan = subprocess.run(
        ["make", "-n", "run", f"HOST={HOST}", f"PORT={port}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    lines = [line for line in plan.splitlines() if " runserver " in line]
    assert len(lines) == 1, plan
    return lines[0]


def test_the_run_target_hands_its_host_and_port_to_the_site():
    port = free_port()
    line = run_command(port)
    assert f'WAGTAILADMIN_BASE_URL="http://{HOST}:{port}"' in line
    assert line.endswith(f"runserver {HOST}:{port}")


@pytest.fixture
def make_run_server():
    """The site as `make run` serves it on a free port, on the seeded (committed) database."""
    from tests.loopback import database_url

    require_postgresql()
    port = free_port()
    # The command make prints, without the autoreloader (one process to stop).
    command = run_command(port) + " --noreload"
    environment = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "WAGTAIL"))},
        "DATABASE_URL": database_url(),
    }
    server = subprocess.Popen(
        ["bash", "-c", command],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        wait_for(f"http://{HOST}:{port}/fr/", seconds=90)
        yield port
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def get(port, path):
    import urllib.request

    with urllib.request.urlopen(f"http://{HOST}:{port}{path}", timeout=30) as response:  # noqa: S310
        return response.read().decode("utf-8-sig")


def test_absolute_urls_follow_the_host_and_port_of_make_run(make_run_server):
    port = make_run_server
    base = f"http://{HOST}:{port}"
    html = get(port, "/fr/")
    canonical = re.search(r'<link rel="canonical" href="([^"]+)"', html).group(1)
    assert canonical == f"{base}/fr/"
    alternates = re.findall(r'<link rel="alternate" hreflang="[^"]+" href="([^"]+)"', html)
    assert alternates and all(url.startswith(base + "/") for url in alternates)

    sitemap = get(port, "/sitemap.xml")
    locations = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert locations and all(url.startswith(base + "/") for url in locations)

    feed = get(port, AGENDA_FR + "rss/")
    links = re.findall(r"<link>([^<]+)</link>", feed)
    assert links and all(url.startswith(base + "/") for url in links)

    data = json.loads(get(port, PARTNERS_EN + "open-data/json/"))
    urls = re.findall(r"https?://[^\s\"']+", json.dumps(data))
    page_urls = [url for url in urls if "/fr/" in url or "/en/" in url]
    assert page_urls and all(url.startswith(base + "/") for url in page_urls)
    assert "localhost" not in html + sitemap + feed
