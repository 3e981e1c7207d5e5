"""Django's cache on Redis (django-redis), that stops asking a Redis that does not answer.

With ``IGNORE_EXCEPTIONS``, django-redis answers "not in the cache" when Redis does not answer,
but it asks again at every call: a page makes several (the site version, the sites' root paths
that wagtail-modeltranslation keeps there, each image's rendition), and each one costs a refused
connection and a logged traceback, or a whole timeout when Redis is behind a dead network path.
While Redis is down, pages were several times slower than with no cache at all.

This backend is django-redis's own, with one difference: after a call fails for want of an
answer (connection refused or lost, timeout), this process answers every call as django-redis
does when it ignores an error, without asking Redis, for ``CACHE_OUTAGE_RETRY_SECONDS``; then
the next call asks Redis again. The outage is logged once per process each time it is noticed,
not once per call. Nothing is kept in the process: this remembers that Redis is down, never a
value (the fragments are still Redis's alone; clermont_intl.caching.fragments).
"""

import functools
import logging
import socket
import threading
import time

from django.conf import settings

from django_redis import cache as django_redis_cache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import RedisError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

# Redis did not answer: the errors that open the pause. Others (a refused command) are ignored
# as django-redis ignores them, call by call.
NO_ANSWER = (RedisConnectionError, RedisTimeoutError, socket.timeout, ConnectionError)
# What django-redis's own decorator (omit_exception) returns for an ignored error.
IGNORED = {"_get": django_redis_cache.CONNECTION_INTERRUPTED, "get_many": {}}

# {Redis location: monotonic time until which it is not asked}, shared by the threads of a
# process (Django's cache objects are per thread).
_paused_until = {}
_lock = threading.Lock()


class RedisCache(django_redis_cache.RedisCache):
    """django_redis.cache.RedisCache, pausing after Redis failed to answer (module docstring)."""

    def __init__(self, server, params):
        super().__init__(server, params)
        # This class ignores the errors itself, so that it sees them; django-redis's decorator
        # re-raises them (omit_exception with _ignore_exceptions off).
        self._pauses_on_outage = self._ignore_exceptions
        self._ignore_exceptions = False

    def _paused(self):
        return _paused_until.get(self._server, 0.0) > time.monotonic()

    def _pause(self, error):
        seconds = getattr(settings, "CACHE_OUTAGE_RETRY_SECONDS", 5)
        with _lock:
            already = self._paused()
            _paused_until[self._server] = time.monotonic() + seconds
        if not already:
            logger.warning(
                "Redis does not answer (%s): pages are rendered without the cache; it is asked "
                "again in %s s.",
                error,
                seconds,
            )


def _ignoring_outages(name, method):
    fallback = IGNORED.get(name)

    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        if not self._pauses_on_outage:
            return method(self, *args, **kwargs)
        if self._paused():
            return fallback
        try:
            return method(self, *args, **kwargs)
        except NO_ANSWER as error:
            self._pause(error)
            return fallback
        except RedisError:
            # A command Redis refused (a ResponseError): ignored and logged, as django-redis does.
            logger.exception("Redis refused a cache command")
            return fallback

    return wrapper


# Every method django-redis guards with its omit_exception decorator (they carry __wrapped__),
# guarded here instead: the cache's whole API, whatever django-redis adds to it.
for _name, _method in list(vars(django_redis_cache.RedisCache).items()):
    if callable(_method) and hasattr(_method, "__wrapped__"):
        setattr(RedisCache, _name, _ignoring_outages(_name, _method))


def shared(alias="default"):
    """Whether the cache alias is on Redis (django-redis's backend or this one)."""
    from django.core.cache import caches

    return isinstance(caches[alias], django_redis_cache.RedisCache)
