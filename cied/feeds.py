"""The centre's events as feeds: iCalendar (RFC 5545) for calendars, RSS and Atom for readers.

Times are written in Europe/Paris with a VTIMEZONE (clermont_intl.feeds), so that a calendar
shows 18:00 for an event at 18:00 in Clermont-Ferrand whatever its own zone. UIDs derive from
the page id and the site's host name: they do not change when an event is edited, so calendars
update it in place.
"""

from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.http import HttpResponse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.formats import date_format
from django.utils.translation import gettext

from icalendar import Event

from clermont_intl.feeds import PageListFeed, calendar
from clermont_intl.opendata import attach
from clermont_intl.public_urls import page_url, root_url
from clermont_intl.timezones import PARIS

FEED_SIZE = 50


def event_uid(event, request):
    return f"event-{event.pk}@{urlsplit(root_url(request)).hostname}"


def calendar_event(event, request):
    entry = Event()
    entry.add("uid", event_uid(event, request))
    entry.add("dtstamp", (event.last_published_at or timezone.now()).astimezone(ZoneInfo("UTC")))
    entry.add("dtstart", event.start.astimezone(PARIS))
    entry.add("dtend", event.end.astimezone(PARIS))
    entry.add("summary", event.title)
    if event.place:
        entry.add("location", event.place)
    if event.intro:
        entry.add("description", event.intro)
    entry.add("url", page_url(event, request))
    entry.add("categories", [str(event.get_kind_display())])
    return entry


def ics_response(events, request, name, filename):
    cal = calendar([calendar_event(event, request) for event in events], request, name)
    return attach(
        HttpResponse(cal.to_ical(), content_type="text/calendar; charset=utf-8"), filename
    )


class EventsRssFeed(PageListFeed):
    """The upcoming events of an events index (already filtered), newest announcements aside:
    soonest first, as on the page."""

    size = FEED_SIZE

    def title(self):
        return gettext("Events of the Europe Direct centre — City of Clermont-Ferrand")

    def description(self):
        return gettext("Upcoming exhibitions, talks and workshops of the Europe Direct centre.")

    def item_description(self, item):
        when = date_format(timezone.localtime(item.start, PARIS), "DATETIME_FORMAT")
        parts = [when, item.place, item.intro]
        return " — ".join(part for part in parts if part)

    def item_guid(self, item):
        return event_uid(item, self.request)

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_categories(self, item):
        return [str(item.get_kind_display())]


class EventsAtomFeed(EventsRssFeed):
    feed_type = Atom1Feed
