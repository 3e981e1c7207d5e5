"""Deletes the form submissions older than PERSONAL_DATA_RETENTION_DAYS, with their notifications.

Every form's personal data is in its submissions, the CIED's loan requests included: a loan
request keeps its exhibition, dates and status (the availability shown on the exhibition's
page), and loses the requester's details with its submission. A queued e-mail still unsent
after that long (clermont_intl.outbox.QueuedEmail) goes too.

Run daily (the scheduler of docker-compose.yml; cron elsewhere, see docs/deployment.md). Running
it again deletes nothing more: only what has passed the retention period since goes.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from wagtail.contrib.forms.models import FormSubmission

from clermont_intl.outbox.models import QueuedEmail
from clermont_intl.submissions.models import SubmissionNotification

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "Delete the form submissions (and their e-mail notifications) older than "
        "PERSONAL_DATA_RETENTION_DAYS days."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Retention in days (default: the PERSONAL_DATA_RETENTION_DAYS setting).",
        )

    def handle(self, *args, days=None, **options):
        days = settings.PERSONAL_DATA_RETENTION_DAYS if days is None else days
        if days < 1:
            raise CommandError("The retention must be at least one day.")
        cutoff = timezone.now() - timedelta(days=days)
        submissions = FormSubmission.objects.filter(submit_time__lt=cutoff)
        with transaction.atomic():
            notifications = SubmissionNotification.objects.filter(
                submission__in=submissions
            ).delete()[0]
            deleted = submissions.delete()[1].get(FormSubmission._meta.label, 0)
            # A queued message the mail server kept refusing holds its recipient's address.
            QueuedEmail.objects.filter(queued_at__lt=cutoff).delete()
        message = (
            f"Deleted {deleted} form submissions and {notifications} notifications older than "
            f"{days} days (before {cutoff:%Y-%m-%d %H:%M} UTC)."
        )
        # One line in the logs (the scheduler's output); repeated on stdout only when asked,
        # so that it does not appear twice there.
        logger.info(message)
        if options["verbosity"] > 1:
            self.stdout.write(message)
