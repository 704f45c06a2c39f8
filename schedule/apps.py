from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScheduleConfig(AppConfig):
    name = "schedule"
    verbose_name = _("Calendar")

    def ready(self):
        from partnerships import sections
        from schedule import records  # noqa: F401 — adds the family records' part (0019)
        from schedule.sections import coming_prepare
        from schedule.texting import confirm_by_text
        from texts import replies

        sections.register(
            "coming",
            template="schedule/_partnership_section.html",
            order=30,
            context_fn=coming_prepare,
        )
        # A parent texts "C" to say they will come to tomorrow's family time.
        replies.register_keyword("C", confirm_by_text)
