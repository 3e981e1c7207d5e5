"""Dates typed in the admin the French way (15/01/2027 18:30), in the French and the English
admin: kept as typed, in Paris time, or refused with an error, the rest of the form kept.
(The picker's side, in a browser: tests/browser/test_admin_dates_in_browser.py.)"""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.urls import reverse
from django.utils import formats, translation

from wagtail.admin.widgets import AdminDateInput, AdminDateTimeInput, AdminTimeInput
from wagtail.models import Page
from wagtail.users.models import UserProfile

import pytest

from cied.models import EventPage
from clermont_intl.news.models import NewsIndexPage, NewsPage
from tests.admin_forms import form_data

PARIS = ZoneInfo("Europe/Paris")


def paris(*args):
    return datetime(*args, tzinfo=PARIS)


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
@pytest.mark.parametrize(
    "wagtail_setting, django_setting",
    [
        ("WAGTAIL_DATE_FORMAT", "DATE_INPUT_FORMATS"),
        ("WAGTAIL_DATETIME_FORMAT", "DATETIME_INPUT_FORMATS"),
        ("WAGTAIL_TIME_FORMAT", "TIME_INPUT_FORMATS"),
    ],
)
def test_the_admin_format_is_read_back_in_every_language(language, wagtail_setting, django_setting):
    """Wagtail's own check (wagtailadmin.E003) runs only with the USE_L10N of old Django versions:
    the same rule, for every language an editor may choose for the admin."""
    assert getattr(settings, wagtail_setting) in formats.get_format(django_setting, lang=language)


def test_the_widgets_show_and_pick_dates_the_french_way():
    moment = paris(2027, 1, 15, 18, 30)
    assert AdminDateTimeInput().format_value(moment) == "15/01/2027 18:30"
    assert AdminDateInput().format_value(moment.date()) == "15/01/2027"
    assert AdminTimeInput().format_value(moment.time()) == "18:30"
    # The picker reads and writes the same form (PHP-style letters).
    assert AdminDateTimeInput().get_config()["format"] == "d/m/Y H:i"
    assert AdminDateInput().get_config()["format"] == "d/m/Y"


def event_add_url(site_pages):
    return reverse("wagtailadmin_pages:add", args=["cied", "eventpage", site_pages["events"].pk])


def event_form(response, **changes):
    values = {
        "title_fr": "Café Europe à Hakodate",
        "slug_fr": "cafe-europe-hakodate",
        "title_en": "Europe café in Hakodate",
        "slug_en": "europe-cafe-hakodate",
        "intro_fr": "Une soirée d'échanges.",
        "kind": "talk",
        "body_fr-count": "0",
        "body_en-count": "0",
        "start": "15/01/2027 18:30",
        "end": "15/01/2027 20:00",
        "place_fr": "Maison de la culture",
    }
    values.update(changes)
    return form_data(response, **values)


@pytest.fixture
def english_admin(editor):
    """The editor, with English chosen as the admin's language in the account settings."""
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "en"
    profile.save()
    return editor


@pytest.mark.parametrize(
    "start, end",
    [
        ("15/01/2027 18:30", "15/01/2027 20:00"),  # as typed in France
        ("2027-01-15 18:30", "2027-01-15 20:00"),  # the ISO form still works
    ],
)
def test_an_event_typed_the_french_way_keeps_its_date_in_paris_time(admin, site_pages, start, end):
    url = event_add_url(site_pages)
    response = admin.post(url, event_form(admin.get(url), start=start, end=end))
    assert response.status_code == 302, response.context and response.context["form"].errors
    event = EventPage.objects.get(slug_fr="cafe-europe-hakodate")
    assert event.start == paris(2027, 1, 15, 18, 30)
    assert event.end == paris(2027, 1, 15, 20, 0)
    # The edit form shows it back as it was typed.
    edit = admin.get(reverse("wagtailadmin_pages:edit", args=[event.pk]))
    assert 'value="15/01/2027 18:30"' in edit.content.decode()


def test_the_english_admin_reads_the_same_dates(client, english_admin, site_pages):
    client.force_login(english_admin)
    url = event_add_url(site_pages)
    form = client.get(url)
    assert '<html lang="en"' in form.content.decode()
    response = client.post(url, event_form(form))
    assert response.status_code == 302, response.context and response.context["form"].errors
    event = EventPage.objects.get(slug_fr="cafe-europe-hakodate")
    assert event.start == paris(2027, 1, 15, 18, 30)


@pytest.mark.parametrize("nonsense", ["32/13/2027 25:00", "demain soir", "15/01/2027 18h30"])
def test_a_nonsense_date_is_refused_in_french_and_nothing_else_is_lost(admin, site_pages, nonsense):
    url = event_add_url(site_pages)
    response = admin.post(url, event_form(admin.get(url), start=nonsense))
    assert response.status_code == 200
    assert response.context["form"].errors["start"] == ["Saisissez une date et une heure valides."]
    html = response.content.decode()
    assert "Saisissez une date et une heure valides." in html
    # What was typed stays in the form, the nonsense included: nothing to type again.
    for value in (nonsense, "Café Europe à Hakodate", "Europe café in Hakodate", "Maison de la"):
        assert value in html, value
    assert 'value="15/01/2027 20:00"' in html
    assert not EventPage.objects.filter(slug_fr="cafe-europe-hakodate").exists()


def test_the_english_admin_refuses_a_nonsense_date_too(client, english_admin, site_pages):
    client.force_login(english_admin)
    url = event_add_url(site_pages)
    response = client.post(url, event_form(client.get(url), start="32/13/2027 25:00"))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en"' in html
    assert "Enter a valid date/time." in html
    assert 'value="32/13/2027 25:00"' in html


def test_the_publishing_schedule_keeps_a_date_typed_the_french_way(admin, site_pages):
    """Go-live and expiry, in the status side panel's "Schedule publishing" dialog."""
    url = event_add_url(site_pages)
    assert admin.post(url, event_form(admin.get(url))).status_code == 302
    event = EventPage.objects.get(slug_fr="cafe-europe-hakodate")
    edit = reverse("wagtailadmin_pages:edit", args=[event.pk])
    streams = {"body_fr-count": "0", "body_en-count": "0"}
    data = form_data(
        admin.get(edit), go_live_at="15/01/2099 18:30", expire_at="31/12/2099 23:59", **streams
    )
    response = admin.post(edit, data)
    assert response.status_code == 302, response.context and response.context["form"].errors
    draft = Page.objects.get(pk=event.pk).specific.get_latest_revision_as_object()
    assert draft.go_live_at == paris(2099, 1, 15, 18, 30)
    assert draft.expire_at == paris(2099, 12, 31, 23, 59)

    response = admin.post(
        edit, form_data(admin.get(edit), go_live_at="15/15/2099 18:30", **streams)
    )
    assert response.status_code == 200
    assert response.context["form"].errors["go_live_at"] == [
        "Saisissez une date et une heure valides."
    ]


def test_a_news_date_typed_the_french_way(admin):
    news_index = NewsIndexPage.objects.get()
    url = reverse("wagtailadmin_pages:add", args=["news", "newspage", news_index.pk])
    data = form_data(
        admin.get(url),
        title_fr="Hakodate nous rend visite",
        slug_fr="hakodate-nous-rend-visite",
        title_en="Hakodate visits us",
        slug_en="hakodate-visits-us",
        intro_fr="Une délégation de Hakodate.",
        date="15/01/2027",
        **{"body_fr-count": "0", "body_en-count": "0"},
    )
    response = admin.post(url, data)
    assert response.status_code == 302, response.context and response.context["form"].errors
    assert NewsPage.objects.get(slug_fr="hakodate-nous-rend-visite").date == date(2027, 1, 15)


def test_listing_filters_read_a_french_date(admin, site_pages):
    """The page listing's "Date updated" filter (Wagtail's own), typed the French way."""
    url = reverse("wagtailadmin_explore", args=[site_pages["events"].pk])
    with translation.override("fr"):
        response = admin.get(url, {"latest_revision_created_at_from": "15/01/2000"})
    assert response.status_code == 200
    form = response.context["filters"].form
    assert form.is_valid(), form.errors
    assert form.cleaned_data["latest_revision_created_at"].start.date() == date(2000, 1, 15)
    response = admin.get(url, {"latest_revision_created_at_from": "32/01/2000"})
    assert response.status_code == 200
