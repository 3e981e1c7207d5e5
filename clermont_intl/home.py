"""What the home page shows besides its own text, in a fixed number of queries.

Everything but the upcoming events depends only on the published tree: it is built lazily, when
the home page's cached fragments ({% treecache %}) must be rendered again. Which events are
upcoming depends on the clock: their ids are read on every request (one query), and their cards
are cached per list of ids, as on the centre's pages.
"""

from django.utils.functional import SimpleLazyObject

from wagtail.models import Page

from .caching.privacy import public

UPCOMING_EVENTS = 3
NEWEST_PAGES = 4


def home_context(home, request):
    from cied.models import EventIndexPage, EventPage, in_order

    event_ids = list(
        EventPage.objects.live()
        .public()
        .descendant_of(home)
        .upcoming()
        .values_list("pk", flat=True)[:UPCOMING_EVENTS]
    )
    return {
        "event_ids": event_ids,
        "upcoming_events": SimpleLazyObject(lambda: in_order(EventPage, event_ids)),
        "event_index": SimpleLazyObject(
            lambda: EventIndexPage.objects.live().public().descendant_of(home).first()
        ),
        "mission": SimpleLazyObject(lambda: _first("clermont_intl.MissionPage", home)),
        "support_page": SimpleLazyObject(lambda: _first("projects.ProjectSupportFormPage", home)),
        "contact_page": SimpleLazyObject(lambda: _first("clermont_intl.ContactFormPage", home)),
        "highlights": SimpleLazyObject(lambda: highlights(home)),
        "newest_pages": SimpleLazyObject(lambda: newest_pages(home)),
        "partner_map_teaser": SimpleLazyObject(lambda: partner_map_teaser(home, request)),
    }


def _first(label, home):
    from django.apps import apps

    model = apps.get_model(label)
    return model.objects.live().public().descendant_of(home).first()


def highlights(home):
    """[(specific page, highlight)] of the editors' highlights still live and public, in order."""
    chosen = list(home.highlights.all())
    pages = {
        page.pk: page
        for page in public(Page.objects.live().filter(pk__in=[h.target_id for h in chosen]))
        .specific()
        .iterator()
    }
    return [(pages[h.target_id], h) for h in chosen if h.target_id in pages]


def newest_pages(home):
    """The section's pages published most recently (not the home page itself, nor the legal
    pages of the footer), newest first: one query whatever the number of pages."""
    from .models import (
        AccessibilityStatementPage,
        ContactFormPage,
        LegalNoticePage,
        PrivacyNoticePage,
    )

    return list(
        public(Page.objects.live().descendant_of(home))
        .not_type(AccessibilityStatementPage, ContactFormPage, LegalNoticePage, PrivacyNoticePage)
        .filter(first_published_at__isnull=False)
        .order_by("-first_published_at", "-pk")[:NEWEST_PAGES]
    )


def partner_map_teaser(home, request):
    """The partner directory and its map (every partner), or None without a directory."""
    from partners.models import PartnerIndexPage, marker_label
    from partners.worldmap import build_map

    index = PartnerIndexPage.objects.live().public().descendant_of(home).first()
    if index is None:
        return None
    partners = list(index.partners().order_by("title"))
    return {"index": index, "map": build_map(partners, request, marker_label)}
