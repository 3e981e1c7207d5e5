"""Send the form notifications the mail server refused earlier. Run it from the scheduler
(every 10 minutes, e.g. a cron line or a systemd timer); it does nothing when nothing is pending."""

from django.core.management.base import BaseCommand, CommandError

from clermont_intl.submissions.models import SubmissionFollowUp, SubmissionNotification


class Command(BaseCommand):
    help = "Retry the e-mail notifications of form submissions that could not be sent."

    def handle(self, *args, **options):
        sent = failed = 0
        for notification in SubmissionNotification.pending().order_by("pk"):
            if notification.send():
                sent += 1
            else:
                failed += 1
        # The senders' acknowledgements, queued and retried the same way.
        for follow_up in SubmissionFollowUp.pending_acknowledgements().order_by("pk"):
            if follow_up.send_acknowledgement():
                sent += 1
            else:
                failed += 1
        self.stdout.write(f"{sent} notification(s) sent, {failed} still pending.")
        if failed:
            # A non-zero exit lets the scheduler's monitoring see that mail is still failing.
            raise CommandError(f"{failed} notification(s) could not be sent; see the log.")
