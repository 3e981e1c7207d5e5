"""The calls for projects as data: their deadlines as an iCalendar feed, the list as open data
(CSV and JSON, one schema, documented in docs/open-data.md; raise SCHEMA_VERSION when a field
changes meaning or disappears).

Calendars get one event per deadline of a call not yet closed, at the deadline's time in
Europe/Paris (clermont_intl.feeds' VTIMEZONE). The open data lists every call, closed ones
included, with its state at the time of the request; like the partner cities' (partners.opendata),
its texts are given in French and in English whatever the address's language
(clermont_intl.opendata).
"""

import csv
import io
import json
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext

from icalendar import Event

from clermont_intl.exports import spreadsheet_safe_row
from clermont_intl.feeds import calendar
from clermont_intl.opendata import LANGUAGES, LICENCE, attach, in_each_language
from clermont_intl.public_urls import absolute, page_url, root_url
from clermont_intl.timezones import PARIS

from .calls import call_state

SCHEMA_VERSION = 1
CSV_COLUMNS = [
    "id",
    "state",
    "opens_on",
    "deadline",
    *[f"title_{code}" for code in LANGUAGES],
    *[f"summary_{code}" for code in LANGUAGES],
    *[f"funding_{code}" for code in LANGUAGES],
    "programme",
    "themes",
    "apply_url",
    *[f"url_{code}" for code in LANGUAGES],
]


def _calls(index):
    return (
        index.calls()
        .select_related("programme", "apply_page")
        .prefetch_related("themes")
        .order_by("deadline", "pk")
    )


def deadline_event(call, request):
    """A VEVENT at the call's deadline (no duration: a moment, not a meeting)."""
    entry = Event()
    entry.add("uid", f"call-{call.pk}-deadline@{urlsplit(root_url(request)).hostname}")
    entry.add("dtstamp", (call.last_published_at or timezone.now()).astimezone(ZoneInfo("UTC")))
    entry.add("dtstart", call.deadline.astimezone(PARIS))
    entry.add("dtend", call.deadline.astimezone(PARIS))
    entry.add("summary", gettext("Deadline: %(title)s") % {"title": call.title})
    if call.intro:
        entry.add("description", call.intro)
    entry.add("url", page_url(call, request))
    entry.add("categories", [gettext("Call for projects")])
    return entry


def ics_response(index, request):
    deadlines = [deadline_event(call, request) for call in _calls(index).not_closed(timezone.now())]
    cal = calendar(deadlines, request, gettext("Calls for projects — City of Clermont-Ferrand"))
    response = HttpResponse(cal.to_ical(), content_type="text/calendar; charset=utf-8")
    return attach(response, "calls-for-projects.ics")


def call_record(call, request, now):
    """One call as a plain dict: the JSON schema, from which the CSV derives."""
    apply_url = call.apply_url or (page_url(call.apply_page, request) if call.apply_page else "")
    return {
        "id": call.pk,
        "state": str(call_state(call.opens_on, call.deadline, now)),
        "opens_on": call.opens_on.isoformat() if call.opens_on else None,
        "deadline": call.deadline.astimezone(PARIS).isoformat(),
        "title": in_each_language(lambda: call.title),
        "summary": in_each_language(lambda: call.intro),
        "funding": in_each_language(lambda: call.funding),
        "programme": call.programme.name if call.programme else None,
        "themes": [theme.slug for theme in call.themes.all()],
        "apply_url": absolute(apply_url, request),
        "url": in_each_language(lambda: page_url(call, request)),
    }


def _records(index, request):
    now = timezone.now()
    return [call_record(call, request, now) for call in _calls(index)]


def csv_row(record):
    row = {key: record[key] for key in ("id", "state", "programme", "apply_url")}
    row["opens_on"] = record["opens_on"] or ""
    row["deadline"] = record["deadline"]
    row["programme"] = row["programme"] or ""
    row["themes"] = ";".join(record["themes"])
    for code in LANGUAGES:
        for name in ("title", "summary", "funding", "url"):
            row[f"{name}_{code}"] = record[name][code]
    # Titles and summaries are typed by editors; a programme's name may come from anywhere.
    return spreadsheet_safe_row(row)


def csv_response(index, request):
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for record in _records(index, request):
        writer.writerow(csv_row(record))
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    return attach(response, "calls-for-projects.csv")


def json_response(index, request):
    document = {
        "schema_version": SCHEMA_VERSION,
        "licence": LICENCE,
        "calls": _records(index, request),
    }
    content = json.dumps(document, ensure_ascii=False, indent=1)
    return attach(HttpResponse(content, content_type="application/json"), "calls.json", "inline")
