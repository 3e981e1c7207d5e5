from django import forms
from django.utils.translation import gettext_lazy as _

from clermont_intl.collation import alphabetical


class NewsFilterForm(forms.Form):
    """The news index's theme filter, read from the query string by the page and its feeds.

    The page reports an unknown theme and ignores it; the feeds answer 400 with the reason.
    """

    theme = forms.ChoiceField(label=_("Theme"), required=False)

    def __init__(self, data=None, *, themes=(), **kwargs):
        super().__init__(data, **kwargs)
        # In the alphabetical order of the page's language (Échanges scolaires before Jeunesse).
        self.fields["theme"].choices = [("", _("All themes"))] + [
            (theme.slug, theme.name) for theme in alphabetical(themes, name=lambda t: t.name)
        ]

    def filter(self, news):
        """The news matching a valid theme (an invalid one is left out)."""
        self.is_valid()
        if self.cleaned_data.get("theme"):
            news = news.filter(themes__slug=self.cleaned_data["theme"])
        return news
