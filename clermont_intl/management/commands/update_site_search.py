from django.core.management.base import BaseCommand

from clermont_intl.search import rebuild_index


class Command(BaseCommand):
    help = (
        "Rebuilds the per-language site search index from the live pages. Publishing keeps it "
        "current; run this after importing pages by other means."
    )

    def handle(self, *args, **options):
        count = rebuild_index()
        self.stdout.write(f"Indexed {count} pages in every language.")
