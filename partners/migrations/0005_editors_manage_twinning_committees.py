"""Communication editors manage the twinning committees, as they do the other snippets shown on
pages (themes, programmes: editorial migrations 0002 and 0003). Only adds: the roles' other
permissions stay as the editorial migrations set them."""

from django.db import migrations

# The name editorial 0005 gave the group (clermont_intl.editorial.constants.EDITORS_GROUP).
EDITORS = "Équipe communication"
ACTIONS = ("add", "change", "delete", "view")


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(
        app_label="partners", model="twinningcommittee"
    )
    group, _ = Group.objects.get_or_create(name=EDITORS)
    for action in ACTIONS:
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type,
            codename=f"{action}_twinningcommittee",
            defaults={"name": f"Can {action} twinning committee"},
        )
        group.permissions.add(permission)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=EDITORS).first()
    if group:
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="partners", content_type__model="twinningcommittee"
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("partners", "0004_histories_committees_references"),
        ("editorial", "0005_french_role_names"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
