"""Site search, one index per language.

French pages are stemmed as French and English pages as English, so that "jumelages" finds
"jumelage" on /fr/ and "twinned" finds "twin" on /en/. On PostgreSQL the query runs through the
text search configuration of the language (settings.SEARCH_CONFIGS); elsewhere (SQLite, used for a
quick local demo) it matches Snowball stems computed by the same algorithms.

People type without accents ("reseau", "bielorussie", "europeen"): a word is found by its stem
as written and by the stem of its spelling without accents, on both databases. On PostgreSQL the
second comes from a copy of the language's configuration that removes accents before stemming
(unaccent, migration 0014); the first keeps the stemming of accented endings ("jumelées" and
"jumelé" share a stem only with their accents).

A page's title and its other names (a partner city's "Ratisbonne") weigh most, then its
introduction, then the rest of its text: a page named by the query comes before a page that
only mentions it, and a page that only lists others (an index, the agenda) comes after the pages
with content of their own. Results carry a snippet with the query's words in <mark>, escaped
here (the content and the query are text, never markup). A misspelt query with few results gets
a suggestion, the title or name whose words are nearest to the query's (difflib); PostgreSQL
picks the candidates by trigram similarity (pg_trgm), SQLite reads a bounded number of titles.
"""

import functools
import html
import re
import unicodedata
from dataclasses import dataclass, field
from difflib import get_close_matches

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.lookups import Unaccent
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

from .home import listing_page_types
from .models import PageSearchEntry, all_pages

MAX_QUERY_LENGTH = 200
_WORD = re.compile(r"\w+", re.UNICODE)
_STEMMER_NAMES = {"fr": "french", "en": "english"}
# Fields that introduce a page (weight B); the other fields of search_text_fields weigh C.
LEAD_FIELDS = ("lead", "intro")
# On PostgreSQL, the copy of each language's text search configuration that removes accents
# before stemming (made by migration 0014).
UNACCENTED_CONFIGS = {"french": "french_unaccent", "english": "english_unaccent"}
# Letters unaccent spells out and Unicode does not decompose.
_LETTERS = str.maketrans({"œ": "oe", "æ": "ae", "ø": "o", "ł": "l", "đ": "d"})
# Fewer results than this, and a misspelt query is offered the nearest title or name.
FEW_RESULTS = 3
# On PostgreSQL, the trigram word similarity from which a title or name is a candidate:
# "Salfrod" is 0.5 from "Salford", "Abredeen" 0.38 from "Aberdeen"; unrelated titles stay below
# 0.2. The candidates nearest this way are then measured as on SQLite.
SUGGESTION_THRESHOLD = 0.3
TRIGRAM_CANDIDATES = 5
# On SQLite, how many titles (with their names) a suggestion is looked for among: one query of
# bounded size whatever the size of the site; the demo has a few dozen pages.
SUGGESTION_CANDIDATES = 2000
# difflib's likeness (0 to 1) of the query's words to as many words of a title or name, from
# which it is offered: "salfrod" is 0.86 from "salford", "abredeen" 0.88 from "aberdeen",
# "regensbourg" 0.95 from "regensburg"; "subvention" only 0.67 from "mentions".
SUGGESTION_LIKENESS = 0.8
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


def fold(word):
    """word in lower case without its accents, as PostgreSQL's unaccent writes it: "Réseau"
    "reseau", "Œuvre" "oeuvre"."""
    decomposed = unicodedata.normalize("NFKD", word.casefold().translate(_LETTERS))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@functools.lru_cache(maxsize=50_000)
def word_stems(word, language):
    """The stems a word is found by: the stem of the word as written (in lower case), and that
    of its spelling without accents when it differs ("réseaux": "réseau" and "reseau")."""
    lower = word.lower()
    written, plain = stem(lower, language), stem(fold(lower), language)
    return (written,) if written == plain else (written, plain)


def stems(text, language):
    return " ".join(s for w in _WORD.findall(text) for s in word_stems(w, language))


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
        presented = f"{named} {text.lead}"
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
                "lead_stems": f" {stems(presented, language)} ",
            },
        )
        if connection.vendor == "postgresql":
            PageSearchEntry.objects.filter(pk=entry.pk).update(vector=_vector(language))


def _configs(language):
    """The text search configurations of the language on PostgreSQL: its own, and its copy
    without accents."""
    config = settings.SEARCH_CONFIGS.get(language, "simple")
    return [config, UNACCENTED_CONFIGS[config]] if config in UNACCENTED_CONFIGS else [config]


def _vector(language):
    vector = None
    for config in _configs(language):
        part = (
            SearchVector("title", "names", weight="A", config=config)
            + SearchVector("lead", weight="B", config=config)
            + SearchVector("text", weight="C", config=config)
        )
        vector = part if vector is None else vector + part
    return vector


def _text_query(words, language):
    """Every word of the query, each found by its stem in any of the language's configurations
    (as written, or without accents)."""
    query = None
    for word in words:
        either = None
        for config in _configs(language):
            part = SearchQuery(word, config=config, search_type="plain")
            either = part if either is None else either | part
        query = either if query is None else query & either
    return query


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


def _listing():
    """1 for a page that only lists others (an index, the agenda), found after the pages with
    content of their own; 0 otherwise. Content types are cached by Django: no query."""
    types = ContentType.objects.get_for_models(*listing_page_types()).values()
    return Case(
        When(page__content_type__in=[t.pk for t in types], then=Value(1)),
        default=Value(0),
        output_field=IntegerField(),
    )


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
    or other name matches, then the pages with content of their own by relevance, then the
    pages that only list others (an empty index is no answer).

    Returns a queryset of PageSearchEntry with ``page`` selected, empty for an empty query; on
    PostgreSQL each entry has ``snippet``, its text around the query's words (see snippet()).
    """
    query = clean_query(query)
    entries = _searchable(language).select_related("page")
    if not query:
        return entries.none()
    words = _WORD.findall(query)
    if connection.vendor == "postgresql":
        search_query = _text_query(words, language)
        # The stored vector (index_page) and its GIN index: only matching entries are ranked,
        # and only the entries of the page shown get a headline.
        return (
            # The texts are read by PostgreSQL for the headline, never by Python; of the page,
            # only what its URL is made of (a narrower query is quicker for Django to build).
            entries.only(*RESULT_FIELDS)
            .filter(vector=search_query)
            .annotate(
                named=_NamedBy(F("vector"), search_query),
                listing=_listing(),
                rank=SearchRank(F("vector"), search_query),
                snippet=SearchHeadline(
                    Concat("lead", Value(" "), "text", output_field=TextField()),
                    search_query,
                    # Without accents: "reseau" marks "réseau".
                    config=_configs(language)[-1],
                    start_sel=_START,
                    stop_sel=_STOP,
                    max_words=SNIPPET_WORDS,
                    min_words=15,
                    max_fragments=2,
                    fragment_delimiter=" … ",
                ),
            )
            .order_by("-named", "listing", "-rank", "title")
        )
    # SQLite: the weights of PostgreSQL's vector, by where every word of the query is found.
    return (
        entries.filter(_every_word_in("stems", words, language))
        .annotate(
            named=_found_in("name_stems", words, language),
            listing=_listing(),
            presented=_found_in("lead_stems", words, language),
        )
        .order_by("-named", "listing", "-presented", "title")
    )


def _found_in(stems_field, words, language):
    """1 if every word is found in that field of stems, else 0."""
    return Case(
        When(_every_word_in(stems_field, words, language), then=Value(1)),
        default=Value(0),
        output_field=IntegerField(),
    )


def _every_word_in(stems_field, words, language):
    """Q: each word found in that field of stems by one of its stems."""
    condition = Q()
    for word in words:
        either = Q()
        for word_stem in word_stems(word, language):
            either |= Q(**{f"{stems_field}__contains": f" {word_stem} "})
        condition &= either
    return condition


# What a result shows -------------------------------------------------------------------------


def _found(word, query_stems, language):
    return not query_stems.isdisjoint(word_stems(word, language))


def _highlight(text, query_stems, language):
    """Escaped text with the words found by the query in <mark>."""
    parts = []
    for piece in re.split(r"(\w+)", text):
        if piece and _WORD.fullmatch(piece) and _found(piece, query_stems, language):
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
            if any(_found(w, query_stems, language) for w in _WORD.findall(word))
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
    "Regensburg"), or None. One query: on PostgreSQL the titles and names nearest by trigram
    similarity (pg_trgm, accents removed), elsewhere a bounded number of them.

    shown_pages: pages already among the results, never suggested.
    """
    query = clean_query(query)
    if not query:
        return None
    entries = _searchable(language).exclude(page_id__in=list(shown_pages))
    if connection.vendor == "postgresql":
        plain = Unaccent(Value(query))
        entries = (
            entries.annotate(
                likeness=Greatest(
                    TrigramWordSimilarity(plain, Unaccent("title")),
                    TrigramWordSimilarity(plain, Unaccent("names")),
                )
            )
            .filter(likeness__gte=SUGGESTION_THRESHOLD)
            .order_by("-likeness", "title")[:TRIGRAM_CANDIDATES]
        )
    else:
        entries = entries.order_by("title")[:SUGGESTION_CANDIDATES]
    names = []
    for title, other_names in entries.values_list("title", "names"):
        names.extend([title, *other_names.splitlines()])
    return nearest_name(query, names)


def nearest_name(query, names):
    """The name, among names, with words nearest to the query's (accents and case aside), or
    None when none is near enough. A name is measured by its run of as many words as the query
    that is nearest: "Salfrod" is near "Salford", "villes michlin" near "Réseau International
    des Villes Michelin". A run spelt as the query is no correction of its spelling."""
    folded = " ".join(fold(word) for word in _WORD.findall(query))
    size = len(folded.split())
    runs = {}
    for name in names:
        words = [fold(word) for word in _WORD.findall(name)]
        for start in range(max(1, len(words) - size + 1)):
            run = " ".join(words[start : start + size])
            if run and run != folded:
                runs.setdefault(run, name)
    nearest = get_close_matches(folded, runs, n=1, cutoff=SUGGESTION_LIKENESS)
    return runs[nearest[0]] if nearest else None
