"""What the site keeps, where, and what empties it (docs/architecture.md, "Caching").

- The caching proxy (Varnish) keeps public pages: proxy.py says which responses it may keep
  (s-maxage) and which it must not (a view restriction, a signed-in user, a cookie), and asks it
  to forget the site.
- The application keeps a few fragments that are the same for every visitor (menu, footer, map,
  card lists) in Django's cache, under a key that names the site version (fragments.py) and,
  through the cache's KEY_PREFIX, the release (release.py).
- invalidation.py: after any change a visitor can see is committed, the site version moves and
  the proxy forgets the site.
- clock.py: pages that change with the clock (upcoming events, open calls) tell the proxy how
  long they hold.
"""
