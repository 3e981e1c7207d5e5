"""The news as RSS 2.0 and Atom feeds, in the language of their address (/fr/…, /en/…).

Every link is absolute on the site's public address (clermont_intl.public_urls), never the Host
header of the request. GUIDs derive from the page id and that host name: they do not change
when a news item is edited or renamed, so readers do not show it twice.
"""

from datetime import datetime, time
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext

from ..public_urls import absolute, page_url, root_url

PARIS = ZoneInfo("Europe/Paris")
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


class NewsRssFeed(Feed):
    """The news of a news index (already filtered), newest first, as on the page."""

    feed_type = Rss201rev2Feed

    def __init__(self, index, news):
        super().__init__()
        self.index, self.news = index, news

    def get_object(self, request, *args, **kwargs):
        self.request = request
        return None

    def title(self):
        return gettext("News of international relations — City of Clermont-Ferrand")

    def description(self):
        return gettext(
            "News of the partner cities, the European and international projects and the "
            "Europe Direct centre of Clermont-Ferrand."
        )

    subtitle = description

    def link(self):
        return page_url(self.index, self.request)

    def feed_url(self):
        return absolute(self.request.path, self.request)

    def items(self):
        return self.news[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.intro

    def item_link(self, item):
        return page_url(item, self.request)

    def item_guid(self, item):
        return news_guid(item, self.request)

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return publication_time(item)

    def item_updateddate(self, item):
        return item.last_published_at or publication_time(item)

    def item_categories(self, item):
        return [theme.name for theme in item.themes.all()]


class NewsAtomFeed(NewsRssFeed):
    feed_type = Atom1Feed
