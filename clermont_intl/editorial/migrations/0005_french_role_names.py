"""The roles and the workflow get French names: the admin shows a group's or a workflow's name
as it is stored (groups list, user form, workflow screens, "awaiting moderation" messages), and
the editors' admin is French. Existing installations are renamed in place (permissions, members
and workflow assignments stay with their rows); the reverse migration restores the English
names. Names match editorial.constants.
"""

from django.db import migrations

GROUPS = [
    ("Communication editors", "Équipe communication"),
    ("Translators", "Traducteurs"),
    ("Moderators", "Modérateurs"),
]
WORKFLOWS = [
    ("Relations internationales: moderation", "Relations internationales : modération"),
    # Wagtail's own default workflow, disabled by migration 0002, still listed among the
    # disabled workflows.
    ("Moderators approval", "Validation par les modérateurs (processus par défaut de Wagtail)"),
]


def _rename(model, pairs, reverse=False):
    for old, new in pairs:
        if reverse:
            old, new = new, old
        if not model.objects.filter(name=new).exists():
            model.objects.filter(name=old).update(name=new)


def to_french(apps, schema_editor):
    _rename(apps.get_model("auth", "Group"), GROUPS)
    _rename(apps.get_model("wagtailcore", "Workflow"), WORKFLOWS)


def to_english(apps, schema_editor):
    _rename(apps.get_model("auth", "Group"), GROUPS, reverse=True)
    _rename(apps.get_model("wagtailcore", "Workflow"), WORKFLOWS, reverse=True)


class Migration(migrations.Migration):

    dependencies = [
        ("editorial", "0004_translation_reading"),
    ]

    operations = [migrations.RunPython(to_french, to_english)]
