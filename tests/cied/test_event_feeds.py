"""The events' iCalendar, RSS and Atom feeds, their filters, and the events index's filters."""

import datetime
import xml.etree.ElementTree as ET
from zoneinfo import ZoneInfo

from django.utils import timezone

import pytest
from icalendar import Calendar

from cied.constants import Audience
from clermont_intl.models import Theme
from tests.factories import add_event
from tests.query_counting import cold_and_warm

pytestmark = pytest.mark.django_db

AGENDA_FR = "/fr/relations-internationales/cied-clermont-puy-de-dome/agenda/"
AGENDA_EN = "/en/international-relations/europe-direct-clermont-puy-de-dome/events/"
CIED_FR = "/fr/relations-internationales/cied-clermont-puy-de-dome/"
PARIS = ZoneInfo("Europe/Paris")
ATOM = "{http://www.w3.org/2005/Atom}"


def next_winter_day():
    """A date in next January: Paris is then at UTC+1."""
    return datetime.date(timezone.now().year + 1, 1, 15)


@pytest.fixture
def events(site_pages):
    index = site_pages["events"]
    culture = Theme.objects.get(slug="culture")
    winter_evening = datetime.datetime.combine(next_winter_day(), datetime.time(18, 0), PARIS)
    talk = add_event(
        index,
        "Conférence Europe",
        0,
        place="Salle Gilbert-Gaillard",
        intro="Une conférence sur l'Union européenne.",
        audience=Audience.EVERYONE,
    )
    talk.start, talk.end = winter_evening, winter_evening + datetime.timedelta(hours=2)
    talk.title_en = "Europe talk"
    talk.themes.set([culture])
    talk.save_revision().publish()
    return {
        "talk": talk,
        "workshop": add_event(index, "Atelier jeunes", 5, audience=Audience.YOUNG_PEOPLE),
        "past": add_event(index, "Conférence passée", -30),
    }


def parse_ics(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def vevents(calendar):
    return {str(event["summary"]): event for event in calendar.walk("VEVENT")}


def test_ical_feed_lists_upcoming_events_in_paris_time(client, events):
    calendar = parse_ics(client.get(AGENDA_FR + "calendar/"))
    assert calendar["version"] == "2.0" and "Clermont-Ferrand" in str(calendar["prodid"])
    zones = [str(zone["tzid"]) for zone in calendar.walk("VTIMEZONE")]
    assert zones == ["Europe/Paris"]
    # The calendar's own VTIMEZONE, as a client without a zone database reads it: UTC+1 in
    # winter, UTC+2 in summer.
    paris = calendar.walk("VTIMEZONE")[0].to_tz()
    winter = datetime.datetime.combine(next_winter_day(), datetime.time(18, 0), paris)
    summer = winter.replace(month=7)
    assert winter.utcoffset() == datetime.timedelta(hours=1)
    assert summer.utcoffset() == datetime.timedelta(hours=2)
    found = vevents(calendar)
    assert set(found) == {"Conférence Europe", "Atelier jeunes"}  # the past one is left out
    talk = found["Conférence Europe"]
    start = talk.decoded("dtstart")
    assert talk["dtstart"].params["TZID"] == "Europe/Paris"
    assert (start.hour, start.minute) == (18, 0)
    # 18:00 in Paris in winter is 17:00 UTC.
    assert start.astimezone(datetime.UTC).hour == 17
    assert talk.decoded("dtend") - start == datetime.timedelta(hours=2)
    assert str(talk["location"]) == "Salle Gilbert-Gaillard"
    assert str(talk["description"]) == "Une conférence sur l'Union européenne."
    assert str(talk["url"]).endswith(events["talk"].url)
    assert "dtstamp" in talk
    assert str(talk["uid"]) == f"event-{events['talk'].pk}@testserver"


def test_ical_is_in_the_requested_language_and_uids_are_stable(client, events):
    english = vevents(parse_ics(client.get(AGENDA_EN + "calendar/")))
    assert "Europe talk" in english
    french = vevents(parse_ics(client.get(AGENDA_FR + "calendar/")))
    assert english["Europe talk"]["uid"] == french["Conférence Europe"]["uid"]


def test_one_event_as_ics(client, events):
    talk = events["talk"]
    response = client.get(talk.url + "calendar/")
    assert response["Content-Disposition"] == f'attachment; filename="event-{talk.pk}.ics"'
    calendar = parse_ics(response)
    assert list(vevents(calendar)) == ["Conférence Europe"]
    assert calendar.walk("VTIMEZONE")
    page = client.get(talk.url).content.decode()
    assert f'href="{talk.url}calendar/"' in page


def test_feeds_take_the_page_filters(client, events):
    by_audience = vevents(
        parse_ics(client.get(AGENDA_FR + "calendar/", {"audience": "young_people"}))
    )
    assert list(by_audience) == ["Atelier jeunes"]
    by_theme = vevents(parse_ics(client.get(AGENDA_FR + "calendar/", {"theme": "culture"})))
    assert list(by_theme) == ["Conférence Europe"]
    page = client.get(AGENDA_FR, {"theme": "culture"})
    assert [e.title for e in page.context["events"]] == ["Conférence Europe"]
    assert f'href="{AGENDA_FR}calendar/?theme=culture"' in page.content.decode()


@pytest.mark.parametrize("feed", ["calendar/", "rss/", "atom/"])
@pytest.mark.parametrize("query", ["?theme=nope", "?audience=everyone%00", "?theme=" + "x" * 3000])
def test_feeds_refuse_invalid_filters_with_400(client, events, feed, query):
    response = client.get(AGENDA_FR + feed + query)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/plain")


def test_events_page_reports_and_ignores_invalid_filters(client, events):
    response = client.get(AGENDA_FR, {"theme": "nope", "audience": "schools"})
    assert response.status_code == 200
    assert response.context["filter_form"].errors
    assert 'role="alert"' in response.content.decode()


def test_rss_feed(client, events):
    response = client.get(AGENDA_EN + "rss/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")
    assert channel.findtext("language") == "en"
    items = channel.findall("item")
    # Soonest first, as on the page; the past event is not announced.
    assert [item.findtext("title") for item in items] == ["Atelier jeunes", "Europe talk"]
    talk = items[1]
    assert talk.findtext("link").startswith("http://testserver" + AGENDA_EN)
    assert talk.findtext("guid") == f"event-{events['talk'].pk}@testserver"
    assert "Salle Gilbert-Gaillard" in talk.findtext("description")


def test_atom_feed(client, events):
    response = client.get(AGENDA_FR + "atom/", {"audience": "young_people"})
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    titles = [entry.findtext(f"{ATOM}title") for entry in feed.findall(f"{ATOM}entry")]
    assert titles == ["Atelier jeunes"]


def test_feeds_are_announced_on_the_centre_and_events_pages(client, events):
    for url in (CIED_FR, AGENDA_FR):
        html = client.get(url).content.decode()
        assert f'<link rel="alternate" type="application/rss+xml" href="{AGENDA_FR}rss/"' in html
        assert f'href="{AGENDA_FR}calendar/"' in html


def test_pagination_keeps_the_filters(client, site_pages):
    for n in range(15):
        add_event(site_pages["events"], f"Rencontre {n:02d}", n + 1, audience=Audience.SCHOOLS)
    response = client.get(AGENDA_FR, {"audience": "schools"})
    html = response.content.decode()
    assert "audience=schools&amp;page=2" in html or "page=2&amp;audience=schools" in html
    second = client.get(AGENDA_FR, {"audience": "schools", "page": 2})
    assert len(second.context["events"]) == 3


@pytest.mark.slow
def test_events_pages_and_feeds_queries_do_not_grow(client, site_pages, events):
    urls = [
        AGENDA_FR,
        AGENDA_EN + "?audience=everyone",
        CIED_FR,
        AGENDA_FR + "calendar/",
        AGENDA_EN + "rss/",
        AGENDA_FR + "atom/?theme=culture",
    ]
    with_3 = cold_and_warm(client, urls)
    culture = Theme.objects.get(slug="culture")
    for n in range(37):
        event = add_event(site_pages["events"], f"Événement {n:02d}", n + 1, place="CIED")
        event.themes.set([culture])
        event.save_revision().publish()
    assert cold_and_warm(client, urls) == with_3
