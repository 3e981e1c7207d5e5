"""The service follows up the support requests: status, assignee, note, language; exports for a
French spreadsheet; an acknowledgement to the sender, in their language, retried when mail is
down."""

import csv
import io
from datetime import datetime
from zoneinfo import ZoneInfo

from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings
from django.urls import reverse

from wagtail.contrib.forms.models import FormSubmission

import pytest
from openpyxl import load_workbook

from clermont_intl.editorial.constants import EDITORS_GROUP, MODERATORS_GROUP, TRANSLATORS_GROUP
from clermont_intl.submissions.models import SubmissionFollowUp, SubmissionStatus
from tests.admin_forms import form_data
from tests.projects.test_project_support_form import FORM_EN, FORM_FR, valid_data

pytestmark = pytest.mark.django_db

FAILING_MAIL = "tests.mail_backends.FailingEmailBackend"
LIST_URL = "/admin/requests/"
FREE_TEXT = "Achetez des montres pas chères sur spam.example"


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
    # 22:30:05 UTC on a winter day is 23:30:05 in Paris; the microseconds are left out.
    winter = datetime(2026, 1, 15, 22, 30, 5, 633567, tzinfo=ZoneInfo("UTC"))
    FormSubmission.objects.filter(pk=request.submission_id).update(submit_time=winter)
    request.status, request.assignee = SubmissionStatus.ANSWERED, communication
    request.save()
    client.force_login(communication)

    response = client.get(LIST_URL, {"export": "csv"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    body = b"".join(response.streaming_content)
    assert body.startswith(b"\xef\xbb\xbf")  # UTF-8 with a byte order mark
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))
    header, row = rows[0], rows[1]
    values = dict(zip(header, row, strict=True))
    assert values["Référence"] == request.reference
    assert values["Reçue (heure de Paris)"] == "2026-01-15 23:30:05"
    assert values["Chargé(e) du suivi"] == "Léa Faure"
    assert values["Langue de la demande"] == "Anglais"
    assert values["Statut du traitement"] == "Répondue"

    response = client.get(LIST_URL, {"export": "xlsx"})
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    header, row = list(sheet.iter_rows(values_only=True))[:2]
    values = dict(zip(header, row, strict=True))
    # A date cell (sortable, filterable), in Paris time: Wagtail alone writes UTC.
    assert values["Reçue (heure de Paris)"] == datetime(2026, 1, 15, 23, 30, 5)
    assert values["Chargé(e) du suivi"] == "Léa Faure"


def test_a_summer_request_is_exported_in_paris_summer_time(client, site_pages, communication):
    client.post(FORM_FR, valid_data())
    request = follow_up()
    summer = datetime(2026, 7, 1, 21, 59, 59, tzinfo=ZoneInfo("UTC"))  # 23:59:59 in Paris
    FormSubmission.objects.filter(pk=request.submission_id).update(submit_time=summer)
    client.force_login(communication)
    body = b"".join(client.get(LIST_URL, {"export": "csv"}).streaming_content)
    (row,) = csv.DictReader(io.StringIO(body.decode("utf-8-sig")), delimiter=";")
    assert row["Reçue (heure de Paris)"] == "2026-07-01 23:59:59"


# --- One screen per request: what was sent, a reply link, its follow-up -----------------------

MESSAGE = "Un échange de musiciens.\nDeuxième ligne <script>alert(1)</script>"


def test_the_follow_up_screen_shows_what_was_sent(client, site_pages, communication):
    client.post(FORM_FR, valid_data(project=MESSAGE, phone="04 73 00 00 00"))
    request = follow_up()
    # A field removed from the form since the request was sent is still shown, under its name.
    submission = request.submission
    submission.form_data["budget"] = "12 000 €"
    submission.save()
    client.force_login(communication)
    response = client.get(reverse("requests:edit", args=[request.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert request.reference in html
    # Every submitted field, labelled as on the (French) form, read-only.
    for label, value in [
        ("Nom de l&#x27;association ou de la structure", "Amis de Regensburg"),
        ("Personne à contacter", "Camille Martin"),
        ("Adresse électronique", "camille@example.org"),
        ("Téléphone", "04 73 00 00 00"),
        ("Pays ou villes partenaires envisagés", "Allemagne"),
        ("Accompagnement souhaité", "Recherche de partenaires à l&#x27;étranger"),
    ]:
        assert f"<dt>{label}</dt><dd>{value}</dd>" in html, label
    assert "Un échange de musiciens.<br>Deuxième ligne &lt;script&gt;" in html
    assert "<dt>budget</dt><dd>12 000 €</dd>" in html
    assert "<script>alert(1)</script>" not in html
    assert 'name="project"' not in html and 'name="association"' not in html
    # The reply: to the sender, the subject naming the reference in the request's language.
    subject = f"Votre%20demande%20{request.reference}"
    assert f'href="mailto:camille@example.org?subject={subject}"' in html
    assert "Répondre à camille@example.org" in html
    # And the follow-up itself.
    for name in ("status", "assignee", "note"):
        assert f'name="{name}"' in html


def test_the_reply_to_an_english_request_is_in_english(client, site_pages, communication):
    client.post(FORM_EN, english_data(email="sam@example.org"))
    request = follow_up()
    client.force_login(communication)
    html = client.get(reverse("requests:edit", args=[request.pk])).content.decode()
    assert f"mailto:sam@example.org?subject=Your%20request%20{request.reference}" in html


def test_a_hostile_note_is_kept_as_text(client, site_pages, communication):
    client.post(FORM_FR, valid_data())
    request = follow_up()
    client.force_login(communication)
    edit_url = reverse("requests:edit", args=[request.pk])
    note = '=HYPERLINK("http://x") <script>alert(1)</script>'
    response = client.post(edit_url, form_data(client.get(edit_url), form_id=None, note=note))
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.note == note
    html = client.get(edit_url).content.decode()
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html


def test_the_requests_list_speaks_french(client, site_pages, communication):
    client.post(FORM_FR, valid_data())
    client.force_login(communication)
    html = client.get(LIST_URL).content.decode()
    for heading in ("Référence", "Formulaire", "Reçue", "Chargé(e) du suivi"):
        assert heading in html
    for english in ("Reference", "Form page", "Received at", "Assignee name"):
        assert english not in html


def assignee_choices(response):
    field = response.context["form"].fields["assignee"]
    return {label: value for value, label in field.choices if value}


def test_the_assignee_is_chosen_by_name_among_active_editors_and_superusers(
    client, site_pages, communication, make_user, django_user_model
):
    bare = make_user("comm", EDITORS_GROUP)  # no name filled in: the username is shown
    gone = make_user("parti", EDITORS_GROUP, first_name="Paul", last_name="Parti")
    gone.is_active = False
    gone.save()
    make_user("trad", TRANSLATORS_GROUP, first_name="Tom", last_name="Traducteur")
    make_user("modo", MODERATORS_GROUP, first_name="Mona", last_name="Modératrice")
    chief = django_user_model.objects.create_superuser(
        "chef", "chef@example.org", "a-long-test-password", first_name="Claire", last_name="Chef"
    )
    client.post(FORM_FR, valid_data())
    client.force_login(communication)
    edit_url = reverse("requests:edit", args=[follow_up().pk])
    response = client.get(edit_url)
    choices = assignee_choices(response)
    assert set(choices) == {"Léa Faure", "comm", "Claire Chef"}
    assert str(choices["comm"]) == str(bare.pk)
    html = response.content.decode()
    assert ">Léa Faure</option>" in html and ">Claire Chef</option>" in html

    # A superuser may be given a request.
    data = form_data(response, form_id=None, assignee=str(chief.pk), note="Pour Claire.")
    assert client.post(edit_url, data).status_code == 302
    assert follow_up().assignee == chief

    # Someone who left is refused, in French, and what was typed is kept.
    data = form_data(client.get(edit_url), form_id=None, assignee=str(gone.pk), note="Relancer.")
    response = client.post(edit_url, data)
    assert response.status_code == 200
    assert "assignee" in response.context["form"].errors
    assert "Sélectionnez un choix valide" in response.content.decode()
    assert "Relancer." in response.content.decode()
    assert follow_up().assignee == chief


def test_moderators_cannot_open_a_request(client, site_pages, make_user):
    client.post(FORM_FR, valid_data())
    client.force_login(make_user("modo", MODERATORS_GROUP))
    assert client.get(LIST_URL).status_code == 302
    response = client.get(reverse("requests:edit", args=[follow_up().pk]))
    assert response.status_code == 302  # Wagtail's refusal: back to the dashboard
