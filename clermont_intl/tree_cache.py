"""What every page request needs to know about the page tree, kept in the shared cache.

The main menu, the footer, the private sections, the site for a host name, the contact details
and fragments of pages change only when an editor saves, moves or deletes a page, or changes a
view restriction, a site or a setting. clermont_intl.signals then bumps one generation number
that is part of every key here: a stale entry is never read again and expires on its own, and no
list of keys has to be kept to delete them one by one.

An entry never changes once written under a generation, so each process also keeps the entries
it has read: a request asks the shared cache for the generation once (TreeCacheMiddleware), and
for an entry only the first time this process needs it.
"""

import contextvars
import hashlib
import time

from django.core.cache import cache
from django.db import transaction
from django.http.request import split_domain_port

GENERATION_KEY = "page-tree:generation"
TIMEOUT = 24 * 3600
# Entries kept by a process before it starts again from empty (they are re-read from Redis).
LOCAL_LIMIT = 5000
_MISSING = object()
_local = {}
_request_generation = contextvars.ContextVar("page_tree_generation", default=None)


def _shared_generation():
    # Starts from the clock, not 0: after Redis restarts empty, no key of before comes back.
    return cache.get_or_set(GENERATION_KEY, time.time_ns, None)


def generation():
    value = _request_generation.get()
    return value if value is not None else _shared_generation()


def bump_generation():
    """Make every entry stale (called by clermont_intl.signals when the tree changes)."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # not in the cache (evicted or never set)
        _shared_generation()
    # The rest of this request (an editor's save) reads the new generation too.
    _request_generation.set(None)


def now_and_at_commit(function):
    """function() now, and again when the current transaction commits, if there is one.

    For what makes caches forget a change (a new generation, a purge of the proxy): a request
    served between the change and its commit reads the old rows and may cache them again.
    """
    function()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(function)


def remember(name, build):
    """build()'s result, kept while the tree has not changed since it was built.

    None and empty results are kept too: "no private section" is the common answer.
    """
    key = f"page-tree:{generation()}:{name}"
    value = _local.get(key, _MISSING)
    if value is not _MISSING:
        return value
    value = cache.get(key, _MISSING)
    if value is _MISSING:
        value = build()
        cache.set(key, value, TIMEOUT)
    if len(_local) >= LOCAL_LIMIT:
        _local.clear()
    _local[key] = value
    return value


def fragment_key(page, language, values):
    """The name of a rendered fragment of page: short whatever the values (query filters…)."""
    digest = hashlib.blake2b(repr(values).encode(), digest_size=12).hexdigest()
    return f"fragment:{page.pk}:{language}:{digest}"


class TreeCacheMiddleware:
    """Reads the generation once per request, and the request's Wagtail site from the cache.

    Placed after CommonMiddleware, which has refused hosts not in ALLOWED_HOSTS.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request_generation.set(_shared_generation())
        try:
            request._wagtail_site = site_for_request(request)
            return self.get_response(request)
        finally:
            _request_generation.reset(token)


def site_for_request(request):
    """Site.find_for_request without its query (it caches on request._wagtail_site too)."""
    from wagtail.models import Site

    hostname = split_domain_port(request._get_raw_host())[0]
    port = request.get_port()
    digest = hashlib.blake2b(f"{hostname}:{port}".encode(), digest_size=12).hexdigest()
    return remember(f"site:{digest}", lambda: Site._find_for_request(request))
