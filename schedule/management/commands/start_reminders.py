from django.core.management.base import BaseCommand

from schedule.tasks import remind, sweep_queued


class Command(BaseCommand):
    help = "Start the calendar's reminder sweep on the worker, unless it is already queued."

    def handle(self, *args, **options):
        if sweep_queued():
            self.stdout.write("The reminder sweep is already queued.")
            return
        remind.enqueue()
        self.stdout.write("The reminder sweep is queued; the worker runs it.")
