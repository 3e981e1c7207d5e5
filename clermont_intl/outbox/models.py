"""E-mails waiting for send_queued_mail: password reset requests, and the messages the site's
services compose for one person (a loan's answer). The form submissions' e-mails wait in
clermont_intl.submissions."""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from .sending import MailServerUnavailable, describe, is_outage

logger = logging.getLogger(__name__)


class Retried:
    """What the outbox's messages share: each has ``attempts`` and ``last_error`` and a
    ``deliver()``; ``send_queued_mail`` calls ``send()`` on each pending one."""

    @classmethod
    def pending(cls):
        return cls.objects.filter(attempts__lt=settings.FORM_NOTIFICATION_MAX_ATTEMPTS)

    def send(self):
        """Try once; deleted when sent, so that no address is kept. Returns success; raises
        MailServerUnavailable on an outage (not counted as an attempt)."""
        try:
            self.deliver()
        except Exception as error:  # any mail failure leaves the message for the next run
            self.last_error = describe(error)
            if is_outage(error):
                self.save(update_fields=["last_error"])
                raise MailServerUnavailable from error
            self.attempts += 1
            self.save(update_fields=["attempts", "last_error"])
            logger.exception("%s failed; it will be retried.", self)
            return False
        self.delete()
        return True


class PasswordResetRequest(Retried, models.Model):
    """An address someone asked a password reset for, until the e-mail has gone out.

    Stored for every address, with or without an account: the request does the same work either
    way, and only ``send_queued_mail`` looks the account up. Deleted once handled, so that no
    address is kept.
    """

    email = models.EmailField(_("e-mail address"), max_length=254)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    # What Django's form would have put in the link had it been sent during the request.
    domain = models.CharField(max_length=255)
    use_https = models.BooleanField(default=False)
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        verbose_name = _("password reset request")
        verbose_name_plural = _("password reset requests")

    def __str__(self):
        return f"Password reset request {self.pk}"

    @classmethod
    def drop_expired(cls):
        """A request older than the link it would send is of no use: its sender has asked
        again, or given up."""
        limit = timezone.now() - timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT)
        return cls.objects.filter(requested_at__lt=limit).delete()[0]

    def deliver(self):
        """The e-mail to every active account with this address (none: nothing is sent)."""
        from .forms import SendingPasswordResetForm

        form = SendingPasswordResetForm({"email": self.email})
        if form.is_valid():
            with translation.override(self.language):
                form.save(domain_override=self.domain, use_https=self.use_https)


class QueuedEmail(Retried, models.Model):
    """A message composed during a request (in its recipient's language), until it has gone out.

    The request stores it in its own transaction, so that the change it tells about and the
    message are kept together or not at all; ``send_queued_mail`` sends it, retries it while
    the mail server refuses it, and deletes it once sent, so that no address is kept.
    """

    to = models.EmailField(_("recipient"), max_length=254)
    from_email = models.CharField(_("sender"), max_length=254, blank=True)
    subject = models.CharField(_("subject"), max_length=255)
    body = models.TextField(_("body"))
    queued_at = models.DateTimeField(_("queued at"), auto_now_add=True)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        verbose_name = _("queued e-mail")
        verbose_name_plural = _("queued e-mails")

    def __str__(self):
        return f"Queued e-mail {self.pk}"

    def deliver(self):
        EmailMessage(
            self.subject, self.body, self.from_email or settings.DEFAULT_FROM_EMAIL, [self.to]
        ).send()
