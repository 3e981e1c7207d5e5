"""What every open data file of the site shares: its languages, its licence, how it is sent.

The partner cities' (partners.opendata) and the calls for projects' (projects.call_data) give
each text in French and in English whatever the address's language, under one licence.
"""

from django.conf import settings
from django.utils import translation

# The French public sector's default licence for open data (Etalab), until the City states
# another on the open data page.
LICENCE = {
    "name": "Licence Ouverte 2.0",
    "url": "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
}
LANGUAGES = [code for code, _name in settings.LANGUAGES]


def in_each_language(function):
    """{"fr": function() in French, "en": function() in English}."""
    values = {}
    for code in LANGUAGES:
        with translation.override(code):
            values[code] = function()
    return values


def attach(response, filename, disposition="attachment"):
    """The response as a file of that name, readable by any site from a browser."""
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    # Open data: any site may read it from a browser.
    response["Access-Control-Allow-Origin"] = "*"
    return response


# What the domain apps add to the open data page (partners' directory, open-data/), in the
# shape of the home page's hook: a function (page, request, entries) returning context. The
# CIED gives its events' feeds ("feed_urls").
HOOK = "construct_open_data_page_context"


def open_data_context(page, request):
    from .home import hooked_context

    return hooked_context(HOOK, page, request)
