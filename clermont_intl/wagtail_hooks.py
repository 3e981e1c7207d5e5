from django.utils.translation import gettext_lazy as _

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from projects.models import Programme

from .models import Theme


class ThemeViewSet(SnippetViewSet):
    model = Theme
    icon = "tag"
    list_display = ["name", "slug"]
    search_fields = ["name"]


class ProgrammeViewSet(SnippetViewSet):
    model = Programme
    icon = "pick"
    list_display = ["name", "acronym", "url"]
    search_fields = ["name", "acronym"]


class TaxonomyGroup(SnippetViewSetGroup):
    """Editors' vocabularies, grouped under one menu item."""

    items = (ThemeViewSet, ProgrammeViewSet)
    menu_icon = "folder-open-inverse"
    menu_label = _("Vocabularies")
    menu_name = "vocabularies"


register_snippet(TaxonomyGroup)
