from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReferralsConfig(AppConfig):
    name = "referrals"
    verbose_name = _("Referrals")

    def ready(self):
        # Here rather than at the top: models are not loaded when this module is imported.
        from core import sweep
        from directory.sections import service_section_register
        from partnerships.figures import register
        from referrals import records  # noqa: F401 — adds the family records' part (0019)
        from referrals.figures import KEY, ORDER, completed_by_need
        from referrals.reminders import nudges_send
        from referrals.sections import REFER, TEMPLATE, refer_section

        service_section_register(name=REFER, template=TEMPLATE, context=refer_section)
        # The worker's reminder sweep asks how a referral went once it has sat a week.
        sweep.register(nudges_send)
        # The outcomes dashboard shows the referrals completed, by need.
        register(KEY, order=ORDER, compute=completed_by_need)
