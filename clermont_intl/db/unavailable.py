"""The answer while the database is unreachable: 503 and the site's "temporarily unavailable"
page, in the visitor's language, instead of a 500.

Two ways in, because Django turns an exception into a response at the boundary of every
middleware: an outer middleware never sees what an inner one raised.

- ``DatabaseUnavailableMiddleware.process_exception``: a view that fails on the database (the
  usual case: pages read the database in the view). The outage is logged as one warning line,
  not as a server error with its traceback on every request.
- ``server_error``, the site's ``handler500``: Django calls it for an exception raised anywhere
  else (a middleware, a response hook); it answers 503 when the database is the cause.

The page is rendered without a request context: no context processor, so no query (the site
settings, the menu, the signed-in user all need the database).
"""

import logging
import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.views import defaults

logger = logging.getLogger(__name__)

# A visitor's browser (and a well-behaved robot) may try again after this many seconds.
RETRY_AFTER_SECONDS = 60


def is_unreachable(error):
    """A connection that cannot be opened or was lost; not a bad query or a broken constraint."""
    return isinstance(error, (OperationalError, InterfaceError))


def unavailable_response(request):
    language = _language(request)
    other = next(code for code, _name in settings.LANGUAGES if code != language)
    with translation.override(language):
        html = render_to_string(
            "503.html",
            {
                "other_language": other,
                "stylesheet": _stylesheet(),
                "service_email": settings.SERVICE_EMAIL,
            },
        )
    response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Content-Language"] = language
    # Neither the caching proxy nor a browser keeps it: the site is back as soon as the
    # database is.
    add_never_cache_headers(response)
    return response


def _language(request):
    """The language of the URL (/fr/, /en/), else the browser's: read without the database."""
    codes = {code for code, _name in settings.LANGUAGES}
    language = translation.get_language_from_path(request.path_info)
    if language not in codes:
        language = translation.get_language_from_request(request)
    return language if language in codes else settings.LANGUAGE_CODE


def _stylesheet():
    # The production storage reads its manifest (a file); a missing entry must not turn the
    # outage page into an error of its own.
    try:
        return static("css/site.css")
    except ValueError:
        return None


class DatabaseUnavailableMiddleware:
    """First in MIDDLEWARE: its process_exception is the last one asked, after any middleware
    that knows better about its own errors."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not is_unreachable(exception):
            return None
        logger.warning("Database unavailable for %s: %s", request.path, exception)
        return unavailable_response(request)


def server_error(request, template_name=defaults.ERROR_500_TEMPLATE_NAME):
    """handler500: the 503 page when the error being handled is the database's, Django's own
    500 page otherwise."""
    if is_unreachable(sys.exc_info()[1]):
        return unavailable_response(request)
    return defaults.server_error(request, template_name)
