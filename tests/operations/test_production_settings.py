"""Production settings: `check --deploy` is clean, logs go to stdout, media may go to S3."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.processes

ROOT = Path(__file__).resolve().parents[2]
# What the Compose file gives every web container.
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "clermont_intl.settings.production",
    "SECRET_KEY": "s3cr3t-" + "x9Y8w7V6u5" * 5 + "abc",  # 60 characters
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "ALLOWED_HOSTS": "international.clermont-ferrand.fr",
    "TRUSTED_PROXIES": "172.30.80.10,172.30.80.11",
}


def run(code_or_args, **extra_env):
    # A fresh process: no AWS credentials of the host, no settings module, and not the browser
    # tests' DJANGO_ALLOW_ASYNC_UNSAFE, which check --deploy rightly reports (async.E001).
    skipped = ("AWS_", "DJANGO_SETTINGS", "DJANGO_ALLOW_ASYNC_UNSAFE")
    env = {k: v for k, v in os.environ.items() if not k.startswith(skipped)}
    env.update(PRODUCTION_ENV, **extra_env)
    args = code_or_args if isinstance(code_or_args, list) else ["-c", code_or_args]
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_check_deploy_gives_no_warning():
    assert len(PRODUCTION_ENV["SECRET_KEY"]) == 60
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"])
    assert result.returncode == 0, result.stdout + result.stderr
    # Only the two HSTS recommendations that are off by decision (settings/production.py).
    assert "System check identified no issues (2 silenced)." in result.stdout


def test_check_deploy_warns_without_a_shared_cache():
    """Without Redis, the site version (clermont_intl.caching.fragments) lives in one
    machine's files: another web container would not see a change."""
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], REDIS_URL="")
    assert result.returncode != 0
    assert "clermont_intl.W001" in result.stderr + result.stdout


def test_check_deploy_warns_behind_proxies_it_does_not_know():
    """Production settings read X-Forwarded-Proto (SECURE_PROXY_SSL_HEADER): without
    TRUSTED_PROXIES every visitor would have the proxy's address."""
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], TRUSTED_PROXIES="")
    assert result.returncode != 0
    assert "clermont_intl.W002" in result.stderr + result.stdout
    assert "SECURE_PROXY_SSL_HEADER" in result.stderr + result.stdout


def test_check_deploy_does_warn_about_an_insecure_setting():
    """The check above can fail: turning HSTS off is reported."""
    result = run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"], SECURE_HSTS_SECONDS="0"
    )
    assert result.returncode != 0
    assert "security.W004" in result.stderr + result.stdout


HSTS_FLAGS = (
    "from clermont_intl.settings import production as p; "
    "print(p.SECURE_HSTS_SECONDS, p.SECURE_HSTS_INCLUDE_SUBDOMAINS, p.SECURE_HSTS_PRELOAD)"
)


def test_hsts_reaches_neither_subdomains_nor_the_preload_list_by_default():
    """On a city's domain both would reach every subdomain: the operator turns them on."""
    result = run(HSTS_FLAGS, SECURE_HSTS_INCLUDE_SUBDOMAINS="", SECURE_HSTS_PRELOAD="")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["31536000", "False", "False"]
    # The header Django's SecurityMiddleware sends over HTTPS with these settings.
    header = (
        "import django; django.setup(); from django.http import HttpResponse; "
        "from django.middleware.security import SecurityMiddleware; "
        "from django.test import RequestFactory; "
        "r = SecurityMiddleware(lambda request: HttpResponse())(RequestFactory().get('/', "
        "secure=True)); print(r.headers['Strict-Transport-Security'])"
    )
    result = run(header, SECURE_HSTS_INCLUDE_SUBDOMAINS="", SECURE_HSTS_PRELOAD="")
    assert result.stdout.strip().splitlines()[-1] == "max-age=31536000", result.stderr


def test_the_operator_turns_hsts_subdomains_and_preload_on():
    result = run(HSTS_FLAGS, SECURE_HSTS_INCLUDE_SUBDOMAINS="true", SECURE_HSTS_PRELOAD="true")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["31536000", "True", "True"]
    # Turned on, check --deploy is still clean.
    result = run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        SECURE_HSTS_INCLUDE_SUBDOMAINS="true",
        SECURE_HSTS_PRELOAD="true",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_logs_go_to_stdout():
    code = (
        "import django, logging; django.setup(); "
        "logging.getLogger('clermont_intl').warning('hello from production')"
    )
    result = run(code)
    assert result.returncode == 0, result.stderr
    assert "hello from production" in result.stdout
    assert "hello from production" not in result.stderr


def test_media_stays_on_disk_without_a_bucket():
    code = (
        "import django; django.setup(); from django.core.files.storage import default_storage; "
        "default_storage._setup(); print(type(default_storage._wrapped).__module__ + '.' + "
        "type(default_storage._wrapped).__name__)"
    )
    result = run(code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "django.core.files.storage.filesystem.FileSystemStorage"


def test_media_goes_to_s3_compatible_storage_when_a_bucket_is_named():
    code = (
        "import django; django.setup(); from django.core.files.storage import default_storage; "
        "default_storage._setup(); s = default_storage._wrapped; "
        "print(type(s).__module__ + '.' + type(s).__name__, s.bucket_name, s.endpoint_url, "
        "s.querystring_auth)"
    )
    result = run(
        code,
        AWS_STORAGE_BUCKET_NAME="ville-medias",
        AWS_S3_ENDPOINT_URL="https://s3.example.net",
        AWS_ACCESS_KEY_ID="id",
        AWS_SECRET_ACCESS_KEY="secret",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "storages.backends.s3.S3Storage",
        "ville-medias",
        "https://s3.example.net",
        "False",
    ]
