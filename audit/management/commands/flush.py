from django.core.management.commands.flush import Command as FlushCommand
from django.db import connections

from audit.db import audit_maintenance


class Command(FlushCommand):
    """Django's flush, allowed past the audit trail's append-only triggers: a flush wipes
    every table, so it is the one time the trail may go too."""

    def handle(self, **options):
        with audit_maintenance(connections[options["database"]]):
            return super().handle(**options)
