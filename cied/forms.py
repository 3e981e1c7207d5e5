from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clermont_intl.collation import alphabetical
from clermont_intl.forms import SpamProtectedForm

from .constants import LOAN_BOOKING_HORIZON_DAYS, LOAN_MAX_DAYS, Audience


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
        # In the alphabetical order of the page's language (Échanges scolaires before Jeunesse).
        self.fields["theme"].choices = [("", _("All themes"))] + [
            (theme.slug, theme.name) for theme in alphabetical(themes, name=lambda t: t.name)
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


class LoanRequestForm(SpamProtectedForm):
    """A request to borrow one exhibition (the page it is sent from), with the robot traps of
    every public form. Checked against the loans the centre has confirmed: a request for dates
    already taken is refused with the first free period of the same length."""

    # The requester's details, which browsers can fill in (RGAA 11.13: autocomplete tokens).
    organisation = forms.CharField(
        label=_("Organisation"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    contact_name = forms.CharField(
        label=_("Contact person"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("E-mail"), max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    phone = forms.CharField(
        label=_("Telephone"),
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    start = forms.DateField(
        label=_("Start of the loan"),
        help_text=_("The day you collect the exhibition."),
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
    )
    end = forms.DateField(
        label=_("End of the loan"),
        help_text=_("The day you bring it back."),
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
    )
    place = forms.CharField(
        label=_("Where it will be shown"),
        max_length=250,
        help_text=_("The venue and its town."),
    )
    audience = forms.CharField(
        label=_("Audience"),
        max_length=250,
        required=False,
        help_text=_("Who will see it: pupils, members of an association, the general public…"),
    )
    message = forms.CharField(
        label=_("Message"),
        max_length=3000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def __init__(self, *args, exhibition=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.exhibition = exhibition

    def clean(self):
        cleaned_data = super().clean()
        start, end = cleaned_data.get("start"), cleaned_data.get("end")
        if start and end and self.dates_are_valid(start, end) and self.exhibition:
            taken = self.exhibition.confirmed_loans_between(start, end)
            if taken:
                raise forms.ValidationError(
                    self.exhibition.unavailable_message(taken, start, end), code="unavailable"
                )
        if self.exhibition:
            # Stored with the request as text: the service's notification and exports name it.
            cleaned_data["exhibition"] = self.exhibition.title
        return cleaned_data

    def dates_are_valid(self, start, end):
        """Adds the errors of the requested period; True when it has none."""
        today = timezone.localdate()
        errors = []
        if start < today:
            errors.append(("start", _("The loan cannot start in the past.")))
        elif start > today + timedelta(days=LOAN_BOOKING_HORIZON_DAYS):
            message = _("Loans are booked at most %(days)s days ahead: please ask again later.")
            errors.append(("start", message % {"days": LOAN_BOOKING_HORIZON_DAYS}))
        if end < start:
            errors.append(("end", _("The end of the loan cannot come before its start.")))
        elif (end - start).days + 1 > LOAN_MAX_DAYS:
            message = _("A loan lasts at most %(days)s days.")
            errors.append(("end", message % {"days": LOAN_MAX_DAYS}))
        for field, message in errors:
            self.add_error(field, message)
        return not errors
