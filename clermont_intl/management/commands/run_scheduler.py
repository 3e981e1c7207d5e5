"""Runs the site's periodic jobs (clermont_intl.operations.scheduler): one round at start, then
one a minute. The Compose scheduler service and `make run` run it; stop it with SIGTERM or
Ctrl-C."""

from django.core.management.base import BaseCommand, CommandError

from clermont_intl.operations import scheduler


class Command(BaseCommand):
    help = "Run the periodic jobs: one round at start, then one a minute (--once: one round)."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Run every job once and exit.")

    def handle(self, *args, once=False, **options):
        for job in scheduler.JOBS:
            minutes = "every minute" if job.every_rounds == 1 else f"every {job.every_rounds} min"
            self.stdout.write(f"{job.command}: {minutes} ({job.why})")
        if not once:
            scheduler.run_forever()
        failed = scheduler.run_round(0)
        if failed:
            # Non-zero, so that whoever ran it (a test, cron, monitoring) sees it.
            raise CommandError(f"These jobs failed: {', '.join(failed)}; see the log.")
