"""The periodic jobs (clermont_intl/operations/scheduler.py), proved by running them: one round
of `manage.py run_scheduler --once` publishes what editors scheduled, sends the queued e-mails
and purges the personal data past its retention, as the Compose scheduler and `make run` do
at start and then every minute (once a day for the purge and the digest)."""

from datetime import timedelta

from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from wagtail.contrib.forms.models import FormSubmission

import pytest

from clermont_intl.models import ContactFormPage, MissionPage
from clermont_intl.operations import scheduler
from clermont_intl.operations.scheduler import DAILY, JOBS, Job, due, run_forever, run_round
from tests.legal.test_legal_and_contact import CONTACT, contact_data, submit_at

pytestmark = pytest.mark.django_db


def schedule_new_title(page, title):
    """An editor's revision approved to go live a minute ago, as the admin's schedule does."""
    page.title_fr = title
    revision = page.save_revision()
    revision.approved_go_live_at = timezone.now() - timedelta(minutes=1)
    revision.save(update_fields=["approved_go_live_at"])
    return revision


def test_one_round_runs_every_job(client):
    mission = MissionPage.objects.get()
    schedule_new_title(mission, "Relations internationales, publiées à l'heure dite")
    assert client.post(CONTACT["fr"], contact_data()).status_code == 200
    old = submit_at(ContactFormPage.objects.get(), 400)
    assert mail.outbox == []

    call_command("run_scheduler", "--once")

    mission.refresh_from_db()
    assert mission.title_fr == "Relations internationales, publiées à l'heure dite"
    assert len(mail.outbox) == 2  # the notification and the acknowledgement
    assert not FormSubmission.objects.filter(pk=old.pk).exists()
    assert FormSubmission.objects.count() == 1


def test_a_failing_job_is_reported_and_does_not_stop_the_others(caplog):
    mission = MissionPage.objects.get()
    schedule_new_title(mission, "Publiée malgré tout")
    jobs = (Job("no_such_command", 1, "fails"), Job("publish_scheduled", 1, "runs anyway"))
    assert run_round(0, jobs) == ["no_such_command"]
    mission.refresh_from_db()
    assert mission.title_fr == "Publiée malgré tout"
    assert "no_such_command" in caplog.text


def test_the_command_exits_non_zero_when_a_job_failed(monkeypatch):
    monkeypatch.setattr(scheduler, "JOBS", (Job("no_such_command", 1, "fails"),))
    with pytest.raises(CommandError, match="no_such_command"):
        call_command("run_scheduler", "--once")


def test_every_job_runs_at_start_then_each_at_its_own_pace():
    every_minute = {job.command for job in JOBS if job.every_rounds == 1}
    assert every_minute == {"publish_scheduled", "send_queued_mail"}
    assert {job.command for job in due(0)} == {job.command for job in JOBS}
    assert {job.command for job in due(1)} == every_minute
    assert {job.command for job in due(DAILY - 1)} == every_minute
    assert {job.command for job in due(DAILY)} == {job.command for job in JOBS}


def test_the_loop_runs_a_round_a_minute_whatever_a_round_took(monkeypatch):
    """Rounds start a minute apart: the loop sleeps what is left of the minute."""
    now = [0.0]
    rounds = []
    sleeps = []

    class Stop(Exception):
        pass

    def job_taking_12_seconds(number, jobs):
        rounds.append(number)
        now[0] += 12

    def sleep(seconds):
        sleeps.append(seconds)
        now[0] += seconds
        if len(sleeps) == 3:
            raise Stop

    monkeypatch.setattr(scheduler, "run_round", job_taking_12_seconds)
    with pytest.raises(Stop):
        run_forever(sleep=sleep, clock=lambda: now[0])
    assert rounds == [0, 1, 2]
    assert sleeps == [48, 48, 48]
