"""The admin listing of a form page's submissions (the Forms menu), with each request's
reference, and exports that a French spreadsheet opens as they are."""

from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext

from wagtail.contrib.forms.views import SubmissionsListView
from wagtail.permissions import policy_registry

from ..exports import FrenchSpreadsheetExportMixin
from .models import SubmissionFollowUp, submission_reference

REFERENCE_FIELD = "reference"


class SafeSubmissionsListView(FrenchSpreadsheetExportMixin, SubmissionsListView):
    """Wagtail's submissions listing of a protected form page (``get_submissions_list_view_class``
    of ``clermont_intl.forms.ProtectedFormMixin``): the reference (RI-…) the sender was given
    comes first, linked to the request's follow-up for those who can follow it up, so that what
    was sent and its follow-up can be matched. Its exports carry the reference too."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.is_export:
            return context
        # Wagtail builds the table from the page's data fields; the reference is added in front
        # of them, computed from the submission itself (no query per row).
        context["data_headings"].insert(
            0, {"name": REFERENCE_FIELD, "label": gettext("Reference"), "order": None}
        )
        can_follow_up = policy_registry.get_by_type(SubmissionFollowUp).user_has_permission(
            self.request.user, "change"
        )
        follow_ups = {}
        if can_follow_up:
            follow_ups = dict(
                SubmissionFollowUp.objects.filter(
                    submission__in=[row["model_id"] for row in context["data_rows"]]
                ).values_list("submission_id", "pk")
            )
        submissions = {submission.pk: submission for submission in context["submissions"]}
        for row in context["data_rows"]:
            reference = submission_reference(submissions[row["model_id"]])
            follow_up = follow_ups.get(row["model_id"])
            if follow_up:
                reference = format_html(
                    '<a href="{}">{}</a>', reverse("requests:edit", args=[follow_up]), reference
                )
            row["fields"].insert(0, reference)
        return context

    def as_spreadsheet(self, queryset, spreadsheet_format):
        # Set by Wagtail's dispatch() from the page's data fields, just before this.
        self.list_export = [REFERENCE_FIELD, *self.list_export]
        self.export_headings = {REFERENCE_FIELD: gettext("Reference"), **self.export_headings}
        return super().as_spreadsheet(queryset, spreadsheet_format)

    def to_row_dict(self, item):
        row = super().to_row_dict(item)
        row[REFERENCE_FIELD] = submission_reference(item)
        return row
