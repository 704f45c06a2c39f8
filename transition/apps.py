from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TransitionConfig(AppConfig):
    name = "transition"
    verbose_name = _("The road home")

    def ready(self):
        from partnerships import hooks
        from partnerships import sections as partnership_sections
        from schedule import sources
        from transition import (
            hub,
            records,  # noqa: F401 — adds the family records' part (0019)
        )
        from transition.calendar import CALENDAR_SOURCE
        from transition.sections import road_home_prepare

        # A plan's dates are on the calendars and private feeds of the people they are for;
        # its last steps are the year after's first check-ins; the court summary's draft
        # says how far it has come.
        sources.register(CALENDAR_SOURCE)
        hooks.first_check_ins.register(hub.first_check_ins)
        hooks.summary_parts.register(hub.summary_section)
        partnership_sections.register(
            "road_home",
            template="transition/_partnership_section.html",
            order=45,
            context_fn=road_home_prepare,
        )
