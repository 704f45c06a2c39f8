"""Close the records of every family whose retention period is over (decision 0019).

For the program to run on a schedule (a daily cron or timer); --dry-run only lists them.
The closure is the same one a director runs from the family's records page, audited
with no person as its actor."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand

from families.retention import families_due, family_records_close


class Command(BaseCommand):
    help = "Close the records of every family past the program's retention period."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="List the families due; close nothing."
        )

    def handle(self, *args, dry_run=False, **options):
        due = families_due()
        closed = 0
        for family in due:
            if dry_run:
                self.stdout.write(f"Due: family {family.pk}")
                continue
            try:
                family_records_close(
                    actor=None, family=family, reason="Retention period over (scheduled)."
                )
            except ValidationError as refusal:
                self.stderr.write(f"Family {family.pk} not closed: {'; '.join(refusal.messages)}")
            else:
                closed += 1
                self.stdout.write(f"Closed: family {family.pk}")
        verb = "due" if dry_run else "closed"
        self.stdout.write(f"{len(due) if dry_run else closed} families {verb}.")
