"""`make backup`: dump the database and the media files into a timestamped folder."""

from django.core.management.base import BaseCommand

from clermont_intl.operations.backup import create_backup


class Command(BaseCommand):
    help = "Back up the database (pg_dump -Fc) and the media files under var/backups/ (BACKUP_DIR)."

    def add_arguments(self, parser):
        parser.add_argument("--dir", help="Folder to write the backup into (default BACKUP_DIR).")

    def handle(self, *args, **options):
        folder = create_backup(options["dir"])
        self.stdout.write(str(folder))
