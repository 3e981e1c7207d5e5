"""The partners' admin: the twinning committees (a snippet), the list of partner cities with
their relationship as a filter, the CSV import of partner cities, and what the app gives the
core (seed, demo, home page context, models shown on pages)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.admin.views.pages.listing import PageFilterSet
from wagtail.admin.viewsets.pages import PageListingViewSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

import django_filters

from clermont_intl.wagtail_hooks import MODELS_SHOWN_ON_PAGES, VOCABULARIES_MENU_HOOK

from . import admin_views
from .constants import Relationship
from .models import PartnerCityPage, PartnerIndexPage, TwinningCommittee


class TwinningCommitteeViewSet(SnippetViewSet):
    model = TwinningCommittee
    icon = "group"
    list_display = ["name", "email", "website"]
    search_fields = ["name"]
    menu_hook = VOCABULARIES_MENU_HOOK
    menu_order = 3


register_snippet(TwinningCommitteeViewSet)


class PartnerCityFilterSet(PageFilterSet):
    """Wagtail's page filters, and the relationship: every friendship agreement at a glance."""

    relationship = django_filters.ChoiceFilter(
        label=_("Relationship"),
        field_name="relationships__kind",
        choices=Relationship.choices,
        empty_label=_("All relationships"),
    )

    class Meta:
        model = PartnerCityPage
        fields = []


class PartnerCityListingViewSet(PageListingViewSet):
    """Every partner city page, drafts included, in one list that editors filter."""

    model = PartnerCityPage
    icon = "site"
    menu_label = _("Partner cities")
    menu_order = 250
    add_to_admin_menu = True
    filterset_class = PartnerCityFilterSet


@hooks.register("register_admin_viewset")
def register_partner_city_listing():
    return PartnerCityListingViewSet("partner_cities")


@hooks.register(MODELS_SHOWN_ON_PAGES)
def partners_models_shown_on_pages():
    return [TwinningCommittee]


@hooks.register("register_admin_urls")
def register_partner_import_urls():
    return [
        path("partners/import/", admin_views.upload, name="partners_import"),
        path("partners/import/preview/", admin_views.preview, name="partners_import_preview"),
        path("partners/import/confirm/", admin_views.confirm, name="partners_import_confirm"),
    ]


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.can_import(request.user)


@hooks.register("register_admin_menu_item")
def register_partner_import_menu_item():
    return ImportMenuItem(
        _("Import partner cities"),
        reverse("partners_import"),
        icon_name="upload",
        name="partners-import",
        order=260,
    )


@hooks.register("register_page_header_buttons")
def partner_import_button(page, user, view_name, next_url=None):
    """On the partner index, in the admin's page header: "Import partner cities (CSV)"."""
    if page.specific_class is PartnerIndexPage and admin_views.can_import(user):
        yield PageMenuItem(
            _("Import partner cities (CSV)"),
            url=reverse("partners_import"),
            icon_name="upload",
            priority=40,
            page=page,
        )


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


@hooks.register("construct_home_page_context")
def home_page_twin_cities(home, request, entries):
    """The twin cities with the year and country of each (one query, made when the home page
    shows them), and the network's page."""
    from django.utils.functional import SimpleLazyObject

    from .models import MichelinNetworkPage

    return {
        "twin_cities": SimpleLazyObject(lambda: twin_cities(home)),
        "network_page": entries.first(MichelinNetworkPage),
    }


def twin_cities(home):
    """[(partner city page, year of the twinning)], the oldest twinning first."""
    from .constants import Relationship
    from .models import PartnerCityPage, PartnerRelationship

    pages = PartnerCityPage.objects.live().public().descendant_of(home)
    ties = (
        PartnerRelationship.objects.filter(kind=Relationship.TWIN_CITY, page__in=pages)
        .select_related("page")
        .order_by("since", "page__title")
    )
    return [(tie.page, tie.since) for tie in ties]


def partner_map_teaser(index, request):
    from .models import live_partners, marker_label
    from .worldmap import build_map

    if not index:
        return None
    partners = list(live_partners(index).order_by("title"))
    return {"index": index, "map": build_map(partners, request, marker_label)}
