"""What the browser tests check with: axe-core in the page, the Nu Html Checker on the HTML."""

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NODE_MODULES = ROOT / "var" / "node" / "node_modules"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
SCREENSHOTS = ROOT / "var" / "screenshots"


def require(condition, message):
    """Fail under CI, skip on a developer's machine: CI must never pass without the browser."""
    if condition:
        return
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(f"Browser test prerequisite missing: {message}", pytrace=False)
    pytest.skip(f"{message} (run `make test`, or set CI=true to make this a failure)")


def run_axe(page, tags=("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")):
    """axe-core's violations on the current page, as a list of dicts (id, impact, help, nodes)."""
    require(AXE_JS.exists(), f"{AXE_JS} not found (npm ci --prefix var/node, see Makefile)")
    page.add_script_tag(content=AXE_JS.read_text(encoding="utf-8"))
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags},"
        " resultTypes: ['violations']})",
        list(tags),
    )
    return result["violations"]


def serious_violations(violations):
    """A readable list of the violations of impact serious or critical."""
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(node["html"][:160] for node in v["nodes"][:5])
        for v in violations
        if v["impact"] in ("serious", "critical")
    ]


def _report(completed):
    """vnu's JSON report (written to stderr); a checker that did not run is an error, not a
    clean bill of health."""
    try:
        report = json.loads(completed.stderr)
    except ValueError:
        report = None
    if not isinstance(report, dict) or "messages" not in report:
        raise RuntimeError(f"The Nu Html Checker did not run: {completed.stderr[:500]!r}")
    return report


def check_html(html):
    """The Nu Html Checker's errors on a document, as a list of "line N: message" strings."""
    java = shutil.which("java")
    require(java, "java not found (the Nu Html Checker runs on Java)")
    require(VNU_JAR.exists(), f"{VNU_JAR} not found (npm ci --prefix var/node, see Makefile)")
    completed = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json", "-"],
        input=html.encode("utf-8"),
        capture_output=True,
        timeout=120,
        check=False,
    )
    report = _report(completed)
    return [
        f"line {message.get('lastLine', '?')}: {message['message']}"
        f" — {message.get('extract', '').strip()[:120]}"
        for message in report.get("messages", [])
        if message.get("type") in ("error", "non-document-error")
    ]


def check_many_html(documents):
    """check_html for several documents in one Java start: {name: [errors]}.

    vnu reads files; each document is written to a temporary folder under var/vnu/, one per
    call, since parallel test workers check at the same time."""
    java = shutil.which("java")
    require(java, "java not found (the Nu Html Checker runs on Java)")
    require(VNU_JAR.exists(), f"{VNU_JAR} not found (npm ci --prefix var/node, see Makefile)")
    (ROOT / "var" / "vnu").mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(dir=ROOT / "var" / "vnu"))
    paths = {}
    for index, (name, html) in enumerate(documents.items()):
        path = folder / f"{index:03d}.html"
        path.write_text(html, encoding="utf-8")
        paths[path.name] = name
    try:
        completed = subprocess.run(
            [
                java,
                "-jar",
                str(VNU_JAR),
                "--errors-only",
                "--format",
                "json",
                *map(str, folder.glob("*.html")),
            ],
            capture_output=True,
            timeout=300,
            check=False,
        )
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    report = _report(completed)
    errors = {name: [] for name in documents}
    for message in report.get("messages", []):
        if message.get("type") not in ("error", "non-document-error"):
            continue
        # vnu names a file "file:/path/…": keep the file name to find the document.
        url = message.get("url", "")
        name = paths.get(url.rsplit("/", 1)[-1], url)
        errors.setdefault(name, []).append(
            f"line {message.get('lastLine', '?')}: {message['message']}"
            f" — {message.get('extract', '').strip()[:120]}"
        )
    return errors
