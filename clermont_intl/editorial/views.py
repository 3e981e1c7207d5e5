"""The translation status: which pages need their English written or brought up to date."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from wagtail.models import Page

from . import xliff
from .constants import (
    EDITORS_GROUP,
    MODERATORS_GROUP,
    TRANSLATORS_GROUP,
    FieldGroup,
    TranslationStatus,
)
from .english import UnknownUnit, copy_from_french, save_english
from .models import TranslationState
from .permissions import group_names, is_translator_only
from .translation_state import (
    changes_since_english,
    latest_content,
    mark_english_checked,
    page_content,
    section_rows,
    to_translate,
)
from .units import words

PENDING = (TranslationStatus.MISSING, TranslationStatus.OUTDATED)


def sees_every_page(user):
    """Those who translate or edit see the status of every page."""
    names = group_names(user)
    return user.is_superuser or bool({EDITORS_GROUP, TRANSLATORS_GROUP} & names)


def rows_for(user):
    """The rows a user may see: every page for translators and editors, the pages waiting in
    moderation for moderators (the titles of drafts are not theirs to read); else a refusal."""
    if sees_every_page(user):
        return section_rows()
    if MODERATORS_GROUP in group_names(user):
        return section_rows(only_in_moderation=True)
    raise PermissionDenied


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
    rows = rows_for(request.user)
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
            "can_translate": sees_every_page(request.user),
            "words": sum(row.words for row in rows),
            "pending_words": sum(row.pending_words for row in rows),
        },
    )


def _page_for_translator(request, page_id):
    """The page, if the user may edit it (translators and editors): else a refusal."""
    page = get_object_or_404(Page, pk=page_id, depth__gt=1).specific
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    return page


def translation_changes(request, page_id):
    """What changed in French since the English was last edited, unit by unit (a field, a
    block, an inline entry's field)."""
    page = _page_for_translator(request, page_id)
    changes = changes_since_english(page)
    return render(
        request,
        "editorial/translation_changes.html",
        {
            "page": page,
            "changes": changes,
            "words": sum(change.words for change in changes),
            "new_words": sum(change.new_words for change in changes),
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


def translation_units(request, page_id):
    """Every unit of a page, French and English side by side, with what is left to translate
    and a "Copy from French" button per unit."""
    page = _page_for_translator(request, page_id)
    latest = page.get_latest_revision_as_object()
    copied = set()
    for state in TranslationState.objects.filter(page=page):
        copied.update(state.copied or [])
    units = []
    for group, content in page_content(type(page), latest.serializable_data()).items():
        for unit in content.units:
            if unit.fr or unit.en:
                units.append(
                    {
                        "unit": unit,
                        "group": FieldGroup(group),
                        "to_translate": to_translate(unit, copied),
                        "copied": unit.key in copied and unit.en == unit.fr,
                    }
                )
    return render(
        request,
        "editorial/translation_units.html",
        {
            "page": page,
            "units": units,
            "to_translate": sum(1 for u in units if u["to_translate"]),
            "words": sum(words(u["unit"].fr) for u in units),
            "pending_words": sum(words(u["unit"].fr) for u in units if u["to_translate"]),
            "can_submit": is_translator_only(request.user),
        },
    )


@require_POST
def translation_copy(request, page_id):
    """Fill the English of the chosen units (or of every unit without English) with the
    French, as a starting point; saved as a draft. Copied units stay to translate until their
    English differs from the French."""
    page = _page_for_translator(request, page_id)
    latest = page.get_latest_revision_as_object()
    keys = request.POST.getlist("unit")
    if request.POST.get("all_missing"):
        keys = [
            unit.key
            for content in page_content(type(page), latest.serializable_data()).values()
            for unit in content.units
            if unit.fr and not unit.en
        ]
    units_url = reverse("editorial_translation_units", args=[page.pk])
    if not keys:
        messages.info(request, _("Nothing to copy: every French text has its English."))
        return redirect(units_url)
    try:
        for key in keys:
            copy_from_french(latest, key)
    except UnknownUnit:
        messages.error(
            request, _("This text is no longer on the page: reload the page and try again.")
        )
        return redirect(units_url)
    save_english(latest, request.user, copied=keys)
    messages.success(
        request,
        _(
            "The French was copied into the English of %(count)s text(s), in a draft: "
            "translate it, then save or submit the page."
        )
        % {"count": len(keys)},
    )
    return redirect(units_url)


# XLIFF for agencies ---------------------------------------------------------------------------


class ExportScope:
    PAGE, SECTION, PENDING = "page", "section", "pending"


def _export_pages(request):
    """(pages, units to export per page or None for all, a name for the file) from the
    request's scope."""
    scope = request.GET.get("scope", ExportScope.PAGE)
    if scope == ExportScope.PENDING:
        rows = [row for row in section_rows() if row.status in PENDING]
        pages = [latest_page(row.page.pk) for row in rows]
        only = {}
        for page in pages:
            content = page_content(type(page), latest_content(page))
            states = {s.field_group: s for s in TranslationState.objects.filter(page=page)}
            only[page.pk] = set()
            for group, group_content in content.items():
                state = states.get(group)
                reference = (state.fr_reference or {}).get("texts", {}) if state else {}
                copied = state.copied if state else []
                for unit in group_content.units:
                    changed = reference.get(unit.key, unit.fr) != unit.fr
                    if to_translate(unit, copied) or changed:
                        only[page.pk].add(unit.key)
        return pages, only, "a-traduire"
    try:
        root = Page.objects.get(pk=int(request.GET.get("page", "")), depth__gt=1)
    except (ValueError, Page.DoesNotExist) as error:
        raise PermissionDenied from error
    if scope == ExportScope.SECTION:
        tree = Page.objects.descendant_of(root, inclusive=True).order_by("path")
    else:
        tree = [root]
    pages = [latest_page(page.pk) for page in tree]
    return pages, None, slugify(root.title) or f"page-{root.pk}"


def latest_page(page_id):
    page = Page.objects.get(pk=page_id).specific
    return page.get_latest_revision_as_object()


def translation_export(request):
    """An XLIFF 2.0 file of one page, a section, or every page whose English is missing or
    outdated (only the texts to translate), with its word count; downloaded with ?download=1."""
    if not sees_every_page(request.user):
        raise PermissionDenied
    pages, only, name = _export_pages(request)
    data, count = xliff.export(pages, only)
    if request.GET.get("download"):
        response = HttpResponse(data, content_type="application/xliff+xml; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}.xlf"'
        return response
    query = request.GET.copy()
    query["download"] = "1"
    return render(
        request,
        "editorial/translation_export.html",
        {"count": count, "download_url": f"?{query.urlencode()}", "pages": pages},
    )


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("XLIFF file"),
        help_text=_("The file the agency sent back (.xlf, XLIFF 2.0, at most 2 MB)."),
    )

    # The confirmation posts the document back in a form field: under Django's 2.5 MB limit.
    MAX_SIZE = 2 * 1024 * 1024

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > self.MAX_SIZE:
            raise forms.ValidationError(_("The file is larger than 2 MB."))
        return upload


def _page_or_none(user):
    def find(page_id):
        page = Page.objects.filter(pk=page_id, depth__gt=1).first()
        if page is None:
            return None
        page = page.specific
        if not page.permissions_for_user(user).can_edit():
            return None
        return page.get_latest_revision_as_object()

    return find


def translation_import(request, page_id=None):
    """Import an agency's XLIFF file: a preview of what changes per field, then, confirmed,
    one new revision per page (a draft, or submitted to moderation); the French is untouched.
    Any problem (a malformed file, a file for another page, a French text changed since the
    export) is listed with its units and nothing is applied."""
    if not sees_every_page(request.user):
        raise PermissionDenied
    page = _page_for_translator(request, page_id) if page_id else None
    expected = {page.pk} if page else None
    context = {"page": page, "form": ImportForm(), "can_submit": True}
    if request.method == "POST":
        data = None
        if request.POST.get("confirm"):
            data = request.POST.get("document", "").encode()
        else:
            form = ImportForm(request.POST, request.FILES)
            context["form"] = form
            if form.is_valid():
                data = form.cleaned_data["file"].read()
        if data is not None:
            try:
                plans, problems = xliff.plan(data, _page_or_none(request.user), expected)
            except xliff.ImportProblem as problem:
                plans, problems = [], [problem]
            context.update(plans=plans, problems=problems, document=data.decode("utf-8", "replace"))
            if not problems and plans and request.POST.get("confirm"):
                submit = request.POST.get("submit") == "1"
                with transaction.atomic():
                    for item in plans:
                        xliff.apply(item.page, item.changes)
                        save_english(item.page, request.user, submit=submit)
                messages.success(
                    request,
                    _("The English of %(count)s page(s) was imported.") % {"count": len(plans)},
                )
                return redirect("editorial_translation_status")
    return render(request, "editorial/translation_import.html", context)
