"""The benchmark behind `make bench`: two sizes of site, four ways of serving each, one report.

For each site, the seeded one and one with ten times its content (SITES):
1. Creates the PostgreSQL database bench_clermont, migrates it, loads the seed and adds
   fictitious pages of every kind (manage.py build_large_site), as
   tests/caching/test_query_counts.py does.
2. Counts the SQL queries of each page of the journeys with Django's test client, on the first
   render after a publish and on the next request, and times the first render (median of five
   publishes).
3. Starts gunicorn with Redis, gunicorn with a Redis that does not answer, Varnish (the shipped
   VCL) in front of the first, and nginx serving a static copy of the same pages, all on
   loopback ports, and drives each page with wrk in each mode.
4. If BENCH_BEFORE_CHECKOUT names a checkout of an earlier version of this project, builds the
   same site with it and drives the same pages through its gunicorn (Redis up), side by side.
5. If BENCH_BASELINE_URL names a running copy of the Wagtail bakerydemo, drives its home, blog
   index and a blog post the same way, side by side with our like pages.
Then writes docs/performance.md and drops the databases.

Run from the repository root: `make bench` (or `.venv/bin/python -m bench.run`).
Environment: BENCH_SECONDS (per page and mode, default 8), BENCH_CONNECTIONS (10),
BENCH_WORKERS (gunicorn workers, default 2 × cores), PGHOST/PGPORT/PGUSER (127.0.0.1/5432/postgres),
BENCH_REDIS_URL (redis://127.0.0.1:6379/9, emptied), BENCH_BASELINE_URL (unset: no side by side),
BENCH_BEFORE_CHECKOUT (unset: no comparison with an earlier version), BENCH_SITES (e.g. "10×":
only that site).
"""

import json
import os
import platform
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

import redis

ROOT = Path(__file__).resolve().parents[1]
DEPLOY = ROOT / "clermont_intl" / "deploy"
REPORT = ROOT / "docs" / "performance.md"
LUA = Path(__file__).with_name("latency.lua")
DB_NAME = "bench_clermont"
PG = {
    "host": os.environ.get("PGHOST", "127.0.0.1"),
    "port": os.environ.get("PGPORT", "5432"),
    "user": os.environ.get("PGUSER", "postgres"),
}
SECONDS = int(os.environ.get("BENCH_SECONDS", "8"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "10"))
WORKERS = int(os.environ.get("BENCH_WORKERS", str(2 * (os.cpu_count() or 1))))
# The fictitious pages added to the seed: the same two sizes as
# tests/caching/test_query_counts.py. The
# seeded site has a few pages of every kind (so that every page type is in the journeys); the
# other ten times the seed's partner cities and projects, and as many of the other kinds.
SMALL = {"prefix": "petit", "partners": 2, "projects": 2, "events": 4, "news": 4, "calls": 4,
         "exhibitions": 3}  # fmt: skip
LARGE = {"prefix": "grand", "partners": 80, "projects": 20, "events": 40, "news": 40,
         "calls": 40, "exhibitions": 30}  # fmt: skip
SITES = {"seeded": [SMALL], "10×": [SMALL, LARGE]}
WANTED_SITES = [name for name in os.environ.get("BENCH_SITES", "").split(",") if name] or list(
    SITES
)
BEFORE_CHECKOUT = os.environ.get("BENCH_BEFORE_CHECKOUT", "")
BEFORE_DB_NAME = "bench_clermont_before"
# Targets of docs/performance.md.
MAX_QUERIES = 12
MAX_FIRST_RENDER_MS = 80
MIN_PROXY_RATIO = 0.8
MIN_BASELINE_RATIO = 5
MIN_BASELINE_RATIO_REDIS_DOWN = 3
BASELINE_URL = os.environ.get("BENCH_BASELINE_URL", "").rstrip("/")
# Our pages set against the bakerydemo's like ones: (our page, its page).
SIDE_BY_SIDE = [("home", "home"), ("partner index", "blog index"), ("partner page", "blog post")]
MODES = ("uncached", "redis down", "proxy", "static")
# The two modes compared with each other (Varnish against nginx): run in turns (paired_runs).
PAIRED = ("proxy", "static")
PAIRED_ROUNDS = 5

# Runs inside Django (manage.py shell): the journeys' URLs and their query counts.
MEASURE = r"""
import json
import statistics
import time
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.images import get_image_model
from cied.models import CiedPage, EventIndexPage, EventPage
from clermont_intl.models import HomePage, MissionPage
from clermont_intl.caching.fragments import renew
from partners.models import PartnerCityPage, PartnerIndexPage
from projects.models import CallIndexPage, ProjectIndexPage, ProjectPage
from clermont_intl.news.models import NewsIndexPage
from cied.exhibitions import ExhibitionIndexPage

def journey(language):
    with translation.override(language):
        partners = PartnerIndexPage.objects.get().url
        search = "/fr/recherche/" if language == "fr" else "/en/search/"
        return [
            ("home", HomePage.objects.get().url),
            ("mission", MissionPage.objects.get().url),
            ("partner index", partners),
            ("partner index, filtered", partners + "?relationship=twin_city&sort=year"),
            ("partner page", PartnerCityPage.objects.get(slug_fr="petit-ville-0000").url),
            ("projects index", ProjectIndexPage.objects.get().url),
            ("project page", ProjectPage.objects.get(slug_fr="petit-projet-000").url),
            ("CIED page", CiedPage.objects.get().url),
            ("calls index", CallIndexPage.objects.get().url),
            ("news index", NewsIndexPage.objects.get().url),
            ("exhibitions", ExhibitionIndexPage.objects.get().url),
            ("events index", EventIndexPage.objects.get().url),
            ("event page", EventPage.objects.get(slug_fr="petit-conference-0001").url),
            ("search", search + "?q=culture"),
        ]

Rendition = get_image_model().get_rendition_model()
renditions = Rendition.objects.count()  # before any page request
client = Client(HTTP_HOST="127.0.0.1")
rows = []

def render(url):
    # (status, queries, milliseconds) of one request, in this process.
    with CaptureQueriesContext(connection) as queries:
        start = time.perf_counter()
        status = client.get(url).status_code
        elapsed = (time.perf_counter() - start) * 1000
    return status, len(queries), elapsed

for language in ("fr", "en"):
    for name, url in journey(language):
        client.get(url)
        # First render after an editor published: every cached fragment is built again.
        firsts = []
        for _publish in range(5):
            renew()
            _status, cold_queries, cold_ms = render(url)
            firsts.append(cold_ms)
        cold_ms = statistics.median(firsts)
        status, queries, _ms = render(url)
        warm_ms = statistics.median(render(url)[2] for _ in range(20))
        rows.append({"language": language, "page": name, "url": url, "status": status,
                     "queries": queries, "cold_queries": cold_queries,
                     "cold_ms": cold_ms, "warm_ms": warm_ms})
print("MEASURE " + json.dumps({"rows": rows, "renditions": renditions}))
"""

COUNT_RENDITIONS = (
    "from wagtail.images import get_image_model; "
    "print('RENDITIONS', get_image_model().get_rendition_model().objects.count())"
)


def log(message):
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def psql_admin(db_name, *args):
    subprocess.run(
        [*args, "-h", PG["host"], "-p", PG["port"], "-U", PG["user"], db_name],
        check=False,
        capture_output=True,
    )


def manage(env, *args, capture=False, cwd=ROOT):
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=cwd,
        env=env,
        capture_output=capture,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise SystemExit(f"manage.py {' '.join(args)} failed:\n{result.stderr}")
    return result.stdout if capture else ""


def wait_for(url, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"{url} did not answer")


def wrk(url, seconds=SECONDS):
    """{requests, seconds, errors, rps, p50, p95, p99} of one wrk run (latencies in ms)."""
    threads = min(2, CONNECTIONS)
    output = subprocess.run(
        ["wrk", f"-t{threads}", f"-c{CONNECTIONS}", f"-d{seconds}s", "-s", str(LUA), url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    line = next(line for line in output.splitlines() if line.startswith("RESULT "))
    result = json.loads(line.removeprefix("RESULT "))
    result["rps"] = result["requests"] / result["seconds"]
    return result


def paired_runs(targets):
    """{mode: median run} of the proxy and the static modes, run in turns.

    Both serve a page in a fraction of a millisecond, so what else the machine does (wrk
    itself, a worker finishing, another program) moves either by a quarter from one run to the
    next. Runs taken in turns, and the median of each mode, compare them under the same
    conditions; as long in all as one run of the other modes.
    """
    seconds = max(1, round(SECONDS / PAIRED_ROUNDS))
    runs = {mode: [] for mode in PAIRED}
    for _round in range(PAIRED_ROUNDS):
        for mode in PAIRED:
            runs[mode].append(wrk(targets[mode], seconds))
    return {mode: sorted(results, key=lambda r: r["rps"])[len(results) // 2]
            for mode, results in runs.items()}  # fmt: skip


def machine():
    cpu = "unknown"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    memory = "unknown"
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal"):
            memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    return {
        "cores": os.cpu_count(),
        "cpu": cpu,
        "memory": memory,
        "system": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
    }


def versions():
    def first_line(command):
        try:
            result = subprocess.run(command, capture_output=True, text=True, check=False)
            return (result.stdout or result.stderr).strip().splitlines()[0]
        except (OSError, IndexError):
            return "?"

    return {
        "varnish": first_line(["varnishd", "-V"]),
        "nginx": first_line(["nginx", "-v"]),
        "wrk": first_line(["wrk", "--version"]),
        "postgresql": first_line(["psql", "--version"]),
    }


def start(command, **kwargs):
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **kwargs)


def static_copy(pages, web_port, directory):
    """Save each page as the site serves it; nginx then serves these files."""
    root = directory / "www"
    root.mkdir()
    for number, page in enumerate(pages):
        request = urllib.request.Request(f"http://127.0.0.1:{web_port}{page['url']}")
        with urllib.request.urlopen(request, timeout=30) as response:
            (root / f"{number}.html").write_bytes(response.read())
        page["static_path"] = f"/{number}.html"
    return root


def nginx_static_conf(directory, root, port):
    temp = directory / "nginx-tmp"
    temp.mkdir()
    conf = directory / "nginx.conf"
    conf.write_text(
        f"worker_processes auto;\npid {directory}/nginx.pid;\nerror_log {directory}/nginx.log;\n"
        "events { worker_connections 1024; }\n"
        "http {\n  include /etc/nginx/mime.types;\n  access_log off;\n  sendfile on;\n"
        f"  client_body_temp_path {temp}; proxy_temp_path {temp}; fastcgi_temp_path {temp};\n"
        f"  uwsgi_temp_path {temp}; scgi_temp_path {temp};\n"
        f"  server {{ listen 127.0.0.1:{port}; root {root}; }}\n}}\n"
    )
    return conf


def gunicorn_command(port):
    return [sys.executable, "-m", "gunicorn", "clermont_intl.wsgi:application",
            "--bind", f"127.0.0.1:{port}", "--workers", str(WORKERS)]  # fmt: skip


def dead_redis_url():
    """A Redis URL on a loopback port where nothing listens (connection refused)."""
    return f"redis://127.0.0.1:{free_port()}/0"


def baseline_pages():
    """The bakerydemo's home, blog index and first blog post, or [] without BENCH_BASELINE_URL."""
    if not BASELINE_URL:
        return []
    with urllib.request.urlopen(BASELINE_URL + "/blog/", timeout=30) as response:
        html = response.read().decode()
    post = next(
        href
        for href in re.findall(r'href="([^"]+)"', html)
        if re.fullmatch(r"(https?://[^/]+)?/blog/[^/?#]+/", href)
    )
    post = post if post.startswith("http") else BASELINE_URL + post
    return [("home", BASELINE_URL + "/"), ("blog index", BASELINE_URL + "/blog/"),
            ("blog post", post)]  # fmt: skip


def side_by_side(pages):
    """wrk against the bakerydemo's like pages: [{ours, theirs, url, ...}], or None if skipped."""
    if not BASELINE_URL:
        log("no BENCH_BASELINE_URL: side-by-side comparison skipped")
        return None
    theirs = dict(baseline_pages())
    rows = []
    for ours, their_name in SIDE_BY_SIDE:
        url = theirs[their_name]
        log(f"baseline {their_name}")
        urllib.request.urlopen(url, timeout=30).read()
        result = wrk(url)
        mine = next(p for p in pages if p["page"] == ours and p["language"] == "fr")
        rows.append({"ours": ours, "theirs": their_name, "url": url, "result": result,
                     "mine": mine["uncached"], "mine_down": mine["redis down"]})  # fmt: skip
    return rows


def fmt(value, digits=0):
    return f"{value:,.{digits}f}".replace(",", " ")


def site_env(directory, db_name):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "clermont_intl.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(48),
        "DATABASE_URL": f"postgres://{PG['user']}@{PG['host']}:{PG['port']}/{db_name}",
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "SECURE_SSL_REDIRECT": "false",
        "STATIC_ROOT": str(directory / f"static-{db_name}"),
        "MEDIA_ROOT": str(directory / f"media-{db_name}"),
        "REDIS_URL": os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/9"),
        "LOG_LEVEL": "WARNING",
    }


def build_site(env, db_name, sizes, checkout=ROOT):
    """A fresh database with the seed and the fictitious pages of sizes, built by checkout."""
    log(f"database {db_name} ({checkout.name})")
    # A previous run's cache describes a database since dropped (renditions, fragments).
    redis.Redis.from_url(env["REDIS_URL"]).flushdb()
    psql_admin(db_name, "dropdb", "--if-exists")
    psql_admin(db_name, "createdb")
    manage(env, "migrate", "--noinput", "-v", "0", cwd=checkout)
    manage(env, "collectstatic", "--noinput", "-v", "0", cwd=checkout)
    manage(env, "load_seed_content", cwd=checkout)
    for size in sizes:
        counts = [f"--{kind}={count}" for kind, count in size.items() if kind != "prefix"]
        manage(env, "build_large_site", f"--prefix={size['prefix']}", *counts, cwd=checkout)
    # As autovacuum would after such a load: the planner then knows the tables' sizes.
    psql_admin(db_name, "psql", "-c", "ANALYZE")


def bench_site(name, sizes, directory, processes):
    """Every page of the journeys in every mode, on one size of site: (pages, renditions)."""
    env = site_env(directory, DB_NAME)
    env.pop("FRONTEND_CACHE_URL", None)
    build_site(env, DB_NAME, sizes)
    log(f"{name}: counting queries, timing first renders")
    output = manage(env, "shell", "--no-imports", "-c", MEASURE, capture=True)
    measured = json.loads(output.split("MEASURE ", 1)[1].splitlines()[0])
    pages = measured["rows"]
    bad = [page for page in pages if page["status"] != 200]
    if bad:
        raise SystemExit(f"pages did not answer 200: {bad}")

    web, degraded, proxy, static = free_port(), free_port(), free_port(), free_port()
    started = []
    for port, process_env in ((web, env), (degraded, {**env, "REDIS_URL": dead_redis_url()})):
        started.append(start(gunicorn_command(port), cwd=ROOT, env=process_env))
        wait_for(f"http://127.0.0.1:{port}/healthz/")
    vcl = directory / f"vcl-{name}"
    vcl.mkdir()
    shutil.copy(DEPLOY / "varnish" / "default.vcl", vcl / "default.vcl")
    backend = (DEPLOY / "varnish" / "backend.vcl").read_text()
    (vcl / "backend.vcl").write_text(
        backend.replace('"web"', '"127.0.0.1"').replace('"8000"', f'"{web}"')
    )
    started.append(
        start(
            [
                "varnishd",
                "-F",
                "-n",
                str(vcl / "work"),
                "-a",
                f"127.0.0.1:{proxy}",
                "-p",
                f"vcl_path={vcl}",
                "-f",
                str(vcl / "default.vcl"),
                "-I",
                str(DEPLOY / "varnish" / "startup.cli"),
                "-s",
                "malloc,256m",
            ]
        )  # fmt: skip
    )
    processes.extend(started)
    wait_for(f"http://127.0.0.1:{proxy}/healthz/")
    www = directory / f"www-{name}"
    www.mkdir()
    root = static_copy(pages, web, www)
    conf = nginx_static_conf(www, root, static)
    nginx = start(["nginx", "-c", str(conf), "-g", "daemon off;"])
    started.append(nginx)
    processes.append(nginx)
    wait_for(f"http://127.0.0.1:{static}/0.html")

    for page in pages:
        log(f"{name}: {page['language']} {page['page']}")
        targets = {
            "uncached": f"http://127.0.0.1:{web}{page['url']}",
            "redis down": f"http://127.0.0.1:{degraded}{page['url']}",
            "proxy": f"http://127.0.0.1:{proxy}{page['url']}",
            "static": f"http://127.0.0.1:{static}{page['static_path']}",
        }
        for mode, url in targets.items():
            urllib.request.urlopen(url, timeout=30).read()  # warm-up (fills the cache)
            if mode not in PAIRED:
                page[mode] = wrk(url)
        page.update(paired_runs(targets))

    after = manage(env, "shell", "--no-imports", "-c", COUNT_RENDITIONS, capture=True)
    renditions = (measured["renditions"], int(after.split("RENDITIONS", 1)[1].split()[0]))
    stop(started)
    return pages, renditions


def bench_before(name, sizes, pages, directory):
    """The same pages, served by an earlier version of this project (BENCH_BEFORE_CHECKOUT)
    on the same kind of site, uncached (Redis up): {(language, page): wrk result}."""
    if not BEFORE_CHECKOUT:
        return None
    checkout = Path(BEFORE_CHECKOUT).resolve()
    env = site_env(directory, BEFORE_DB_NAME)
    env.pop("FRONTEND_CACHE_URL", None)
    build_site(env, BEFORE_DB_NAME, sizes, checkout)
    port = free_port()
    process = start(gunicorn_command(port), cwd=checkout, env=env)
    try:
        wait_for(f"http://127.0.0.1:{port}/healthz/")
        results = {}
        for page in pages:
            log(f"{name}, before: {page['language']} {page['page']}")
            url = f"http://127.0.0.1:{port}{page['url']}"
            urllib.request.urlopen(url, timeout=30).read()
            results[(page["language"], page["page"])] = wrk(url)
        return results
    finally:
        stop([process])
        psql_admin(BEFORE_DB_NAME, "dropdb", "--if-exists")


def stop(processes):
    for process in processes:
        process.terminate()
    for process in processes:
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


def site_targets(name, pages, renditions, baseline):
    """[(label, ok or None, detail)] of one site."""
    max_queries = max(page["queries"] for page in pages)
    max_cold_queries = max(page["cold_queries"] for page in pages)
    worst_first = max(page["cold_ms"] for page in pages)
    worst_ratio = min(page["proxy"]["rps"] / page["static"]["rps"] for page in pages)
    worst_degraded_p95 = max(page["redis down"]["p95"] for page in pages)
    errors = sum(
        page[mode]["errors"] for page in pages for mode in ("uncached", "redis down", "proxy")
    )
    targets = [
        (f"{name}: ≤ {MAX_QUERIES} SQL queries per page", max_queries <= MAX_QUERIES,
         f"at most {max_queries} (first render after a publish: at most {max_cold_queries})"),
        (f"{name}: first render after a publish, p50 ≤ {MAX_FIRST_RENDER_MS} ms",
         worst_first <= MAX_FIRST_RENDER_MS, f"worst median {worst_first:.1f} ms"),
        (f"{name}: through Varnish ≥ {MIN_PROXY_RATIO:.0%} of nginx serving the same bytes",
         worst_ratio >= MIN_PROXY_RATIO, f"lowest ratio {worst_ratio:.0%}"),
        (f"{name}: with Redis down, every page answers",
         all(page["redis down"]["requests"] > 0 for page in pages),
         f"worst p95 {worst_degraded_p95:.1f} ms"),
    ]  # fmt: skip
    if baseline is None:
        targets.append(
            (
                f"{name}: like pages ≥ {MIN_BASELINE_RATIO}× the bakerydemo's requests per second "
                f"(≥ {MIN_BASELINE_RATIO_REDIS_DOWN}× with Redis down)",
                None,
                "skipped: no copy of the bakerydemo configured (BENCH_BASELINE_URL)",
            )  # fmt: skip
        )
    else:
        up = min(row["mine"]["rps"] / row["result"]["rps"] for row in baseline)
        down = min(row["mine_down"]["rps"] / row["result"]["rps"] for row in baseline)
        targets += [
            (f"{name}: like pages ≥ {MIN_BASELINE_RATIO}× the bakerydemo's requests per second",
             up >= MIN_BASELINE_RATIO, f"lowest {up:.1f}×"),
            (f"{name}: with Redis down, ≥ {MIN_BASELINE_RATIO_REDIS_DOWN}× the bakerydemo's",
             down >= MIN_BASELINE_RATIO_REDIS_DOWN, f"lowest {down:.1f}×"),
        ]  # fmt: skip
    before, after = renditions
    targets += [
        (f"{name}: no rendition made during page requests", after == before,
         f"{after - before} made"),
        (f"{name}: no errors", errors == 0, f"{errors} errors"),
    ]  # fmt: skip
    return targets


def write_report(context):
    info = context["machine"]
    lines = [
        "# Performance",
        "",
        "Figures from `make bench` (bench/run.py), written by the benchmark itself on "
        f"{context['date']}, at commit {context['commit']}. Rerun it to refresh them.",
        "",
        "## Machine",
        "",
        f"- {info['cores']} cores: {info['cpu']}",
        f"- {info['memory']} of memory; {info['system']}; Python {info['python']}",
        f"- Load average when the run started: {context['load']}; when it ended: "
        f"{context['load_at_end']} (the machine is shared: other test suites may have been "
        "running at the same time, and then every figure below is lower than on an idle machine)",
        f"- {context['versions']['postgresql']}; {context['versions']['varnish']}; "
        f"{context['versions']['nginx']}; {context['versions']['wrk']}",
        "- Everything on this one machine: PostgreSQL, gunicorn "
        f"({WORKERS} sync workers, production settings, Redis cache), Varnish, nginx and wrk "
        "(which takes CPU from the server too).",
        "",
        "## Sites and load",
        "",
        "- **seeded**: the seed plus "
        + ", ".join(f"{count} {kind}" for kind, count in SMALL.items() if kind != "prefix")
        + " (fictitious, so that every page type is there); **10×**: the same plus "
        + ", ".join(f"{count} {kind}" for kind, count in LARGE.items() if kind != "prefix")
        + f" (ten times the seed's partner cities and projects). Each in the PostgreSQL "
        f"database `{DB_NAME}`, created and dropped by the run; renditions made at publish "
        "time. The same two sizes as `tests/caching/test_query_counts.py`.",
        f"- Each page, in French and English: wrk, {CONNECTIONS} concurrent connections, "
        f"{SECONDS} s, after one warm-up request. The proxy and static modes, compared with "
        f"each other, run in turns instead: {PAIRED_ROUNDS} runs of "
        f"{max(1, round(SECONDS / PAIRED_ROUNDS))} s each, and the table shows each one's "
        "median run.",
        "- Modes: **uncached** (gunicorn directly, Redis up: the application's few cached "
        "fragments are warm), **redis down** (gunicorn directly, its REDIS_URL on a port where "
        "nothing answers: every fragment rendered on every request), **proxy** (through Varnish "
        "with the shipped VCL and startup.cli, cache warm) and **static** (nginx serving a "
        "saved copy of the same page: the limit of this machine). *Ratio* is requests per "
        "second over the static mode's.",
        "",
        "## Targets",
        "",
    ]
    for label, ok, detail in context["targets"]:
        mark = "➖" if ok is None else ("✅" if ok else "❌")
        lines.append(f"- {mark} {label}: {detail}")
    for name, site in context["sites"].items():
        pages = site["pages"]
        lines += [
            "",
            f"## Per page, {name} site",
            "",
            "| Page | Lang | SQL | Mode | req/s | p50 ms | p95 ms | p99 ms | Errors | Ratio |",
            "|---|---|---:|---|---:|---:|---:|---:|---:|---:|",
        ]
        for page in pages:
            static_rps = page["static"]["rps"]
            for mode in MODES:
                result = page[mode]
                lines.append(
                    f"| {page['page']} | {page['language']} | {page['queries']} | {mode} | "
                    f"{fmt(result['rps'])} | {fmt(result['p50'], 1)} | "
                    f"{fmt(result['p95'], 1)} | {fmt(result['p99'], 1)} | {result['errors']} | "
                    f"{result['rps'] / static_rps:.0%} |"
                )
        lines += [
            "",
            f"### Rendering in one process, {name} site",
            "",
            "One request at a time in one process (Django's test client, production settings, "
            "same database and Redis). *First render* is the first request after an editor "
            "published something: the site version has changed "
            "(`clermont_intl/caching/fragments.py`), so the header, footer and the other cached "
            "fragments of the page are rendered again and stored (median of five publishes); "
            "*later* is the median of 20 requests after it, as every request of the load above.",
            "",
            "| Page | Lang | SQL, first render | SQL, later | ms, first render | ms, later |",
            "|---|---|---:|---:|---:|---:|",
        ]
        for page in pages:
            lines.append(
                f"| {page['page']} | {page['language']} | {page['cold_queries']} | "
                f"{page['queries']} | {fmt(page['cold_ms'], 1)} | {fmt(page['warm_ms'], 1)} |"
            )
        before, after = site["renditions"]
        lines += [
            "",
            f"Image renditions before any page request: {before}; after all of them: {after}.",
        ]
        if site["before"] is not None:
            lines += [
                "",
                f"### Against the earlier version, {name} site",
                "",
                f"The same pages, uncached with Redis up, served by {context['before_commit']} "
                "(an earlier version of this project, BENCH_BEFORE_CHECKOUT) on the same kind of "
                "site, in the same run.",
                "",
                "| Page | Lang | req/s now | p95 ms now | req/s before | p95 ms before | "
                "Now ÷ before |",
                "|---|---|---:|---:|---:|---:|---:|",
            ]
            for page in pages:
                then = site["before"][(page["language"], page["page"])]
                now = page["uncached"]
                lines.append(
                    f"| {page['page']} | {page['language']} | {fmt(now['rps'])} | "
                    f"{fmt(now['p95'], 1)} | {fmt(then['rps'])} | {fmt(then['p95'], 1)} | "
                    f"{now['rps'] / then['rps']:.2f}× |"
                )
        lines += ["", f"### Side by side with the Wagtail bakerydemo, {name} site", ""]
        if site["baseline"] is None:
            lines.append(
                "Skipped: no copy of the bakerydemo was configured for this run (set "
                "BENCH_BASELINE_URL to its address, e.g. http://127.0.0.1:8100, to add it)."
            )
        else:
            lines += [
                "The same wrk run (uncached, same machine, same run) against a copy of the "
                f"bakerydemo at {BASELINE_URL}.",
                "",
                "| Our page (FR) | req/s | req/s, Redis down | Bakerydemo page | req/s | "
                "Ours ÷ theirs | Redis down ÷ theirs |",
                "|---|---:|---:|---|---:|---:|---:|",
            ]
            for row in site["baseline"]:
                mine, down, theirs = row["mine"], row["mine_down"], row["result"]
                lines.append(
                    f"| {row['ours']} | {fmt(mine['rps'])} | {fmt(down['rps'])} | "
                    f"{row['theirs']} | {fmt(theirs['rps'])} | "
                    f"{mine['rps'] / theirs['rps']:.1f}× | {down['rps'] / theirs['rps']:.1f}× |"
                )
    lines += [
        "",
        "SQL: queries for one request, counted with Django's test client and "
        "`CaptureQueriesContext` on the same database. The counts per page type are pinned in "
        "`tests/caching/test_query_counts.py` on the seeded site and at ten times the content.",
        "",
        "## Rerun",
        "",
        "```sh",
        "make bench                      # about an hour; needs PostgreSQL on 127.0.0.1:5432",
        "BENCH_SITES=10× make bench      # one site only",
        "BENCH_SECONDS=15 make bench     # longer runs per page",
        "```",
        "",
        "It needs Debian's `varnish`, `nginx-light` and `wrk` (`.ci/run` installs them) and "
        "PostgreSQL reachable as `postgres` on 127.0.0.1 (PGHOST/PGPORT/PGUSER to change it) "
        "and Redis (database 9 of 127.0.0.1:6379, emptied by the run; BENCH_REDIS_URL to change "
        "it). BENCH_BASELINE_URL adds a running bakerydemo side by side; BENCH_BEFORE_CHECKOUT, "
        "a checkout of an earlier version of this project (`git worktree add`), built and served "
        "the same way.",
        "",
        "## What the modes measure",
        "",
        "- **uncached** means without the caching proxy: gunicorn answers every request, Django "
        "routes it and renders the template, from the database. The application keeps only a "
        "few fragments that are the same for every visitor in Redis (header and menu, footer, "
        "partner map, card lists: `docs/architecture.md`, *Caching*), under a site version "
        "that changes after every change a visitor can see. Everything else, filters, counts, "
        "pagination, what the clock selects, the search, is queried on every request.",
        "- **redis down** is the same with Redis unreachable (connection refused): no fragment "
        "is kept, every page is rendered whole from the database on every request.",
        "- **proxy** is Varnish with the shipped VCL, warm: what citizens get for a page someone "
        "has already asked for since the last publish.",
        "- **static** is nginx serving the same bytes from a file: what this machine can do at "
        "best, the reference for the ratios.",
        "- wrk runs on the same two cores as the server, PostgreSQL and Redis, so every figure "
        "includes their competition for the CPU; the load average above says how busy the "
        "machine was besides.",
        "",
    ]
    REPORT.write_text("\n".join(lines))


LOAD_AT_START = "{:.2f} {:.2f} {:.2f}".format(*os.getloadavg())


def commit_of(checkout):
    result = subprocess.run(
        ["git", "-C", str(checkout), "rev-parse", "--short", "HEAD"],
        capture_output=True,
        text=True,
        check=False,
    )
    dirty = subprocess.run(
        ["git", "-C", str(checkout), "status", "--porcelain", "--untracked-files=no"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    return (result.stdout.strip() or "unknown") + (" with uncommitted changes" if dirty else "")


def main():
    for program in ("wrk", "varnishd", "nginx", "createdb"):
        if not shutil.which(program) and not Path(f"/usr/sbin/{program}").exists():
            raise SystemExit(f"{program} is needed (apt-get install wrk varnish nginx-light)")
    directory = Path(tempfile.mkdtemp(prefix="clermont-bench-"))
    directory.chmod(0o755)
    processes = []
    sites, targets = {}, []
    try:
        for name in WANTED_SITES:
            pages, renditions = bench_site(name, SITES[name], directory, processes)
            baseline = side_by_side(pages)
            before = bench_before(name, SITES[name], pages, directory)
            sites[name] = {"pages": pages, "renditions": renditions, "baseline": baseline,
                           "before": before}  # fmt: skip
            targets += site_targets(name, pages, renditions, baseline)
        counts = {
            name: {(p["language"], p["page"]): p["queries"] for p in site["pages"]}
            for name, site in sites.items()
        }
        if len(counts) > 1:
            first, *others = counts.values()
            same = all(other == first for other in others)
            targets.append(
                (
                    "SQL queries per page the same on every site",
                    same,
                    "the same" if same else "they differ: see the tables",
                )  # fmt: skip
            )
        context = {
            "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
            "commit": commit_of(ROOT),
            "before_commit": commit_of(Path(BEFORE_CHECKOUT)) if BEFORE_CHECKOUT else None,
            "machine": machine(),
            "load": LOAD_AT_START,
            "load_at_end": "{:.2f} {:.2f} {:.2f}".format(*os.getloadavg()),
            "versions": versions(),
            "sites": sites,
            "targets": targets,
        }
        write_report(context)
        log(f"report written to {REPORT.relative_to(ROOT)}")
    finally:
        stop(processes)
        psql_admin(DB_NAME, "dropdb", "--if-exists")
        shutil.rmtree(directory, ignore_errors=True)


if __name__ == "__main__":
    main()
