"""The submissions' models are the core's in the database too: their tables take the core's
names (they kept the projects app's when the models moved here, migration 0007), and the
permission that shows the forms' notification addresses becomes the core's
(clermont_intl.change_notification_address, on the submissions' notifications). The existing
permission row is moved, not recreated: every group and user that held it keeps it."""

from django.db import migrations

CODENAME = "change_notification_address"
# Where the roles migration (editorial 0003) created it: data to find, not a model this app uses.
OLD = ("projects", "projectsupportformpage")
NEW = ("clermont_intl", "submissionnotification")


def _move(apps, source, target):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    moving = Permission.objects.filter(
        content_type__app_label=source[0], content_type__model=source[1], codename=CODENAME
    ).first()
    if moving is None:
        return
    content_type, _created = ContentType.objects.get_or_create(
        app_label=target[0], model=target[1]
    )
    existing = Permission.objects.filter(content_type=content_type, codename=CODENAME).first()
    if existing is None:
        moving.content_type = content_type
        moving.save(update_fields=["content_type"])
        return
    # Both exist (created by Django after a reversal): the grants join the one that stays.
    for group in moving.group_set.all():
        group.permissions.add(existing)
    for user in moving.user_set.all():
        user.user_permissions.add(existing)
    moving.delete()


def move_to_the_core(apps, schema_editor):
    _move(apps, OLD, NEW)


def move_back(apps, schema_editor):
    _move(apps, NEW, OLD)


class Migration(migrations.Migration):

    dependencies = [
        ('clermont_intl', '0016_contact_settings_without_cied'),
        # The roles migration created the permission and granted it.
        ('editorial', '0003_roles_least_privilege'),
        ('contenttypes', '0002_remove_content_type_name'),
        ('auth', '0012_alter_user_first_name_max_length'),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='submissionnotification',
            options={'permissions': [('change_notification_address', 'Can change where form notifications are sent')], 'verbose_name': 'submission notification', 'verbose_name_plural': 'submission notifications'},
        ),
        migrations.AlterModelTable(
            name='submissionfollowup',
            table=None,
        ),
        migrations.AlterModelTable(
            name='submissionnotification',
            table=None,
        ),
        migrations.RunPython(move_to_the_core, move_back),
    ]
