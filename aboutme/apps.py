from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AboutMeConfig(AppConfig):
    name = "aboutme"
    verbose_name = _("All About Me")

    def ready(self):
        from aboutme import records  # noqa: F401 — adds the family records' part (0019)
