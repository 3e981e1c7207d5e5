"""The admin's password reset, its e-mail sent by the scheduler rather than during the request.

Wagtail's password reset view takes its form from ``WAGTAILADMIN_USER_PASSWORD_RESET_FORM``
(settings): ``QueuedPasswordResetForm`` stores the request and returns. Sending the e-mail
during the request made the answer slower for an address with an account (the token, the
message, the mail server) than for one without: the timing told which accounts exist.
"""

from django.core.mail import EmailMultiAlternatives
from django.template import loader
from django.utils import translation

from wagtail.admin.forms.auth import PasswordResetForm
from wagtail.admin.views.account import PasswordResetView

from .models import PasswordResetRequest


class QueuedPasswordResetForm(PasswordResetForm):
    """Stores the address asked for, whether an account has it or not, and nothing else: no
    query on the accounts, no e-mail."""

    def save(self, domain_override=None, use_https=False, request=None, **kwargs):
        domain = domain_override or (request.get_host() if request else "")
        PasswordResetRequest.objects.create(
            email=self.cleaned_data["email"],
            language=translation.get_language(),
            domain=domain,
            use_https=use_https,
        )


class SendingPasswordResetForm(PasswordResetForm):
    """Django's form as send_queued_mail uses it: Wagtail's e-mail templates, and a failure
    raised (Django's form logs it and goes on), so that the request is kept for the next run."""

    def save(self, **kwargs):
        kwargs.setdefault("subject_template_name", PasswordResetView.subject_template_name)
        kwargs.setdefault("email_template_name", PasswordResetView.email_template_name)
        return super().save(**kwargs)

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        message = EmailMultiAlternatives(subject, body, from_email, [to_email])
        if html_email_template_name is not None:
            html = loader.render_to_string(html_email_template_name, context)
            message.attach_alternative(html, "text/html")
        message.send()
