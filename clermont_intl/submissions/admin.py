"""The service's follow-up of the form requests, in the admin (the Forms menu's neighbour): one
screen per request with what was sent, a reply link and its follow-up."""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList, Panel
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from ..editorial.constants import EDITORS_GROUP
from ..exports import FrenchSpreadsheetExportMixin
from .models import SubmissionFollowUp, person_name


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


class FollowUpIndexView(FrenchSpreadsheetExportMixin, IndexView):
    """The Requests listing; its CSV and XLSX exports are written for a French spreadsheet, the
    internal note and the assignee's name (typed by people) unable to run as formulas."""


class SentRequestPanel(Panel):
    """What the sender sent, read-only, with the reference and a link to answer them."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "submissions/panels/sent_request.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["follow_up"] = self.instance
            context["fields"] = self.instance.submitted_fields()
            return context


class FollowUpForm(WagtailAdminModelForm):
    """The assignee is chosen by name among the people who follow requests up
    (``assignable_users``, set on the model field)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        assignee = self.fields["assignee"]
        assignee.queryset = assignee.queryset.order_by("first_name", "last_name", "username")
        assignee.label_from_instance = person_name


class SubmissionFollowUpViewSet(ModelViewSet):
    model = SubmissionFollowUp
    icon = "tasks"
    menu_label = _("Requests")
    menu_order = 310
    add_to_admin_menu = True
    index_view_class = FollowUpIndexView
    list_display = [
        Column("reference", label=_("Reference"), accessor="reference"),
        Column("form_page", label=_("Form"), accessor="form_page"),
        Column(
            "received_at",
            label=_("Received"),
            accessor="received_at",
            sort_key="submission__submit_time",
        ),
        "language",
        "status",
        Column("assignee", label=_("Assignee"), accessor="assignee_name"),
    ]
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
    edit_handler = ObjectList(
        [
            SentRequestPanel(heading=_("The request")),
            FieldPanel("status"),
            FieldPanel("assignee"),
            FieldPanel("note"),
        ],
        base_form_class=FollowUpForm,
    )
    inspect_view_enabled = False

    def get_queryset(self, request):
        return SubmissionFollowUp.objects.select_related("submission__page", "assignee")
