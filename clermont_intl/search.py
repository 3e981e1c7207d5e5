"""Site search, one index per language.

French pages are stemmed as French and English pages as English, so that "jumelages" finds
"jumelage" on /fr/ and "twinned" finds "twin" on /en/. On PostgreSQL the query runs through the
text search configuration of the language (settings.SEARCH_CONFIGS); elsewhere (SQLite, used for a
quick local demo) it matches Snowball stems computed by the same algorithms.
"""

import re

from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import F
from django.utils import translation
from django.utils.html import strip_tags

from wagtail.blocks import StreamValue
from wagtail.models import Page
from wagtail.rich_text import RichText

import snowballstemmer

from .caching.privacy import public
from .models import PageSearchEntry

MAX_QUERY_LENGTH = 200
_WORD = re.compile(r"\w+", re.UNICODE)
_STEMMER_NAMES = {"fr": "french", "en": "english"}


def stems(text, language):
    stemmer = snowballstemmer.stemmer(_STEMMER_NAMES.get(language, "english"))
    words = [w.lower() for w in _WORD.findall(text)]
    return " ".join(stemmer.stemWords(words))


# Tags that end a paragraph, an item or a line: a space in the text, so that "…2017.</p><p>Clermont"
# does not read "2017.Clermont" in a result's snippet.
_BLOCK_BOUNDARY = re.compile(
    r"<(?:/(?:p|li|h[1-6]|div|blockquote|td|th|dd|dt)|br\s*/?|hr\s*/?)>", re.IGNORECASE
)
_SPACES = re.compile(r"\s+")


def html_text(html):
    """The text of an HTML fragment, with a space where a block ends."""
    return _SPACES.sub(" ", strip_tags(_BLOCK_BOUNDARY.sub(" ", html))).strip()


def _field_text(value):
    if isinstance(value, StreamValue):
        parts = []
        for child in value:
            parts.extend(str(p) for p in child.block.get_searchable_content(child.value))
        return " ".join(html_text(p) for p in parts)
    if isinstance(value, RichText):
        return html_text(value.source)
    return html_text(str(value or ""))


def page_text(page, language):
    """The text a citizen reads on the page in that language (French where English is empty)."""
    with translation.override(language):
        fields = getattr(page, "search_text_fields", [])
        parts = [_field_text(getattr(page, name, "")) for name in fields]
        parts.append(page.search_description or "")
        if hasattr(page, "get_search_extra_text"):
            parts.append(page.get_search_extra_text())
        return page.title, " ".join(p for p in parts if p)


def index_page(page):
    """Store (or refresh) the page's searchable text in every language."""
    page = page.specific
    for language, _name in settings.LANGUAGES:
        title, text = page_text(page, language)
        entry, _created = PageSearchEntry.objects.update_or_create(
            page_id=page.pk,
            language=language,
            defaults={
                "title": title,
                "text": text,
                "stems": " " + stems(f"{title} {text}", language) + " ",
            },
        )
        if connection.vendor == "postgresql":
            PageSearchEntry.objects.filter(pk=entry.pk).update(vector=_vector(language))


def _vector(language):
    config = settings.SEARCH_CONFIGS.get(language, "simple")
    return SearchVector("title", weight="A", config=config) + SearchVector(
        "text", weight="B", config=config
    )


def unindex_page(page):
    PageSearchEntry.objects.filter(page_id=page.pk).delete()


def rebuild_index():
    """Index every live page of the site; returns how many pages were indexed."""
    PageSearchEntry.objects.all().delete()
    count = 0
    for page in Page.objects.live().specific().iterator():
        if page.is_root():
            continue
        index_page(page)
        count += 1
    return count


def search_pages(query, language):
    """Live public pages matching the query in that language, best first.

    Returns a queryset of PageSearchEntry with ``page`` selected, empty for an empty query.
    """
    query = " ".join(_WORD.findall(query or ""))[:MAX_QUERY_LENGTH]
    entries = PageSearchEntry.objects.filter(
        language=language, page__in=public(Page.objects.live())
    ).select_related("page")
    if not query:
        return entries.none()
    if connection.vendor == "postgresql":
        config = settings.SEARCH_CONFIGS.get(language, "simple")
        search_query = SearchQuery(query, config=config, search_type="plain")
        # The stored vector (index_page) and its GIN index: only matching entries are ranked.
        return (
            entries.filter(vector=search_query)
            .annotate(rank=SearchRank(F("vector"), search_query))
            .order_by("-rank", "title")
        )
    for stem in stems(query, language).split():
        entries = entries.filter(stems__contains=f" {stem} ")
    return entries.order_by("title")
