"""The layout docs/architecture.md describes, read from the code itself.

The core (clermont_intl and its apps: editorial, news, outbox) depends on no domain app; the
domain apps (partners, projects, cied) may depend on the core and on their own code; partners and
projects on nothing of cied; no app imports another's private (leading underscore) names. A
dependency is an import, a permission named "app.codename" in code or a template, a table's name
(db_table) or a migration's dependency. Each check is shown able to fail on a made-up offender.
"""

import ast
import re
from pathlib import Path

from django.apps import apps
from django.db.migrations.loader import MigrationLoader

import pytest

ROOT = Path(__file__).resolve().parents[2]
CORE = "clermont_intl"
DOMAIN_APPS = {"partners", "projects", "cied"}
PACKAGES = {CORE, *DOMAIN_APPS}
# Apps that may not be depended on by some others: partners and projects know nothing of cied.
NOT_FROM = {"partners": {"cied"}, "projects": {"cied"}}
# The one dependency of the core on a domain app that must remain (the migration says why: the
# tables it takes over are created by projects' migrations, in every database).
KNOWN_MIGRATION_DEPENDENCIES = {
    (
        ("clermont_intl", "0007_submissions_from_projects"),
        ("projects", "0004_submission_follow_up"),
    ),
}
PERMISSION = re.compile(
    r"^([a-z_]+)\.((?:add|change|delete|view|publish|lock|unlock|choose|access)_[a-z_]+)$"
)
TEMPLATE_PERMISSION = re.compile(
    r"""perms\.([a-z_]+)\.([a-z_]+)|["']([a-z_]+)\.((?:add|change|delete|view|publish|lock"""
    r"""|unlock|choose|access)_[a-z_]+)["']"""
)


def may_depend(owner, target):
    """Whether code of the package ``owner`` may depend on the package ``target`` (None: not
    one of the project's, e.g. Django or Wagtail)."""
    if target is None or target == owner or target == CORE:
        return True
    if owner == CORE:
        return False
    return target not in NOT_FROM.get(owner, set())


def package_of_label(label):
    """The project package an app label belongs to ("editorial" → clermont_intl), or None."""
    try:
        package = apps.get_app_config(label).name.split(".")[0]
    except LookupError:
        return None
    return package if package in PACKAGES else None


def shown(path):
    """A file's path as the offenders' lists give it: from the project's root when inside it."""
    path = Path(path)
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else path.name


def source_files(*packages):
    for package in packages or sorted(PACKAGES):
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" not in path.parts:  # historical states name what they needed then
                yield package, path


def template_files():
    for path in sorted((ROOT / "templates").rglob("*.html")):
        folder = path.relative_to(ROOT / "templates").parts[0]
        yield (folder if folder in DOMAIN_APPS else CORE), path


# --- Imports ----------------------------------------------------------------------------------


def imported_modules(path):
    tree = ast.parse(path.read_text(), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module


def imported_names(path):
    """(module, name) of every ``from module import name`` with an absolute module."""
    tree = ast.parse(path.read_text(), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield from ((node.module, alias.name) for alias in node.names)


def import_offenders(owner, path):
    for module in imported_modules(path):
        package = module.split(".")[0]
        if not may_depend(owner, package if package in PACKAGES else None):
            yield f"{shown(path)}: imports {module}"
    for module, name in imported_names(path):
        package = module.split(".")[0]
        if package in PACKAGES and package != owner and name.startswith("_"):
            yield f"{shown(path)}: imports the private {module}.{name}"


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


def test_each_app_imports_only_what_it_may_and_no_private_name():
    offenders = [line for owner, path in source_files() for line in import_offenders(owner, path)]
    assert offenders == []


@pytest.mark.parametrize(
    ("owner", "source", "found"),
    [
        ("projects", "from cied.feeds import calendar\n", "module.py: imports cied.feeds"),
        ("partners", "import cied.models\n", "module.py: imports cied.models"),
        ("clermont_intl", "import projects.models\n", "module.py: imports projects.models"),
        (
            "projects",
            "from partners.opendata import _attach\n",
            "module.py: imports the private partners.opendata._attach",
        ),
    ],
)
def test_the_check_finds_a_forbidden_or_private_import(tmp_path, owner, source, found):
    module = tmp_path / "module.py"
    module.write_text(source)
    assert list(import_offenders(owner, module)) == [found]


# --- Permissions named in code and templates ---------------------------------------------------


def permissions_in_code(path):
    tree = ast.parse(path.read_text(), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            match = PERMISSION.match(node.value)
            if match:
                yield match.group(1), node.value


def permissions_in_template(path):
    for match in TEMPLATE_PERMISSION.finditer(path.read_text()):
        label, codename = (match.group(1), match.group(2)) if match.group(1) else match.group(3, 4)
        yield label, f"{label}.{codename}"


def permission_offenders(files, read):
    for owner, path in files:
        for label, permission in read(path):
            if package_of_label(label) not in (owner, CORE, None):
                yield f"{shown(path)}: {permission}"


def test_permissions_belong_to_the_app_that_names_them_or_the_core():
    offenders = list(permission_offenders(source_files(), permissions_in_code))
    offenders += permission_offenders(template_files(), permissions_in_template)
    assert offenders == []


def test_the_check_finds_a_permission_of_another_app(tmp_path):
    code, template = tmp_path / "forms.py", tmp_path / "page.html"
    code.write_text('PERMISSION = "projects.change_notification_address"\n')
    template.write_text("{% if perms.cied.change_ciedcontactsettings %}{% endif %}\n")
    assert list(permission_offenders([(CORE, code)], permissions_in_code)) == [
        "forms.py: projects.change_notification_address"
    ]
    assert list(permission_offenders([("partners", template)], permissions_in_template)) == [
        "page.html: cied.change_ciedcontactsettings"
    ]
    # The app's own permission and the core's are fine.
    assert not list(permission_offenders([("projects", code)], permissions_in_code))
    assert not list(permission_offenders([("cied", template)], permissions_in_template))


# --- Tables ------------------------------------------------------------------------------------


def table_names(path):
    """The db_table values of the models of a module."""
    tree = ast.parse(path.read_text(), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and any(
            isinstance(target, ast.Name) and target.id == "db_table" for target in node.targets
        ):
            if isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
                yield node.value.value


def table_offenders(files):
    labels = {package: set() for package in PACKAGES}
    for config in apps.get_app_configs():
        package = config.name.split(".")[0]
        if package in PACKAGES:
            labels[package].add(config.label)
    for owner, path in files:
        allowed = labels[owner] | labels[CORE]
        for table in table_names(path):
            if not any(table.startswith(f"{label}_") for label in allowed):
                yield f"{shown(path)}: {table}"


def test_tables_are_named_after_the_app_of_their_model_or_the_core():
    assert list(table_offenders(source_files())) == []


def test_the_check_finds_a_table_of_another_app(tmp_path):
    models = tmp_path / "models.py"
    models.write_text(
        "class Meta:\n    db_table = 'projects_submissionfollowup'\n"
        "class Other:\n    db_table = 'clermont_intl_submissionnotification'\n"
    )
    assert list(table_offenders([(CORE, models)])) == ["models.py: projects_submissionfollowup"]
    assert list(table_offenders([("cied", models)])) == ["models.py: projects_submissionfollowup"]
    assert list(table_offenders([("projects", models)])) == []


# --- Migrations ---------------------------------------------------------------------------------


def migration_edges(migrations):
    """(migration key, its owner package, dependency key) for every dependency and every
    run_before of the project's migrations: run_before is a dependency of the app declaring it
    (it orders itself before the other, which does not name it)."""
    for key, migration in migrations.items():
        owner = type(migration).__module__.split(".")[0]
        if owner not in PACKAGES:
            continue
        for dependency in [*migration.dependencies, *getattr(migration, "run_before", [])]:
            yield key, owner, tuple(dependency)


def migration_offenders(migrations):
    for key, owner, dependency in migration_edges(migrations):
        if (key, dependency) in KNOWN_MIGRATION_DEPENDENCIES:
            continue
        if not may_depend(owner, package_of_label(dependency[0])):
            yield f"{key[0]}.{key[1]} depends on {dependency[0]}.{dependency[1]}"


def test_migrations_depend_only_on_what_their_app_may():
    loader = MigrationLoader(None, ignore_no_migrations=True)
    assert list(migration_offenders(loader.disk_migrations)) == []


def made_up_migration(module, *dependencies, run_before=()):
    migration = type("Migration", (), {"__module__": module})()
    migration.dependencies, migration.run_before = list(dependencies), list(run_before)
    return migration


def test_the_check_finds_a_migration_dependency_on_a_domain_app():
    migrations = {
        ("clermont_intl", "0099"): made_up_migration(
            "clermont_intl.migrations.0099_x",
            ("cied", "0011_cied_contact_settings"),
            ("wagtailcore", "0098_apitoken"),
        ),
        ("projects", "0099"): made_up_migration(
            "projects.migrations.0099_x",
            ("cied", "0001_initial"),
            ("clermont_intl", "0001_initial"),
        ),
        # run_before is the declaring app's dependency: cied may order itself before the core.
        ("cied", "0099"): made_up_migration(
            "cied.migrations.0099_x", run_before=[("clermont_intl", "0016_x")]
        ),
        ("partners", "0099"): made_up_migration(
            "partners.migrations.0099_x", run_before=[("cied", "0001_initial")]
        ),
    }
    assert list(migration_offenders(migrations)) == [
        "clermont_intl.0099 depends on cied.0011_cied_contact_settings",
        "projects.0099 depends on cied.0001_initial",
        "partners.0099 depends on cied.0001_initial",
    ]


# --- Content ------------------------------------------------------------------------------------


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
