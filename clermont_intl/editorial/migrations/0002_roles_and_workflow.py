"""The three editorial roles and the moderation workflow, on every install.

Permissions are granted on the tree's root page and root collection rather than on the home
page: this migration runs before any content exists, and permissions on the root reach every
page and image of the site, which is this one section. Group names match editorial.constants.
"""

from django.db import migrations

EDITORS = "Communication editors"
TRANSLATORS = "Translators"
MODERATORS = "Moderators"
WORKFLOW = "Relations internationales: moderation"
TASK = "Moderators approval"

PAGE_PERMISSIONS = {
    EDITORS: ["add_page", "change_page", "publish_page", "bulk_delete_page", "lock_page",
              "unlock_page"],
    # Translators change existing pages only: without "add" they cannot create or copy pages,
    # without "publish" their edits go through the workflow, and the delete/move refusal is
    # completed by editorial.wagtail_hooks.
    TRANSLATORS: ["change_page"],
    MODERATORS: ["change_page", "publish_page", "lock_page", "unlock_page"],
}
MEDIA = ["add", "change", "choose", "delete"]
COLLECTION_PERMISSIONS = {
    EDITORS: [(app, f"{action}_{model}") for app, model in
              [("wagtailimages", "image"), ("wagtaildocs", "document")] for action in MEDIA],
    TRANSLATORS: [("wagtailimages", "choose_image"), ("wagtaildocs", "choose_document")],
    MODERATORS: [("wagtailimages", "choose_image"), ("wagtaildocs", "choose_document")],
}
SNIPPETS = [("projects", "programme"), ("clermont_intl", "theme")]
GLOBAL_PERMISSIONS = {
    EDITORS: [("wagtailadmin", "admin", "access_admin")]
    + [(app, model, f"{action}_{model}") for app, model in SNIPPETS
       for action in ("add", "change", "delete", "view")],
    TRANSLATORS: [("wagtailadmin", "admin", "access_admin")],
    MODERATORS: [("wagtailadmin", "admin", "access_admin")],
}


def _permission(apps, app_label, model, codename):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename=codename,
        defaults={"name": codename.replace("_", " ").capitalize()},
    )
    return permission


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    root_page = Page.objects.get(depth=1)
    root_collection = Collection.objects.get(depth=1)
    groups = {}
    for name in (EDITORS, TRANSLATORS, MODERATORS):
        group, _ = Group.objects.get_or_create(name=name)
        groups[name] = group
        # Wagtail's own "Moderators" group comes with "add"; the role is exactly this list.
        GroupPagePermission.objects.filter(group=group, page=root_page).delete()
        for codename in PAGE_PERMISSIONS[name]:
            GroupPagePermission.objects.create(
                group=group,
                page=root_page,
                permission=_permission(apps, "wagtailcore", "page", codename),
            )
        for app_label, codename in COLLECTION_PERMISSIONS[name]:
            GroupCollectionPermission.objects.get_or_create(
                group=group,
                collection=root_collection,
                permission=_permission(apps, app_label, codename.split("_", 1)[1], codename),
            )
        group.permissions.add(
            *(_permission(apps, *spec) for spec in GLOBAL_PERMISSIONS[name])
        )

    # Wagtail's default "Editors" group would be mistaken for the communication editors.
    Group.objects.filter(name="Editors", user__isnull=True).delete()
    _create_workflow(apps, groups[MODERATORS], root_page)


def _create_workflow(apps, moderators, root_page):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    task_type, _ = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    task, _ = GroupApprovalTask.objects.get_or_create(
        name=TASK, defaults={"content_type": task_type, "active": True}
    )
    task.groups.set([moderators])
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page=root_page, defaults={"workflow": workflow})
    # Wagtail's default workflow, now replaced on the root page (kept for its history).
    Workflow.objects.filter(name=TASK).exclude(pk=workflow.pk).filter(
        workflow_pages__isnull=True
    ).update(active=False)


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0005_editingsession_is_editing"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("clermont_intl", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
