"""The production pieces without Docker: real Varnish and gunicorn on loopback ports.

Varnish runs the VCL shipped in clermont_intl/deploy/varnish/ (with a loopback backend.vcl),
gunicorn serves the site from the test database, and publishing purges the proxy through
Wagtail's frontend cache (FRONTEND_CACHE_URL). Needs PostgreSQL (gunicorn, another process,
must see the seeded test database) and Debian's varnish and nginx (.ci/run installs them).
"""

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from tests.loopback import (
    ROOT,
    database_url,
    fetch,
    free_port,
    need,
    require_postgresql,
    shared_redis,
    wait_for,
)

pytestmark = pytest.mark.stack

DEPLOY = ROOT / "clermont_intl" / "deploy"


@pytest.fixture
def vcl_dir():
    """A directory varnishd can read: run as root, it drops to its own user to compile, and
    pytest's tmp_path (mode 0700) is closed to that user."""
    directory = Path(tempfile.mkdtemp(prefix="clermont-varnish-"))
    directory.chmod(0o755)
    yield directory
    shutil.rmtree(directory, ignore_errors=True)


def write_vcl(directory, backend_port):
    shutil.copy(DEPLOY / "varnish" / "default.vcl", directory / "default.vcl")
    backend = (DEPLOY / "varnish" / "backend.vcl").read_text()
    backend = backend.replace('"web"', '"127.0.0.1"').replace('"8000"', f'"{backend_port}"')
    (directory / "backend.vcl").write_text(backend)


def varnishd_command(directory, *args):
    return [
        need("varnishd"),
        "-n",
        str(directory / "work"),
        "-p",
        f"vcl_path={directory}",
        "-f",
        str(directory / "default.vcl"),
        # As in Compose: the shipped startup commands (the log's mask).
        "-I",
        str(DEPLOY / "varnish" / "startup.cli"),
        *args,
    ]


def start_varnish(directory, port, storage="malloc,64m"):
    """varnishd in the foreground on 127.0.0.1:port, with the shipped VCL and startup.cli."""
    return subprocess.Popen(
        varnishd_command(directory, "-F", "-a", f"127.0.0.1:{port}", "-s", storage),
        stdout=subprocess.DEVNULL,
    )


def stop(*processes):
    for process in processes:
        process.terminate()
    for process in processes:
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


# --- (4) the configurations pass their own syntax checks -------------------------------------


def test_varnish_configuration_compiles(vcl_dir):
    write_vcl(vcl_dir, 8000)
    result = subprocess.run(varnishd_command(vcl_dir, "-C"), capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_varnish_rejects_a_broken_configuration(vcl_dir):
    """The check above can fail: a typo in the VCL is caught."""
    write_vcl(vcl_dir, 8000)
    vcl = vcl_dir / "default.vcl"
    broken = vcl.read_text().replace('return (synth(200, "Banned"));', "return (synht(200));")
    vcl.write_text(broken)
    result = subprocess.run(varnishd_command(vcl_dir, "-C"), capture_output=True, text=True)
    assert result.returncode != 0


def test_varnish_log_keeps_each_requests_path_through_the_cache_but_not_its_headers(vcl_dir):
    """startup.cli masks the log's header and timestamp records, which cost a share of each hit
    (docs/deployment.md); what a request did in the cache stays readable in varnishlog."""
    site = vcl_dir / "site"
    (site / "healthz").mkdir(parents=True)
    (site / "healthz" / "index.html").write_text("ok")
    (site / "page.html").write_text("<p>page</p>")
    backend_port, proxy_port = free_port(), free_port()
    write_vcl(vcl_dir, backend_port)
    backend = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(backend_port), "--bind", "127.0.0.1"],
        cwd=site, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    varnish = start_varnish(vcl_dir, proxy_port, "malloc,16m")
    try:
        wait_for(f"http://127.0.0.1:{proxy_port}/healthz/")
        statuses = [fetch(proxy_port, "/page.html")[0] for _ in range(2)]  # a miss, then a hit
        log = subprocess.run(
            [need("varnishlog"), "-n", str(vcl_dir / "work"), "-d", "-g", "request",
             "-q", 'ReqURL eq "/page.html"'],
            capture_output=True, text=True, timeout=30,
        ).stdout  # fmt: skip
    finally:
        stop(varnish, backend)
    assert statuses == [200, 200]
    tags = {line.split()[1] for line in log.splitlines() if line.strip().startswith("-")}
    assert {"ReqURL", "RespStatus", "VCL_return", "Hit", "BereqURL"} <= tags, log
    assert not {"ReqHeader", "RespHeader", "Timestamp", "ReqAcct"} & tags, log


def nginx_config(directory, varnish_addr):
    """The shipped server block, filled as the nginx image's envsubst does, in a minimal
    nginx.conf equivalent to the image's (http { include conf.d/*.conf; })."""
    template = (DEPLOY / "nginx" / "site.conf.template").read_text()
    (directory / "site.conf").write_text(template.replace("${VARNISH_ADDR}", varnish_addr))
    (directory / "tmp").mkdir(exist_ok=True)
    temp = directory / "tmp"
    (directory / "nginx.conf").write_text(
        f"pid {directory}/nginx.pid;\nerror_log {directory}/error.log;\nevents {{}}\n"
        "http {\n  include /etc/nginx/mime.types;\n  access_log off;\n"
        f"  client_body_temp_path {temp}; proxy_temp_path {temp}; fastcgi_temp_path {temp};\n"
        f"  uwsgi_temp_path {temp}; scgi_temp_path {temp};\n"
        f"  include {directory}/site.conf;\n}}\n"
    )
    return directory / "nginx.conf"


def test_nginx_configuration_passes_nginx_t(tmp_path):
    conf = nginx_config(tmp_path, "127.0.0.1:6081")
    result = subprocess.run(
        [need("nginx"), "-t", "-c", str(conf), "-p", str(tmp_path), "-e", str(tmp_path / "e.log")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "test is successful" in result.stderr


# --- (1)-(3) the running stack ------------------------------------------------------------------


@pytest.fixture
def stack(db):
    """gunicorn and varnishd on free loopback ports; yields (varnish port, environment)."""
    require_postgresql()
    need("varnishd")
    directory = Path(tempfile.mkdtemp(prefix="clermont-stack-"))
    directory.chmod(0o755)
    web_port, proxy_port = free_port(), free_port()
    write_vcl(directory, web_port)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "clermont_intl.settings.test",
        "DATABASE_URL": database_url(),
        "FRONTEND_CACHE_URL": f"http://127.0.0.1:{proxy_port}",
        "DB_CONN_MAX_AGE": "0",
        # gunicorn's workers and the editor's process share the cache, as in production.
        "STACK_REDIS_URL": shared_redis(),
        # Short, so that a test sees an events page leave the proxy on its own.
        "EVENTS_CACHE_SECONDS": "2",
    }
    gunicorn = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "clermont_intl.wsgi:application",
         "--bind", f"127.0.0.1:{web_port}", "--workers", "2", "--log-level", "warning"],
        cwd=ROOT, env=env,
    )  # fmt: skip
    varnish = start_varnish(directory, proxy_port)
    try:
        wait_for(f"http://127.0.0.1:{web_port}/healthz/")
        wait_for(f"http://127.0.0.1:{proxy_port}/healthz/")
        yield proxy_port, env
    finally:
        stop(varnish, gunicorn)
        shutil.rmtree(directory, ignore_errors=True)


def publish_title(env, slug_fr, title_fr):
    """What an editor's "Publish" does, in its own process and transaction (so that gunicorn
    sees it), with the frontend cache pointed at the proxy."""
    code = (
        "import django; django.setup()\n"
        "from django.contrib.auth import get_user_model\n"
        "from wagtail.models import Page\n"
        f"page = Page.objects.get(slug_fr={slug_fr!r}).specific\n"
        f"page.title_fr = {title_fr!r}; page.title = {title_fr!r}\n"
        "page.save_revision().publish()\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr


def test_anonymous_page_is_served_from_the_cache_the_second_time(stack):
    port, _env = stack
    first = fetch(port, "/fr/relations-internationales/")
    second = fetch(port, "/fr/relations-internationales/")
    assert first[0] == second[0] == 200
    assert first[1]["X-Cache"] == "MISS"
    assert second[1]["X-Cache"] == "HIT"
    assert second[2] == first[2]
    # A citizen's cookies (language choice, CSRF token) do not bypass the cache.
    third = fetch(port, "/fr/relations-internationales/", headers={"Cookie": "csrftoken=abc"})
    assert third[1]["X-Cache"] == "HIT"


def test_events_pages_leave_the_cache_on_their_own_and_other_pages_stay(stack):
    """Which events are upcoming changes with the clock: those pages hold EVENTS_CACHE_SECONDS."""
    port, _env = stack
    agenda = "/fr/relations-internationales/cied-clermont-puy-de-dome/agenda/"
    mission = "/fr/relations-internationales/"
    for path in (agenda, mission):
        fetch(port, path)
        assert fetch(port, path)[1]["X-Cache"] == "HIT", path
    assert "s-maxage=2" in fetch(port, agenda)[1]["Cache-Control"]
    time.sleep(3)
    fetch(port, agenda)  # expired: answered from the cache once more while fetched again
    # The fresh copy replaces it as soon as the site has rendered it (a busy machine is slow).
    deadline = time.monotonic() + 10
    while int(fetch(port, agenda)[1]["Age"]) >= 2 and time.monotonic() < deadline:
        time.sleep(0.2)
    assert int(fetch(port, agenda)[1]["Age"]) < 2
    mission_again = fetch(port, mission)[1]
    assert mission_again["X-Cache"] == "HIT"
    assert int(mission_again["Age"]) >= 3


def test_both_languages_show_a_published_change_at_once(stack):
    port, env = stack
    french, english = "/fr/relations-internationales/villes-partenaires/", None
    index = fetch(port, french)
    assert index[0] == 200
    english = next(
        line.split('href="')[1].split('"')[0]
        for line in index[2].splitlines()
        if 'hreflang="en"' in line and 'href="' in line
    )
    english = english.split("//", 1)[-1].split("/", 1)[-1]
    english = "/" + english
    for path in ("/fr/relations-internationales/villes-partenaires/salford/", french, english):
        fetch(port, path)
        assert fetch(port, path)[1]["X-Cache"] == "HIT", path
    try:
        publish_title(env, "salford", "Salford (Grand Manchester)")
        page = fetch(port, "/fr/relations-internationales/villes-partenaires/salford/")
        # In the page's heading and breadcrumbs, which gunicorn had rendered and kept in the
        # shared cache before the publish (clermont_intl.caching), not only in its <title>.
        assert ">Salford (Grand Manchester)</h1>" in page[2]
        assert 'aria-current="page">Salford (Grand Manchester)</a>' in page[2]
        # The index that lists it, in French and in English, was purged too.
        assert ">Salford (Grand Manchester)</a></h3>" in fetch(port, french)[2]
        assert fetch(port, english)[1]["X-Cache"] == "MISS"
    finally:
        publish_title(env, "salford", "Salford")
    assert "Salford (Grand Manchester)" not in fetch(port, french)[2]


def test_admin_is_never_cached(stack):
    port, _env = stack
    for _ in range(2):
        status, headers, _body = fetch(port, "/admin/login/")
        assert status == 200
        assert headers["X-Cache"] == "MISS"
    assert "no-cache" in headers["Cache-Control"] or "private" in headers["Cache-Control"]


def test_form_page_is_never_cached_and_its_post_reaches_the_site(stack):
    port, _env = stack
    path = (
        "/fr/relations-internationales/projets-europeens-et-internationaux/demande-accompagnement/"
    )
    for _ in range(2):
        status, headers, body = fetch(port, path)
        assert status == 200
        assert headers["X-Cache"] == "MISS"
    assert "csrfmiddlewaretoken" in body
    # A POST goes to the site (which answers it: here, a CSRF refusal), never from the cache.
    status, headers, _body = fetch(port, path, method="POST", data=b"a=1")
    assert status == 403
    assert headers["X-Cache"] == "MISS"


def test_an_editor_session_bypasses_the_cache(stack):
    port, _env = stack
    path = "/fr/relations-internationales/"
    fetch(port, path)
    assert fetch(port, path)[1]["X-Cache"] == "HIT"
    headers = {"Cookie": "sessionid=anything"}
    assert fetch(port, path, headers=headers)[1]["X-Cache"] == "MISS"


def test_purge_from_loopback_empties_the_cache(stack):
    port, _env = stack
    path = "/fr/relations-internationales/"
    fetch(port, path)
    assert fetch(port, path)[1]["X-Cache"] == "HIT"
    assert fetch(port, path, method="PURGE")[0] == 200
    assert fetch(port, path)[1]["X-Cache"] == "MISS"


# --- One invalidation path: what editors change reaches visitors through Varnish at once --------

EDITOR_PROCESS = """
import django; django.setup()
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from tests.admin_forms import form_data

editor, _ = get_user_model().objects.get_or_create(
    username="editeur-pile", defaults={"is_superuser": True, "is_staff": True})
admin = Client()
admin.force_login(editor)
"""


def as_editor(env, code):
    """Runs code after EDITOR_PROCESS (an editor signed in to the admin, `admin`), in a process
    and transactions of its own, with the frontend cache pointed at the proxy."""
    result = subprocess.run(
        [sys.executable, "-c", EDITOR_PROCESS + code],
        cwd=ROOT, env={**env, "DJANGO_SETTINGS_MODULE": "clermont_intl.settings.test"},
        capture_output=True, text=True, timeout=180,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]


def set_phone_in_admin(env, phone):
    as_editor(
        env,
        f"""
url = reverse("wagtailsettings:edit", args=["clermont_intl", "contactsettings"])
edit = admin.get(url)
edit = admin.get(edit["Location"]) if edit.status_code == 302 else edit
data = form_data(edit, form_id=None, phone={phone!r})
response = admin.post(edit.wsgi_request.path, data)
assert response.status_code == 302, response.content[:2000]
""",
    )


def test_contact_details_changed_in_the_admin_show_in_every_footer_through_varnish(stack):
    port, env = stack
    pages = [
        "/fr/relations-internationales/",
        "/en/international-relations/",
        "/fr/relations-internationales/villes-partenaires/salford/",
        "/fr/relations-internationales/villes-partenaires/?sort=year",
    ]
    for path in pages:
        fetch(port, path)
        assert fetch(port, path)[1]["X-Cache"] == "HIT", path
    try:
        set_phone_in_admin(env, "+33 4 00 00 00 01")
        for path in pages:
            status, headers, body = fetch(port, path)
            assert status == 200, path
            footer = body.split('class="site-footer"', 1)[1]
            assert "+33 4 00 00 00 01" in footer, f"{path} ({headers['X-Cache']})"
    finally:
        set_phone_in_admin(env, "")
    assert "+33 4 00 00 00 01" not in fetch(port, pages[0])[2]


def test_a_partner_published_in_the_admin_reaches_filtered_lists_and_open_data(stack):
    port, env = stack
    index = "/fr/relations-internationales/villes-partenaires/"
    views = [index + "?country=DE", index + "?country=DE&sort=year", index + "open-data/csv/",
             index + "open-data/json/?country=DE", "/sitemap.xml"]  # fmt: skip
    for path in views:
        fetch(port, path)
        assert fetch(port, path)[1]["X-Cache"] == "HIT", path
        assert "hambourg-essai" not in fetch(port, path)[2].lower()
    try:
        as_editor(
            env,
            """
from partners.models import PartnerIndexPage
from tests.factories import add_partner
page = add_partner(PartnerIndexPage.objects.get(), "Hambourg-Essai", country="DE")
edit = reverse("wagtailadmin_pages:edit", args=[page.pk])
data = form_data(admin.get(edit))
data["action-publish"] = ["action-publish"]
response = admin.post(edit, data)
assert response.status_code == 302, response.content[:2000]
""",
        )
        for path in views:
            status, _headers, body = fetch(port, path)
            # Its name in the lists and data, its address in the sitemap.
            assert status == 200 and "hambourg-essai" in body.lower(), path
    finally:
        as_editor(env, "from wagtail.models import Page\nPage.objects.filter(title='Hambourg-Essai').delete()\n")  # noqa: E501
    assert "hambourg-essai" not in fetch(port, views[0])[2].lower()
