"""Site search, one index per language.

French pages are stemmed as French and English pages as English, so that "jumelages" finds
"jumelage" on /fr/ and "twinned" finds "twin" on /en/. On PostgreSQL the query runs through the
text search configuration of the language (settings.SEARCH_CONFIGS); elsewhere (SQLite, used for a
quick local demo) it matches Snowball stems computed by the same algorithms.

A page's title and its other names (a partner city's "Ratisbonne") weigh most, then its
introduction, then the rest of its text: a page named by the query comes before a page that
only mentions it. Results carry a snippet with the query's words in <mark>, escaped here (the
content and the query are text, never markup). On PostgreSQL a misspelt query with few results
gets a suggestion, the nearest title or name by trigram similarity (pg_trgm); SQLite gets none.
"""

import functools
import html
import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from django.conf import settings
from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVector,
    TrigramWordSimilarity,
)
from django.db import connection
from django.db.models import BooleanField, Case, F, Func, IntegerField, Q, TextField, Value, When
from django.db.models.functions import Concat, Greatest
from django.utils import translation
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe

from wagtail.blocks import StreamValue
from wagtail.models import Page
from wagtail.rich_text import RichText

import snowballstemmer

from .models import PageSearchEntry, all_pages

MAX_QUERY_LENGTH = 200
_WORD = re.compile(r"\w+", re.UNICODE)
_STEMMER_NAMES = {"fr": "french", "en": "english"}
# Fields that introduce a page (weight B); the other fields of search_text_fields weigh C.
LEAD_FIELDS = ("lead", "intro")
# Fewer results than this, and a misspelt query is offered the nearest title or name.
FEW_RESULTS = 3
# Trigram word similarity from which a title or name is offered: "Salfrod" is 0.5 from
# "Salford", "Abredeen" 0.38 from "Aberdeen"; unrelated titles stay below 0.2.
SUGGESTION_THRESHOLD = 0.3
SNIPPET_WORDS = 35
# What a result of the PostgreSQL search reads: its entry's title and names, and its page's URL.
RESULT_FIELDS = (
    "page_id", "language", "title", "names",
    "page__url_path", *(f"page__url_path_{code}" for code, _name in settings.LANGUAGES),
)  # fmt: skip
# Marks of the query's words in a snippet from PostgreSQL, turned into <mark> once the snippet
# is escaped. Characters of Unicode's private use area: removed from the indexed text, they
# cannot come from a page.
_START, _STOP = "\ue000", "\ue001"
# Control characters (NUL among them, which PostgreSQL refuses in text) and the marks.
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ue000\ue001]")


def stems(text, language):
    return " ".join(stem(w.lower(), language) for w in _WORD.findall(text))


@functools.lru_cache(maxsize=50_000)
def stem(word, language):
    """The stem of a lower-case word. Memoised: a page of results stems the same few thousand
    words (of its snippets) on every request, and Snowball in pure Python is slow. A stemmer
    per word missed, as a stemmer object keeps state while it works (threads)."""
    return snowballstemmer.stemmer(_STEMMER_NAMES.get(language, "english")).stemWord(word)


def clean_query(query):
    """The words of a citizen's query, as the search reads them: letters and digits only, so
    that no quote, operator (&|!:*()) or control character reaches a text search query."""
    return " ".join(_WORD.findall(query or ""))[:MAX_QUERY_LENGTH].strip()


def printable(text):
    """text without control characters, safe to store and to show."""
    return _UNSAFE.sub("", text or "")


# Tags that end a paragraph, an item or a line: a space in the text, so that "…2017.</p><p>Clermont"
# does not read "2017.Clermont" in a result's snippet.
_BLOCK_BOUNDARY = re.compile(
    r"<(?:/(?:p|li|h[1-6]|div|blockquote|td|th|dd|dt)|br\s*/?|hr\s*/?)>", re.IGNORECASE
)
_SPACES = re.compile(r"\s+")


def html_text(fragment):
    """The text of an HTML fragment, with a space where a block ends (entities decoded: the
    text is escaped again wherever it is shown)."""
    text = html.unescape(strip_tags(_BLOCK_BOUNDARY.sub(" ", fragment)))
    return _SPACES.sub(" ", printable(text)).strip()


def _field_text(value):
    if isinstance(value, StreamValue):
        parts = []
        for child in value:
            parts.extend(str(p) for p in child.block.get_searchable_content(child.value))
        return " ".join(html_text(p) for p in parts)
    if isinstance(value, RichText):
        return html_text(value.source)
    return html_text(str(value or ""))


@dataclass
class PageText:
    """A page's searchable text in one language, by weight."""

    title: str
    names: list = field(default_factory=list)  # other names, found like the title
    lead: str = ""  # introduction, headline, search description
    body: str = ""  # everything else a citizen reads on the page


def page_text(page, language):
    """The text a citizen reads on the page in that language (French where English is empty)."""
    with translation.override(language):
        fields = getattr(page, "search_text_fields", [])
        lead = [_field_text(getattr(page, name, "")) for name in fields if name in LEAD_FIELDS]
        lead.append(html_text(page.search_description or ""))
        body = [_field_text(getattr(page, name, "")) for name in fields if name not in LEAD_FIELDS]
        if hasattr(page, "get_search_extra_text"):
            body.append(html_text(page.get_search_extra_text()))
        names = page.get_search_names() if hasattr(page, "get_search_names") else []
        return PageText(
            title=printable(page.title),
            names=[printable(name) for name in names],
            lead=" ".join(p for p in lead if p),
            body=" ".join(p for p in body if p),
        )


def index_page(page):
    """Store (or refresh) the page's searchable text in every language."""
    page = page.specific
    for language, _name in settings.LANGUAGES:
        text = page_text(page, language)
        named = " ".join([text.title, *text.names])
        entry, _created = PageSearchEntry.objects.update_or_create(
            page_id=page.pk,
            language=language,
            defaults={
                "title": text.title,
                "names": "\n".join(text.names),
                "lead": text.lead,
                "text": text.body,
                "stems": f" {stems(f'{named} {text.lead} {text.body}', language)} ",
                "name_stems": f" {stems(named, language)} ",
            },
        )
        if connection.vendor == "postgresql":
            PageSearchEntry.objects.filter(pk=entry.pk).update(vector=_vector(language))


def _vector(language):
    config = settings.SEARCH_CONFIGS.get(language, "simple")
    return (
        SearchVector("title", "names", weight="A", config=config)
        + SearchVector("lead", weight="B", config=config)
        + SearchVector("text", weight="C", config=config)
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


def _searchable(language):
    """The entries of the live public pages in that language (private sections excluded, as
    the database says now)."""
    public_pages = all_pages().live().public().values("pk")
    return PageSearchEntry.objects.filter(language=language, page__in=public_pages)


class _NamedBy(Func):
    """Whether the query matches the title or a name: the weight A part of the vector."""

    output_field = BooleanField()

    def as_sql(self, compiler, connection, **extra):
        vector, query = self.source_expressions
        vector_sql, vector_params = compiler.compile(vector)
        query_sql, query_params = compiler.compile(query)
        sql = f"(ts_filter({vector_sql}, '{{a}}') @@ {query_sql})"
        return sql, [*vector_params, *query_params]


def search_pages(query, language):
    """Live public pages matching the query in that language, best first: those whose title
    or other name matches, then by relevance.

    Returns a queryset of PageSearchEntry with ``page`` selected, empty for an empty query; on
    PostgreSQL each entry has ``snippet``, its text around the query's words (see snippet()).
    """
    query = clean_query(query)
    entries = _searchable(language).select_related("page")
    if not query:
        return entries.none()
    if connection.vendor == "postgresql":
        config = settings.SEARCH_CONFIGS.get(language, "simple")
        search_query = SearchQuery(query, config=config, search_type="plain")
        # The stored vector (index_page) and its GIN index: only matching entries are ranked,
        # and only the entries of the page shown get a headline.
        return (
            # The texts are read by PostgreSQL for the headline, never by Python; of the page,
            # only what its URL is made of (a narrower query is quicker for Django to build).
            entries.only(*RESULT_FIELDS)
            .filter(vector=search_query)
            .annotate(
                named=_NamedBy(F("vector"), search_query),
                rank=SearchRank(F("vector"), search_query),
                snippet=SearchHeadline(
                    Concat("lead", Value(" "), "text", output_field=TextField()),
                    search_query,
                    config=config,
                    start_sel=_START,
                    stop_sel=_STOP,
                    max_words=SNIPPET_WORDS,
                    min_words=15,
                    max_fragments=2,
                    fragment_delimiter=" … ",
                ),
            )
            .order_by("-named", "-rank", "title")
        )
    query_stems = stems(query, language).split()
    named = Q()
    for stem in query_stems:
        entries = entries.filter(stems__contains=f" {stem} ")
        named &= Q(name_stems__contains=f" {stem} ")
    return entries.annotate(
        named=Case(When(named, then=Value(1)), default=Value(0), output_field=IntegerField())
    ).order_by("-named", "title")


# What a result shows -------------------------------------------------------------------------


def _highlight(text, query_stems, language):
    """Escaped text with the words whose stem is one of the query's in <mark>."""
    parts = []
    for piece in re.split(r"(\w+)", text):
        if piece and _WORD.fullmatch(piece) and stem(piece.lower(), language) in query_stems:
            parts.append(f"<mark>{escape(piece)}</mark>")
        else:
            parts.append(escape(piece))
    return mark_safe("".join(parts))


def _python_snippet(text, query_stems, language):
    """About SNIPPET_WORDS words of text from a little before the first word of the query."""
    words = text.split()
    first = next(
        (
            position
            for position, word in enumerate(words)
            if any(stem(w.lower(), language) in query_stems for w in _WORD.findall(word))
        ),
        0,
    )
    start = max(0, first - 5)
    end = start + SNIPPET_WORDS
    excerpt = " ".join(words[start:end])
    before, after = ("… " if start else ""), (" …" if end < len(words) else "")
    return mark_safe(before + _highlight(excerpt, query_stems, language) + after)


def _marked(headline):
    """PostgreSQL's headline, escaped, with its marks turned into <mark>."""
    return mark_safe(escape(headline).replace(_START, "<mark>").replace(_STOP, "</mark>"))


@dataclass
class Result:
    """A result as the page shows it: its entry, its snippet and the names that matched."""

    entry: PageSearchEntry
    snippet: str
    matched_names: list

    @property
    def page(self):
        return self.entry.page

    @property
    def title(self):
        return self.entry.title


def present(entries, query, language):
    """Results of a page of entries, each with its snippet and the other names that matched
    (safe HTML: escaped, with <mark> around the query's words)."""
    query_stems = set(stems(clean_query(query), language).split())
    results = []
    for entry in entries:
        if hasattr(entry, "snippet"):
            snippet = _marked(entry.snippet)
        else:
            snippet = _python_snippet(f"{entry.lead} {entry.text}".strip(), query_stems, language)
        names = [
            _highlight(name, query_stems, language)
            for name in entry.names.splitlines()
            if query_stems & set(stems(name, language).split())
        ]
        results.append(Result(entry, snippet, names))
    return results


def suggest(query, language, shown_pages=()):
    """The title or name of a live public page nearest to a misspelt query ("Regensbourg":
    "Regensburg"), or None. One query, on PostgreSQL only (pg_trgm); None elsewhere.

    shown_pages: pages already among the results, never suggested.
    """
    query = clean_query(query)
    if connection.vendor != "postgresql" or not query:
        return None
    nearest = (
        _searchable(language)
        .exclude(page_id__in=list(shown_pages))
        .annotate(
            likeness=Greatest(
                TrigramWordSimilarity(query, "title"),
                TrigramWordSimilarity(query, "names"),
            )
        )
        .filter(likeness__gte=SUGGESTION_THRESHOLD)
        .order_by("-likeness", "title")
        .values_list("title", "names")
        .first()
    )
    if nearest is None:
        return None
    title, names = nearest
    # The entry's title or the one of its names nearest to the query.
    candidates = [title, *names.splitlines()]
    folded = query.casefold()
    best = max(candidates, key=lambda name: SequenceMatcher(None, folded, name.casefold()).ratio())
    return None if best.casefold() == folded else best
