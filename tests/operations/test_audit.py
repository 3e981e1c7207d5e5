"""`make audit` tells the truth: a package it could not check fails the audit."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.loopback import free_port

pytestmark = pytest.mark.processes

ROOT = Path(__file__).resolve().parents[2]
PIP_AUDIT = ROOT / "var" / "audit" / "bin" / "pip-audit"


def test_make_audit_fails_when_the_advisory_service_cannot_be_reached():
    if not PIP_AUDIT.exists() or not shutil.which("make"):
        pytest.skip("pip-audit is installed by the first `make audit` (var/audit)")
    # Offline, as far as pip-audit can tell: every request goes to a proxy nobody runs.
    dead_proxy = f"http://127.0.0.1:{free_port()}"
    env = {k: v for k, v in os.environ.items() if k.lower() not in ("no_proxy", "https_proxy")}
    env.update(HTTPS_PROXY=dead_proxy, https_proxy=dead_proxy)
    result = subprocess.run(
        ["make", "--no-print-directory", "audit"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "No known vulnerabilities found" not in output
