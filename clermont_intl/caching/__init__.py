"""The site's caches, in one place (docs/architecture.md draws them).

- generation.py: one number in the database that changes, in the same transaction, whenever
  something a visitor sees changes. Every entry of the application's cache is keyed by it, so
  an entry written before a change is never read after it, by any process, whatever the cache
  holds or has lost.
- privacy.py: which pages are private, read from the database on every request that needs it
  (never from a cache).
- invalidation.py: the one path that follows a change: the generation moves, and the caching
  proxy (Varnish) forgets the site's pages at commit.
- backends.py: Redis as Django's cache, failing open: when Redis is down or slow the site
  renders from the database and uses Redis again when it answers.
"""
