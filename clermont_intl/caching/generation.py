"""Entries of the application's cache, keyed by the database's generation.

The main menu, the footer, the site for a host name, the contact details and rendered fragments
of pages change only when an editor changes something a visitor sees. clermont_intl.caching.
invalidation then gives the generation (a row in the database) a new value, in the same
transaction as the change; every key here contains it, so an entry written before the change is
never read again by any process and expires on its own. No list of keys has to be kept.

A request reads the generation once (one query, RequestCacheMiddleware). An entry never
changes once written under a generation, so each process also keeps the entries it has read:
only its first use in a process goes to the shared cache. When the shared cache is down
(clermont_intl.caching.backends), each process still keeps what it rendered for the current
generation, and nothing stale can be read when it comes back.

Why not only Wagtail's {% wagtailpagecache %}: its key follows the page's own revision, while
the header, menu, teasers and partner cards change when other pages do.
"""

import contextvars
import hashlib
import secrets

from django.core.cache import cache
from django.db import DatabaseError
from django.http.request import split_domain_port

TIMEOUT = 24 * 3600
# Entries kept by a process before it starts again from empty (they are re-read from Redis).
LOCAL_LIMIT = 5000
_MISSING = object()
_local = {}
_local_generation = None
# What this request has read from the database: {"generation": …, "private_paths": …}.
_request_state = contextvars.ContextVar("cache_request_state", default=None)


def request_state():
    """The current request's memo (an empty dict outside a request: nothing is kept)."""
    state = _request_state.get()
    return state if state is not None else {}


def in_request():
    """Whether a request's memo is open (else generation() would ask the database each time)."""
    return _request_state.get() is not None


def _read_state():
    """(generation, paths of the pages with a view restriction): the two things every request
    asks the database, in one query."""
    from django.db import connection

    from wagtail.models import Page, PageViewRestriction

    from .models import CacheGeneration

    quote = connection.ops.quote_name
    if connection.vendor == "postgresql":
        paths = "string_agg(DISTINCT p.path, ',')"
    else:
        paths = "group_concat(DISTINCT p.path)"
    sql = (
        f"SELECT g.value, (SELECT {paths} FROM {quote(PageViewRestriction._meta.db_table)} r"
        f" JOIN {quote(Page._meta.db_table)} p ON p.id = r.page_id)"
        f" FROM {quote(CacheGeneration._meta.db_table)} g WHERE g.id = 1"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql)
        row = cursor.fetchone()
    if row is None:  # a database where nothing has been published yet
        value = CacheGeneration.objects.get_or_create(
            pk=1, defaults={"value": secrets.randbits(62)}
        )[0].value
        return value, None
    # Tree paths are digits and capital letters: a comma never occurs in one.
    return row[0], tuple(sorted(row[1].split(","))) if row[1] else ()


def generation():
    """The current generation: read from the database once per request, with which sections
    are private (clermont_intl.caching.privacy)."""
    state = request_state()
    if state.get("generation") is None:
        state["generation"], paths = _read_state()
        if paths is not None:
            state["private_paths"] = paths
    return state["generation"]


def bump_generation():
    """Make every entry stale, in the caller's transaction (clermont_intl.caching.invalidation).

    A new random value rather than value + 1: entries written by a transaction that is then
    rolled back were keyed by a value that no later change can give again.
    """
    from .models import CacheGeneration

    value = secrets.randbits(62)
    if not CacheGeneration.objects.filter(pk=1).update(value=value):
        CacheGeneration.objects.update_or_create(pk=1, defaults={"value": value})
    # The rest of this request (an editor's save) reads the new generation.
    request_state().pop("generation", None)


def remember(name, build, *, local=True):
    """build()'s result, kept while nothing a visitor sees has changed since it was built.

    None and empty results are kept too: "no private section" is the common answer. local=False
    keeps it in the shared cache only, not in this process (entries whose names visitors
    choose: search words).
    """
    global _local_generation
    current = generation()
    if current != _local_generation:
        _local.clear()
        _local_generation = current
    key = f"page-tree:{current}:{_privacy_digest()}:{name}"
    value = _local.get(key, _MISSING)
    if value is not _MISSING:
        return value
    value = cache.get(key, _MISSING)
    if value is _MISSING:
        value = build()
        cache.set(key, value, TIMEOUT)
    if local:
        if len(_local) >= LOCAL_LIMIT:
            _local.clear()
        _local[key] = value
    return value


def keep_for_request(pages):
    """Pages a remembered list was just built from (a miss): the cards of that list, rendered
    in the same request, take them from here (pages_for_request) instead of loading them
    again. Request-scoped on purpose: a warm request has no pages here and loads its cards'
    pages only when the cards themselves must be rendered again."""
    loaded = request_state().setdefault("loaded_pages", {})
    for page in pages:
        loaded[(type(page), page.pk)] = page


def pages_for_request(model, ids):
    """{id: page} of those pages of model that keep_for_request kept in this request."""
    loaded = request_state().get("loaded_pages", {})
    return {pk: loaded[(model, pk)] for pk in ids if (model, pk) in loaded}


def _privacy_digest():
    """Which sections are private now (from the database, once per request): part of every
    key, so that nothing built while other sections were private is ever served, even if a
    restriction was written without the signal that renews the generation."""
    from .privacy import private_paths

    paths = private_paths()
    if not paths:
        return "public"
    return hashlib.blake2b("\n".join(sorted(paths)).encode(), digest_size=8).hexdigest()


def forget_local():
    """Empties this process's copies (tests: a rolled-back test gives the generation its old
    value back, with rows that other tests may have changed without a signal)."""
    global _local_generation
    _local.clear()
    _local_generation = None


def fragment_key(owner, language, values):
    """The name of a rendered fragment of a page (owner: its id) or of a view without one
    (owner: its site's): short whatever the values (query filters…)."""
    digest = hashlib.blake2b(repr(values).encode(), digest_size=12).hexdigest()
    return f"fragment:{owner}:{language}:{digest}"


class RequestCacheMiddleware:
    """Gives each request its memo of the database's answers, and its Wagtail site.

    Placed after CommonMiddleware, which has refused hosts not in ALLOWED_HOSTS.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request_state.set({})
        try:
            try:
                request._wagtail_site = site_for_request(request)
            except DatabaseError:
                # The view answers for itself: /healthz/ says the database is down (503).
                pass
            return self.get_response(request)
        finally:
            _request_state.reset(token)


def site_for_request(request):
    """Site.find_for_request without its query (it caches on request._wagtail_site too)."""
    from wagtail.models import Site

    hostname = split_domain_port(request._get_raw_host())[0]
    port = request.get_port()
    digest = hashlib.blake2b(f"{hostname}:{port}".encode(), digest_size=12).hexdigest()
    return remember(f"site:{digest}", lambda: Site._find_for_request(request))
