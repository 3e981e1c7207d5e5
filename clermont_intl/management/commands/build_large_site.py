from django.core.management.base import BaseCommand

from clermont_intl.bulk_content import build_large_site


class Command(BaseCommand):
    help = "Add many partner cities, projects and events (with images) to the seeded section."

    def add_arguments(self, parser):
        parser.add_argument("--partners", type=int, default=200)
        parser.add_argument("--projects", type=int, default=60)
        parser.add_argument("--events", type=int, default=800)
        parser.add_argument("--prefix", default="grand")

    def handle(self, *args, **options):
        counts = build_large_site(
            options["partners"], options["projects"], options["events"], options["prefix"]
        )
        self.stdout.write(", ".join(f"{n} {kind}" for kind, n in counts.items()) + " added.")
