"""Country flags, from the flag-icons package shipped in static/vendor/flag-icons (MIT)."""

from functools import cache
from pathlib import Path

from django.conf import settings
from django.templatetags.static import static

FLAGS = "vendor/flag-icons/flags/4x3"


@cache
def _shipped():
    """The ISO codes with a flag file (lower case), read once per process."""
    folder = Path(settings.BASE_DIR) / "static" / FLAGS
    return frozenset(path.stem for path in folder.glob("*.svg"))


def flag_url(country_code):
    """The static URL of the country's flag, or "" for a code without one (the page then shows
    the country's name alone rather than a broken image)."""
    code = str(country_code or "").lower()
    if code not in _shipped():
        return ""
    return static(f"{FLAGS}/{code}.svg")
