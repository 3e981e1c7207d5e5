"""What the home page shows besides its own text, in a fixed number of queries.

The core gives the mission, the contact page, the highlights and the newest pages; each domain
app adds its own part through the hook "construct_home_page_context" (a function
(home, request, entries) returning context, where entries.first(Model) gives a page of that
type found with the others in one query): the partners the twin cities and the map, the CIED its
next events, the news the latest ones, the projects the support form and the open calls.

The template shows what is always there first (the key figures, the twin cities, the map, how
to get involved) and leaves out a section with nothing to show. Each list is read in one query
whatever the number of pages, when the template first uses it (lazy objects: the parts kept in
cached fragments are then not read at all), with private sections left out in the same query
(clermont_intl.models.SectionPageQuerySet).
"""

from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.utils.functional import SimpleLazyObject

from wagtail import hooks
from wagtail.models import Site, get_page_models

from .legal import legal_pages
from .models import (
    AccessibilityStatementPage,
    ContactFormPage,
    LegalNoticePage,
    MissionPage,
    PrivacyNoticePage,
    all_pages,
)

NEWEST_PAGES = 4


HOOK = "construct_home_page_context"
MISSION_HOOK = "construct_mission_page_context"


def home_context(home, request):
    context = {
        "mission": SimpleLazyObject(lambda: first_live(MissionPage, home, specific=True)),
        # The footer's page, from the same lookup.
        "contact_page": SimpleLazyObject(
            lambda: legal_pages(Site.find_for_request(request)).get("contact")
        ),
        "highlights": SimpleLazyObject(lambda: highlights(home)),
        "newest_pages": SimpleLazyObject(lambda: newest_pages(home)),
    }
    context.update(hooked_context(HOOK, home, request))
    return context


def mission_context(mission, request):
    """What the domain apps add to the mission page, by the hook
    "construct_mission_page_context" (same shape as the home page's): the open calls."""
    return hooked_context(MISSION_HOOK, mission, request)


def hooked_context(hook, page, request):
    context = {}
    entries = EntryPages(page)
    for construct in hooks.get_hooks(hook):
        context.update(construct(page, request, entries))
    return context


class EntryPages:
    """The pages the home page links to by their type (the support form, the agenda…): the
    first live, public page of each type, all found in one query when the first is needed."""

    def __init__(self, home):
        self.home = home
        self.models = []
        self._found = None

    def first(self, model):
        """A lazy page (title and address) of that type, or a lazy None."""
        self.models.append(model)
        return SimpleLazyObject(lambda: self._pages().get(model))

    def _pages(self):
        if self._found is None:
            by_type = {ContentType.objects.get_for_model(model).pk: model for model in self.models}
            pages = all_pages().live().public().descendant_of(self.home).type(*self.models)
            self._found = {}
            for page in pages.order_by("path"):
                self._found.setdefault(by_type.get(page.content_type_id), page)
        return self._found


def first_live(model, home, specific=False):
    """The first live, public page of that type in the home page's site: as a Wagtail page
    (its title and address, one query), or with its own fields when specific."""
    pages = (model.objects if specific else all_pages().type(model)).live()
    return pages.public().descendant_of(home).order_by("path").first()


def highlights(home):
    """[(specific page, highlight)] of the editors' highlights still live and public, in order:
    the highlights with their pages in one query, then one query per page type."""
    chosen = [h for h in home.highlights.select_related("target") if h.target.live]
    by_type = defaultdict(list)
    for highlight in chosen:
        by_type[highlight.target.content_type_id].append(highlight.target_id)
    pages = {}
    for content_type_id, ids in by_type.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        pages.update((page.pk, page) for page in model.objects.filter(pk__in=ids).public())
    return [(pages[h.target_id], h) for h in chosen if h.target_id in pages]


def listing_page_types():
    """The page types whose content is the list of their children (the agenda, the news, the
    directories): the pages of those types are not "published" news themselves."""
    return [model for model in get_page_models() if getattr(model, "lists_children", False)]


def newest_pages(home):
    """The section's pages with content of their own published most recently, newest first:
    not the home page itself, nor the legal pages of the footer, nor news (they have their own
    section), nor the lists of other pages (an empty agenda is no news). One query whatever
    the number of pages."""
    from .news.models import NewsPage

    return list(
        all_pages()
        .live()
        .public()
        .descendant_of(home)
        .not_type(
            AccessibilityStatementPage,
            ContactFormPage,
            LegalNoticePage,
            PrivacyNoticePage,
            NewsPage,
            *listing_page_types(),
        )
        .filter(first_published_at__isnull=False)
        .order_by("-first_published_at", "-pk")[:NEWEST_PAGES]
    )
