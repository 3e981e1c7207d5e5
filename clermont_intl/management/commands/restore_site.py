"""`make restore BACKUP=var/backups/<timestamp>`: put a backup back, database and media files."""

from django.core.management.base import BaseCommand, CommandError

from clermont_intl.operations.backup import restore_backup


class Command(BaseCommand):
    help = "Restore a backup made by backup_site: replaces the database content and media files."

    def add_arguments(self, parser):
        parser.add_argument("folder", help="The backup folder, e.g. var/backups/20260101T020000Z")
        parser.add_argument("--noinput", action="store_true", help="Do not ask for confirmation.")

    def handle(self, *args, folder, noinput, **options):
        if not noinput:
            answer = input(f"Replace this site's database and media with {folder}? [y/N] ")
            if answer.strip().lower() not in {"y", "yes", "o", "oui"}:
                raise CommandError("Restore cancelled.")
        try:
            manifest = restore_backup(folder)
        except (OSError, ValueError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Restored {folder}: {manifest['content']}")
