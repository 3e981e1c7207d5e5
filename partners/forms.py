import functools

from django import forms
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from django_countries import countries as all_countries

from clermont_intl.collation import alphabetical

from .constants import PartnerSort, Relationship


class PartnerFilterForm(forms.Form):
    """The partner directory's filters, read from the query string.

    Unknown values are reported as form errors and ignored, so that a hand-edited address still
    shows the directory instead of failing.
    """

    relationship = forms.ChoiceField(
        label=_("Relationship"),
        required=False,
        choices=[("", _("All relationships")), *Relationship.choices],
    )
    country = forms.ChoiceField(label=_("Country"), required=False)
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=PartnerSort.choices)

    def __init__(self, data=None, *, countries=(), **kwargs):
        super().__init__(data, **kwargs)
        self.fields["country"].choices = [
            ("", _("All countries")),
            *_country_choices(translation.get_language(), tuple(countries)),
        ]


@functools.lru_cache(maxsize=32)
def _country_choices(language, codes):
    """The countries' names in language, in its alphabetical order (Allemagne, Biélorussie,
    Espagne… in French; Belarus, Germany, Spain… in English): looked up once per list, not on
    every request."""
    with translation.override(language):
        names = [(code, str(all_countries.name(code))) for code in codes]
    return tuple(alphabetical(names, name=lambda choice: choice[1]))
