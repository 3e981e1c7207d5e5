"""The service follows up the support requests: status, assignee, note, language; exports for a
French spreadsheet; an acknowledgement to the sender, in their language, retried when mail is
down."""

import csv
import io
from datetime import datetime
from zoneinfo import ZoneInfo

from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings
from django.urls import reverse

from wagtail.contrib.forms.models import FormSubmission

import pytest
from openpyxl import load_workbook

from clermont_intl.editorial.constants import EDITORS_GROUP, TRANSLATORS_GROUP
from clermont_intl.submissions.models import SubmissionFollowUp, SubmissionStatus
from tests.admin_forms import form_data
from tests.test_project_support_form import FORM_EN, FORM_FR, valid_data

pytestmark = pytest.mark.django_db

FAILING_MAIL = "tests.mail_backends.FailingEmailBackend"
LIST_URL = "/admin/requests/"
FREE_TEXT = "Achetez des montres pas chères sur spam.example"


@pytest.fixture
def make_user(django_user_model):
    def make(username, group, **names):
        user = django_user_model.objects.create_user(
            username, f"{username}@example.org", "a-long-test-password", **names
        )
        user.groups.add(Group.objects.get(name=group))
        return user

    return make


@pytest.fixture
def communication(make_user):
    return make_user("com", EDITORS_GROUP, first_name="Léa", last_name="Faure")


def english_data(**overrides):
    return valid_data(support=["Finding partners abroad"], **overrides)


def follow_up():
    return SubmissionFollowUp.objects.select_related("submission").get()


@pytest.mark.parametrize(
    "url, language, subject_word", [(FORM_EN, "en", "received"), (FORM_FR, "fr", "reçue")]
)
def test_the_sender_gets_a_standard_acknowledgement_in_their_language(
    client, site_pages, url, language, subject_word
):
    data = english_data if language == "en" else valid_data
    client.post(url, data(project=FREE_TEXT, association=FREE_TEXT))
    call_command("send_queued_mail")
    request = follow_up()
    assert (request.language, request.status) == (language, SubmissionStatus.NEW)
    (acknowledgement,) = [m for m in mail.outbox if m.to == ["camille@example.org"]]
    assert request.reference in acknowledgement.subject and subject_word in acknowledgement.subject
    assert request.reference in acknowledgement.body
    # Never the sender's own text: the form cannot relay a message to a third party.
    assert "spam.example" not in acknowledgement.body + acknowledgement.subject
    assert request.acknowledged_at is not None


def test_the_acknowledgement_is_retried_while_mail_is_down(client, site_pages):
    with override_settings(EMAIL_BACKEND=FAILING_MAIL):
        assert client.post(FORM_EN, english_data()).status_code == 200
    request = follow_up()
    assert request.acknowledged_at is None and request.acknowledgement_attempts == 0
    with override_settings(EMAIL_BACKEND=FAILING_MAIL), pytest.raises(CommandError):
        call_command("send_queued_mail")
    request.refresh_from_db()
    # A mail server that cannot be reached does not use up the acknowledgement's attempts.
    assert request.acknowledged_at is None and request.acknowledgement_attempts == 0
    call_command("send_queued_mail")
    request.refresh_from_db()
    assert request.acknowledged_at is not None
    acknowledgements = [m for m in mail.outbox if m.to == ["camille@example.org"]]
    assert len(acknowledgements) == 1 and "received" in acknowledgements[0].subject
    call_command("send_queued_mail")  # nothing is sent twice
    assert len([m for m in mail.outbox if m.to == ["camille@example.org"]]) == 1


def test_communication_editors_follow_requests_up_in_the_admin(client, site_pages, communication):
    client.post(FORM_EN, english_data())
    client.post(FORM_FR, valid_data(email="autre@example.org"))
    first, second = SubmissionFollowUp.objects.order_by("pk")
    client.force_login(communication)
    listing = client.get(LIST_URL)
    assert listing.status_code == 200
    html = listing.content.decode()
    assert first.reference in html and second.reference in html
    assert "Nouvelle" in html  # the status, in the editor's language

    edit_url = reverse("requests:edit", args=[first.pk])
    data = form_data(
        client.get(edit_url),
        form_id=None,
        status=SubmissionStatus.IN_PROGRESS,
        assignee=str(communication.pk),
        note="Rappeler l'association mardi.",
    )
    response = client.post(edit_url, data)
    assert response.status_code == 302, response.context and response.context["form"].errors
    first.refresh_from_db()
    assert (first.status, first.assignee, first.note) == (
        SubmissionStatus.IN_PROGRESS,
        communication,
        "Rappeler l'association mardi.",
    )
    in_progress = client.get(LIST_URL, {"status": "in_progress"}).content.decode()
    assert first.reference in in_progress and second.reference not in in_progress


def test_the_assignee_is_a_communication_editor(client, site_pages, communication, make_user):
    translator = make_user("trad", TRANSLATORS_GROUP)
    client.post(FORM_EN, english_data())
    client.force_login(communication)
    edit_url = reverse("requests:edit", args=[follow_up().pk])
    data = form_data(client.get(edit_url), form_id=None, assignee=str(translator.pk))
    response = client.post(edit_url, data)
    assert response.status_code == 200
    assert "assignee" in response.context["form"].errors


def test_translators_cannot_see_the_requests(client, site_pages, make_user):
    client.post(FORM_EN, english_data())
    client.force_login(make_user("trad", TRANSLATORS_GROUP))
    response = client.get(LIST_URL)
    assert response.status_code == 302  # Wagtail's refusal: back to the dashboard
    assert follow_up().reference not in client.get("/admin/").content.decode()


def test_exports_for_a_french_spreadsheet_in_paris_time(client, site_pages, communication):
    client.post(FORM_EN, english_data())
    request = follow_up()
    # 22:30 UTC on a winter day is 23:30 in Paris.
    winter = datetime(2026, 1, 15, 22, 30, tzinfo=ZoneInfo("UTC"))
    FormSubmission.objects.filter(pk=request.submission_id).update(submit_time=winter)
    request.status, request.assignee = SubmissionStatus.ANSWERED, communication
    request.save()
    client.force_login(communication)

    response = client.get(LIST_URL, {"export": "csv"})
    body = b"".join(response.streaming_content)
    assert body.startswith(b"\xef\xbb\xbf")  # UTF-8 with a byte order mark
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))
    header, row = rows[0], rows[1]
    values = dict(zip(header, row, strict=True))
    assert values["Référence"] == request.reference
    assert values["Reçue (heure de Paris)"] == "2026-01-15 23:30"
    assert values["Chargé(e) du suivi"] == "Léa Faure"
    assert values["Langue de la demande"] == "Anglais"
    assert values["Statut du traitement"] == "Répondue"

    response = client.get(LIST_URL, {"export": "xlsx"})
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    cells = [cell.value for cell in list(sheet.iter_rows())[1]]
    assert "2026-01-15 23:30" in cells and "Léa Faure" in cells
