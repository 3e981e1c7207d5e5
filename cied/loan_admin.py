"""The loan requests in the admin ("Loan requests"): communication editors confirm or refuse
them, a refusal with its reason; the requester gets the answer by e-mail in the language of the
request (queued, sent by send_queued_mail). The requester's details are shown, never edited."""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, Panel
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import EditView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from clermont_intl.submissions.admin import CommunicationEditorsPolicy

from .exhibitions import ExhibitionPage, LoanRequest

# Communication editors (and superusers) see and answer the requests; nobody adds or deletes one
# here: they come from the public form, and their details go with purge_personal_data.
register_permission_policy(LoanRequest, CommunicationEditorsPolicy(LoanRequest))


class RequesterPanel(Panel):
    """Who asks, from the stored submission (gone after the retention period)."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "cied/panels/loan_requester.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["loan"] = self.instance
            return context


class LoanRequestEditView(EditView):
    def post(self, request, *args, **kwargs):
        # Checked and saved while holding the exhibition's row: two editors confirming
        # overlapping loans at the same moment are checked one after the other (PostgreSQL).
        with transaction.atomic():
            self.object = self.get_object()
            list(
                ExhibitionPage.objects.select_for_update(of=("self",))
                .filter(pk=self.object.exhibition_id)
                .values_list("pk", flat=True)
            )
            return super().post(request, *args, **kwargs)

    def save_instance(self):
        # The answer e-mail is queued in the transaction that records the answer: both or
        # neither. Only a change of status sends one; editing a refusal's reason does not.
        answered = self.object.answered
        instance = super().save_instance()
        self.queued_answer = instance.queue_answer() if answered else None
        return instance

    def get_success_message(self):
        if getattr(self, "queued_answer", None) is not None:
            return _("Loan request saved. The answer will be e-mailed to %(email)s.") % {
                "email": self.queued_answer.to
            }
        return super().get_success_message()


class LoanRequestViewSet(ModelViewSet):
    model = LoanRequest
    icon = "calendar"
    menu_label = _("Loan requests")
    menu_order = 320
    add_to_admin_menu = True
    edit_view_class = LoanRequestEditView
    list_display = [
        "exhibition",
        Column("period", label=_("Dates"), accessor="period"),
        Column("organisation", label=_("Organisation"), accessor="organisation"),
        "status",
        "created_at",
    ]
    list_filter = ["status", "exhibition"]
    panels = [
        FieldPanel("exhibition", read_only=True),
        FieldRowPanel([FieldPanel("start", read_only=True), FieldPanel("end", read_only=True)]),
        RequesterPanel(heading=_("Requester")),
        FieldPanel("language", read_only=True),
        FieldPanel("status"),
        FieldPanel("refusal_reason"),
    ]
    inspect_view_enabled = False

    def get_queryset(self, request):
        return LoanRequest.objects.select_related("exhibition", "submission")
