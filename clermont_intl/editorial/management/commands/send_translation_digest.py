"""Sends the translators' daily digest of French changes (clermont_intl.editorial.digest).

Run once a day (the scheduler of docker-compose.yml). Idempotent: a translator gets at most one
digest a day, and none when no French changed since the previous one.
"""

from django.core.management.base import BaseCommand

from clermont_intl.editorial.digest import send_digests


class Command(BaseCommand):
    help = "Send each translator the pages whose French changed since their English (daily)."

    def handle(self, *args, **options):
        sent = send_digests()
        self.stdout.write(f"{sent} translation digest(s) sent.")
