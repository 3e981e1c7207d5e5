from django.core.management.base import BaseCommand

from clermont_intl.seed import SeedLoader


class Command(BaseCommand):
    help = (
        "Builds the Relations internationales section (pages, partner cities, projects, CIED) "
        "from the service's text. Safe to rerun: existing content is left untouched."
    )

    def handle(self, *args, **options):
        report = SeedLoader().run()
        for line in report.lines():
            self.stdout.write(line)
