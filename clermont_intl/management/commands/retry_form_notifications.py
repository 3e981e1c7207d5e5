"""The former name of ``send_queued_mail``, kept for schedulers set up with it."""

from clermont_intl.outbox.management.commands.send_queued_mail import Command  # noqa: F401
