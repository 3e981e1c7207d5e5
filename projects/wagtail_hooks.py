from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from clermont_intl.wagtail_hooks import MODELS_SHOWN_ON_PAGES, VOCABULARIES_MENU_HOOK

from .models import Programme


class ProgrammeViewSet(SnippetViewSet):
    model = Programme
    icon = "pick"
    list_display = ["name", "acronym", "url"]
    search_fields = ["name", "acronym"]
    menu_hook = VOCABULARIES_MENU_HOOK
    menu_order = 2


register_snippet(ProgrammeViewSet)


@hooks.register(MODELS_SHOWN_ON_PAGES)
def projects_models_shown_on_pages():
    return [Programme]


@hooks.register("register_demo_content")
def projects_demo_content():
    from .demo import DEMO_SECTIONS

    return DEMO_SECTIONS


@hooks.register("register_seed_content")
def projects_seed_content():
    from .seed import SEED_SECTIONS

    return SEED_SECTIONS


@hooks.register("construct_home_page_context")
def home_page_support_form(home, request, entries):
    from .models import ProjectSupportFormPage

    return {"support_page": entries.first(ProjectSupportFormPage)}


@hooks.register("construct_home_page_context")
def home_page_open_calls(home, request, entries):
    """The open calls, chosen on every request (which are open depends on the clock);
    their cards are cached per list of (call, state)."""
    from .calls import open_calls_context

    return open_calls_context(home, request, entries)


@hooks.register("construct_mission_page_context")
def mission_page_open_calls(mission, request, entries):
    from .calls import open_calls_context

    return open_calls_context(mission, request, entries)
