from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgreementsConfig(AppConfig):
    name = "agreements"
    verbose_name = _("Partnership agreements")

    def ready(self):
        from agreements.sections import sharing_prepare
        from partnerships import sections

        sections.register(
            "sharing",
            template="agreements/_partnership_section.html",
            order=10,
            context_fn=sharing_prepare,
        )
