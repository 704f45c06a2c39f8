from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VoiceConfig(AppConfig):
    name = "voice"
    verbose_name = _("Voice recordings")

    def ready(self):
        from voice import records  # noqa: F401 — adds the family records' part (0019)
