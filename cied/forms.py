from django import forms
from django.utils.translation import gettext_lazy as _

from .constants import Audience


class EventFilterForm(forms.Form):
    """The events' filters, read from the query string by the events index and its feeds.

    The page reports unknown values and ignores them; the feeds answer 400 with the reasons.
    """

    theme = forms.ChoiceField(label=_("Theme"), required=False)
    audience = forms.ChoiceField(
        label=_("Audience"),
        required=False,
        choices=[("", _("All audiences")), *Audience.choices],
    )

    def __init__(self, data=None, *, themes=(), **kwargs):
        super().__init__(data, **kwargs)
        self.fields["theme"].choices = [("", _("All themes"))] + [
            (theme.slug, theme.name) for theme in themes
        ]

    def filter(self, events):
        """The events matching the valid choices (an invalid one is left out)."""
        self.is_valid()
        cleaned = self.cleaned_data
        if cleaned.get("theme"):
            events = events.filter(themes__slug=cleaned["theme"])
        if cleaned.get("audience"):
            events = events.filter(audience=cleaned["audience"])
        return events
