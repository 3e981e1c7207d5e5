"""SQL queries per page type, pinned: a page costs the same at ten times the content.

The benchmark (`make bench`, docs/performance.md) reports the same counts on its large site;
this test is what makes a regression fail CI. A second request is measured: the first one of
a process also fills Wagtail's per-site caches.
"""

from django.utils import translation

from wagtail.images import get_image_model

import pytest

from cied.models import CiedPage, EventIndexPage, EventPage, ExhibitionIndexPage, ExhibitionPage
from clermont_intl.caching.generation import bump_generation
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

MAX_QUERIES = 15
# The first render after a publish, every fragment rendered again (the home page, the most
# costly, makes 24: its key figures, twin cities, map, highlights, next events, latest news,
# open calls and newest pages, each in one query, and the shared header and footer; the mission
# page 22: its sections' teasers, one query per page type, and its open calls).
MAX_COLD_QUERIES = 24

# Exact counts per page type; change them only together with a reason in the commit message.
# Every request asks the database, in one query, two things that no cache may answer
# (clermont_intl.caching): the cache generation and which sections are private. Everything else
# a warm page needs is kept with that generation: the site and its home page, the map of
# addresses and the page found at one (clermont_intl.routing), the rendered header, footer,
# bodies, facts, teasers, partner map, cards and timeline, and the lists of live partners,
# projects, news, calls and upcoming events (what filters, sorts and the clock choose among, in
# Python, with the request's private sections). Measured on a second request, as the cache is
# then warm; the first render after a publish makes at most MAX_COLD_QUERIES, and is checked
# for growth below.
PINNED = {
    # Rendered without cached fragments since it shows a section only when it has something
    # (issue 24), each list in one query: which sections are private (once, clermont_intl.home
    # PublicPages), the mission, the entry pages, the twin cities, the map's partners and their
    # relationships, the highlights (theirs, the public ones, one per page type), the key
    # figures' pages, the next events, the latest news, the newest pages.
    "home": 15,
    "mission": 1,
    "partner_index": 1,
    "partner_index_filtered": 1,
    "partner": 1,
    "project_index": 1,
    "project": 1,
    # Its own pages (agenda, exhibitions on loan), with their introductions: the children, which
    # sections are private (Wagtail's .public()), one query per page type.
    "cied": 5,
    "event_index": 1,
    # Past events, a list the clock changes: their ids, in one query.
    "event_index_past": 2,
    "event": 1,
    # Which exhibitions are listed (their ids, in one query).
    "exhibition_index": 2,
    # Its photos (gallery and og:image) with their renditions.
    "exhibition": 3,
    # A query asked since the last publish: its page of results, counted in the same query
    # (a window count), and the suggestion of a query with few results, come from the cache.
    "search": 1,
    "search_typo": 1,
    # A form page: its form's fields.
    "contact": 2,
    "accessibility": 1,
    "privacy": 1,
    "legal": 1,
    "news_index": 1,
    "news_index_filtered": 1,
    "news": 1,
    # Besides the page: the events index (the feeds' addresses), the breadcrumbs' ancestors.
    "open_data": 3,
    "call_index": 1,
    # Closed calls, a list the clock changes: their ids, in one query.
    "call_archive": 2,
    "call": 1,
}
Rendition = get_image_model().get_rendition_model()


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
                bump_generation()
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
    unpinned = {key: count for key, count in seeded.items() if count != PINNED[key[1]]}
    assert not unpinned, f"queries differ from PINNED: {unpinned}"
    assert max(seeded.values()) <= MAX_QUERIES
    cold = {key: count for key, count in seeded_cold.items() if count > MAX_COLD_QUERIES}
    assert not cold, f"first renders over MAX_COLD_QUERIES: {cold}"
    # Rendering every page made no image rendition: publishing made them.
    assert Rendition.objects.count() == renditions_before
