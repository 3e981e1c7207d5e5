"""Local development: debug on, a throwaway secret, e-mails printed to the console."""

import os

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = env_bool("DEBUG", True)
# Only ever used on a developer's machine; production refuses to start without its own key.
SECRET_KEY = os.environ.get("SECRET_KEY") or "dev-only-insecure-key-do-not-use-in-production"
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
# A missing page gets the site's own 404 page, as in production (not the debug URL list).
MIDDLEWARE = [*MIDDLEWARE, "clermont_intl.dev_errors.SiteNotFoundMiddleware"]  # noqa: F405
