"""The centre's events as feeds: iCalendar (RFC 5545) for calendars, RSS and Atom for readers.

Times are written in Europe/Paris with a VTIMEZONE, so that a calendar shows 18:00 for an event
at 18:00 in Clermont-Ferrand whatever its own zone. UIDs derive from the page id and the site's
host name: they do not change when an event is edited, so calendars update it in place.
"""

from datetime import datetime, timedelta
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.contrib.syndication.views import Feed
from django.http import HttpResponse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.formats import date_format
from django.utils.translation import gettext

from icalendar import Calendar, Event, Timezone, TimezoneDaylight, TimezoneStandard

from clermont_intl.public_urls import absolute, page_url, root_url

PARIS = ZoneInfo("Europe/Paris")
PRODID = "-//Ville de Clermont-Ferrand//Relations internationales//FR"
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


def paris_timezone():
    """Europe/Paris as a VTIMEZONE with the EU's yearly rules (in force since 1996), which every
    event the centre publishes falls under: shorter and longer-lived than a table of dates."""
    zone = Timezone()
    zone.add("tzid", "Europe/Paris")
    zone.add("x-lic-location", "Europe/Paris")
    for component, name, offsets, start, month in (
        (TimezoneDaylight(), "CEST", (1, 2), datetime(1970, 3, 29, 2), 3),
        (TimezoneStandard(), "CET", (2, 1), datetime(1970, 10, 25, 3), 10),
    ):
        component.add("tzname", name)
        component.add("tzoffsetfrom", timedelta(hours=offsets[0]))
        component.add("tzoffsetto", timedelta(hours=offsets[1]))
        component.add("dtstart", start)
        component.add("rrule", {"freq": "yearly", "bymonth": month, "byday": "-1su"})
        zone.add_component(component)
    return zone


def calendar(events, request, name):
    """A VCALENDAR of the events, with the Europe/Paris VTIMEZONE their times refer to."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Europe/Paris")
    cal.add_component(paris_timezone())
    for event in events:
        cal.add_component(calendar_event(event, request))
    return cal


def ics_response(events, request, name, filename):
    response = HttpResponse(
        calendar(events, request, name).to_ical(), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Access-Control-Allow-Origin"] = "*"
    return response


class EventsRssFeed(Feed):
    """The upcoming events of an events index (already filtered), newest announcements aside:
    soonest first, as on the page."""

    feed_type = Rss201rev2Feed

    def __init__(self, index, events):
        super().__init__()
        self.index, self.events = index, events

    def get_object(self, request, *args, **kwargs):
        self.request = request
        return None

    def title(self):
        return gettext("Events of the Europe Direct centre — City of Clermont-Ferrand")

    def description(self):
        return gettext("Upcoming exhibitions, talks and workshops of the Europe Direct centre.")

    subtitle = description

    def link(self):
        return page_url(self.index, self.request)

    def feed_url(self):
        return absolute(self.request.path, self.request)

    def items(self):
        return self.events[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        when = date_format(timezone.localtime(item.start, PARIS), "DATETIME_FORMAT")
        parts = [when, item.place, item.intro]
        return " — ".join(part for part in parts if part)

    def item_link(self, item):
        return page_url(item, self.request)

    def item_guid(self, item):
        return event_uid(item, self.request)

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_categories(self, item):
        return [str(item.get_kind_display())]


class EventsAtomFeed(EventsRssFeed):
    feed_type = Atom1Feed
