from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CiedConfig(AppConfig):
    name = "cied"
    verbose_name = _("Europe Direct centre")
