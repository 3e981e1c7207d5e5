"""Each role gets exactly its permissions, and loses any other, on every install.

Migration 0002 only added permissions: the "Moderators" group kept Wagtail's default image and
document permissions, and page publish rights, so a moderator could delete pages and media and
publish any edit at once. This migration states each group's whole set (pages, collections,
global permissions) and removes whatever is not in it, so that an existing installation is
corrected by ``migrate``. docs/security.md shows the resulting role × action matrix, and
tests/editorial/test_role_matrix.py proves it through the admin's own URLs.
"""

from django.db import migrations

EDITORS = "Communication editors"
TRANSLATORS = "Translators"
MODERATORS = "Moderators"

# Codename of the permission that lets a user change where the support form's notifications
# go (projects.ProjectSupportFormPage.to_address). It is data, not a model Meta permission: the
# admin panel checks it (FieldPanel(permission=...)) and only this migration grants it.
NOTIFICATION_PERMISSION = ("projects", "projectsupportformpage", "change_notification_address")

PAGE_PERMISSIONS = {
    EDITORS: ["add_page", "change_page", "publish_page", "bulk_delete_page", "lock_page",
              "unlock_page"],
    # Without "add" translators cannot create or copy pages, without "publish" their edits go
    # through the workflow; editorial.permissions refuses them delete, move and copy.
    TRANSLATORS: ["change_page"],
    # None: a moderator reaches a page through the task the workflow gives the group (Wagtail's
    # GroupApprovalTask opens the editor and the approve/reject actions to its groups).
    MODERATORS: [],
}
MEDIA = ["add", "change", "choose", "delete"]
COLLECTION_PERMISSIONS = {
    EDITORS: [(app, f"{action}_{model}") for app, model in
              [("wagtailimages", "image"), ("wagtaildocs", "document")] for action in MEDIA],
    TRANSLATORS: [("wagtailimages", "choose_image"), ("wagtaildocs", "choose_document")],
    MODERATORS: [("wagtailimages", "choose_image"), ("wagtaildocs", "choose_document")],
}
SNIPPETS = [("projects", "programme"), ("clermont_intl", "theme")]
ACCESS_ADMIN = ("wagtailadmin", "admin", "access_admin")
GLOBAL_PERMISSIONS = {
    EDITORS: [ACCESS_ADMIN]
    + [(app, model, f"{action}_{model}") for app, model in SNIPPETS
       for action in ("add", "change", "delete", "view")]
    + [("clermont_intl", "contactsettings", "change_contactsettings"), NOTIFICATION_PERMISSION],
    TRANSLATORS: [ACCESS_ADMIN],
    MODERATORS: [ACCESS_ADMIN],
}


def _permission(apps, app_label, model, codename):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    names = {
        "change_notification_address": "Can change where form notifications are sent",
    }
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename=codename,
        defaults={"name": names.get(codename, codename.replace("_", " ").capitalize())},
    )
    return permission


def correct_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    root_page = Page.objects.get(depth=1)
    root_collection = Collection.objects.get(depth=1)
    for name in (EDITORS, TRANSLATORS, MODERATORS):
        group, _ = Group.objects.get_or_create(name=name)
        # Whatever the group had, on any page or collection, is replaced by its set.
        GroupPagePermission.objects.filter(group=group).delete()
        for codename in PAGE_PERMISSIONS[name]:
            GroupPagePermission.objects.create(
                group=group,
                page=root_page,
                permission=_permission(apps, "wagtailcore", "page", codename),
            )
        GroupCollectionPermission.objects.filter(group=group).delete()
        for app_label, codename in COLLECTION_PERMISSIONS[name]:
            GroupCollectionPermission.objects.create(
                group=group,
                collection=root_collection,
                permission=_permission(apps, app_label, codename.split("_", 1)[1], codename),
            )
        group.permissions.set([_permission(apps, *spec) for spec in GLOBAL_PERMISSIONS[name]])


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0002_roles_and_workflow"),
    ]

    operations = [migrations.RunPython(correct_roles, migrations.RunPython.noop)]
