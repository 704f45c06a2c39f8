from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GatheringsConfig(AppConfig):
    name = "gatherings"
    verbose_name = _("Gatherings")

    def ready(self):
        from core import sweep
        from gatherings import records  # noqa: F401 — adds the family records' part (0019)
        from gatherings.calendar import CALENDAR_SOURCE
        from gatherings.figures import KEY, ORDER, gathering_attendance
        from gatherings.reminders import reminders_send
        from partnerships import figures
        from schedule import sources

        # Gatherings are events on the calendar: the day-before reminder goes out with
        # the worker's sweep, and a person's gatherings are on their calendar and feed.
        sweep.register(reminders_send)
        sources.register(CALENDAR_SOURCE)
        # The outcomes dashboard shows who came to the program's gatherings.
        figures.register(KEY, order=ORDER, compute=gathering_attendance)
