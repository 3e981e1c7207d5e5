"""No visitor waits on the mail server, and the password reset's timing tells nothing.

Requests store their e-mails; ``manage.py send_queued_mail`` (the scheduler, every minute) sends
them (clermont_intl.outbox). A mail server that accepts connections and never answers holds the
command one EMAIL_TIMEOUT, never a visitor.
"""

import re
import socket
import time
from datetime import timedelta

from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail.contrib.forms.models import FormSubmission

import pytest

from clermont_intl.outbox.models import PasswordResetRequest, QueuedEmail
from clermont_intl.submissions.models import SubmissionNotification
from tests.legal.test_legal_and_contact import CONTACT, contact_data
from tests.projects.test_project_support_form import FORM_FR, valid_data

RESET = "/admin/password_reset/"
RESET_DONE = "/admin/password_reset/done/"
SMTP = "django.core.mail.backends.smtp.EmailBackend"


@pytest.fixture
def silent_mail_server(settings):
    """Django's SMTP backend pointed at a port that accepts connections (the kernel's backlog)
    and never sends its greeting."""
    with socket.socket() as hole:
        hole.bind(("127.0.0.1", 0))
        hole.listen(16)
        settings.EMAIL_BACKEND = SMTP
        settings.EMAIL_HOST = "127.0.0.1"
        settings.EMAIL_PORT = hole.getsockname()[1]
        settings.EMAIL_TIMEOUT = 2
        yield


# --- Form submissions ---------------------------------------------------------------------


@pytest.mark.parametrize("form", ["support", "contact"])
def test_a_submission_answers_at_once_while_the_mail_server_never_answers(
    client, site_pages, silent_mail_server, settings, form
):
    url, data = (FORM_FR, valid_data()) if form == "support" else (CONTACT["fr"], contact_data())
    started = time.monotonic()
    response = client.post(url, data)
    elapsed = time.monotonic() - started
    assert response.status_code == 200
    assert elapsed < 2, f"the answer took {elapsed:.1f} s"
    submission = FormSubmission.objects.get()
    assert submission.notification.notified_at is None
    assert submission.follow_up.acknowledged_at is None

    # The scheduler's run waits one EMAIL_TIMEOUT for the silent server, then stops: both
    # e-mails stay queued, their attempts untouched.
    started = time.monotonic()
    with pytest.raises(CommandError, match="could not be reached"):
        call_command("send_queued_mail")
    assert time.monotonic() - started < settings.EMAIL_TIMEOUT + 1.5
    notification = SubmissionNotification.objects.get()
    assert notification.attempts == 0 and "timed out" in notification.last_error
    assert notification.notified_at is None

    # The mail server is back: the next run sends both.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("send_queued_mail")
    assert len(mail.outbox) == 2
    notification.refresh_from_db()
    assert notification.notified_at is not None


# --- Password reset -----------------------------------------------------------------------


def reset(client, email, language="en"):
    return client.post(
        RESET, {"email": email}, REMOTE_ADDR="198.51.100.9", HTTP_ACCEPT_LANGUAGE=language
    )


def shape(queries):
    """The statements without their values: what work was done, not for whom."""
    # Values, and the names Django gives the savepoints of the rate limit's transaction.
    pattern = r"'[^']*'|\"s\d+_x\d+\"|\b\d+(\.\d+)?\b"
    return [re.sub(pattern, "?", query["sql"]) for query in queries]


def test_the_reset_does_the_same_work_with_or_without_an_account(client, editor):
    # A first request, so that both measured ones find the same tables in the same state.
    reset(client, "quelquun@example.org")
    PasswordResetRequest.objects.all().delete()
    with CaptureQueriesContext(connection) as with_account:
        answer = reset(client, "editeur@example.org")
    with CaptureQueriesContext(connection) as without_account:
        other = reset(client, "personne@example.org")
    assert (answer.status_code, answer["Location"]) == (302, RESET_DONE)
    assert (other.status_code, other["Location"]) == (302, RESET_DONE)
    assert shape(with_account) == shape(without_account)
    # Neither request looked the account up, nor sent anything.
    assert not any("auth_user" in query["sql"] for query in with_account)
    assert mail.outbox == []
    assert PasswordResetRequest.objects.count() == 2

    call_command("send_queued_mail")
    (message,) = mail.outbox
    assert message.to == ["editeur@example.org"]
    assert message.subject == "Password reset"  # in the language of the request
    assert "/admin/password_reset/confirm/" in message.body
    # Handled: no address is kept, with or without an account.
    assert not PasswordResetRequest.objects.exists()


def test_the_reset_link_sent_later_works(client, editor):
    reset(client, "editeur@example.org", language="fr")
    call_command("send_queued_mail")
    (message,) = mail.outbox
    assert message.subject == "Réinitialisation de mot de passe"
    link = re.search(r"https?://[^/\s]+(/admin/password_reset/confirm/\S+)", message.body)[1]
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    new = "un-tout-nouveau-mot-de-passe"
    done = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": new, "new_password2": new}
    )
    assert done.status_code == 302
    editor.refresh_from_db()
    assert editor.check_password(new)


def test_a_silent_mail_server_keeps_the_reset_for_the_next_run(
    client, editor, silent_mail_server, settings
):
    started = time.monotonic()
    reset(client, "editeur@example.org")
    assert time.monotonic() - started < 2
    started = time.monotonic()
    with pytest.raises(CommandError):
        call_command("send_queued_mail")
    assert time.monotonic() - started < settings.EMAIL_TIMEOUT + 1.5
    request = PasswordResetRequest.objects.get()
    assert request.attempts == 0 and "timed out" in request.last_error
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("send_queued_mail")
    assert [message.to for message in mail.outbox] == [["editeur@example.org"]]


def test_a_reset_older_than_its_link_is_dropped(client, editor, settings):
    reset(client, "editeur@example.org")
    settings.PASSWORD_RESET_TIMEOUT = 0
    time.sleep(0.01)
    call_command("send_queued_mail")
    assert mail.outbox == [] and not PasswordResetRequest.objects.exists()


# --- Messages to one person (a loan's answer) ---------------------------------------------------


def queue_message(**fields):
    values = {"to": "camille@example.org", "subject": "Votre prêt", "body": "Bonjour."}
    values.update(fields)
    return QueuedEmail.objects.create(**values)


@pytest.mark.django_db
def test_a_queued_message_waits_out_an_outage_and_a_refusal_then_goes(settings):
    message = queue_message()
    # The server is down: the run stops, the message keeps its attempts.
    settings.EMAIL_BACKEND = "tests.mail_backends.FailingEmailBackend"
    with pytest.raises(CommandError):
        call_command("send_queued_mail")
    message.refresh_from_db()
    assert message.attempts == 0 and "Connection refused" in message.last_error
    # The server refuses it: one attempt used, kept for the next run.
    settings.EMAIL_BACKEND = "tests.mail_backends.RefusingEmailBackend"
    with pytest.raises(CommandError):
        call_command("send_queued_mail")
    message.refresh_from_db()
    assert message.attempts == 1
    # Back: sent once, then deleted (no address kept).
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("send_queued_mail")
    assert [(m.to, m.subject, m.from_email) for m in mail.outbox] == [
        (["camille@example.org"], "Votre prêt", settings.DEFAULT_FROM_EMAIL)
    ]
    assert not QueuedEmail.objects.exists()


@pytest.mark.django_db
def test_a_message_still_queued_after_the_retention_period_is_purged(settings):
    old, recent = queue_message(), queue_message(to="dominique@example.org")
    QueuedEmail.objects.filter(pk=old.pk).update(
        queued_at=timezone.now() - timedelta(days=settings.PERSONAL_DATA_RETENTION_DAYS + 1)
    )
    call_command("purge_personal_data")
    assert list(QueuedEmail.objects.values_list("pk", flat=True)) == [recent.pk]
