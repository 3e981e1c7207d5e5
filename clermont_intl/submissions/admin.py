"""The service's follow-up of the form requests, in the admin (the Forms menu's neighbour)."""

import codecs
import csv

from django.utils.translation import gettext_lazy as _

from wagtail.admin.views.generic import IndexView
from wagtail.admin.views.mixins import Echo
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from ..editorial.constants import EDITORS_GROUP
from ..exports import spreadsheet_safe
from .models import SubmissionFollowUp


class CommunicationEditorsPolicy(ModelPermissionPolicy):
    """Communication editors (and superusers) view and update the follow-up; nobody adds or
    deletes one here: they come with the submissions."""

    def user_has_permission(self, user, action):
        if action not in ("view", "change"):
            return False
        if not (user.is_active and user.is_authenticated):
            return False
        return user.is_superuser or user.groups.filter(name=EDITORS_GROUP).exists()

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


register_permission_policy(SubmissionFollowUp, CommunicationEditorsPolicy(SubmissionFollowUp))


class FollowUpIndexView(IndexView):
    """CSV for a French spreadsheet: UTF-8 with a byte order mark, ";" between columns, and no
    cell that runs as a formula (the internal note and the assignee's name are typed by people).
    (The XLSX export already stores every cell as text.)"""

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        if export_format == self.FORMAT_CSV:
            return spreadsheet_safe(value)
        return value

    def stream_csv(self, queryset):
        yield codecs.BOM_UTF8.decode()
        writer = csv.DictWriter(Echo(), fieldnames=self.list_export, delimiter=";")
        yield writer.writerow(
            {field: self.get_heading(queryset, field) for field in self.list_export}
        )
        for item in queryset:
            yield self.write_csv_row(writer, self.to_row_dict(item))

    def write_csv_response(self, queryset):
        response = super().write_csv_response(queryset)
        response["Content-Type"] = "text/csv; charset=utf-8"
        return response


class SubmissionFollowUpViewSet(ModelViewSet):
    model = SubmissionFollowUp
    icon = "tasks"
    menu_label = _("Requests")
    menu_order = 310
    add_to_admin_menu = True
    index_view_class = FollowUpIndexView
    list_display = ["reference", "form_page", "received_at", "language", "status", "assignee"]
    list_filter = ["status", "language"]
    list_export = [
        "reference",
        "form_page",
        "received_at",
        "get_language_display",
        "get_status_display",
        "assignee_name",
        "note",
    ]
    export_headings = {
        "reference": _("Reference"),
        "form_page": _("Form"),
        "received_at": _("Received (Paris time)"),
        "assignee_name": _("Assignee"),
        "get_language_display": _("Language of the request"),
        "get_status_display": _("Processing status"),
    }
    export_filename = "demandes"
    form_fields = ["status", "assignee", "note"]
    inspect_view_enabled = False

    def get_queryset(self, request):
        return SubmissionFollowUp.objects.select_related("submission__page", "assignee")
