"""Mail leaves after the answer: what a request would send is stored in the database, and
``manage.py send_queued_mail`` (run every minute by the scheduler) sends it.

No visitor waits on the mail server (EMAIL_TIMEOUT is the scheduler's to wait), the mail survives
a restart and is retried, and how long a request takes tells nothing about what it sent.

A failure is either the message's own (the server refused this sender, these recipients, this
content: it counts as one of the message's attempts) or an outage (the server cannot be reached,
does not answer in time, or drops the connection): then the run stops, leaving this message and
the rest for the next run without using up their attempts, so a mail server down for an hour
loses nothing and a run lasts at most one EMAIL_TIMEOUT.
"""

import smtplib


class MailServerUnavailable(Exception):
    """Raised by a message's send() when the mail server could not be reached: stop the run."""


# What the server said about this one message.
MESSAGE_REFUSED = (smtplib.SMTPRecipientsRefused, smtplib.SMTPSenderRefused, smtplib.SMTPDataError)


def is_outage(error):
    """A network failure (refused, timed out, unknown host, disconnected) or a server that
    refuses every message (greeting, HELO, login): not this message's fault."""
    return isinstance(error, OSError) and not isinstance(error, MESSAGE_REFUSED)


def describe(error):
    return f"{type(error).__name__}: {error}"[:1000]
