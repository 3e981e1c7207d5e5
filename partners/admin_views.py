"""The admin's import of partner cities from a CSV file: upload, preview, confirm
(partners.imports does the reading, checking and importing).

The uploaded text is kept in the editor's session between the preview and the confirmation,
never in the form: what is imported is what the server read and checked, checked once more
against the pages as they are when the editor confirms. The form carries the preview's token
(which file) and digest (what the preview announced): when the import would now do something
else (another file was chosen, a city was created or changed meanwhile), the editor gets the new
preview and a message instead of the import. Warnings (near-duplicate names, numbered
addresses) are confirmed with a checkbox.
"""

import logging
import secrets

from django import forms
from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from wagtail.admin.auth import permission_denied

from . import imports
from .constants import Relationship
from .models import PartnerIndexPage

logger = logging.getLogger(__name__)
SESSION_KEY = "partners_import"


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("CSV file"),
        help_text=gettext_lazy(
            "As your spreadsheet saves it: “CSV UTF-8” or “CSV”, columns separated by commas or "
            "semicolons, with the columns of the open data file (at most 1 MB and 2,000 lines)."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )


def partner_index():
    return PartnerIndexPage.objects.first()


def can_import(user):
    """Only those who may add partner pages (the communication editors)."""
    index = partner_index()
    return index is not None and index.permissions_for_user(user).can_add_subpage()


def _refused(request):
    return permission_denied(request)


@require_http_methods(["GET", "POST"])
def upload(request):
    if not can_import(request.user):
        return _refused(request)
    form = UploadForm(request.POST or None, request.FILES or None)
    refusal = None
    if request.method == "POST" and form.is_valid():
        try:
            text = imports.read_upload(form.cleaned_data["file"])
            imports.preview(text, partner_index())
        except imports.FileRefused as error:
            refusal = str(error)
        else:
            request.session[SESSION_KEY] = {
                "token": secrets.token_urlsafe(16),
                "name": form.cleaned_data["file"].name[:200],
                "text": text,
            }
            return redirect("partners_import_preview")
    return TemplateResponse(
        request,
        "partners/admin/import_upload.html",
        {
            "form": form,
            "refusal": refusal,
            "columns": imports.CSV_COLUMNS,
            "max_lines": imports.MAX_LINES,
            "relationships": Relationship.choices,
        },
    )


def _stored(request):
    stored = request.session.get(SESSION_KEY)
    if not isinstance(stored, dict) or not {"token", "text", "name"} <= stored.keys():
        return None
    return stored


def preview(request):
    if not can_import(request.user):
        return _refused(request)
    stored = _stored(request)
    if stored is None:
        messages.error(request, _("No file is waiting to be imported: choose one."))
        return redirect("partners_import")
    return _preview_response(request, stored)


def _preview_response(request, stored, status=200, result=None):
    if result is None:
        try:
            result = imports.preview(stored["text"], partner_index())
        except imports.FileRefused as error:
            messages.error(request, str(error))
            return redirect("partners_import")
    response = TemplateResponse(
        request,
        "partners/admin/import_preview.html",
        {
            "result": result,
            "file_name": stored["name"],
            "token": stored["token"],
            "digest": result.digest,
            "created": result.count("create"),
            "updated": result.count("update"),
            "unchanged": result.count("unchanged"),
        },
        status=status,
    )
    # Rendered now, inside the confirmation's transaction when there is one.
    return response.render()


@require_POST
def confirm(request):
    if not can_import(request.user):
        return _refused(request)
    stored = _stored(request)
    if stored is None:
        messages.error(request, _("No file is waiting to be imported: choose one."))
        return redirect("partners_import")
    if not secrets.compare_digest(str(request.POST.get("token", "")), stored["token"]):
        messages.warning(
            request,
            _(
                "Nothing was imported: another file was chosen since that preview. Here is the "
                "preview of the file now waiting; check it before importing it."
            ),
        )
        return _preview_response(request, stored, status=409)
    with transaction.atomic():
        # Locking the partner index makes concurrent imports wait for each other: the
        # preview checked here is the state the import applies to.
        index = PartnerIndexPage.objects.select_for_update().get(pk=partner_index().pk)
        try:
            result = imports.preview(stored["text"], index)
        except imports.FileRefused as error:
            messages.error(request, str(error))
            return redirect("partners_import")
        if result.has_errors:
            # The pages changed since the preview: the editor sees why nothing was imported.
            messages.error(request, _("Nothing was imported: correct the errors below first."))
            return _preview_response(request, stored, status=400, result=result)
        if not secrets.compare_digest(str(request.POST.get("digest", "")), result.digest):
            messages.warning(
                request,
                _(
                    "Nothing was imported: what the import would do has changed since the "
                    "preview (a partner city was created or changed meanwhile). Here is the new "
                    "preview; check it, then import again."
                ),
            )
            return _preview_response(request, stored, status=409, result=result)
        if result.has_warnings and not request.POST.get("warnings_checked"):
            messages.error(
                request,
                _(
                    "Nothing was imported: tick the box to confirm that you checked the "
                    "warnings, or correct the file and choose it again."
                ),
            )
            return _preview_response(request, stored, status=400, result=result)
        try:
            created, updated = imports.apply(result, index, request.user)
        except Exception:
            logger.exception("Partner import failed")
            messages.error(
                request,
                _(
                    "The import failed and nothing was imported. Try again, or contact the "
                    "webmaster."
                ),
            )
            return redirect("partners_import_preview")
    del request.session[SESSION_KEY]
    messages.success(
        request,
        _(
            "Import done: %(created)s partner cities created and %(updated)s updated, as drafts "
            "to review and publish."
        )
        % {"created": created, "updated": updated},
    )
    return redirect(reverse("wagtailadmin_explore", args=[index.pk]))
