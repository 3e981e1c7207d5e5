"""The project index's filters.

The support form's protections against robots moved to clermont_intl.forms, shared with the
contact page; their names stay importable from here.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from clermont_intl.collation import alphabetical
from clermont_intl.forms import (  # noqa: F401
    HONEYPOT_FIELD,
    NOTIFICATION_ADDRESS_PERMISSION,
    TIMESTAMP_FIELD,
    TIMESTAMP_MAX_AGE,
    TIMESTAMP_SALT,
    SpamProtectedForm,
    SpamProtectedFormBuilder,
    SupportFormPageAdminForm,
    sign_start_time,
    validate_notification_addresses,
)

from .constants import ProjectStatus


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
            (str(programme.pk), programme.acronym or programme.name)
            for programme in alphabetical(programmes, name=lambda p: p.acronym or p.name)
        ]
        # In the alphabetical order of the page's language (Échanges scolaires before Jeunesse).
        self.fields["theme"].choices = [("", _("All themes"))] + [
            (theme.slug, theme.name) for theme in alphabetical(themes, name=lambda t: t.name)
        ]
        self.fields["status"].choices = [("", _("All statuses")), *ProjectStatus.choices]

    def filter(self, projects):
        """The projects (a queryset) matching the valid choices; an invalid choice is left
        out."""
        self.is_valid()
        cleaned = self.cleaned_data
        if cleaned.get("programme"):
            projects = projects.filter(programme_id=cleaned["programme"])
        if cleaned.get("theme"):
            projects = projects.filter(themes__slug=cleaned["theme"])
        if cleaned.get("status"):
            projects = projects.filter(status=cleaned["status"])
        return projects
