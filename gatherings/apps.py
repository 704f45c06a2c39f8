from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GatheringsConfig(AppConfig):
    name = "gatherings"
    verbose_name = _("Gatherings")

    def ready(self):
        from core import sweep
        from gatherings.services import reminders_send

        # The day-before reminder goes out with the worker's reminder sweep.
        sweep.register(reminders_send)
