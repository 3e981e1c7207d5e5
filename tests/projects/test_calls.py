"""Calls for projects: their state follows the clock, lists follow it through every cache, and
their deadlines and list are offered as a calendar and as open data."""

import csv
import io
import json
import re
from datetime import date, datetime, timedelta
from unittest import mock
from zoneinfo import ZoneInfo

from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone, translation

from wagtail.documents import get_document_model
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

import pytest
from icalendar import Calendar

from clermont_intl.editorial.constants import EDITORS_GROUP
from projects.calls import call_state, next_change
from projects.constants import CallState
from projects.models import CallForProjectsPage, CallIndexPage

PARIS = ZoneInfo("Europe/Paris")
UTC = ZoneInfo("UTC")


def at(text, zone=UTC):
    return datetime.fromisoformat(text).replace(tzinfo=zone)


def section(html, heading_id):
    """The section of a page headed by heading_id (the open calls, the upcoming ones…)."""
    start = html.index(f'id="{heading_id}"')
    return html[start : html.index("</section>", start)]


def add_call(index, title, deadline, opens_on=None, publish=True, **fields):
    slug = title.lower().replace(" ", "-")
    page = CallForProjectsPage(
        title=title,
        title_fr=title,
        title_en=f"{title} (en)",
        slug=slug,
        slug_fr=slug,
        slug_en=slug,
        deadline=deadline,
        opens_on=opens_on,
        **fields,
    )
    index.add_child(instance=page)
    if publish:
        page.save_revision().publish()
    return page


@pytest.fixture
def calls_index(db):
    return CallIndexPage.objects.get()


# --- The state, from the dates ----------------------------------------------------------------

# A deadline on the day France leaves summer time (25 October 2026, 03:00 → 02:00): noon in
# Clermont-Ferrand is 11:00 UTC, and "closing soon" starts a week before at noon, summer time
# (10:00 UTC), which is 169 hours before the deadline, not 168.
AUTUMN_DEADLINE = at("2026-10-25 12:00", PARIS)


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (at("2026-09-30 21:59:59"), CallState.UPCOMING),  # 23:59:59 in Paris, the day before
        (at("2026-09-30 22:00"), CallState.OPEN),  # midnight in Paris on the opening date
        (at("2026-10-18 09:59:59"), CallState.OPEN),
        (at("2026-10-18 10:00"), CallState.CLOSING_SOON),  # noon in Paris, a week before
        (at("2026-10-25 10:59:59"), CallState.CLOSING_SOON),
        (at("2026-10-25 11:00"), CallState.CLOSED),  # the deadline itself: too late
        (at("2027-01-01 00:00"), CallState.CLOSED),
    ],
)
def test_state_at_the_boundaries_in_paris_time(now, expected):
    assert AUTUMN_DEADLINE == at("2026-10-25 11:00")
    assert call_state(date(2026, 10, 1), AUTUMN_DEADLINE, now) == expected


def test_opening_on_the_day_summer_time_starts():
    # 29 March 2027: France moves to summer time at 02:00; midnight is still winter time.
    deadline = at("2027-04-30 17:00", PARIS)
    opens_on = date(2027, 3, 28)
    assert call_state(opens_on, deadline, at("2027-03-27 22:59")) == CallState.UPCOMING
    assert call_state(opens_on, deadline, at("2027-03-27 23:00")) == CallState.OPEN
    # Closing soon from 23 April, 17:00 summer time (15:00 UTC).
    assert call_state(opens_on, deadline, at("2027-04-23 14:59")) == CallState.OPEN
    assert call_state(opens_on, deadline, at("2027-04-23 15:00")) == CallState.CLOSING_SOON


def test_a_call_without_an_opening_date_is_open_until_it_closes():
    assert call_state(None, AUTUMN_DEADLINE, at("2020-01-01 00:00")) == CallState.OPEN
    assert call_state(None, AUTUMN_DEADLINE, AUTUMN_DEADLINE) == CallState.CLOSED


def test_next_change_is_the_next_boundary():
    assert next_change(date(2026, 10, 1), AUTUMN_DEADLINE, at("2026-09-01 00:00")) == at(
        "2026-09-30 22:00"
    )
    assert next_change(None, AUTUMN_DEADLINE, at("2026-10-19 00:00")) == AUTUMN_DEADLINE
    assert next_change(None, AUTUMN_DEADLINE, AUTUMN_DEADLINE) is None


# --- Lists follow the clock, through the caches ------------------------------------------------


@pytest.mark.django_db
def test_a_call_closes_at_its_deadline_everywhere_without_a_publish(client, site_pages, settings):
    settings.EVENTS_CACHE_SECONDS = 24 * 3600
    index = CallIndexPage.objects.get()
    deadline = timezone.now() + timedelta(hours=1)
    call = add_call(index, "Appel du soir", deadline, intro="Un appel qui ferme bientôt.")
    later = add_call(index, "Appel du printemps", timezone.now() + timedelta(days=60))
    lists = [
        (site_pages["home"].url, "open-calls-heading"),
        (site_pages["mission"].url, "open-calls-heading"),
        (site_pages["projects"].url, "open-calls-heading"),
        (index.url, "open-heading"),
    ]
    archive = index.url + "archive/"
    for url, heading in lists:
        response = client.get(url)
        page = section(response.content.decode(), heading)
        assert call.url in page, url  # rendered, and its card now in the cache
        assert "Clôture prochaine" in page, url
        # The proxy keeps the page no longer than until the deadline, an hour from now.
        max_age = int(response["Cache-Control"].split("s-maxage=")[1].split(",")[0])
        assert 3500 < max_age <= 3600, (url, response["Cache-Control"])
    assert call.url not in client.get(archive).content.decode()

    # The clock passes the deadline: nothing is saved, no signal is sent, the cache is warm.
    with mock.patch("django.utils.timezone.now", return_value=deadline + timedelta(minutes=1)):
        for url, heading in lists:
            page = section(client.get(url).content.decode(), heading)
            assert call.url not in page, url
            assert later.url in page or heading != "open-heading", url
        assert later.url in client.get(index.url).content.decode()
        archived = client.get(archive).content.decode()
        assert call.url in archived
        assert "Clôturé" in archived
        closed_page = client.get(call.url).content.decode()
        assert "Cet appel est clôturé" in closed_page


@pytest.mark.django_db
def test_upcoming_calls_are_listed_apart_and_not_on_the_home_page(client, site_pages):
    index = CallIndexPage.objects.get()
    soon = timezone.localdate() + timedelta(days=5)
    upcoming = add_call(index, "Appel annonce", timezone.now() + timedelta(days=40), soon)
    page = client.get(index.url).content.decode()
    assert "Appels à venir" in page and upcoming.url in page
    assert "Aucun appel à projets n’est ouvert en ce moment." in page
    home = client.get(site_pages["home"].url).content.decode()
    # No call open: the home page has no open calls section at all (nothing to show).
    assert 'id="open-calls-heading"' not in home


@pytest.mark.django_db
def test_the_seeded_index_is_empty_and_says_so(client, calls_index):
    assert calls_index.live and calls_index.get_parent().specific_class.__name__ == (
        "ProjectIndexPage"
    )
    page = client.get(calls_index.url).content.decode()
    assert "Aucun appel à projets n’est ouvert en ce moment." in page
    archive = client.get(calls_index.url + "archive/").content.decode()
    assert "Aucun appel à projets n’est encore clôturé." in archive
    with translation.override("en"):
        url = calls_index.url
    assert url == "/en/mission/european-and-international-projects/calls-for-projects/" or (
        url.endswith("/calls-for-projects/")
    )
    assert "No call for projects is open at the moment." in client.get(url).content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "status"),
    [
        ("page=abc", 200),
        ("page=1.5", 200),
        ("page=" + "9" * 5000, 200),
        ("page=99999", 404),
        ("page=0", 404),
        ("page=-1", 404),
        ("page=2&page=x", 200),
        ("page=%00", 200),
    ],
)
def test_bad_page_numbers_on_the_archive(client, calls_index, query, status):
    for n in range(14):
        add_call(calls_index, f"Ancien appel {n:02d}", timezone.now() - timedelta(days=n + 1))
    assert client.get(calls_index.url + "archive/?page=2").status_code == 200
    assert client.get(f"{calls_index.url}archive/?{query}").status_code == status


@pytest.mark.django_db
def test_the_archive_is_paginated_most_recent_deadline_first(client, calls_index):
    for n in range(14):
        add_call(calls_index, f"Ancien appel {n:02d}", timezone.now() - timedelta(days=n + 1))
    first = client.get(calls_index.url + "archive/").content.decode()
    second = client.get(calls_index.url + "archive/?page=2").content.decode()
    assert first.index("Ancien appel 00") < first.index("Ancien appel 11")
    assert "Ancien appel 12" not in first and "Ancien appel 13" in second
    assert 'rel="next"' in first
    # Its own canonical address, and the English version's with the same route.
    canonical = re.search(r'<link rel="canonical" href="([^"]+)"', first).group(1)
    assert canonical.endswith(calls_index.url + "archive/")
    english = re.search(r'<link rel="alternate" hreflang="en" href="([^"]+)"', first).group(1)
    assert english.endswith("/calls-for-projects/archive/")


# --- Calendar and open data ---------------------------------------------------------------------


@pytest.fixture
def three_calls(calls_index, site_pages):
    now = timezone.now()
    return {
        "open": add_call(
            calls_index,
            "Appel ouvert",
            at("2099-07-01 12:00", PARIS),
            intro="Soutien aux échanges de jeunes.",
            intro_en="Support for youth exchanges.",
            funding="Jusqu'à 5 000 €",
            funding_en="Up to €5,000",
            apply_page=site_pages["support_form"],
        ),
        "closing": add_call(calls_index, "Appel pressant", now + timedelta(days=2)),
        "closed": add_call(calls_index, "Appel clos", now - timedelta(days=2)),
    }


@pytest.mark.django_db
def test_the_calendar_has_one_event_per_deadline_to_come(client, calls_index, three_calls):
    response = client.get(calls_index.url + "calendar/")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    cal = Calendar.from_ical(response.content)
    events = [c for c in cal.walk("VEVENT")]
    assert len(events) == 2
    by_title = {str(e["summary"]): e for e in events}
    event = by_title["Date limite : Appel ouvert"]
    assert event["dtstart"].dt == at("2099-07-01 12:00", PARIS)
    assert "TZID=Europe/Paris:20990701T120000" in response.content.decode()
    url = str(event["url"])
    assert url.startswith("http") and url.endswith(three_calls["open"].url)
    assert str(event["uid"]).startswith(f"call-{three_calls['open'].pk}-deadline@")
    assert cal.walk("VTIMEZONE")


@pytest.mark.django_db
def test_open_data_lists_every_call_with_its_state(client, calls_index, three_calls):
    response = client.get(calls_index.url + "open-data/json/")
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    document = json.loads(response.content)
    assert document["schema_version"] == 1
    records = {r["id"]: r for r in document["calls"]}
    record = records[three_calls["open"].pk]
    assert record["state"] == "open"
    assert record["deadline"] == "2099-07-01T12:00:00+02:00"
    assert record["funding"] == {"fr": "Jusqu'à 5 000 €", "en": "Up to €5,000"}
    assert record["summary"]["en"] == "Support for youth exchanges."
    assert record["apply_url"].startswith("http")
    assert record["url"]["en"].endswith("/appel-ouvert/")
    assert records[three_calls["closing"].pk]["state"] == "closing_soon"
    assert records[three_calls["closed"].pk]["state"] == "closed"

    response = client.get(calls_index.url + "open-data/csv/")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = response.content.decode()
    assert not text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert {row["state"] for row in rows} == {"open", "closing_soon", "closed"}
    row = next(row for row in rows if row["id"] == str(three_calls["open"].pk))
    assert row["title_fr"] == "Appel ouvert" and row["funding_en"] == "Up to €5,000"


@pytest.mark.django_db
@pytest.mark.parametrize("slug", ["calendar", "archive", "open-data"])
def test_a_call_cannot_take_the_address_of_a_route(client, editor, calls_index, slug):
    client.force_login(editor)
    add = add_url(calls_index)
    response = client.post(add, call_form(slug_fr=slug, slug_en="a-call"))
    assert response.status_code == 200
    assert "slug_fr" in response.context["form"].errors


def add_url(index):
    return reverse("wagtailadmin_pages:add", args=["projects", "callforprojectspage", index.pk])


# --- Through the admin, as the communication team ------------------------------------------------


def call_form(**changes):
    data = {
        "title_fr": "Appel aux associations",
        "title_en": "Call to associations",
        "slug_fr": "appel-aux-associations",
        "slug_en": "call-to-associations",
        "intro_fr": "Soutien aux projets de jumelage.",
        "intro_en": "Support for twinning projects.",
        "opens_on": "2099-05-01",
        "deadline": "2099-07-01 12:00",
        "funding_fr": "50 % des dépenses",
        "funding_en": "50% of the costs",
        "eligibility_fr": rich_text("<p>Associations clermontoises.</p>"),
        "eligibility_en": rich_text("<p>Associations of Clermont-Ferrand.</p>"),
        "how_to_apply_fr": rich_text("<p>Remplir le formulaire.</p>"),
        "how_to_apply_en": rich_text("<p>Fill in the form.</p>"),
        "apply_url": "https://example.org/candidater",
        "documents": inline_formset([]),
    }
    data.update(changes)
    return nested_form_data(data)


@pytest.mark.django_db
def test_the_communication_team_creates_a_call_with_a_document(
    client, django_user_model, calls_index, site_pages
):
    user = django_user_model.objects.create_user("com", "", "a-long-test-password")
    user.groups.add(Group.objects.get(name=EDITORS_GROUP))
    client.force_login(user)
    document = get_document_model().objects.create(
        title="Règlement", file=ContentFile(b"%PDF-1.4 reglement", name="reglement.pdf")
    )
    add = add_url(calls_index)
    assert client.get(add).status_code == 200
    data = call_form(
        documents=inline_formset(
            [{"document": document.pk, "title_fr": "Règlement", "title_en": "Rules"}]
        ),
        **{"action-publish": "action-publish"},
    )
    response = client.post(add, data)
    assert response.status_code == 302, response.context["form"].errors
    call = CallForProjectsPage.objects.get(slug_fr="appel-aux-associations")
    assert call.live
    # Typed in Paris time: noon in July is 10:00 UTC.
    assert call.deadline == at("2099-07-01 10:00")

    french = client.get(call.url).content.decode()
    assert "Appel aux associations" in french and "Règlement" in french
    assert "1 juillet 2099 12:00" in french or "1er juillet 2099 12:00" in french
    assert "À venir" in french
    with translation.override("en"):
        english_url = call.url
    english = client.get(english_url).content.decode()
    assert "Call to associations" in english and "Rules" in english
    assert "Associations of Clermont-Ferrand." in english
    assert "July 1, 2099" in english or "1 July 2099" in english


@pytest.mark.django_db
def test_the_admin_refuses_an_external_address_and_a_page_together(
    client, editor, calls_index, site_pages
):
    client.force_login(editor)
    add = add_url(calls_index)
    response = client.post(add, call_form(apply_page=site_pages["support_form"].pk))
    assert response.status_code == 200
    assert "apply_url" in response.context["form"].errors
    response = client.post(add, call_form(opens_on="2099-08-01"))
    assert "deadline" in response.context["form"].errors
