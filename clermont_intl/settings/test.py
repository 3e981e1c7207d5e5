"""Tests: fast hashing, in-memory cache and mail, no request leaves the machine."""

import os

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-secret-key"  # noqa: S105 (never used outside the test run)
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# The loopback stack tests (tests/operations/test_stack.py) run gunicorn workers and an editor's
# process side by side: as in production, they share Redis (STACK_REDIS_URL). Every other test
# keeps a memory cache of its own, emptied before each test.
if os.environ.get("STACK_REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": os.environ["STACK_REDIS_URL"],
            "KEY_PREFIX": CACHE_RELEASE,  # noqa: F405
            "OPTIONS": {"IGNORE_EXCEPTIONS": True},
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "KEY_PREFIX": CACHE_RELEASE,  # noqa: F405
        }
    }
CACHES["nowhere"] = {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
ALLOWED_HOSTS = ["*"]
MEDIA_ROOT = BASE_DIR / "var" / "test-media"  # noqa: F405
WAGTAILADMIN_BASE_URL = "http://testserver"
# The seed's notification address is SERVICE_EMAIL's placeholder in example.org; tests of the
# domain rule set NOTIFICATION_EMAIL_DOMAINS back to the city's domain alone.
NOTIFICATION_EMAIL_DOMAINS = ["clermont-ferrand.fr", "example.org"]
