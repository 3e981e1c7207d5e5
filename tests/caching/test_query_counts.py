"""SQL queries per page type, pinned: a page costs the same at ten times the content.

The benchmark (`make bench`, docs/performance.md) reports the same counts on its large site;
this test is what makes a regression fail CI. A second request is measured: the first one of
a process also fills Wagtail's per-site caches.
"""

from django.utils import translation

from wagtail.images import get_image_model

import pytest

from cied.models import CiedPage, EventIndexPage, EventPage, ExhibitionIndexPage, ExhibitionPage
from clermont_intl.caching.fragments import renew
from clermont_intl.content.demo import build_large_site
from clermont_intl.models import (
    AccessibilityStatementPage,
    ContactFormPage,
    HomePage,
    LegalNoticePage,
    MissionPage,
    PrivacyNoticePage,
)
from clermont_intl.news.models import NewsIndexPage, NewsPage
from partners.models import PartnerCityPage, PartnerIndexPage
from projects.models import CallForProjectsPage, CallIndexPage, ProjectIndexPage, ProjectPage
from tests.query_counting import count_queries

pytestmark = pytest.mark.slow

MAX_QUERIES = 12
# The first render after a publish, with every cached fragment rendered again (the menu, the
# footer and its legal pages and contact details, the maps and card lists). The home page is
# the most (21): its key figures, highlights, twin cities and newest pages are fragments too.
MAX_COLD_QUERIES = 21

# Exact counts per page type, on a second request (the few cached fragments warm); change them
# only together with a reason in the commit message. Every page costs three: the site for the
# host (Wagtail's Site.find_for_request), the page and its ancestors found by the address in the
# request's language (one query, clermont_intl.routing), then the page itself. Lists leave out
# private sections in their own query (SectionPageQuerySet.public()).
PINNED = {
    # The open calls and the next events (what the clock selects), the entry pages and the
    # contact page.
    "home": 8,
    # Its body's links to other pages (one query per rich text block: the English body has one
    # block more), the open calls, the Michelin network's page.
    "mission": {"fr": 9, "en": 10},
    # The countries the filter offers and the count, in one query.
    "partner_index": 4,
    "partner_index_filtered": 4,
    # The gallery, the history, their images' renditions, the relationships, the cooperation
    # areas, the committee and the links (its links to other pages are a cached card list).
    "partner": 10,
    # The filters' programmes and themes, the count, the support form, the open calls, the
    # calls index.
    "project_index": 9,
    "project": 7,
    "cied": 7,
    # The themes of the filter, the count and the page of events.
    "event_index": 6,
    "event_index_past": 6,
    "event": 4,
    "exhibition_index": 7,
    "exhibition": 8,
    # The results, counted in the same query (a window count).
    "search": 2,
    # With few results, one more for the titles and names a near spelling is looked for among
    # (by trigrams on PostgreSQL, a bounded number on SQLite, which now suggests too).
    "search_typo": 3,
    # A form page: its form's fields.
    "contact": 5,
    "accessibility": 4,
    # The data protection officer's address (ContactSettings).
    "privacy": 5,
    "legal": 4,
    "news_index": 7,
    "news_index_filtered": 7,
    "news": 10,
    "call_index": 4,
    "call_archive": 6,
    "call": 6,
    "open_data": 5,
}
Rendition = get_image_model().get_rendition_model()


def pinned(language, name):
    pin = PINNED[name]
    return pin[language] if isinstance(pin, dict) else pin


def sample_urls(language):
    """One URL per page type; the detail pages are ones the bulk builder made (with images)."""
    with translation.override(language):
        partners = PartnerIndexPage.objects.get().url
        events = EventIndexPage.objects.get().url
        return {
            "home": HomePage.objects.get().url,
            "mission": MissionPage.objects.get().url,
            "partner_index": partners,
            "partner_index_filtered": partners + "?relationship=twin_city&sort=year",
            "partner": PartnerCityPage.objects.get(slug_fr="petit-ville-0000").url,
            "project_index": ProjectIndexPage.objects.get().url,
            "project": ProjectPage.objects.get(slug_fr="petit-projet-000").url,
            "cied": CiedPage.objects.get().url,
            "event_index": events,
            "event_index_past": events + "?period=past",
            "event": EventPage.objects.get(slug_fr="petit-conference-0001").url,
            "exhibition_index": ExhibitionIndexPage.objects.get().url,
            "exhibition": ExhibitionPage.objects.get(slug_fr="petit-exposition-0001").url,
            # Many results at every size (a query with few gets a suggestion: search_typo).
            "search": f"/{language}/{'recherche' if language == 'fr' else 'search'}/?q=Clermont",
            "search_typo": f"/{language}/{'recherche' if language == 'fr' else 'search'}/"
            "?q=Regensbourg",
            "contact": ContactFormPage.objects.get().url,
            "accessibility": AccessibilityStatementPage.objects.get().url,
            "privacy": PrivacyNoticePage.objects.get().url,
            "legal": LegalNoticePage.objects.get().url,
            "open_data": partners + "open-data/",
            "news_index": NewsIndexPage.objects.get().url,
            "news_index_filtered": NewsIndexPage.objects.get().url + "?theme=culture&page=1",
            "news": NewsPage.objects.get(slug_fr="petit-nouvelle-0000").url,
            "call_index": CallIndexPage.objects.get().url,
            "call_archive": CallIndexPage.objects.get().url + "archive/",
            "call": CallForProjectsPage.objects.get(slug_fr="petit-appel-001").url,
        }


def measure(client, cold=False):
    """{(language, page type): queries} for a second, warm request to each URL.

    cold: as the first request after an editor published, with every fragment to render again.
    """
    counts = {}
    for language in ("fr", "en"):
        for name, url in sample_urls(language).items():
            assert client.get(url).status_code == 200, url
            if cold:
                renew()  # as after an editor's publish
            counts[(language, name)] = count_queries(client, url)
    return counts


@pytest.fixture
def small_site(db):
    """The seed plus a few pages of each kind made like the benchmark's, with images."""
    build_large_site("petit", partners=2, projects=2, events=4, news=4, calls=4, exhibitions=3)


@pytest.mark.django_db
def test_query_counts_are_pinned_and_do_not_grow_with_content(client, small_site):
    seeded, seeded_cold = measure(client), measure(client, cold=True)
    build_large_site(
        "grand", partners=80, projects=20, events=40, news=40, calls=40, exhibitions=30
    )
    renditions_before = Rendition.objects.count()
    large, large_cold = measure(client), measure(client, cold=True)

    assert large == seeded, "a page's query count grows with the content"
    assert large_cold == seeded_cold, "a first render's query count grows with the content"
    print("warm", seeded, "cold", seeded_cold)
    # Every page that differs from its pin, in one message.
    unpinned = {key: count for key, count in seeded.items() if count != pinned(*key)}
    assert not unpinned, f"queries differ from PINNED: {unpinned}"
    assert max(seeded.values()) <= MAX_QUERIES
    cold = {key: count for key, count in seeded_cold.items() if count > MAX_COLD_QUERIES}
    assert not cold, f"first renders over MAX_COLD_QUERIES: {cold}"
    # Rendering every page made no image rendition: publishing made them.
    assert Rendition.objects.count() == renditions_before
