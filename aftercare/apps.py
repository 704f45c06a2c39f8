from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AftercareConfig(AppConfig):
    name = "aftercare"
    verbose_name = _("The year after reunification")

    def ready(self):
        from aftercare import records  # noqa: F401 — adds the family records' part (0019)
        from aftercare.figures import KEY, ORDER, year_after
        from aftercare.receivers import plan_follow_ups
        from partnerships import figures
        from partnerships.signals import stage_changed

        stage_changed.connect(plan_follow_ups, dispatch_uid="aftercare_plan_follow_ups")
        # The outcomes dashboard shows the year's check-ins and the warning signs raised.
        figures.register(KEY, order=ORDER, compute=year_after)
