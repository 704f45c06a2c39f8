from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkConfig(AppConfig):
    name = "work"
    verbose_name = _("Work shifts")

    def ready(self):
        from partnerships import sections
        from schedule import busy, sources
        from work.calendar import CALENDAR_SOURCE, shift_clashes

        # A parent's shifts are on her own calendar and feed; the calendar asks them
        # about every date it schedules for her; the coach's partnership page links to
        # the parents' shifts.
        sources.register(CALENDAR_SOURCE)
        busy.register("work", shift_clashes)
        sections.register("work", template="work/_partnership_section.html", order=35)
