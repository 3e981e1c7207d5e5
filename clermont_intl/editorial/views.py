"""The translation status: which pages need their English written or brought up to date."""

from django import forms
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from .constants import FieldGroup, TranslationStatus
from .translation_state import section_rows


class StatusFilterForm(forms.Form):
    page_type = forms.ChoiceField(label=_("Page type"), required=False)
    status = forms.ChoiceField(
        label=_("English translation"),
        required=False,
        choices=[("", _("All states"))] + TranslationStatus.choices,
    )

    def __init__(self, *args, page_types=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["page_type"].choices = [("", _("All page types"))] + sorted(
            page_types, key=lambda choice: str(choice[1])
        )


def translation_status(request):
    rows = section_rows()
    page_types = {(str(row.page.content_type_id), row.page_type) for row in rows}
    form = StatusFilterForm(request.GET or None, page_types=page_types)
    # Unknown values in the address are ignored, not an error: the full list is shown.
    filters = form.cleaned_data if form.is_valid() else {}
    if filters.get("page_type"):
        rows = [row for row in rows if str(row.page.content_type_id) == filters["page_type"]]
    counts = {status: 0 for status in TranslationStatus}
    for row in rows:
        counts[row.status] += 1
    if filters.get("status"):
        rows = [row for row in rows if row.status == filters["status"]]
    return render(
        request,
        "editorial/translation_status.html",
        {
            "rows": rows,
            "form": form,
            "counts": [(status, counts[status]) for status in TranslationStatus],
            "field_groups": FieldGroup,
        },
    )
