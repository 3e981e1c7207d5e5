"""What the site's feeds share: iCalendar (RFC 5545) in Paris time, and one base for the RSS
and Atom feeds of a page's list (the news, the CIED's events).

Calendars write their times in Europe/Paris with a VTIMEZONE, so that a calendar shows 18:00
for a moment at 18:00 in Clermont-Ferrand whatever its own zone. Every feed's link is absolute
on the site's public address (clermont_intl.public_urls), never the Host header of the request.
"""

from datetime import datetime, timedelta

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Rss201rev2Feed

from icalendar import Calendar, Timezone, TimezoneDaylight, TimezoneStandard

from .public_urls import absolute, page_url

PRODID = "-//Ville de Clermont-Ferrand//Relations internationales//FR"


def paris_timezone():
    """Europe/Paris as a VTIMEZONE with the EU's yearly rules (in force since 1996), which every
    date the site publishes falls under: shorter and longer-lived than a table of dates."""
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


def calendar(components, request, name):
    """A VCALENDAR named ``name`` holding the components (VEVENTs), with the Europe/Paris
    VTIMEZONE their times refer to."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Europe/Paris")
    cal.add_component(paris_timezone())
    for component in components:
        cal.add_component(component)
    return cal


class PageListFeed(Feed):
    """RSS 2.0 of a page's list (already filtered, in the page's order): its link is the page,
    its address the request's, its items' links and GUIDs stable on the site's public address.

    A subclass says what differs: ``size``, ``title()``, ``description()``, and for its items
    ``item_description``, ``item_guid``, ``item_pubdate``, ``item_updateddate`` and
    ``item_categories``; its Atom twin, only ``feed_type = Atom1Feed``.
    """

    feed_type = Rss201rev2Feed
    size = None  # how many items at most
    item_guid_is_permalink = False

    def __init__(self, index, items):
        super().__init__()
        self.index, self.listed = index, items

    def get_object(self, request, *args, **kwargs):
        self.request = request
        return None

    def subtitle(self):
        return self.description()

    def link(self):
        return page_url(self.index, self.request)

    def feed_url(self):
        return absolute(self.request.path, self.request)

    def items(self):
        return self.listed[: self.size]

    def item_title(self, item):
        return item.title

    def item_link(self, item):
        return page_url(item, self.request)
