"""The layout docs/architecture.md describes: the core imports none of the domain apps."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOMAIN_APPS = {"partners", "projects", "cied"}


def imported_modules(path):
    tree = ast.parse(path.read_text(), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module


def test_the_core_imports_no_domain_app():
    offenders = []
    for path in (ROOT / "clermont_intl").rglob("*.py"):
        if "migrations" in path.parts:
            continue  # historical states name the apps they depended on then
        for module in imported_modules(path):
            if module.split(".")[0] in DOMAIN_APPS:
                offenders.append(f"{path.relative_to(ROOT)}: {module}")
    assert offenders == []


def test_the_check_finds_an_import_of_a_domain_app(tmp_path):
    """The scan above can fail: it sees both import forms."""
    module = tmp_path / "module.py"
    module.write_text("import partners.models\nfrom cied.models import EventPage\n")
    assert set(imported_modules(module)) == {"partners.models", "cied.models"}


def test_each_domain_app_registers_its_seed_and_demo_content():
    from clermont_intl.content.demo import demo_sections
    from clermont_intl.content.seed import seed_sections

    assert [section.name for section in seed_sections()] == [
        "partners",
        "projects",
        "cied",
        "news",
    ]
    assert [section.name for section in demo_sections()] == [
        "partners",
        "projects",
        "calls",
        "events",
        "exhibitions",
        "news",
    ]
