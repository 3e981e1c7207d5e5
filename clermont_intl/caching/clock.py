"""How long the caching proxy may keep a page that changes with the clock (s-maxage).

A list of upcoming events or of open calls for projects changes when an event ends or a call
closes, with nobody publishing, so no purge tells the proxy. Such a page is kept at most
EVENTS_CACHE_SECONDS; a page that knows when what it shows changes next (a call's deadline) says
so with changes_at(), and is then kept no longer than until that moment.
"""

import math
from datetime import datetime, time, timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.cache import patch_cache_control

from .generation import request_state


def changes_at(when):
    """Note that the current request's page changes at when (an aware datetime)."""
    state = request_state()
    earliest = state.get("changes_at")
    if when is not None and (earliest is None or when < earliest):
        state["changes_at"] = when


def changes_tomorrow():
    """Note that the current request's page changes at the next midnight, Paris time (what it
    shows depends on the day, e.g. which exhibition is free today)."""
    tomorrow = timezone.localdate() + timedelta(days=1)
    changes_at(timezone.make_aware(datetime.combine(tomorrow, time.min)))


def shared_max_age():
    """Seconds the proxy may keep the current request's page: EVENTS_CACHE_SECONDS, or less
    when it changes sooner."""
    seconds = settings.EVENTS_CACHE_SECONDS
    earliest = request_state().get("changes_at")
    if earliest is not None:
        left = (earliest - timezone.now()).total_seconds()
        seconds = max(0, min(seconds, math.ceil(left)))
    return seconds


def set_shared_max_age(response):
    patch_cache_control(response, s_maxage=shared_max_age())
    return response


class ChangesWithTheClock:
    """A page that shows what the clock selects (upcoming events, open calls): it changes when
    one ends, with nobody publishing, so the caching proxy keeps it EVENTS_CACHE_SECONDS
    (s-maxage), not until the next purge, or less when the page notes an earlier change."""

    def serve(self, request, *args, **kwargs):
        return set_shared_max_age(super().serve(request, *args, **kwargs))
