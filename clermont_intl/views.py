from django.conf import settings
from django.core.paginator import Page as PageOfResults
from django.core.paginator import Paginator
from django.db import DatabaseError, connection
from django.db.models import Count, Window
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from wagtail.models import Page, Site

from .caching import redis
from .models import all_pages
from .public_urls import absolute, page_url
from .search import (
    FEW_RESULTS,
    MAX_QUERY_LENGTH,
    clean_query,
    present,
    printable,
    search_pages,
    suggest,
)

RESULTS_PER_PAGE = 10
# Further than any search can go: asking for a later page shows the last one.
MAX_RESULTS_PAGE = 100_000


@require_GET
def search(request):
    """Search the section in the language of the URL: results best first, with their snippets,
    and a suggestion when a query with few results looks misspelt."""
    language = get_language()
    asked = printable(request.GET.get("q", ""))
    query = asked[: MAX_QUERY_LENGTH * 2].strip()
    words = clean_query(query)
    count, number, entries, term = _search(words, language, _page_number(request.GET.get("page")))
    results = Paginator(entries, RESULTS_PER_PAGE)
    results.count = count
    page = PageOfResults(entries, number, results)
    suggestion = None
    if term:
        suggestion = {"term": term, "url": f"{reverse('search')}?{urlencode({'q': term})}"}
    context = {
        "query": query,
        "results": page,
        "rows": present(entries, words, language),
        # Only punctuation, operators or symbols: nothing the search could look for.
        "no_words": bool(query) and not words,
        "truncated": len(asked.strip()) > MAX_QUERY_LENGTH,
        "max_length": MAX_QUERY_LENGTH,
        "suggestion": suggestion,
    }
    return render(request, "clermont_intl/search.html", context)


def _page_number(asked):
    """The page of results asked for: 1 unless a number, capped (the database refuses an
    offset past 2⁶³: page=99999999999999999999999)."""
    try:
        return min(max(int(asked), 1), MAX_RESULTS_PAGE) if asked else 1
    except (TypeError, ValueError):
        return 1


def _search(words, language, number):
    """(number of results, number of the page shown, its entries, a suggested title or None).
    The caching proxy keeps the answer to the same address until an editor publishes."""
    if not words:
        return 0, 1, [], None
    page = _results_page(search_pages(words, language), number)
    entries = list(page.object_list)
    term = None
    if page.paginator.count < FEW_RESULTS:
        term = suggest(words, language, shown_pages=[entry.page_id for entry in entries])
    return page.paginator.count, page.number, entries, term


def _results_page(entries, number):
    """That page of results, as Paginator.get_page gives it, but counted in the same query as
    the page's rows (a window count): the count of every match is most of the cost of a search,
    and Paginator would run the whole search a second time to count."""
    paginator = Paginator(entries, RESULTS_PER_PAGE)
    start = (number - 1) * RESULTS_PER_PAGE
    rows = list(entries.annotate(total=Window(Count("pk")))[start : start + RESULTS_PER_PAGE])
    if not rows and number > 1:
        # Past the last page: Paginator counts and shows the last one, as get_page does.
        return paginator.get_page(number)
    paginator.count = rows[0].total if rows else 0
    page = paginator.get_page(number)
    page.object_list = rows
    return page


@never_cache  # the state of this moment, for this process
def healthz(request):
    """Liveness for the container healthcheck: 200 while the database answers, 503 when it
    does not. The cache is reported but does not make the site unhealthy: without it pages are
    rendered from the database (django-redis's IGNORE_EXCEPTIONS)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        database = "ok"
    except DatabaseError:
        database = "unavailable"
    body = {"status": "ok" if database == "ok" else "error", "database": database,
            "cache": _cache_state()}  # fmt: skip
    return JsonResponse(body, status=200 if database == "ok" else 503)


def _cache_state():
    """"ok" or "unavailable" for Redis (asked now: its errors are otherwise silenced), "local"
    for a cache of this machine's files or memory."""
    if not redis.shared():
        return "local"
    from django_redis import get_redis_connection
    from redis.exceptions import RedisError

    try:
        get_redis_connection("default").ping()
    except RedisError:
        return "unavailable"
    return "ok"


# The site's map, for people (site_map) and for search engines (sitemap_xml, robots_txt) -------


def _live_tree(request):
    """The live, public pages of the request's site, in tree order: one query whatever the size."""
    site = Site.find_for_request(request)
    if site is None:
        return []
    return list(
        all_pages().descendant_of(site.root_page, inclusive=True).live().public().order_by("path")
    )


def _nest(pages):
    """[{"page": page, "children": [...]}, ...] from pages in tree order."""
    roots, by_path = [], {}
    for page in pages:
        node = {"page": page, "children": []}
        parent = by_path.get(page.path[: -Page.steplen])
        (parent["children"] if parent else roots).append(node)
        by_path[page.path] = node
    return roots


@require_GET
def site_map(request):
    """Every page of the section as nested lists: a way to navigate besides the menu and search
    (RGAA criterion 12.1)."""
    return render(request, "clermont_intl/site_map.html", {"tree": _nest(_live_tree(request))})


@require_GET
def sitemap_xml(request):
    """Every live page in each language, with its other-language versions as hreflang alternates.

    Wagtail's contrib sitemap lists the pages in the active language only."""
    entries = []
    for page in _live_tree(request):
        urls = {}
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                urls[code] = page_url(page, request)
        for code in urls:
            entries.append(
                {"loc": urls[code], "alternates": urls, "lastmod": page.last_published_at}
            )
    return render(
        request,
        "clermont_intl/sitemap.xml",
        {"entries": entries, "default_language": settings.LANGUAGE_CODE},
        content_type="application/xml; charset=utf-8",
    )


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        f"Sitemap: {absolute(reverse('sitemap_xml'), request)}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
