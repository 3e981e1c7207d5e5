"""What the service does with the submissions of the site's forms (the project support form,
the contact page): the e-mail that notifies the service, the follow-up (processing status,
assignee, internal note, language of the request) and the acknowledgement sent to the visitor.

Both e-mails are created in the transaction that stores the submission; ``manage.py
send_queued_mail``, run every minute by the scheduler, sends them after the answer, and again
while the mail server refuses them: nothing is lost, and no visitor waits on the mail server
(clermont_intl.outbox.sending).
"""

import logging
from urllib.parse import quote

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wagtail.admin.mail import send_mail
from wagtail.contrib.forms.models import FormSubmission

from ..editorial.constants import EDITORS_GROUP
from ..outbox.sending import MailServerUnavailable, describe, is_outage

logger = logging.getLogger(__name__)


def submission_reference(submission):
    """What the sender quotes when writing to the service: year (in Paris) and number. From the
    submission alone, so that a listing of submissions shows it without a query per row."""
    year = timezone.localtime(submission.submit_time, timezone.get_default_timezone()).year
    return f"RI-{year}-{submission.pk:05d}"


def assignable_users():
    """Who can follow a request up: the active communication editors and superusers (the people
    who see the Requests screen)."""
    return Q(is_active=True) & (Q(groups__name=EDITORS_GROUP) | Q(is_superuser=True))


def person_name(user):
    """A user as colleagues name them: the full name, or the username when it is not filled in."""
    return (user.get_full_name() or user.get_username()) if user else ""


def cell_text(value):
    """A submitted value as text: choices joined, a checkbox as yes or no."""
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    if isinstance(value, bool):
        return gettext("Yes") if value else gettext("No")
    return "" if value is None else str(value)


class SubmissionStatus(models.TextChoices):
    NEW = "new", _("New")
    IN_PROGRESS = "in_progress", _("In progress")
    ANSWERED = "answered", _("Answered")
    CLOSED = "closed", _("Closed")


class SubmissionFollowUp(models.Model):
    """The service's follow-up of one submission, and its acknowledgement to the sender."""

    submission = models.OneToOneField(
        FormSubmission, on_delete=models.CASCADE, related_name="follow_up"
    )
    language = models.CharField(
        _("language of the request"), max_length=8, choices=settings.LANGUAGES
    )
    status = models.CharField(
        _("status"), max_length=20, choices=SubmissionStatus.choices, default=SubmissionStatus.NEW
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        limit_choices_to=assignable_users,
        verbose_name=_("assignee"),
    )
    note = models.TextField(_("internal note"), blank=True)
    # The acknowledgement e-mail, until it has been sent (none when the form has no address).
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    acknowledgement_attempts = models.PositiveIntegerField(default=0)
    acknowledgement_error = models.TextField(blank=True)
    acknowledgement_to = models.EmailField(blank=True)

    class Meta:
        verbose_name = _("request")
        verbose_name_plural = _("requests")
        ordering = ["-submission__submit_time"]

    def __str__(self):
        return self.reference

    @property
    def form_page(self):
        return self.submission.page.title

    @property
    def received_at(self):
        """When the request was sent (the exports write it in Paris time)."""
        return self.submission.submit_time

    @property
    def assignee_name(self):
        return person_name(self.assignee)

    @property
    def reference(self):
        return submission_reference(self.submission)

    def submitted_fields(self):
        """(label, value) of each field of the request as it was sent, labelled as on the form
        (in the admin's language). A field added to the form since then is left out; one removed
        since then is still shown, under its name."""
        page = self.submission.page.specific
        data = self.submission.get_data()
        data.pop("submit_time", None)
        labels = [(name, label) for name, label in page.get_data_fields() if name in data]
        labels += [(name, name) for name in data if name not in dict(labels)]
        return [(label, cell_text(data[name])) for name, label in labels]

    def reply_url(self):
        """A mailto: link to the sender, its subject carrying the reference in the language of
        the request (empty without a valid address)."""
        if not self.acknowledgement_to:
            return ""
        with translation.override(self.language):
            subject = gettext("Your request %(reference)s") % {"reference": self.reference}
        return f"mailto:{quote(self.acknowledgement_to, safe='@')}?subject={quote(subject)}"

    @classmethod
    def pending_acknowledgements(cls):
        return (
            cls.objects.filter(
                acknowledged_at__isnull=True,
                acknowledgement_attempts__lt=settings.FORM_NOTIFICATION_MAX_ATTEMPTS,
            )
            .exclude(acknowledgement_to="")
            .select_related("submission__page")
        )

    def acknowledgement(self):
        """(subject, body) in the sender's language: the reference and the service's standard
        text, never what the sender typed (the form must not relay spam to a third party)."""
        with translation.override(self.language):
            subject = gettext("Your request %(reference)s has been received") % {
                "reference": self.reference
            }
            body = gettext(
                "Hello,\n\n"
                "The International Relations department of the City of Clermont-Ferrand has "
                "received your request. Its reference is %(reference)s: please quote it in any "
                "message about it.\n\n"
                "The department will answer you as soon as possible.\n\n"
                "This message was sent automatically; if you did not send this request, you can "
                "ignore it."
            ) % {"reference": self.reference}
        return subject, body

    def send_acknowledgement(self):
        """Try once; on failure, log it and keep it pending. Returns success; raises
        MailServerUnavailable when the server could not be reached (not counted as an attempt)."""
        subject, body = self.acknowledgement()
        page = self.submission.page.specific
        try:
            send_mail(
                subject,
                body,
                [self.acknowledgement_to],
                getattr(page, "from_address", "") or settings.DEFAULT_FROM_EMAIL,
            )
        except Exception as error:  # any mail failure must leave it to be retried
            self.acknowledgement_error = describe(error)
            if is_outage(error):
                self.save(update_fields=["acknowledgement_error"])
                raise MailServerUnavailable from error
            self.acknowledgement_attempts += 1
            logger.exception(
                "Acknowledgement of submission %s failed (attempt %s); it will be retried.",
                self.submission_id,
                self.acknowledgement_attempts,
            )
            self.save(update_fields=["acknowledgement_attempts", "acknowledgement_error"])
            return False
        self.acknowledgement_attempts += 1
        self.acknowledged_at = timezone.now()
        self.acknowledgement_error = ""
        self.save(
            update_fields=["acknowledgement_attempts", "acknowledgement_error", "acknowledged_at"]
        )
        return True


class SubmissionNotification(models.Model):
    """The e-mail that tells the service about one form submission, until it has been sent.

    Created in the same transaction as the submission; ``manage.py send_queued_mail`` (run every
    minute by the scheduler) sends what is pending: the mail server being down only delays it.
    """

    submission = models.OneToOneField(
        FormSubmission, on_delete=models.CASCADE, related_name="notification"
    )
    notified_at = models.DateTimeField(_("notified at"), null=True, blank=True)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        verbose_name = _("submission notification")
        verbose_name_plural = _("submission notifications")
        # Who may change where every form's notifications go (clermont_intl.forms
        # NOTIFICATION_ADDRESS_PERMISSION): the roles migration grants it to the communication
        # editors only.
        permissions = [
            ("change_notification_address", "Can change where form notifications are sent")
        ]

    def __str__(self):
        return f"Notification of submission {self.submission_id}"

    @classmethod
    def pending(cls):
        return cls.objects.filter(
            notified_at__isnull=True, attempts__lt=settings.FORM_NOTIFICATION_MAX_ATTEMPTS
        ).select_related("submission__page")

    def send(self):
        """Try once; on failure, log it and keep the notification pending. Returns success;
        raises MailServerUnavailable when the server could not be reached (not counted as an
        attempt)."""
        page = self.submission.page.specific
        addresses = [address.strip() for address in page.to_address.split(",") if address.strip()]
        try:
            send_mail(
                page.subject,
                page.render_notification(self.submission),
                addresses,
                page.from_address,
            )
        except Exception as error:  # any mail failure (SMTP, DNS, refused) must not lose anything
            self.last_error = describe(error)
            if is_outage(error):
                self.save(update_fields=["last_error"])
                raise MailServerUnavailable from error
            self.attempts += 1
            logger.exception(
                "Form notification for submission %s failed (attempt %s); it will be retried.",
                self.submission_id,
                self.attempts,
            )
            self.save(update_fields=["attempts", "last_error"])
            return False
        self.attempts += 1
        self.notified_at = timezone.now()
        self.last_error = ""
        self.save(update_fields=["attempts", "last_error", "notified_at"])
        return True
