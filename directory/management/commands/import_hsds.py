"""Import an HSDS file from the command line: a county's whole directory may take longer
than a web request should."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from directory.hsds.importer import ImportRefused
from directory.services import directory_import


class Command(BaseCommand):
    help = "Import an Open Referral HSDS 3.0 file: a zip data package, a CSV or JSON."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)

    def handle(self, *args, path: Path, **options):
        if not path.is_file():
            raise CommandError(f"{path} is not a file.")
        try:
            report = directory_import(name=path.name, data=path.read_bytes())
        except ImportRefused as refused:
            # The same report the import page offers for download: errors, columns, notes.
            self.stderr.write(refused.report.as_text())
            raise CommandError("Nothing was imported.") from None
        self.stdout.write(report.as_text())
