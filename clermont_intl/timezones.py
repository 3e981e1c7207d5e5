"""The time zone every date of the site is meant in: Clermont-Ferrand's."""

from zoneinfo import ZoneInfo

PARIS = ZoneInfo("Europe/Paris")
