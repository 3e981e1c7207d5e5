"""The Europe Direct centre lists upcoming events; past events stay, archived."""

import pytest

from tests.factories import add_event

pytestmark = pytest.mark.django_db

CIED_FR = "/fr/relations-internationales/cied-clermont-puy-de-dome/"
AGENDA_EN = "/en/international-relations/europe-direct-clermont-puy-de-dome/events/"


@pytest.fixture
def events(site_pages):
    index = site_pages["events"]
    return {
        "past": add_event(index, "Conférence passée", -30),
        "soon": add_event(index, "Atelier proche", 3),
        "later": add_event(index, "Exposition lointaine", 40, hours=24 * 10),
        "running": add_event(index, "Exposition en cours", -2, hours=24 * 5),
    }


def test_centre_page_lists_upcoming_events_soonest_first(client, events):
    response = client.get(CIED_FR)
    upcoming = [e.title for e in response.context["upcoming_events"]]
    assert upcoming == ["Exposition en cours", "Atelier proche", "Exposition lointaine"]
    assert "Conférence passée" not in response.content.decode()


def test_past_events_are_archived_not_deleted(client, events):
    upcoming = client.get(AGENDA_EN)
    past = client.get(AGENDA_EN, {"period": "past"})
    assert [e.title for e in past.context["events"]] == ["Conférence passée"]
    assert "Conférence passée" not in [e.title for e in upcoming.context["events"]]
    assert client.get(events["past"].url).status_code == 200


def test_event_cannot_end_before_it_starts(events):
    from django.core.exceptions import ValidationError

    event = events["soon"]
    event.end = event.start.replace(year=event.start.year - 1)
    with pytest.raises(ValidationError):
        event.full_clean()


@pytest.mark.parametrize(
    "query", ["?period=<b>", "?page=abc", "?page=99999", "?period=past&page=x"]
)
def test_bad_query_strings(client, events, query):
    """Bad filters and page numbers are reported or ignored: the agenda still answers."""
    response = client.get(AGENDA_EN + query)
    assert response.status_code == 200
    assert "<b>" not in response.content.decode().split("<main", 1)[1]
