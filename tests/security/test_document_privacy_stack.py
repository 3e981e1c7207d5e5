"""Private documents through the shipped nginx: never read past Wagtail's check.

Real nginx (the shipped server block, rendered as the image's envsubst does) in front of real
gunicorn (test settings, the test database), on free loopback ports with directories of their
own. A document in a password-protected collection: its file's direct /media/ URL is refused
by nginx, its document URL asks for the password, the right password gives the file as an
attachment. Needs PostgreSQL (gunicorn, another process, must see the document) and nginx; like
the other stack tests it is skipped when they are missing, and fails instead under CI=true.
"""

import http.cookiejar
import os
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from django.conf import settings
from django.db import connection

import pytest

from tests.loopback import IN_CI, database_url, free_port, need, wait_for
from tests.operations.test_stack import DEPLOY

pytestmark = pytest.mark.stack

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "mot-de-passe-du-dossier"

# Creates (or, with "delete", removes) the private document in its own committed transaction,
# as an editor's upload would: gunicorn, another process, must see it.
SETUP = """
import django, sys; django.setup()
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction
Document = get_document_model()
if sys.argv[1] == "delete":
    for document in Document.objects.filter(title="Compte rendu confidentiel"):
        document.file.delete(save=False)
        document.delete()
    Collection.objects.filter(name="Dossier confidentiel").delete()
    sys.exit(0)
private = Collection.get_first_root_node().add_child(name="Dossier confidentiel")
CollectionViewRestriction.objects.create(
    collection=private, restriction_type="password", password=sys.argv[2]
)
document = Document.objects.create(
    title="Compte rendu confidentiel",
    collection=private,
    file=ContentFile(b"%PDF-1.4 contenu confidentiel", name="compte-rendu-confidentiel.pdf"),
)
print(document.url, document.file.url)
"""


def manage(env, *args):
    result = subprocess.run(
        [sys.executable, "-c", SETUP, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def nginx_config(directory, web_addr, media_root, static_root):
    """The shipped server block with the loopback upstream and this run's directories, in a
    minimal nginx.conf like the image's (http { include conf.d/*.conf; })."""
    template = (DEPLOY / "nginx" / "site.conf.template").read_text()
    port = free_port()
    site = (
        template.replace("${VARNISH_ADDR}", web_addr)
        .replace("listen 80 default_server;", f"listen 127.0.0.1:{port} default_server;")
        .replace("alias /srv/media/;", f"alias {media_root}/;")
        .replace("alias /srv/static/;", f"alias {static_root}/;")
    )
    assert f"alias {media_root}/;" in site, "the template's media location has changed"
    (directory / "site.conf").write_text(site)
    temp = directory / "tmp"
    temp.mkdir()
    # Run as root (CI), the workers would drop to "nobody", who cannot read the checkout.
    user = "user root;\n" if os.geteuid() == 0 else ""
    (directory / "nginx.conf").write_text(
        f"{user}pid {directory}/nginx.pid;\nerror_log {directory}/error.log;\n"
        "daemon off;\nevents {}\n"
        "http {\n  types { application/pdf pdf; text/html html; }\n  access_log off;\n"
        f"  client_body_temp_path {temp}; proxy_temp_path {temp}; fastcgi_temp_path {temp};\n"
        f"  uwsgi_temp_path {temp}; scgi_temp_path {temp};\n"
        f"  include {directory}/site.conf;\n}}\n"
    )
    return directory / "nginx.conf", port


@pytest.fixture
def front(db):
    """nginx (shipped config) → gunicorn, on loopback; yields (nginx port, environment)."""
    if connection.vendor != "postgresql":
        message = "the document stack test needs PostgreSQL (set DATABASE_URL; CI does)"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    nginx = need("nginx")
    directory = Path(tempfile.mkdtemp(prefix="clermont-documents-"))
    directory.chmod(0o755)
    static_root = directory / "static"
    static_root.mkdir()
    web_port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "clermont_intl.settings.test",
        "DATABASE_URL": database_url(),
        "DB_CONN_MAX_AGE": "0",
    }
    config, port = nginx_config(
        directory, f"127.0.0.1:{web_port}", settings.MEDIA_ROOT, static_root
    )
    gunicorn = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "clermont_intl.wsgi:application",
         "--bind", f"127.0.0.1:{web_port}", "--workers", "1", "--log-level", "warning"],
        cwd=ROOT, env=env,
    )  # fmt: skip
    server = subprocess.Popen(
        [nginx, "-c", str(config), "-p", str(directory), "-e", str(directory / "error.log")]
    )
    try:
        wait_for(f"http://127.0.0.1:{web_port}/healthz/")
        wait_for(f"http://127.0.0.1:{port}/healthz/")
        yield port, env
    finally:
        for process in (server, gunicorn):
            process.terminate()
        for process in (server, gunicorn):
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
        shutil.rmtree(directory, ignore_errors=True)


@pytest.fixture
def private_document(front):
    port, env = front
    document_url, file_url = manage(env, "create", PASSWORD)
    yield port, document_url, file_url
    manage(env, "delete")


class Browser:
    """Cookies kept between requests, redirects followed, errors returned as answers."""

    def __init__(self, port):
        self.base = f"http://127.0.0.1:{port}"
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )

    def open(self, path, data=None):
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(self.base + path, data=body)
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read()


def test_a_private_documents_file_is_never_served_by_nginx(private_document):
    port, document_url, file_url = private_document
    assert file_url.startswith("/media/documents/")
    assert (Path(settings.MEDIA_ROOT) / file_url.removeprefix("/media/")).exists()
    browser = Browser(port)
    variants = [
        file_url,
        file_url.replace("/media/documents/", "/media//documents/"),
        file_url.replace("/media/documents/", "/media/%64ocuments/"),
        file_url.replace("/media/documents/", "/media/images/../documents/"),
    ]
    for url in variants:
        status, _headers, body = browser.open(url)
        assert status == 404, url
        assert b"contenu confidentiel" not in body, url


def test_a_private_document_asks_for_its_password_then_comes_as_an_attachment(
    private_document,
):
    port, document_url, _file_url = private_document
    browser = Browser(port)
    status, headers, body = browser.open(document_url)
    assert status == 200
    page = body.decode()
    assert "contenu confidentiel" not in page
    assert 'name="password"' in page
    # The form is the site's own page: it may post, so it is not sandboxed like a document.
    assert "sandbox" not in headers["Content-Security-Policy"]
    assert "form-action 'self'" in headers["Content-Security-Policy"]
    action = re.search(r'<form action="([^"]+)"', page).group(1)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    return_url = re.search(r'name="return_url" value="([^"]+)"', page).group(1)

    wrong = browser.open(
        action, {"csrfmiddlewaretoken": token, "password": "pas-le-bon", "return_url": return_url}
    )
    assert wrong[0] == 200
    assert b"contenu confidentiel" not in wrong[2]

    status, headers, body = browser.open(
        action, {"csrfmiddlewaretoken": token, "password": PASSWORD, "return_url": return_url}
    )
    assert status == 200
    assert body == b"%PDF-1.4 contenu confidentiel"
    assert headers["Content-Disposition"].startswith("attachment")
    assert "sandbox" in headers["Content-Security-Policy"]
    # Another visitor, without the password, is still asked for it.
    assert b"contenu confidentiel" not in Browser(port).open(document_url)[2]
