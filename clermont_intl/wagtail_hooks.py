"""The core's admin pieces, and the hooks through which the domain apps plug into them.

Hooks the domain apps (partners, projects, cied) use in their own wagtail_hooks.py:
- "register_models_shown_on_pages": models whose changes visitors see
  (clermont_intl.caching.invalidation);
- VOCABULARIES_MENU_HOOK: a snippet viewset with ``menu_hook = VOCABULARIES_MENU_HOOK`` appears
  under the admin's "Vocabularies" menu.
(The others are named where they are called: clermont_intl.home, clermont_intl.opendata,
clermont_intl.content; docs/architecture.md lists them all.)
"""

from django.conf import settings
from django.http import JsonResponse
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.models import Page
from wagtail.rich_text.pages import PageLinkHandler
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .caching.invalidation import HOOK as MODELS_SHOWN_ON_PAGES
from .images import default_language
from .images.models import ImageDescription
from .images.views import image_descriptions
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
    return [Theme, ImageDescription]


@hooks.register("register_admin_urls")
def register_image_descriptions_url():
    return [
        path(
            "image-descriptions/<int:image_id>/",
            image_descriptions,
            name="clermont_intl_image_descriptions",
        )
    ]


@hooks.register("insert_editor_js")
def image_alt_text_script():
    """Fills an empty alternative text with the chosen image's description (in the field's
    language). A file, not an inline script: its settings travel in data attributes."""
    url = reverse("clermont_intl_image_descriptions", args=[0])
    return format_html(
        '<script src="{}" data-descriptions-url="{}" data-languages="{}" '
        'data-default-language="{}"></script>',
        static("js/admin/image-alt-text.js"),
        url,
        " ".join(code for code, _name in settings.LANGUAGES),
        default_language(),
    )


@hooks.register("insert_global_admin_js")
def date_input_script():
    """Dates typed in the admin are kept as typed, never replaced by "now" (the file says why)."""
    return format_html('<script src="{}"></script>', static("js/admin/date-input.js"))


# After wagtail-modeltranslation's own editor scripts, whose language toggles the second uses.
@hooks.register("insert_editor_js", order=100)
def editor_form_scripts():
    """No autosave on an add form; a language whose fields hold an error is shown."""
    return format_html(
        '<script src="{}"></script><script src="{}"></script>',
        static("js/admin/add-form-autosave.js"),
        static("js/admin/language-toggles.js"),
    )


@hooks.register("before_create_page")
def refuse_autosave_on_add_form(request, parent_page, page_class):
    """An autosave of a half-filled add form would create the page, left behind as a draft if
    the editor goes away, and its slug would then block starting again: the add form creates a
    page only when the editor saves or publishes it. The editor's script does not send these
    (static/js/admin/add-form-autosave.js); this is the server's side of the same rule."""
    if request.method == "POST" and not request.accepts("text/html"):
        return JsonResponse(
            {
                "success": False,
                "error_code": "blocked_by_hook",
                "error_message": _(
                    "Autosave starts once the page is saved: click “Save draft” first."
                ),
            },
            status=400,
        )
    return None


@hooks.register("register_admin_viewset")
def register_requests_follow_up():
    from .submissions.admin import SubmissionFollowUpViewSet

    return SubmissionFollowUpViewSet("requests")


class PageLinks(PageLinkHandler):
    """Page links in rich text, found in one query. Wagtail's handler loads the specific pages
    (one more query per page type, in every rich text, on each first render after a publish);
    an address needs only the page's path in each language, which the base page table holds."""

    @classmethod
    def get_many(cls, attrs_list):
        ids = [attrs.get("id") for attrs in attrs_list]
        pages = Page.objects.filter(
            id__in=[pk for pk in ids if str(pk).isdigit()]
        ).defer_streamfields()
        by_id = {str(page.pk): page for page in pages}
        return [by_id.get(str(pk)) for pk in ids]


# After Wagtail's own registration of the "page" link type, which this one replaces.
@hooks.register("register_rich_text_features", order=100)
def page_links_in_one_query(features):
    features.register_link_type(PageLinks)
