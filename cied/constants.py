from django.db import models
from django.utils.translation import gettext_lazy as _


class EventKind(models.TextChoices):
    EXHIBITION = "exhibition", _("Exhibition")
    TALK = "talk", _("Talk")
    WORKSHOP = "workshop", _("Workshop")
    OTHER = "other", _("Other event")


class Audience(models.TextChoices):
    EVERYONE = "everyone", _("Everyone")
    YOUNG_PEOPLE = "young_people", _("Young people")
    SCHOOLS = "schools", _("Schools")
    PROFESSIONALS = "professionals", _("Professionals and associations")


class LoanStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    CONFIRMED = "confirmed", _("Confirmed")
    REFUSED = "refused", _("Refused")


# A loan lasts at most this many days (about three months), start and end days included.
LOAN_MAX_DAYS = 92
# How far ahead a loan may start. With the longest loan, it ends within a year of the request:
# before purge_personal_data (PERSONAL_DATA_RETENTION_DAYS, 365 by default) deletes the
# requester's details, which the service needs until the exhibition is back.
LOAN_BOOKING_HORIZON_DAYS = 270
