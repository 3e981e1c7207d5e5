from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClermontIntlConfig(AppConfig):
    name = "clermont_intl"
    verbose_name = _("International relations")

    def ready(self):
        from . import signals  # noqa: F401 (connects publishing)
        from .caching import invalidation
        from .db import request_scope
        from .operations import checks  # noqa: F401 (registers the checks)
        from .security import login  # noqa: F401 (counts failed logins per address)

        invalidation.connect()
        request_scope.connect()
