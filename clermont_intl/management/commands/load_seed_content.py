import logging

from django.core.management.base import BaseCommand

from clermont_intl.content.seed import SeedLoader


class Command(BaseCommand):
    help = (
        "Builds the Relations internationales section (pages, partner cities, projects, CIED) "
        "from the service's text. Safe to rerun: existing content is left untouched."
    )

    def handle(self, *args, **options):
        # Wagtail logs every page it creates and publishes; the report below says it shorter.
        wagtail_logger = logging.getLogger("wagtail")
        level = wagtail_logger.level
        wagtail_logger.setLevel(logging.WARNING)
        try:
            report = SeedLoader().run()
        finally:
            wagtail_logger.setLevel(level)
        for line in report.lines():
            self.stdout.write(line)
