"""Send the e-mails requests left in the database: the form submissions' notifications and
acknowledgements, the password reset e-mails, and the other queued messages (a loan's
answer). The scheduler runs it every minute; it does nothing when nothing is pending.

A mail server that cannot be reached ends the run at once (within EMAIL_TIMEOUT): what is left
waits for the next run, its attempts untouched (clermont_intl.outbox.sending).
"""

import logging

from django.core.management.base import BaseCommand, CommandError

from clermont_intl.submissions.models import SubmissionFollowUp, SubmissionNotification

from ...models import PasswordResetRequest, QueuedEmail
from ...sending import MailServerUnavailable

logger = logging.getLogger(__name__)


def queued():
    """(message, its send method) for everything pending, oldest first within each kind."""
    for notification in SubmissionNotification.pending().order_by("pk"):
        yield notification, notification.send
    for follow_up in SubmissionFollowUp.pending_acknowledgements().order_by("pk"):
        yield follow_up, follow_up.send_acknowledgement
    for reset in PasswordResetRequest.pending().order_by("pk"):
        yield reset, reset.send
    for message in QueuedEmail.pending().order_by("pk"):
        yield message, message.send


class Command(BaseCommand):
    help = (
        "Send the queued e-mails: form notifications, acknowledgements, password resets, "
        "loans' answers."
    )

    def handle(self, *args, **options):
        PasswordResetRequest.drop_expired()
        sent = failed = 0
        unreachable = None
        for _message, send in queued():
            try:
                if send():
                    sent += 1
                else:
                    failed += 1
            except MailServerUnavailable as error:
                unreachable = error.__cause__
                logger.warning(
                    "Mail server unreachable (%s); the queued e-mails wait for the next run.",
                    unreachable,
                )
                break
        self.stdout.write(f"{sent} e-mail(s) sent, {failed} refused by the mail server.")
        # A non-zero exit lets the scheduler's monitoring see that mail is still failing.
        if unreachable is not None:
            raise CommandError(
                f"The mail server could not be reached ({unreachable}); "
                "the remaining e-mails wait for the next run."
            )
        if failed:
            raise CommandError(f"{failed} e-mail(s) could not be sent; see the log.")
