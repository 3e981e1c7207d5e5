"""Account recovery: Wagtail's password reset, rate-limited per client address and per account."""

from django.http import HttpResponseRedirect
from django.utils.translation import gettext

from wagtail.admin.views.account import PasswordResetView

from .login import client_ip
from .rate_limits import account_key, password_reset_account_limit, password_reset_address_limit


class RateLimitedPasswordResetView(PasswordResetView):
    """Wagtail's password reset, limited per client address and per account.

    Over the address limit the form says so (429): that tells nothing about any account. Over the
    account limit no e-mail is sent but the answer is the usual "if an account exists, an e-mail
    was sent" page, as for an unknown address: the page never tells whether an account exists.
    """

    def form_valid(self, form):
        if not password_reset_address_limit().take(client_ip(self.request)):
            form.add_error(
                None,
                gettext(
                    "Too many password reset requests from your connection. "
                    "Please try again later."
                ),
            )
            response = self.form_invalid(form)
            response.status_code = 429
            return response
        account = account_key(form.cleaned_data.get("email"))
        if not password_reset_account_limit().take(account):
            return HttpResponseRedirect(self.get_success_url())
        return super().form_valid(form)
