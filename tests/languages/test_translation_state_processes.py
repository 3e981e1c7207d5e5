"""The translation state is the same whatever process computes it.

Python shuffles the order of a set of strings per process (PYTHONHASHSEED). The translation
state's hashes and unit keys must not depend on it: gunicorn workers, a restart, the scheduler or
a shell record the revisions of one page one after the other, and each compares its hash with
the one the previous process stored.
"""

import json
import subprocess
import sys

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection

import pytest

from clermont_intl.editorial.constants import FieldGroup, TranslationStatus
from clermont_intl.editorial.models import TranslationState
from clermont_intl.editorial.translation_state import SCHEME, page_content
from tests.loopback import ROOT, database_url, require_postgresql

pytestmark = pytest.mark.processes

SEEDS = ("1", "2", "3", "4")

# Prints, for the content on stdin, the hashes of each group and the unit keys, as JSON.
HASHES = """
import json, sys
from django.apps import apps
from clermont_intl.editorial.translation_state import page_content
model = apps.get_model(sys.argv[-2], sys.argv[-1])
groups = page_content(model, json.load(sys.stdin))
print(json.dumps({g: [list(c.hashes), [u.key for u in c.units]] for g, c in groups.items()}))
"""


def run(code, seed, *args, stdin="", database=None):
    env = {
        "PATH": "/usr/bin:/bin",
        "PYTHONHASHSEED": seed,
        "DJANGO_SETTINGS_MODULE": "clermont_intl.settings.test",
        "DB_CONN_MAX_AGE": "0",
    }
    if database:
        env["DATABASE_URL"] = database
    script = f"import sys; sys.argv += {list(args)!r}\n{code}"
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", script],
        cwd=ROOT,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    return lines[-1] if lines else ""


@pytest.mark.django_db
@pytest.mark.parametrize("page_name", ["mission", "partner"])
def test_hashes_and_unit_keys_are_the_same_in_every_process(site_pages, page_name):
    if page_name == "partner":
        page = site_pages["partners"].get_children().first().specific
    else:
        page = site_pages[page_name]
    content = page.get_latest_revision_as_object().serializable_data()
    here = {
        group: [list(c.hashes), [u.key for u in c.units]]
        for group, c in page_content(type(page), content).items()
    }
    stdin = json.dumps(content, cls=DjangoJSONEncoder)
    label = (page._meta.app_label, page._meta.model_name)
    results = {seed: json.loads(run(HASHES, seed, *label, stdin=stdin)) for seed in SEEDS}
    for seed, result in results.items():
        assert result == json.loads(json.dumps(here)), f"PYTHONHASHSEED={seed}"


# Each step runs in its own process, with its own hash seed, on the test database.
CREATE = """
from partners.models import PartnerIndexPage
from tests.factories import add_partner
page = add_partner(PartnerIndexPage.objects.get(), "Processville", title_en="Processtown",
                   intro_fr="Une ville vue par trois processus.", intro_en="A town seen by three.")
page.save_revision().publish()
print(page.pk)
"""
EDIT_FRENCH = """
from partners.models import PartnerCityPage
page = PartnerCityPage.objects.get(pk=int(sys.argv[-1])).get_latest_revision_as_object()
page.intro_fr = "Une ville vue par trois processus, puis corrigée."
page.save_revision().publish()
"""
STATUS = """
from wagtail.models import Page
from clermont_intl.editorial.translation_state import changes_since_english, section_rows
page = Page.objects.get(pk=int(sys.argv[-1])).specific
(row,) = [r for r in section_rows() if r.page.pk == page.pk]
print(row.status, [c.key for c in changes_since_english(page)])
"""
DELETE = """
from wagtail.models import Page
Page.objects.get(pk=int(sys.argv[-1])).delete()
"""


@pytest.mark.django_db
def test_a_french_edit_made_by_another_process_is_seen():
    """The issue's case: the page written by one process, its French edited by another, read
    by a third; every process has a different hash seed."""
    require_postgresql()
    database = database_url()
    # The processes commit their work: this test's own transaction holds no lock they wait for.
    page_id = run(CREATE, "1", database=database)
    try:
        assert run(STATUS, "2", page_id, database=database).startswith("complete")
        run(EDIT_FRENCH, "3", page_id, database=database)
        assert run(STATUS, "4", page_id, database=database) == "outdated ['intro']"
    finally:
        run(DELETE, "5", page_id, database=database)


@pytest.mark.django_db
def test_the_migration_rehashes_states_of_the_older_scheme_keeping_their_times(site_pages):
    """States hashed by scheme 2 (in a set's order) are rehashed once, from the page's latest
    revision; the times, and so the status, are kept; the French "before" of an outdated group
    comes from the revision of the time its English was written."""
    from importlib import import_module

    from django.apps import apps

    migration = import_module("clermont_intl.editorial.migrations.0007_rehash_translation_states")
    mission = site_pages["mission"]
    first = mission.get_latest_revision()
    later = mission.get_latest_revision_as_object()
    later.intro_fr = "Une introduction réécrite avant la migration."
    later.save_revision()
    states = TranslationState.objects.filter(page=mission)
    content_state = states.get(field_group=FieldGroup.CONTENT)
    assert content_state.status == TranslationStatus.OUTDATED
    times = {s.field_group: (s.fr_changed_at, s.en_changed_at) for s in states}
    # As scheme 2 left them: hashes of another order, the French "before" per field.
    states.update(scheme=2, fr_hash="x" * 64, en_hash="y" * 64)
    states.filter(field_group=FieldGroup.CONTENT).update(
        fr_reference={"intro": first.content["intro_fr"]}
    )

    migration.rehash_states(apps, connection.schema_editor())

    content = mission.get_latest_revision().content
    fresh = page_content(type(mission), content)
    for state in TranslationState.objects.filter(page=mission):
        assert state.scheme == SCHEME
        assert (state.fr_hash, state.en_hash) == fresh[state.field_group].hashes
        assert (state.fr_changed_at, state.en_changed_at) == times[state.field_group]
    content_state = TranslationState.objects.get(page=mission, field_group=FieldGroup.CONTENT)
    assert content_state.status == TranslationStatus.OUTDATED
    assert content_state.fr_reference["texts"]["intro"] == first.content["intro_fr"]
    # Every block of the body is known in the "before": only the introduction changed.
    assert any(key.startswith("body.") for key in content_state.fr_reference["texts"])
