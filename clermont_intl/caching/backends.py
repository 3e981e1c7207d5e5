"""Redis as the shared cache, and a site that keeps answering when Redis does not.

Django's RedisCache raises on an unreachable server, which would turn a cache outage into a
site outage. This backend answers "not in the cache" instead (reads return the default, writes
do nothing) and logs the outage once. It then leaves Redis alone for RETRY_SECONDS before trying
again, so that an unreachable Redis (a timeout, not a refusal) costs one timeout per process
every few seconds rather than one per cache call; a Redis that is back is used again without a
restart. django-redis has an IGNORE_EXCEPTIONS switch but no such pause, hence this small class.

Nothing that decides anything is kept here (clermont_intl.caching): entries are only ever
copies of what the database says, keyed by the database's generation.
"""

import functools
import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache

from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

# How long a process leaves Redis alone after a failure.
RETRY_SECONDS = 5.0


def _fail_open(default):
    """Runs the cache call; on a Redis error answers default() and pauses Redis for a while."""

    def decorator(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            if time.monotonic() < self._down_until:
                return default(*args, **kwargs)
            try:
                return method(self, *args, **kwargs)
            except RedisError as error:
                self._went_down(error)
                return default(*args, **kwargs)

        return wrapper

    return decorator


def _nothing(*args, **kwargs):
    return None


def _get_default(key, default=None, version=None):
    return default


def _false(*args, **kwargs):
    return False


def _empty_dict(*args, **kwargs):
    return {}


def _not_stored(data, *args, **kwargs):
    return list(data)


class FailOpenRedisCache(RedisCache):
    """RedisCache whose failures read as misses (see the module's docstring)."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._down_until = 0.0

    def _went_down(self, error):
        if self._down_until == 0.0:
            logger.warning("Redis cache unavailable, rendering from the database: %s", error)
        self._down_until = time.monotonic() + RETRY_SECONDS

    def _came_back(self):
        if self._down_until:
            logger.warning("Redis cache available again")
            self._down_until = 0.0

    def available(self):
        """Whether Redis answers now (for /healthz/): asks it, whatever the pause says."""
        try:
            self._cache.get_client().ping()
        except RedisError as error:
            self._went_down(error)
            return False
        self._came_back()
        return True

    @_fail_open(_get_default)
    def get(self, key, default=None, version=None):
        value = super().get(key, default, version)
        self._came_back()
        return value

    @_fail_open(_false)
    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return super().add(key, value, timeout, version)

    @_fail_open(_nothing)
    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return super().set(key, value, timeout, version)

    @_fail_open(_false)
    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return super().touch(key, timeout, version)

    @_fail_open(_false)
    def delete(self, key, version=None):
        return super().delete(key, version)

    @_fail_open(_empty_dict)
    def get_many(self, keys, version=None):
        return super().get_many(keys, version)

    @_fail_open(_false)
    def has_key(self, key, version=None):
        return super().has_key(key, version)

    @_fail_open(_not_stored)
    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return super().set_many(data, timeout, version)

    @_fail_open(_nothing)
    def delete_many(self, keys, version=None):
        return super().delete_many(keys, version)

    @_fail_open(_false)
    def clear(self):
        return super().clear()

    def incr(self, key, delta=1, version=None):
        # No sensible "missing" answer for a counter: callers handle ValueError as for a key
        # that is not there. Nothing in the site counts in the cache (security counters are in
        # the database); this keeps third-party callers from seeing a RedisError.
        if time.monotonic() < self._down_until:
            raise ValueError(f"Key '{key}' not found (cache unavailable)")
        try:
            return super().incr(key, delta, version)
        except RedisError as error:
            self._went_down(error)
            raise ValueError(f"Key '{key}' not found (cache unavailable)") from error
