"""The translation status: which pages need their English written or brought up to date."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from wagtail.models import Page

from .constants import FieldGroup, TranslationStatus
from .models import TranslationState
from .translation_state import changes_since_english, mark_english_checked, section_rows


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


def _page_for_translator(request, page_id):
    """The page, if the user may edit it (translators and editors): else a refusal."""
    page = get_object_or_404(Page, pk=page_id, depth__gt=1).specific
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    return page


def translation_changes(request, page_id):
    """What changed in French since the English was last edited, field by field."""
    page = _page_for_translator(request, page_id)
    return render(
        request,
        "editorial/translation_changes.html",
        {
            "page": page,
            "changes": changes_since_english(page),
            "checks": TranslationState.objects.filter(page=page, checked_at__isnull=False)
            .select_related("checked_by")
            .order_by("-checked_at")[:1],
        },
    )


@require_POST
def translation_still_valid(request, page_id):
    """The translator checked the English after a French change that needs no new English."""
    page = _page_for_translator(request, page_id)
    if mark_english_checked(page, request.user):
        messages.success(
            request,
            _("The English of “%(title)s” is marked as still valid.") % {"title": page.title},
        )
    else:
        messages.info(request, _("The English of this page was not outdated."))
    return redirect("editorial_translation_status")
