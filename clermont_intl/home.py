"""What the home page shows besides its own text, in a fixed number of queries.

The core gives the mission, the contact page, the highlights and the newest pages; each domain
app adds its own part through the hook "construct_home_page_context" (a function
(home, request) returning context): the CIED its next events, the partners the map teaser,
the projects the support form.

Everything but the upcoming events depends only on the published tree: it is built lazily, when
the home page's cached fragments ({% treecache %}) must be rendered again. Which events are
upcoming depends on the clock: their ids are read on every request (one query), and their cards
are cached per list of ids, as on the centre's pages.
"""

from django.utils.functional import SimpleLazyObject

from wagtail import hooks
from wagtail.models import Page

from .caching.privacy import public
from .models import (
    AccessibilityStatementPage,
    ContactFormPage,
    LegalNoticePage,
    MissionPage,
    PrivacyNoticePage,
)

NEWEST_PAGES = 4


HOOK = "construct_home_page_context"


def home_context(home, request):
    context = {
        "mission": SimpleLazyObject(lambda: first_live(MissionPage, home)),
        "contact_page": SimpleLazyObject(lambda: first_live(ContactFormPage, home)),
        "highlights": SimpleLazyObject(lambda: highlights(home)),
        "newest_pages": SimpleLazyObject(lambda: newest_pages(home)),
    }
    for construct in hooks.get_hooks(HOOK):
        context.update(construct(home, request))
    return context


def first_live(model, home):
    """The first live, public page of that type in the home page's site."""
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
    return list(
        public(Page.objects.live().descendant_of(home))
        .not_type(AccessibilityStatementPage, ContactFormPage, LegalNoticePage, PrivacyNoticePage)
        .filter(first_published_at__isnull=False)
        .order_by("-first_published_at", "-pk")[:NEWEST_PAGES]
    )
