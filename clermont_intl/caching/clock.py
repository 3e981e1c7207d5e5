"""How long the caching proxy may keep a page that changes with the clock (s-maxage).

A list of upcoming events or of open calls for projects changes when an event ends or a call
closes, with nobody publishing, so no purge tells the proxy. Such a page is kept at most
EVENTS_CACHE_SECONDS; a page that knows when what it shows changes next (a call's deadline) says
so with changes_at() while it is served, and is then kept no longer than until that moment.
"""

import contextvars
import math
from datetime import datetime, time, timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.cache import patch_cache_control

# The earliest change noted while the current page is served (None: none noted).
_next_change = contextvars.ContextVar("next_change", default=None)


def changes_at(when):
    """Note that the page being served changes at when (an aware datetime, or None)."""
    earliest = _next_change.get()
    if when is not None and (earliest is None or when < earliest):
        _next_change.set(when)


def next_midnight():
    """The next midnight, Paris time: when what depends on the day changes (which exhibition
    is free today)."""
    tomorrow = timezone.localdate() + timedelta(days=1)
    return timezone.make_aware(datetime.combine(tomorrow, time.min))


def keep_until(response, when):
    """Tells the proxy to keep response no longer than until when (and EVENTS_CACHE_SECONDS)."""
    patch_cache_control(response, s_maxage=shared_max_age(when))
    return response


def shared_max_age(earliest):
    """Seconds the proxy may keep a page that changes at earliest (or at an unknown moment)."""
    seconds = settings.EVENTS_CACHE_SECONDS
    if earliest is not None:
        left = (earliest - timezone.now()).total_seconds()
        seconds = max(0, min(seconds, math.ceil(left)))
    return seconds


def serve_with_clock(serve, request, *args, **kwargs):
    """serve(request, …), then s-maxage from the changes noted while it ran. The page is
    rendered here, since a template may note changes too."""
    token = _next_change.set(None)
    try:
        response = serve(request, *args, **kwargs)
        if hasattr(response, "render") and not response.is_rendered:
            response.render()
        return keep_until(response, _next_change.get())
    finally:
        _next_change.reset(token)


class ChangesWithTheClock:
    """A page that shows what the clock selects (upcoming events, open calls): it changes when
    one ends, with nobody publishing, so the caching proxy keeps it EVENTS_CACHE_SECONDS
    (s-maxage), not until the next purge, or less when the page notes an earlier change."""

    def serve(self, request, *args, **kwargs):
        return serve_with_clock(super().serve, request, *args, **kwargs)
