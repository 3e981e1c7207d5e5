from django.db import models
from django.utils.translation import gettext_lazy as _


class Relationship(models.TextChoices):
    """The ways a city is linked to Clermont-Ferrand, the ties between the two cities alone
    first. The values are those of the open data (docs/open-data.md): never change one."""

    TWIN_CITY = "twin_city", _("Twin city")
    FRIENDSHIP_AGREEMENT = "friendship_agreement", _("Friendship agreement")
    COOPERATION_AGREEMENT = "cooperation_agreement", _("Cooperation agreement")
    MICHELIN_NETWORK = "michelin_network", _("Michelin cities network")
    SOLIDARITY = "solidarity", _("Solidarity cooperation")


class MichelinSite(models.TextChoices):
    """Which Michelin site a city of the network hosts (blank when not known)."""

    PRODUCTION = "production", _("Production site")
    RESEARCH = "research", _("Research site")
    BOTH = "production_research", _("Production and research sites")


class PartnerSort(models.TextChoices):
    NAME = "name", _("Name")
    YEAR = "year", _("Oldest partnership first")
    RECENT = "-year", _("Newest partnership first")


# A Wikidata item identifier: Q and a number without leading zero (Q79869).
WIKIDATA_ID_PATTERN = r"^Q[1-9][0-9]*$"
