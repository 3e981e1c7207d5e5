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
