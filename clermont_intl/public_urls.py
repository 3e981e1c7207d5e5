"""The site's public address, for every absolute URL it writes: open data, calendars and feeds,
the sitemap and robots.txt, canonical and alternate links, e-mails.

It is the Wagtail Site's root URL (Settings > Sites in the admin), never the Host header a
request happened to come with (a proxy, a health check, an internal name). Wagtail's own
placeholder site, ``localhost``, means the Site was not configured: ``WAGTAILADMIN_BASE_URL``
(from the environment) then gives the address.
"""

from django.conf import settings

from wagtail.models import Site

UNCONFIGURED_HOSTNAMES = {"localhost"}


def root_url(request=None):
    """``https://host[:port]``, without a trailing slash."""
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        site = _default_site()
    if site is None or site.hostname in UNCONFIGURED_HOSTNAMES:
        return settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    return site.root_url


def _default_site():
    return Site.objects.filter(is_default_site=True).first()


def absolute(url, request=None):
    """``url`` (a path, or already absolute) as an absolute URL on the public address."""
    if not url:
        return ""
    if url.startswith(("http://", "https://")):
        return url
    return f"{root_url(request)}{url}"


def page_url(page, request=None):
    """A page's absolute URL in the active language."""
    return absolute(page.get_url(request), request)
