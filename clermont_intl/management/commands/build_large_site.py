from django.core.management.base import BaseCommand

from clermont_intl.content.demo import build_large_site, demo_sections


class Command(BaseCommand):
    help = (
        "Add many fictitious pages (partner cities, projects, events, with images) to the "
        "seeded section, for the benchmark."
    )

    def add_arguments(self, parser):
        # One option per kind of page the apps register: --partners, --projects, --events.
        for section in demo_sections():
            parser.add_argument(
                f"--{section.name}", type=int, default=section.default_count,
                help=f"how many {section.name} to add (default {section.default_count})",
            )  # fmt: skip
        parser.add_argument("--prefix", default="grand")

    def handle(self, *args, **options):
        counts = {section.name: options[section.name] for section in demo_sections()}
        added = build_large_site(options["prefix"], **counts)
        self.stdout.write(", ".join(f"{n} {kind}" for kind, n in added.items()) + " added.")
