"""The communication editors' daily screens: dashboard panels and the submissions export."""

from django.contrib.auth.models import Group
from django.urls import reverse

import pytest

from clermont_intl.editorial.constants import TRANSLATORS_GROUP
from tests.factories import add_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def submission(site_pages):
    form_page = site_pages["support_form"]
    fields = {field.clean_name: field for field in form_page.get_form_fields()}
    data = {name: f"Valeur {name}" for name in fields}
    data["association"] = "Association Jumelage Auvergne"
    return form_page.get_submission_class().objects.create(form_data=data, page=form_page)


def test_submissions_export_to_csv_for_a_communication_editor(
    client, communication, site_pages, submission
):
    client.force_login(communication)
    url = reverse("wagtailforms:list_submissions", args=[site_pages["support_form"].pk])
    listing = client.get(url)
    assert listing.status_code == 200
    response = client.get(url, {"export": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    body = b"".join(response.streaming_content if response.streaming else [response.content])
    text = body.decode("utf-8-sig")
    header, *rows = [line for line in text.splitlines() if line]
    assert len(rows) == 1
    assert "Association Jumelage Auvergne" in rows[0]


def test_dashboard_shows_upcoming_events_and_recent_submissions(
    client, communication, site_pages, submission
):
    event = add_event(site_pages["events"], "Café européen", starts_in_days=3)
    add_event(site_pages["events"], "Conférence passée", starts_in_days=-30)
    client.force_login(communication)
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "panel-upcoming-events-heading" in home
    assert reverse("wagtailadmin_pages:edit", args=[event.pk]) in home
    assert "Conférence passée" not in home
    assert "panel-recent-submissions-heading" in home
    assert reverse("wagtailforms:list_submissions", args=[site_pages["support_form"].pk]) in home


def test_translators_dashboard_has_no_submissions(client, django_user_model, submission):
    user = django_user_model.objects.create_user("trad", "trad@example.org", "a-long-password-1")
    user.groups.add(Group.objects.get(name=TRANSLATORS_GROUP))
    client.force_login(user)
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "panel-translation-status-heading" in home
    assert "panel-recent-submissions-heading" not in home
