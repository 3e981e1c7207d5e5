"""English as written in the United Kingdom: Django's en_GB formats (day before month, dates
typed 15/01/2027), with the month in full and a 24-hour clock, as on the French pages."""

from django.conf.locale.en_GB.formats import *  # noqa: F403

DATE_FORMAT = "j F Y"  # 7 December 2026
TIME_FORMAT = "H:i"  # 18:30
DATETIME_FORMAT = "j F Y, H:i"  # 7 December 2026, 18:30
SHORT_DATETIME_FORMAT = "d/m/Y H:i"  # 07/12/2026 18:30
