from wagtail import hooks


@hooks.register("register_demo_content")
def partners_demo_content():
    from .demo import DEMO_SECTIONS

    return DEMO_SECTIONS


@hooks.register("register_seed_content")
def partners_seed_content():
    from .seed import SEED_SECTIONS

    return SEED_SECTIONS


@hooks.register("construct_home_page_context")
def home_page_partner_map(home, request, entries):
    """The partner directory (found with the home page's other entry pages, in their one
    query) and its map (every partner), built only when the home page's cached fragment must
    be rendered again."""
    from django.utils.functional import SimpleLazyObject

    from .models import PartnerIndexPage

    index = entries.first(PartnerIndexPage)
    return {"partner_map_teaser": SimpleLazyObject(lambda: partner_map_teaser(index, request))}


def partner_map_teaser(index, request):
    from .models import live_partners, marker_label
    from .worldmap import build_map

    if not index:
        return None
    partners = list(live_partners(index).order_by("title"))
    return {"index": index, "map": build_map(partners, request, marker_label)}
