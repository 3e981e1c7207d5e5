"""Shared passwords of private pages and documents: hard to guess, and not guessed by trying.

Editors give a page (the admin's "Privacy" dialog) or a collection of documents a password that
everyone invited shares. Such a password is checked against Django's password validators
(``PRIVACY_PASSWORD_MIN_LENGTH`` characters at least, not a common password, not only digits),
with the reason in the dialog; and each client address may try at most
``PRIVACY_PASSWORD_ATTEMPT_LIMIT`` passwords of one restriction per window, counted in the
database (``rate_limits``), the right one included once the limit is reached.
"""

from django import forms
from django.conf import settings
from django.contrib.auth.password_validation import (
    CommonPasswordValidator,
    MinimumLengthValidator,
    NumericPasswordValidator,
    validate_password,
)
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail import views as wagtail_views
from wagtail.admin.forms.collections import CollectionViewRestrictionForm
from wagtail.admin.forms.pages import PageViewRestrictionForm
from wagtail.admin.modal_workflow import render_modal_workflow
from wagtail.admin.views import collection_privacy
from wagtail.admin.views.page_privacy import SetPrivacyView
from wagtail.documents.views import serve as document_views
from wagtail.models import (
    BaseViewRestriction,
    Collection,
    CollectionViewRestriction,
    PageViewRestriction,
)
from wagtail.permissions import collection_permission_policy

from .login import client_ip
from .rate_limits import privacy_password_limit

PASSWORD = BaseViewRestriction.PASSWORD
PASSWORD_HELP = _(
    "At least %(length)d characters, not a common password: anyone may try to guess it."
)


def validate_shared_password(password):
    validate_password(
        password,
        password_validators=[
            MinimumLengthValidator(settings.PRIVACY_PASSWORD_MIN_LENGTH),
            CommonPasswordValidator(),
            NumericPasswordValidator(),
        ],
    )


class SharedPasswordMixin:
    """A view-restriction form whose password must resist guessing, with the reason shown."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "password" in self.fields:
            self.fields["password"].help_text = PASSWORD_HELP % {
                "length": settings.PRIVACY_PASSWORD_MIN_LENGTH
            }

    def clean_password(self):
        password = super().clean_password()
        if self.cleaned_data.get("restriction_type") == PASSWORD:
            try:
                validate_shared_password(password)
            except forms.ValidationError as error:
                raise forms.ValidationError(error.messages, code="weak_password") from error
        return password


class PagePrivacyForm(SharedPasswordMixin, PageViewRestrictionForm):
    pass


class CollectionPrivacyForm(SharedPasswordMixin, CollectionViewRestrictionForm):
    pass


class PagePrivacyView(SetPrivacyView):
    """Wagtail's page privacy dialog (``/admin/pages/<id>/privacy/``) with the checked form."""

    form_class = PagePrivacyForm


def set_collection_privacy(request, collection_id):
    """Wagtail's collection privacy dialog, with the password checked first.

    Wagtail's view builds its form itself: a password that would be refused is answered here, in
    the same dialog with the reason under the field; anything else goes to Wagtail's view.
    """
    if request.method == "POST" and request.POST.get("restriction_type") == PASSWORD:
        collection = get_object_or_404(Collection, id=collection_id)
        if not collection_permission_policy.user_has_permission_for_instance(
            request.user, "change", collection
        ):
            raise PermissionDenied
        restriction = collection.get_view_restrictions().order_by("collection__depth").first()
        if restriction is None or restriction.collection_id == collection.pk:
            form = CollectionPrivacyForm(request.POST, instance=restriction)
            if form.has_error("password"):
                return render_modal_workflow(
                    request,
                    "wagtailadmin/shared/set_privacy.html",
                    None,
                    {
                        "action_url": reverse(
                            "wagtailadmin_collections:set_privacy", args=(collection.pk,)
                        ),
                        "object": collection,
                        "form": form,
                    },
                    json_data={"step": "set_privacy"},
                )
    return collection_privacy.set_privacy(request, collection_id)


# --- Visitors: a few tries per address and restriction -----------------------------------------


def _refused(request, kind):
    minutes = max(1, round(settings.PRIVACY_PASSWORD_WINDOW_SECONDS / 60))
    context = {
        "kind": kind,
        "attempt_limit": settings.PRIVACY_PASSWORD_ATTEMPT_LIMIT,
        "minutes": minutes,
    }
    return render(request, "clermont_intl/password_attempts_refused.html", context, status=429)


def _attempt_allowed(request, kind, restriction_model, restriction_id):
    """Counts a POSTed password for this client and restriction: False once over the limit.

    Only restrictions that exist and have a password are counted (Wagtail answers the others):
    no one can fill the table with made-up restrictions.
    """
    if request.method != "POST":
        return True
    exists = restriction_model.objects.filter(
        pk=restriction_id, restriction_type=PASSWORD
    ).exists()
    if not exists:
        return True
    return privacy_password_limit(kind, restriction_id).take(client_ip(request)) is not None


def page_password(request, page_view_restriction_id, page_id):
    """Wagtail's page password form (``wagtailcore_authenticate_with_password``), limited."""
    if not _attempt_allowed(request, "page", PageViewRestriction, page_view_restriction_id):
        return _refused(request, "page")
    return wagtail_views.authenticate_with_password(request, page_view_restriction_id, page_id)


def document_password(request, restriction_id):
    """Wagtail's document password form (``wagtaildocs_authenticate_with_password``), limited."""
    if not _attempt_allowed(request, "document", CollectionViewRestriction, restriction_id):
        return _refused(request, "document")
    return document_views.authenticate_with_password(request, restriction_id)
