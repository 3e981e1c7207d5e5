"""`manage.py purge_caches`: both caches forget the site, as after a change an editor makes.

Run by each release when its web container starts (docker-compose.yml), so that the caching
proxy stops serving pages rendered by the previous templates; a restore does the same
(clermont_intl.operations.backup). The application's fragments need no purge at a release (its
cache keys begin with the release's fingerprint), but get a new site version too.
"""

from django.core.management.base import BaseCommand

from clermont_intl.caching.invalidation import forget_site


class Command(BaseCommand):
    help = "Renew the site version of the cached fragments and purge the caching proxy."

    def handle(self, *args, **options):
        purged = forget_site()
        if purged:
            self.stdout.write("Purged from the caching proxy: " + ", ".join(purged))
        else:
            self.stdout.write("Renewed the cached fragments (no caching proxy configured).")
