from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutboxConfig(AppConfig):
    name = "clermont_intl.outbox"
    label = "outbox"
    verbose_name = _("Outgoing e-mail")
    default_auto_field = "django.db.models.BigAutoField"
