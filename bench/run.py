"""The benchmark behind `make bench`: a large site, four ways of serving it, one report.

1. Creates the PostgreSQL database bench_clermont, migrates it, loads the seed and adds 200
   partner cities (each with an image), 60 projects and 800 events (manage.py build_large_site).
2. Counts the SQL queries of each page of the journeys with Django's test client, warm and on
   the first render after a publish.
3. Starts gunicorn with Redis, gunicorn with a Redis that does not answer, Varnish (the shipped
   VCL) in front of the first, and nginx serving a static copy of the same pages, all on
   loopback ports, and drives each page with wrk in each mode.
4. If BENCH_BASELINE_URL names a running copy of the Wagtail bakerydemo, drives its home, blog
   index and a blog post the same way, side by side with our like pages.
5. Writes docs/performance.md and drops the database.

Run from the repository root: `make bench` (or `.venv/bin/python -m bench.run`).
Environment: BENCH_SECONDS (per page and mode, default 8), BENCH_CONNECTIONS (10),
BENCH_WORKERS (gunicorn workers, default 2 × cores), PGHOST/PGPORT/PGUSER (127.0.0.1/5432/postgres),
BENCH_REDIS_URL (redis://127.0.0.1:6379/9, emptied), BENCH_BASELINE_URL (unset: no side by side).
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
SIZE = {"partners": 200, "projects": 60, "events": 800}
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
from clermont_intl.caching.generation import bump_generation
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
            ("partner page", PartnerCityPage.objects.get(slug_fr="grand-ville-0100").url),
            ("projects index", ProjectIndexPage.objects.get().url),
            ("project page", ProjectPage.objects.live().order_by("path").last().url),
            ("CIED page", CiedPage.objects.get().url),
            ("calls index", CallIndexPage.objects.get().url),
            ("news index", NewsIndexPage.objects.get().url),
            ("exhibitions", ExhibitionIndexPage.objects.get().url),
            ("events index", EventIndexPage.objects.get().url),
            ("event page", EventPage.objects.get(slug_fr="grand-conference-0500").url),
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
        bump_generation()
        _status, cold_queries, cold_ms = render(url)
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


def psql_admin(*args):
    subprocess.run(
        [*args, "-h", PG["host"], "-p", PG["port"], "-U", PG["user"], DB_NAME],
        check=False,
        capture_output=True,
    )


def manage(env, *args, capture=False):
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
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
                     "mine": mine["uncached"]})  # fmt: skip
    return rows


def baseline_target(pages, baseline):
    if baseline is None:
        return (
            "like pages ≥ 5× the bakerydemo's requests per second",
            None,
            "skipped: no copy of the bakerydemo configured (BENCH_BASELINE_URL)",
        )
    worst = min(row["mine"]["rps"] / row["result"]["rps"] for row in baseline)
    label = "like pages ≥ 5× the bakerydemo's requests per second"
    return (label, worst >= 5, f"lowest {worst:.1f}×")


def fmt(value, digits=0):
    return f"{value:,.{digits}f}".replace(",", " ")


def write_report(context):
    pages, info = context["pages"], context["machine"]
    lines = [
        "# Performance",
        "",
        "Figures from `make bench` (bench/run.py), written by the benchmark itself on "
        f"{context['date']}. Rerun it to refresh them.",
        "",
        "## Machine",
        "",
        f"- {info['cores']} cores: {info['cpu']}",
        f"- {info['memory']} of memory; {info['system']}; Python {info['python']}",
        f"- Load average when the run started: {context['load']} (the machine is shared: other "
        "test suites may have been running at the same time)",
        f"- {context['versions']['postgresql']}; {context['versions']['varnish']}; "
        f"{context['versions']['nginx']}; {context['versions']['wrk']}",
        "- Everything on this one machine: PostgreSQL, gunicorn "
        f"({WORKERS} sync workers, production settings, Redis cache), Varnish, nginx and wrk "
        "(which takes CPU from the server too).",
        "",
        "## Site and load",
        "",
        f"- The seed plus {SIZE['partners']} partner cities (each with a gallery image), "
        f"{SIZE['projects']} projects and {SIZE['events']} events, in the PostgreSQL database "
        f"`{DB_NAME}` (created and dropped by the run); renditions made at publish time.",
        f"- Each page, in French and English: wrk, {CONNECTIONS} concurrent connections, "
        f"{SECONDS} s, after one warm-up request. The proxy and static modes, compared with "
        f"each other, run in turns instead: {PAIRED_ROUNDS} runs of "
        f"{max(1, round(SECONDS / PAIRED_ROUNDS))} s each, and the table shows each one's "
        "median run.",
        "- Modes: **uncached** (gunicorn directly, Redis up), **redis down** (gunicorn "
        "directly, its REDIS_URL on a port where nothing answers), **proxy** (through Varnish "
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
    lines += [
        "",
        "## Per page",
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
                f"{fmt(result['rps'])} | {fmt(result['p50'], 1)} | {fmt(result['p95'], 1)} | "
                f"{fmt(result['p99'], 1)} | {result['errors']} | "
                f"{result['rps'] / static_rps:.0%} |"
            )
    lines += ["", "## Side by side with the Wagtail bakerydemo", ""]
    if context["baseline"] is None:
        lines.append(
            "Skipped: no copy of the bakerydemo was configured for this run (set "
            "BENCH_BASELINE_URL to its address, e.g. http://127.0.0.1:8100, to add it)."
        )
    else:
        lines += [
            "The same wrk run (uncached, same machine, same run) against a copy of the "
            f"bakerydemo at {BASELINE_URL}.",
            "",
            "| Our page (FR) | req/s | p95 ms | Bakerydemo page | req/s | p95 ms | Ours ÷ theirs |",
            "|---|---:|---:|---|---:|---:|---:|",
        ]
        for row in context["baseline"]:
            mine, theirs = row["mine"], row["result"]
            lines.append(
                f"| {row['ours']} | {fmt(mine['rps'])} | {fmt(mine['p95'], 1)} | "
                f"{row['theirs']} | {fmt(theirs['rps'])} | {fmt(theirs['p95'], 1)} | "
                f"{mine['rps'] / theirs['rps']:.1f}× |"
            )
    lines += [
        "",
        "SQL: queries for one request, counted with Django's test client and "
        "`CaptureQueriesContext` on the same database. The counts per page type are pinned in "
        "`tests/test_query_counts.py` on the seeded site and at ten times the content.",
        "",
        "## Rendering in one process",
        "",
        "What the load above does not show: one request at a time in one process (Django's test "
        "client, production settings, same database and Redis). *First render* is the first "
        "request after an editor published something: the cache generation has changed "
        "(`clermont_intl/caching/generation.py`), so the header, footer, partner map and the other "
        "cached fragments of the page are rendered again and stored; *later* is the median of "
        "20 requests after it, as every request of the load above.",
        "",
        "| Page | Lang | SQL, first render | SQL, later | ms, first render | ms, later |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for page in pages:
        lines.append(
            f"| {page['page']} | {page['language']} | {page['cold_queries']} | "
            f"{page['queries']} | {fmt(page['cold_ms'], 1)} | {fmt(page['warm_ms'], 1)} |"
        )
    lines += [
        "",
        f"Image renditions before any page request: {context['renditions_before']}; after all "
        f"of them: {context['renditions_after']}.",
        "",
        "## Rerun",
        "",
        "```sh",
        "make bench                      # about 10 minutes; needs PostgreSQL on 127.0.0.1:5432",
        "BENCH_SECONDS=15 make bench     # longer runs per page",
        "```",
        "",
        "It needs Debian's `varnish`, `nginx-light` and `wrk` (`.ci/run` installs them) and "
        "PostgreSQL reachable as `postgres` on 127.0.0.1 (PGHOST/PGPORT/PGUSER to change it) "
        "and Redis (database 9 of 127.0.0.1:6379, emptied by the run; BENCH_REDIS_URL to change "
        "it).",
        "",
        "## What the modes measure",
        "",
        "- **uncached** means without the caching proxy: gunicorn answers every request, Django "
        "routes it and renders the template. It still uses the application's own cache "
        "(`clermont_intl/caching/`, drawn in `docs/architecture.md`): the site for the host, "
        "the page found at an address, the menu, the contact details, the lists that filters "
        "choose from and the fragments of pages (header, footer, bodies, facts, teasers, "
        "partner pages, partner map, cards and timeline, event cards, the fields of a valid "
        "filter choice), kept in Redis and in each worker under one generation that lives in "
        "the database and changes with every change a visitor could see. Each request asks "
        "the database for that generation and for the private sections (one query). Filters, "
        "counts, pagination links and which events are still upcoming are computed on every "
        "request. A search asked again since the last publish is answered from the cache (as "
        "the proxy answers an address again); the *Rendering in one process* "
        "table shows what a page costs when its fragments have to be rendered again (the first "
        "request after a publish).",
        "- **redis down** is the same with Redis unreachable (connection refused): each worker "
        "renders what it needs and keeps it for the current generation in its own memory, so "
        "the site stays up and close to its usual speed; what an outage costs is that each "
        "worker renders every fragment once for itself after each publish.",
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


def main():
    for program in ("wrk", "varnishd", "nginx", "createdb"):
        if not shutil.which(program) and not Path(f"/usr/sbin/{program}").exists():
            raise SystemExit(f"{program} is needed (apt-get install wrk varnish nginx-light)")
    directory = Path(tempfile.mkdtemp(prefix="clermont-bench-"))
    directory.chmod(0o755)
    processes = []
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "clermont_intl.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(48),
        "DATABASE_URL": f"postgres://{PG['user']}@{PG['host']}:{PG['port']}/{DB_NAME}",
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "SECURE_SSL_REDIRECT": "false",
        "STATIC_ROOT": str(directory / "static"),
        "MEDIA_ROOT": str(directory / "media"),
        "REDIS_URL": os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/9"),
        "LOG_LEVEL": "WARNING",
    }
    env.pop("FRONTEND_CACHE_URL", None)
    try:
        log(f"database {DB_NAME}")
        # A previous run's cache describes a database since dropped (renditions, fragments).
        redis.Redis.from_url(env["REDIS_URL"]).flushdb()
        psql_admin("dropdb", "--if-exists")
        psql_admin("createdb")
        manage(env, "migrate", "--noinput", "-v", "0")
        manage(env, "collectstatic", "--noinput", "-v", "0")
        manage(env, "load_seed_content")
        log("building the large site")
        manage(
            env,
            "build_large_site",
            f"--partners={SIZE['partners']}",
            f"--projects={SIZE['projects']}",
            f"--events={SIZE['events']}",
        )
        # As autovacuum would after such a load: the planner then knows the tables' sizes.
        psql_admin("psql", "-c", "ANALYZE")
        log("counting queries")
        output = manage(env, "shell", "--no-imports", "-c", MEASURE, capture=True)
        measured = json.loads(output.split("MEASURE ", 1)[1].splitlines()[0])
        pages = measured["rows"]
        bad = [page for page in pages if page["status"] != 200]
        if bad:
            raise SystemExit(f"pages did not answer 200: {bad}")

        web, degraded, proxy, static = free_port(), free_port(), free_port(), free_port()
        for port, process_env in ((web, env), (degraded, {**env, "REDIS_URL": dead_redis_url()})):
            processes.append(start(gunicorn_command(port), cwd=ROOT, env=process_env))
            wait_for(f"http://127.0.0.1:{port}/healthz/")
        shutil.copy(DEPLOY / "varnish" / "default.vcl", directory / "default.vcl")
        backend = (DEPLOY / "varnish" / "backend.vcl").read_text()
        (directory / "backend.vcl").write_text(
            backend.replace('"web"', '"127.0.0.1"').replace('"8000"', f'"{web}"')
        )
        processes.append(
            start(
                [
                    "varnishd",
                    "-F",
                    "-n",
                    str(directory / "varnish"),
                    "-a",
                    f"127.0.0.1:{proxy}",
                    "-p",
                    f"vcl_path={directory}",
                    "-f",
                    str(directory / "default.vcl"),
                    "-I",
                    str(DEPLOY / "varnish" / "startup.cli"),
                    "-s",
                    "malloc,256m",
                ]
            )  # fmt: skip
        )
        wait_for(f"http://127.0.0.1:{proxy}/healthz/")
        root = static_copy(pages, web, directory)
        conf = nginx_static_conf(directory, root, static)
        processes.append(start(["nginx", "-c", str(conf), "-g", "daemon off;"]))
        wait_for(f"http://127.0.0.1:{static}/0.html")

        for page in pages:
            log(f"{page['language']} {page['page']}")
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

        baseline = side_by_side(pages)
        after = manage(env, "shell", "--no-imports", "-c", COUNT_RENDITIONS, capture=True)
        renditions_after = int(after.split("RENDITIONS", 1)[1].split()[0])
        max_queries = max(page["queries"] for page in pages)
        max_cold_queries = max(page["cold_queries"] for page in pages)
        worst_p95 = max(page["uncached"]["p95"] for page in pages)
        worst_degraded_p95 = max(page["redis down"]["p95"] for page in pages)
        worst_ratio = min(page["proxy"]["rps"] / page["static"]["rps"] for page in pages)
        errors = sum(
            page[mode]["errors"]
            for page in pages
            for mode in ("uncached", "redis down", "proxy")
        )
        context = {
            "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
            "machine": machine(),
            "load": LOAD_AT_START,
            "versions": versions(),
            "pages": pages,
            "renditions_before": measured["renditions"],
            "renditions_after": renditions_after,
            "baseline": baseline,
            "targets": [
                ("≤ 15 SQL queries per page", max_queries <= 15, f"at most {max_queries}"),
                (
                    "≤ 20 SQL queries on the first render after a publish",
                    max_cold_queries <= 20,
                    f"at most {max_cold_queries}",
                ),
                (
                    f"uncached p95 ≤ 100 ms at {CONNECTIONS} concurrent clients",
                    worst_p95 <= 100,
                    f"worst p95 {worst_p95:.1f} ms",
                ),
                (
                    "with Redis down, every page answers",
                    all(page["redis down"]["requests"] > 0 for page in pages),
                    f"worst p95 {worst_degraded_p95:.1f} ms, "
                    f"{sum(page['redis down']['errors'] for page in pages)} errors",
                ),
                (
                    "through Varnish ≥ 80 % of nginx serving the same bytes",
                    worst_ratio >= 0.8,
                    f"lowest ratio {worst_ratio:.0%}",
                ),
                baseline_target(pages, baseline),
                (
                    "no rendition made during page requests",
                    renditions_after == measured["renditions"],
                    f"{renditions_after - measured['renditions']} made",
                ),
                ("no errors", errors == 0, f"{errors} errors"),
            ],
        }
        write_report(context)
        log(f"report written to {REPORT.relative_to(ROOT)}")
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
        psql_admin("dropdb", "--if-exists")
        shutil.rmtree(directory, ignore_errors=True)


if __name__ == "__main__":
    main()
