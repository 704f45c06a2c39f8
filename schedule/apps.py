from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScheduleConfig(AppConfig):
    name = "schedule"
    verbose_name = _("Calendar")

    def ready(self):
        from partnerships import sections
        from schedule.sections import coming_prepare

        sections.register(
            "coming",
            template="schedule/_partnership_section.html",
            order=30,
            context_fn=coming_prepare,
        )
