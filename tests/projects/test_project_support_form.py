"""Local associations ask for help with an international project."""

import time

from django.core import mail
from django.core.management import call_command

from wagtail.contrib.forms.models import FormSubmission

import pytest

from projects.forms import TIMESTAMP_FIELD, sign_start_time

pytestmark = pytest.mark.django_db

FORM_FR = (
    "/fr/relations-internationales/projets-europeens-et-internationaux/demande-accompagnement/"
)
FORM_EN = "/en/international-relations/european-and-international-projects/project-support-request/"


def valid_data(**overrides):
    # The form was displayed a minute ago, as a person would have it (see projects/forms.py).
    data = {
        TIMESTAMP_FIELD: sign_start_time(time.time() - 60),
        "association": "Amis de Regensburg",
        "contact_name": "Camille Martin",
        "email": "camille@example.org",
        "phone": "",
        "project": "Un échange de jeunes musiciens avec Regensburg.",
        "countries": "Allemagne",
        "support": ["Recherche de partenaires à l'étranger"],
    }
    data.update(overrides)
    return data


def test_form_is_shown_in_both_languages(client):
    fr = client.get(FORM_FR).content.decode()
    en = client.get(FORM_EN).content.decode()
    assert "Nom de l&#x27;association" in fr or "Nom de l'association" in fr
    assert "Name of the association" in en


def test_submission_is_stored_and_notified_by_email(client, site_pages):
    response = client.post(FORM_FR, valid_data())
    assert response.status_code == 200
    assert "votre demande a bien été enregistrée" in response.content.decode()
    submission = FormSubmission.objects.get(page=site_pages["support_form"])
    assert submission.get_data()["association"] == "Amis de Regensburg"
    # The service's notification, then the sender's acknowledgement
    # (tests/forms/test_support_requests.py), sent by the scheduler after the answer.
    assert mail.outbox == []
    call_command("send_queued_mail")
    assert len(mail.outbox) == 2
    assert mail.outbox[0].to == [site_pages["support_form"].to_address]
    assert "Amis de Regensburg" in mail.outbox[0].body


def test_missing_required_fields_are_reported_and_nothing_is_stored(client):
    response = client.post(FORM_EN, valid_data(association="", email="not-an-email"))
    assert response.status_code == 200
    form = response.context["form"]
    assert "association" in form.errors and "email" in form.errors
    assert FormSubmission.objects.count() == 0
    assert mail.outbox == []


def test_hostile_text_is_stored_as_text_and_escaped(client, site_pages):
    hostile = "<script>alert('x')</script> =cmd|' /C calc'!A0"
    response = client.post(FORM_FR, valid_data(project=hostile, association=hostile))
    assert response.status_code == 200
    assert FormSubmission.objects.get().get_data()["project"] == hostile
    # Shown again (e.g. on an error), it is escaped.
    response = client.post(FORM_FR, valid_data(project=hostile, email="bad"))
    assert "<script>alert('x')</script>" not in response.content.decode()
