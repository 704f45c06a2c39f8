from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LifebookConfig(AppConfig):
    name = "lifebook"
    verbose_name = _("Life book")

    def ready(self):
        from lifebook import records  # noqa: F401 — adds the family records' part (0019)
