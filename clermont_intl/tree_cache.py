"""What every page request needs to know about the page tree, kept in the shared cache.

The main menu, the footer's accessibility statement, the private sections, the site for a host
name and the contact details change only when an editor saves, moves or deletes a page, or
changes a view restriction, a site or a setting. clermont_intl.signals then bumps one
generation number that is part of every key here: a stale entry is never read again and
expires on its own, and no list of keys has to be kept to delete them one by one.
"""

from django.core.cache import cache

GENERATION_KEY = "page-tree:generation"
TIMEOUT = 24 * 3600
_MISSING = object()


def generation():
    return cache.get_or_set(GENERATION_KEY, 0, None)


def bump_generation():
    """Make every entry stale (called by clermont_intl.signals when the tree changes)."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # not in the cache (evicted or never set)
        cache.set(GENERATION_KEY, 1, None)


def remember(name, build):
    """build()'s result, from the cache while the tree has not changed since it was built.

    None and empty results are kept too: "no private section" is the common answer.
    """
    key = f"page-tree:{generation()}:{name}"
    value = cache.get(key, _MISSING)
    if value is _MISSING:
        value = build()
        cache.set(key, value, TIMEOUT)
    return value
