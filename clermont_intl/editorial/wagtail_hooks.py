"""The editorial workflow in the admin: translation status, dashboard panels, the translators'
limits, and the rich-text feature for passages in another language."""

import copy

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.views.account import BaseSettingsPanel
from wagtail.contrib.forms.models import FormSubmission
from wagtail.contrib.forms.utils import get_forms_for_user
from wagtail.utils.version import get_main_version

from .constants import EDITORS_GROUP, TRANSLATORS_GROUP, TranslationStatus
from .models import TranslatorPreference
from .permissions import group_names, is_translator_only
from .rich_text import register_language_features
from .translation_state import copy_states
from .views import (
    rows_for,
    translation_changes,
    translation_copy,
    translation_export,
    translation_import,
    translation_status,
    translation_still_valid,
    translation_units,
)


@hooks.register("register_admin_urls")
def register_translation_status_url():
    return [
        path("translations/", translation_status, name="editorial_translation_status"),
        path(
            "translations/<int:page_id>/changes/",
            translation_changes,
            name="editorial_translation_changes",
        ),
        path(
            "translations/<int:page_id>/still-valid/",
            translation_still_valid,
            name="editorial_translation_still_valid",
        ),
        path("translations/<int:page_id>/", translation_units, name="editorial_translation_units"),
        path(
            "translations/<int:page_id>/copy/",
            translation_copy,
            name="editorial_translation_copy",
        ),
        path("translations/export/", translation_export, name="editorial_translation_export"),
        path("translations/import/", translation_import, name="editorial_translation_import"),
        path(
            "translations/<int:page_id>/import/",
            translation_import,
            name="editorial_translation_import_page",
        ),
    ]


@hooks.register("register_admin_menu_item")
def register_translation_status_menu_item():
    return MenuItem(
        _("Translations"),
        reverse("editorial_translation_status"),
        icon_name="globe",
        name="translations",
        order=250,
    )


@hooks.register("after_copy_page")
def copy_translation_status(request, page, new_page):
    copy_states(page, new_page)


@hooks.register("register_rich_text_features")
def register_passage_languages(features):
    register_language_features(features)


# Translators' delete, move and copy are refused by Wagtail itself (editorial.permissions): the
# buttons are hidden and the views answer 403. A bulk action gets a clear message first.


@hooks.register("before_bulk_action")
def translators_do_not_bulk_delete_or_move(request, action_type, objects, action_class):
    if action_type in ("delete", "move") and is_translator_only(request.user):
        messages.error(request, _("Translators cannot delete or move pages."))
        return redirect("wagtailadmin_explore_root")


# Submissions hold applicants' personal data: only the communication editors see them.
@hooks.register("filter_form_submissions_for_user")
def submissions_for_editors_only(user, editable_forms):
    if user.is_superuser or user.groups.filter(name=EDITORS_GROUP).exists():
        return editable_forms
    return editable_forms.none()


class TranslationStatusPanel(Component):
    name = "translation_status"
    order = 110
    template_name = "editorial/panels/translation_status.html"

    def __init__(self, rows):
        self.rows = rows

    def get_context_data(self, parent_context):
        counts = {status: 0 for status in TranslationStatus}
        for row in self.rows:
            counts[row.status] += 1
        return {
            "counts": [(status, counts[status]) for status in TranslationStatus],
            "status_url": reverse("editorial_translation_status"),
        }


class RecentSubmissionsPanel(Component):
    name = "recent_submissions"
    order = 130
    template_name = "editorial/panels/recent_submissions.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        submissions = (
            FormSubmission.objects.filter(page__in=get_forms_for_user(self.user))
            .select_related("page")
            .order_by("-submit_time")[:5]
        )
        return {"submissions": submissions}


@hooks.register("construct_homepage_panels")
def add_editorial_panels(request, panels):
    try:
        rows = rows_for(request.user)
    except PermissionDenied:
        rows = None  # neither translating, editing nor moderating: no translation panel
    if rows is not None:
        panels.append(TranslationStatusPanel(rows))
    if get_forms_for_user(request.user).exists():
        panels.append(RecentSubmissionsPanel(request.user))


class TranslatorPreferenceForm(forms.ModelForm):
    class Meta:
        model = TranslatorPreference
        fields = ["daily_digest"]


@hooks.register("register_account_settings_panel")
class TranslationDigestSettingsPanel(BaseSettingsPanel):
    """A translator's choice of the daily digest of French changes, in their account settings."""

    name = "translation_digest"
    title = _("Translation notices")
    order = 400
    form_class = TranslatorPreferenceForm

    def is_active(self):
        return TRANSLATORS_GROUP in group_names(self.user)

    def get_form(self):
        instance = TranslatorPreference.objects.filter(user=self.user).first()
        instance = instance or TranslatorPreference(user=self.user)
        if self.request.method == "POST":
            return self.form_class(self.request.POST, instance=instance, prefix=self.name)
        return self.form_class(instance=instance, prefix=self.name)


# After Wagtail's own registration of its base page viewset (hooks of order 0), so that this one
# replaces it for every page type: the same views, with the comparison moderators can reach.
@hooks.register("register_admin_viewset", order=1)
def register_page_viewset():
    from .page_views import SectionPageViewSet

    return SectionPageViewSet("section_pages")


@hooks.register("register_admin_urls")
def register_editors_guide_urls():
    from .guide import editors_guide, editors_guide_image

    return [
        path("guide/", editors_guide, name="clermont_intl_editors_guide"),
        path(
            "guide/img/<str:name>",
            editors_guide_image,
            name="clermont_intl_editors_guide_image",
        ),
    ]


@hooks.register("construct_help_menu")
def label_whats_new_in_the_admins_language(request, menu_items):
    """Wagtail formats its "What's new in Wagtail x.y" label once per process (the help menu's
    items are built once), in the language of the first admin page that process served: an
    English editor first, and every French editor of that worker read it in English. Each
    request gets a copy labelled in its own language."""
    version = get_main_version(include_patch=False)
    for index, item in enumerate(menu_items):
        if item.name == f"whats-new-in-wagtail-{version}":
            relabelled = copy.copy(item)
            relabelled.label = gettext("What's new in Wagtail %(version)s") % {"version": version}
            menu_items[index] = relabelled


@hooks.register("register_help_menu_item")
def register_editors_guide_menu_item():
    """The project's own guide, first in the Help menu, beside Wagtail's (in English)."""
    return MenuItem(
        _("The site's editors' guide"),
        reverse("clermont_intl_editors_guide"),
        icon_name="help",
        name="site-editors-guide",
        order=900,
    )
