"""The project-support form: robot traps, rate limit, hostile content, and nothing lost."""

import csv
import io
import logging
import time

from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings
from django.urls import reverse

from wagtail.contrib.forms.models import FormSubmission

import pytest

from clermont_intl.exports import spreadsheet_safe
from clermont_intl.submissions.models import SubmissionNotification
from projects.forms import HONEYPOT_FIELD, TIMESTAMP_FIELD, sign_start_time
from tests.projects.test_project_support_form import FORM_FR, valid_data

pytestmark = pytest.mark.django_db

FAILING_MAIL = "tests.mail_backends.FailingEmailBackend"
REFUSING_MAIL = "tests.mail_backends.RefusingEmailBackend"


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def error_codes(response):
    return [error.code for error in response.context["form"].non_field_errors().as_data()]


# --- Robot traps ------------------------------------------------------------------------------


def test_the_form_carries_a_hidden_honeypot_and_a_signed_start_time(client):
    html = client.get(FORM_FR).content.decode()
    assert f'name="{HONEYPOT_FIELD}"' in html
    assert "<div hidden>" in html
    assert f'type="hidden" name="{TIMESTAMP_FIELD}"' in html


def test_a_filled_honeypot_is_refused_and_nothing_stored(client):
    response = client.post(FORM_FR, valid_data(**{HONEYPOT_FIELD: "http://spam.example"}))
    assert response.status_code == 200
    assert error_codes(response) == ["honeypot"]
    assert 'role="alert"' in response.content.decode()
    assert FormSubmission.objects.count() == 0
    assert mail.outbox == []


def test_a_form_sent_at_once_after_display_is_accepted(client):
    """No minimum filling time: a browser's autofill sends the form within a second, and a
    person is never taken for a robot. The honeypot still refuses one, however fast."""
    stamp = sign_start_time(time.time())
    response = client.post(FORM_FR, valid_data(**{TIMESTAMP_FIELD: stamp}))
    assert response.status_code == 200 and response.context.get("form_submission")
    assert FormSubmission.objects.count() == 1
    robot = valid_data(**{TIMESTAMP_FIELD: stamp, HONEYPOT_FIELD: "http://spam.example"})
    assert error_codes(client.post(FORM_FR, robot)) == ["honeypot"]
    assert FormSubmission.objects.count() == 1


# Ids named: the signed stamp's salt differs per process, and every worker must collect the
# same tests.
@pytest.mark.parametrize(
    "stamp",
    ["", "garbage", "1700000000", sign_start_time(0)],
    ids=["missing", "garbage", "unsigned", "signed-in-1970"],
)
def test_a_missing_forged_or_stale_start_time_is_refused_with_a_fresh_one(client, stamp):
    response = client.post(FORM_FR, valid_data(**{TIMESTAMP_FIELD: stamp}))
    assert response.status_code == 200
    assert error_codes(response) == ["timestamp"]
    assert FormSubmission.objects.count() == 0
    # The form shown again carries a new, valid start time: the person can simply send it again.
    assert response.context["form"].data[TIMESTAMP_FIELD] != stamp


def test_per_address_rate_limit(client, settings):
    settings.FORM_RATE_LIMIT = 3
    for _ in range(3):
        assert client.post(FORM_FR, valid_data(), REMOTE_ADDR="192.0.2.10").status_code == 200
    refused = client.post(FORM_FR, valid_data(), REMOTE_ADDR="192.0.2.10")
    assert refused.status_code == 429
    assert refused.context["rate_limited"]
    assert 'role="alert"' in refused.content.decode()
    assert FormSubmission.objects.count() == 3
    # Another address is not affected, and a fake X-Forwarded-For does not reset the count.
    assert client.post(FORM_FR, valid_data(), REMOTE_ADDR="192.0.2.11").status_code == 200
    assert FormSubmission.objects.count() == 4
    spoofed = client.post(
        FORM_FR, valid_data(), REMOTE_ADDR="192.0.2.10", HTTP_X_FORWARDED_FOR="198.51.100.1"
    )
    assert spoofed.status_code == 429


# --- Hostile content --------------------------------------------------------------------------

HOSTILE = {
    "association": '=HYPERLINK("http://evil.example","clic")',
    "contact_name": "+33 <img src=x onerror=alert(1)>",
    # Long, yet within the 5 000 characters a message may have.
    "project": "<script>alert('x')</script>\x0b\u202e\u200b" + "A" * 4900,
    "countries": "@SUM(1+1)*cmd|' /C calc'!A0",
    "phone": "-2+3",
}


def test_hostile_content_is_stored_as_text(client):
    response = client.post(FORM_FR, valid_data(**HOSTILE))
    assert response.status_code == 200
    stored = FormSubmission.objects.get().get_data()
    for key, value in HOSTILE.items():
        assert stored[key] == value.strip() or stored[key] == value


def test_hostile_content_is_escaped_in_the_admin_listing(client, editor, site_pages):
    client.post(FORM_FR, valid_data(**HOSTILE))
    client.force_login(editor)
    page = site_pages["support_form"]
    response = client.get(reverse("wagtailforms:list_submissions", args=[page.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert('x')</script>" not in html
    assert "<img src=x onerror=alert(1)>" not in html
    assert "&lt;script&gt;alert(" in html


def test_csv_export_neutralises_formulas(client, editor, site_pages):
    client.post(FORM_FR, valid_data(**HOSTILE))
    client.force_login(editor)
    page = site_pages["support_form"]
    url = reverse("wagtailforms:list_submissions", args=[page.pk]) + "?export=csv"
    response = client.get(url)
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(body), delimiter=";"))
    assert len(rows) == 1
    for cell in rows[0].values():
        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
    values = set(rows[0].values())
    assert "'" + HOSTILE["association"] in values
    assert "'" + HOSTILE["countries"] in values
    assert "'" + HOSTILE["phone"] in values


def test_xlsx_export_stores_formulas_as_text(client, editor, site_pages):
    from openpyxl import load_workbook

    client.post(FORM_FR, valid_data(**HOSTILE))
    client.force_login(editor)
    page = site_pages["support_form"]
    url = reverse("wagtailforms:list_submissions", args=[page.pk]) + "?export=xlsx"
    response = client.get(url)
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    cells = [cell for row in workbook.active.iter_rows(min_row=2) for cell in row]
    formula_like = [cell for cell in cells if str(cell.value or "").startswith("=")]
    assert formula_like and all(cell.data_type == "s" for cell in formula_like)


@pytest.mark.parametrize(
    "value,expected",
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@x", "'@x"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("plain", "plain"),
        (3, 3),
        (None, None),
    ],
)
def test_spreadsheet_safe(value, expected):
    assert spreadsheet_safe(value) == expected


# --- Nothing lost -----------------------------------------------------------------------------


def test_mail_server_down_nothing_is_lost(client, site_pages, caplog):
    with override_settings(EMAIL_BACKEND=FAILING_MAIL):
        response = client.post(FORM_FR, valid_data())
    # 1. The citizen gets the confirmation page; the request sent nothing.
    assert response.status_code == 200
    assert "votre demande a bien été enregistrée" in response.content.decode()
    # 2. The submission is kept, its notification queued.
    submission = FormSubmission.objects.get(page=site_pages["support_form"])
    assert submission.get_data()["association"] == "Amis de Regensburg"
    notification = submission.notification
    assert notification.notified_at is None and notification.attempts == 0
    # 3. The scheduler's run finds the mail server down: it says so, logs it, and keeps the
    # notification without using up its attempts...
    with (
        override_settings(EMAIL_BACKEND=FAILING_MAIL),
        caplog.at_level(logging.WARNING),
        pytest.raises(CommandError, match="could not be reached"),
    ):
        call_command("send_queued_mail")
    notification.refresh_from_db()
    assert notification.attempts == 0 and notification.notified_at is None
    assert "ConnectionRefusedError" in notification.last_error
    assert any(
        "next run" in record.getMessage() and record.levelno == logging.WARNING
        for record in caplog.records
    )
    # 4. ...and once the mail server is back, it is sent, once.
    call_command("send_queued_mail")
    notification.refresh_from_db()
    assert notification.notified_at is not None
    # The service's notification, and the sender's acknowledgement (clermont_intl.submissions).
    service = [m for m in mail.outbox if m.to == [site_pages["support_form"].to_address]]
    assert len(service) == 1 and len(mail.outbox) == 2
    assert "Amis de Regensburg" in service[0].body
    call_command("send_queued_mail")
    assert len(mail.outbox) == 2
    # The former name of the command still works (schedulers set up with it).
    call_command("retry_form_notifications")
    assert len(mail.outbox) == 2


def test_the_request_stores_and_queues_and_sends_nothing(client, site_pages, monkeypatch):
    sent = []
    monkeypatch.setattr(SubmissionNotification, "send", lambda self: sent.append(self))
    client.post(FORM_FR, valid_data())
    assert sent == [] and mail.outbox == []
    notification = SubmissionNotification.objects.get()
    assert notification.submission.get_data()["association"] == "Amis de Regensburg"
    assert notification.notified_at is None


def test_retry_gives_up_after_the_maximum_attempts(client, settings):
    """Attempts count the server's refusals of the message itself (here its recipients)."""
    settings.FORM_NOTIFICATION_MAX_ATTEMPTS = 2
    client.post(FORM_FR, valid_data())
    with override_settings(EMAIL_BACKEND=REFUSING_MAIL):
        for _ in range(2):
            with pytest.raises(CommandError, match="could not be sent"):
                call_command("send_queued_mail")
        call_command("send_queued_mail")  # nothing left to try
    notification = SubmissionNotification.objects.get()
    assert notification.attempts == 2 and "SMTPRecipientsRefused" in notification.last_error


# --- Lengths ----------------------------------------------------------------------------------


def test_the_longest_answers_are_accepted_and_one_character_more_is_refused(client):
    """Every free-text field of the editor-built forms has a maximum enforced by the server:
    200 characters on a line, 5 000 in a message. Over it: the field's error, the rest of what
    was typed kept, nothing stored."""
    from clermont_intl.forms import MULTI_LINE_MAX_LENGTH, SINGLE_LINE_MAX_LENGTH

    longest = valid_data(
        association="a" * SINGLE_LINE_MAX_LENGTH, project="é" * MULTI_LINE_MAX_LENGTH
    )
    assert client.post(FORM_FR, longest).context.get("form_submission")
    assert FormSubmission.objects.count() == 1

    too_long = valid_data(association="a" * (SINGLE_LINE_MAX_LENGTH + 1), project="x" * 1_000_000)
    response = client.post(FORM_FR, too_long)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert set(errors) == {"association", "project"}
    html = response.content.decode().replace("\u00a0", " ").replace("\u202f", " ")
    assert "au plus 200 caractères (actuellement 201)" in html
    assert "au plus 5000 caractères" in html
    # The refused form keeps the other answers, and says where each limit is.
    form = response.context["form"]
    assert form["contact_name"].value() == "Camille Martin"
    assert 'maxlength="5000"' in html and 'maxlength="200"' in html
    assert FormSubmission.objects.count() == 1


def test_an_overlong_message_is_refused_in_english_too(client):
    from bs4 import BeautifulSoup

    from tests.legal.test_legal_and_contact import CONTACT, contact_data

    page = BeautifulSoup(client.get(CONTACT["en"]).content, "html.parser")
    subject = next(o["value"] for o in page.select("select option") if o.get("value"))
    response = client.post(CONTACT["en"], contact_data(subject=subject, message="x" * 5001))
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["message"]
    assert "at most 5000 characters (it has 5001)" in response.content.decode()
    assert FormSubmission.objects.count() == 0
