"""The core's admin pieces, and the hooks through which the domain apps plug into them.

Hooks the domain apps (partners, projects, cied) use in their own wagtail_hooks.py:
- "register_models_shown_on_pages": models whose changes visitors see
  (clermont_intl.caching.invalidation);
- VOCABULARIES_MENU_HOOK: a snippet viewset with ``menu_hook = VOCABULARIES_MENU_HOOK`` appears
  under the admin's "Vocabularies" menu.
"""

from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .caching.invalidation import HOOK as MODELS_SHOWN_ON_PAGES
from .models import Theme

VOCABULARIES_MENU_HOOK = "register_vocabularies_menu_item"


class VocabulariesGroup(ViewSetGroup):
    """Editors' vocabularies, grouped under one menu item: the apps add theirs by the hook."""

    menu_icon = "folder-open-inverse"
    menu_label = _("Vocabularies")
    menu_name = "vocabularies"
    submenu_hook = VOCABULARIES_MENU_HOOK


class ThemeViewSet(SnippetViewSet):
    model = Theme
    icon = "tag"
    list_display = ["name", "slug"]
    search_fields = ["name"]
    menu_hook = VOCABULARIES_MENU_HOOK
    menu_order = 1


hooks.register("register_admin_viewset", VocabulariesGroup)
register_snippet(ThemeViewSet)


@hooks.register(MODELS_SHOWN_ON_PAGES)
def core_models_shown_on_pages():
    return [Theme]


@hooks.register("register_admin_viewset")
def register_requests_follow_up():
    from .submissions.admin import SubmissionFollowUpViewSet

    return SubmissionFollowUpViewSet("requests")
