"""The news as RSS 2.0 and Atom feeds, in the language of their address (/fr/…, /en/…).

Every link is absolute on the site's public address (clermont_intl.public_urls), never the Host
header of the request. GUIDs derive from the page id and that host name: they do not change
when a news item is edited or renamed, so readers do not show it twice.
"""

from datetime import datetime, time
from urllib.parse import urlsplit

from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext

from ..feeds import PageListFeed
from ..public_urls import root_url
from ..timezones import PARIS

FEED_SIZE = 30


def news_guid(news, request):
    return f"tag:{urlsplit(root_url(request)).hostname},2025:news-{news.pk}"


def publication_time(news):
    """When the news was published: its first publication if that was on its date, else noon
    (Paris) on its date, as an editor may date a news item before or after publishing it."""
    published = news.first_published_at
    if published and timezone.localtime(published, PARIS).date() == news.date:
        return published
    return datetime.combine(news.date, time(12), tzinfo=PARIS)


class NewsRssFeed(PageListFeed):
    """The news of a news index (already filtered), newest first, as on the page."""

    size = FEED_SIZE

    def title(self):
        return gettext("News of international relations — City of Clermont-Ferrand")

    def description(self):
        return gettext(
            "News of the partner cities, the European and international projects and the "
            "Europe Direct centre of Clermont-Ferrand."
        )

    def item_description(self, item):
        return item.intro

    def item_guid(self, item):
        return news_guid(item, self.request)

    def item_pubdate(self, item):
        return publication_time(item)

    def item_updateddate(self, item):
        return item.last_published_at or publication_time(item)

    def item_categories(self, item):
        return [theme.name for theme in item.themes.all()]


class NewsAtomFeed(NewsRssFeed):
    feed_type = Atom1Feed
