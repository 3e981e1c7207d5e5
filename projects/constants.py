from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ProjectStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    ONGOING = "ongoing", _("Ongoing")
    COMPLETED = "completed", _("Completed")


class CallState(models.TextChoices):
    """Where a call for projects stands, derived from its dates at the time of the request."""

    UPCOMING = "upcoming", pgettext_lazy("call state", "Upcoming")
    OPEN = "open", pgettext_lazy("call state", "Open")
    CLOSING_SOON = "closing_soon", pgettext_lazy("call state", "Closing soon")
    CLOSED = "closed", pgettext_lazy("call state", "Closed")
