"""Mail backends standing for a mail server that is down, and one that refuses messages."""

import smtplib

from django.core.mail.backends.base import BaseEmailBackend


class FailingEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise ConnectionRefusedError(111, "Connection refused (test: the mail server is down)")


class RefusingEmailBackend(BaseEmailBackend):
    """A mail server that answers, and refuses the recipients of every message."""

    def send_messages(self, email_messages):
        refused = {message.to[0]: (550, b"No such mailbox (test)") for message in email_messages}
        raise smtplib.SMTPRecipientsRefused(refused)
