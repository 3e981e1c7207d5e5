"""The project-support form's protections against robots, without any third-party service.

A honeypot field that people never see, a signed timestamp proving the form was displayed at least
a few seconds before it was sent, and (in the page's ``serve``) a per-address rate limit.
"""

import time

from django import forms
from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wagtail.contrib.forms.forms import BaseForm, FormBuilder, WagtailAdminFormPageForm

from .constants import ProjectStatus

HONEYPOT_FIELD = "website_url"
TIMESTAMP_FIELD = "form_started"
TIMESTAMP_SALT = "projects.support-form.started"
# A form displayed longer ago than this is stale: show it again rather than accept it.
TIMESTAMP_MAX_AGE = 24 * 3600


def sign_start_time(when=None):
    return signing.dumps(when if when is not None else time.time(), salt=TIMESTAMP_SALT)


class SpamProtectedForm(BaseForm):
    """Base of the form built from the editors' fields, with the two robot traps added."""

    too_fast_message = _(
        "The form was sent too quickly after it was displayed. Please check it and send it again."
    )
    expired_message = _("The form has expired. Please check it and send it again.")
    refused_message = _("The request could not be accepted.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[HONEYPOT_FIELD] = forms.CharField(
            label=_("Leave this field empty"),
            required=False,
            widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
        )
        self.fields[TIMESTAMP_FIELD] = forms.CharField(
            required=False, widget=forms.HiddenInput, initial=sign_start_time
        )

    def honeypot(self):
        return self[HONEYPOT_FIELD]

    def visible_fields(self):
        # The honeypot is rendered apart, in a hidden block (see the page template).
        return [field for field in super().visible_fields() if field.name != HONEYPOT_FIELD]

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get(HONEYPOT_FIELD):
            self.caught_robot = True
            raise forms.ValidationError(self.refused_message, code="honeypot")
        try:
            started = signing.loads(
                self.data.get(TIMESTAMP_FIELD, ""), salt=TIMESTAMP_SALT, max_age=TIMESTAMP_MAX_AGE
            )
            age = time.time() - float(started)
            if not -60 < age < TIMESTAMP_MAX_AGE:  # signed, but not by a form displayed today
                raise ValueError(age)
        except (signing.BadSignature, TypeError, ValueError):
            # Shown again with a fresh timestamp, so that the next attempt can succeed.
            self.data = self.data.copy()
            self.data[TIMESTAMP_FIELD] = sign_start_time()
            raise forms.ValidationError(self.expired_message, code="timestamp") from None
        if age < settings.FORM_MIN_FILL_SECONDS:
            raise forms.ValidationError(self.too_fast_message, code="too_fast")
        # The traps are not part of the request: they are not stored.
        cleaned_data.pop(HONEYPOT_FIELD, None)
        cleaned_data.pop(TIMESTAMP_FIELD, None)
        return cleaned_data


class SpamProtectedFormBuilder(FormBuilder):
    def get_form_class(self):
        return type("ProjectSupportForm", (SpamProtectedForm,), self.formfields)


class ProjectFilterForm(forms.Form):
    """The project index's filters, read from the query string.

    Unknown values are reported as form errors and ignored, like the partner directory's.
    """

    programme = forms.ChoiceField(label=_("Programme"), required=False)
    theme = forms.ChoiceField(label=_("Theme"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)

    def __init__(self, data=None, *, programmes=(), themes=(), **kwargs):
        super().__init__(data, **kwargs)
        self.fields["programme"].choices = [("", _("All programmes"))] + [
            (str(programme.pk), programme.acronym or programme.name) for programme in programmes
        ]
        self.fields["theme"].choices = [("", _("All themes"))] + [
            (theme.slug, theme.name) for theme in themes
        ]
        self.fields["status"].choices = [("", _("All statuses")), *ProjectStatus.choices]

    def filter(self, projects):
        """The projects (a list, themes prefetched) matching the valid choices; an invalid choice
        is left out."""
        self.is_valid()
        cleaned = self.cleaned_data
        if cleaned.get("programme"):
            projects = [p for p in projects if str(p.programme_id) == cleaned["programme"]]
        if cleaned.get("theme"):
            projects = [p for p in projects if cleaned["theme"] in {t.slug for t in p.themes.all()}]
        if cleaned.get("status"):
            projects = [p for p in projects if p.status == cleaned["status"]]
        return projects


# --- Where notifications go: they carry applicants' personal data -----------------------------

# The permission that shows the notification addresses in the page editor; only the roles
# migration grants it (to communication editors), superusers have it anyway.
NOTIFICATION_ADDRESS_PERMISSION = "projects.change_notification_address"


def _domain_allowed(domain, allowed):
    return any(domain == name or domain.endswith(f".{name}") for name in allowed)


def validate_notification_addresses(value):
    """Refuses any address outside ``NOTIFICATION_EMAIL_DOMAINS`` (subdomains included)."""
    allowed = [name.lower().strip(".") for name in settings.NOTIFICATION_EMAIL_DOMAINS]
    refused = [
        address
        for address in (part.strip() for part in (value or "").split(","))
        if address and not _domain_allowed(address.rpartition("@")[2].lower(), allowed)
    ]
    if refused:
        raise ValidationError(
            _(
                "Notifications carry applicants' personal data: they can only be sent to "
                "addresses in %(domains)s. Not accepted: %(refused)s."
            ),
            code="notification_domain",
            params={"domains": ", ".join(allowed), "refused": ", ".join(refused)},
        )


class SupportFormPageAdminForm(WagtailAdminFormPageForm):
    """The support form page's editor form: its notification address stays in the city's domains.

    Checked here rather than in the page's ``clean()``: the field is only in the form of users
    allowed to change it, and a model error on a field that is not in the form would break the
    editor for everyone else (translators saving the page's text).
    """

    def clean_to_address(self):
        value = self.cleaned_data.get("to_address", "")
        validate_notification_addresses(value)
        return value
