"""Behind the shipped nginx and Varnish, the site tells its visitors apart.

Real nginx (the shipped server block) in front of real Varnish (the shipped VCL) in front of
gunicorn, on loopback, with TRUSTED_PROXIES naming the proxies' address (127.0.0.1) as the
Compose stack names nginx's and Varnish's. Two visitors connect from two addresses of their own
(127.0.0.2 and 127.0.0.3: Linux routes all of 127/8 on lo): nginx adds each one's address to
X-Forwarded-For, Varnish adds nginx's, and the site (clermont_intl.security.login.client_ip)
counts each visitor's failed logins against that visitor only. Needs PostgreSQL, nginx and
Varnish, like the other stack tests.
"""

import http.client
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlencode

from django.conf import settings

import pytest

from tests.loopback import (
    HOST,
    ROOT,
    committed,
    database_url,
    free_port,
    need,
    require_postgresql,
    wait_for,
)
from tests.operations.test_stack import start_varnish, stop, write_vcl
from tests.security.test_document_privacy_stack import nginx_config

pytestmark = pytest.mark.stack

USERNAME = "editeur-adresses"
PASSWORD = "un-mot-de-passe-assez-long"
ATTACKER, COLLEAGUE = "127.0.0.2", "127.0.0.3"


@pytest.fixture
def front(db):
    """nginx → Varnish → gunicorn on loopback ports; yields nginx's port."""
    require_postgresql()
    nginx = need("nginx")
    need("varnishd")
    directory = Path(tempfile.mkdtemp(prefix="clermont-addresses-"))
    directory.chmod(0o755)
    (directory / "static").mkdir()
    web_port, proxy_port = free_port(), free_port()
    write_vcl(directory, web_port)
    config, port = nginx_config(
        directory, f"127.0.0.1:{proxy_port}", settings.MEDIA_ROOT, directory / "static"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "clermont_intl.settings.test",
        "DATABASE_URL": database_url(),
        "DB_CONN_MAX_AGE": "0",
        # nginx and Varnish both reach the next hop from 127.0.0.1; the visitors do not.
        "TRUSTED_PROXIES": "127.0.0.1",
    }
    gunicorn = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "clermont_intl.wsgi:application",
         "--bind", f"127.0.0.1:{web_port}", "--workers", "2", "--log-level", "warning"],
        cwd=ROOT, env=env,
    )  # fmt: skip
    varnish = start_varnish(directory, proxy_port)
    server = subprocess.Popen(
        [nginx, "-c", str(config), "-p", str(directory), "-e", str(directory / "error.log")]
    )
    try:
        wait_for(f"http://127.0.0.1:{web_port}/healthz/")
        wait_for(f"http://127.0.0.1:{proxy_port}/healthz/")
        wait_for(f"http://127.0.0.1:{port}/healthz/")
        yield port
    finally:
        stop(server, varnish, gunicorn)
        shutil.rmtree(directory, ignore_errors=True)


@pytest.fixture
def account(front):
    from django.contrib.auth import get_user_model

    from axes.models import AccessAttempt

    from clermont_intl.security.models import RateEvent

    def create():
        get_user_model().objects.create_superuser(USERNAME, "adresses@example.org", PASSWORD)

    def delete():
        get_user_model().objects.filter(username=USERNAME).delete()
        AccessAttempt.objects.filter(username=USERNAME).delete()
        RateEvent.objects.filter(key__in=[ATTACKER, COLLEAGUE]).delete()

    committed(delete)
    committed(create)
    yield
    committed(delete)


class Visitor:
    """A browser at its own loopback address: its requests leave from ``address``, its
    cookies are kept."""

    def __init__(self, port, address):
        self.port, self.address, self.cookies = port, address, {}

    def request(self, method, path, data=None, headers=None):
        connection = http.client.HTTPConnection(
            "127.0.0.1", self.port, timeout=30, source_address=(self.address, 0)
        )
        sent = {"Host": HOST, **(headers or {})}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        body = None
        if data is not None:
            body = urlencode(data)
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            connection.request(method, path, body, sent)
            response = connection.getresponse()
            for cookie in response.headers.get_all("Set-Cookie") or []:
                name, _, rest = cookie.partition("=")
                self.cookies[name.strip()] = rest.split(";")[0]
            return response.status, response.read().decode()
        finally:
            connection.close()

    def login(self, password, headers=None):
        _status, form = self.request("GET", "/admin/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
        data = {"csrfmiddlewaretoken": token, "username": USERNAME, "password": password}
        return self.request("POST", "/admin/login/", data, headers)[0]


def test_one_visitors_failed_logins_lock_that_visitor_out_and_not_another(front, account):
    attacker, colleague = Visitor(front, ATTACKER), Visitor(front, COLLEAGUE)
    # The fifth failure locks the account from the attacker's address, right password included.
    limit = settings.AXES_FAILURE_LIMIT
    assert [attacker.login("pas-le-bon") for _ in range(limit)] == [200] * (limit - 1) + [429]
    assert attacker.login(PASSWORD) == 429
    # A forged X-Forwarded-For does not give the attacker another address: nginx appends the
    # real one, and the site reads the right-most address that is not one of its proxies.
    assert attacker.login(PASSWORD, headers={"X-Forwarded-For": "198.51.100.9"}) == 429
    # The colleague, at another address, behind the same proxies, still logs in.
    assert colleague.login(PASSWORD) == 302
    assert colleague.request("GET", "/admin/")[0] == 200

    from axes.models import AccessAttempt

    addresses = committed(
        lambda: set(
            AccessAttempt.objects.filter(username=USERNAME).values_list("ip_address", flat=True)
        )
    )
    assert addresses == {ATTACKER}
