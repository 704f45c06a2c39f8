from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CaseplanConfig(AppConfig):
    name = "caseplan"
    verbose_name = _("Case plan and contacts")

    def ready(self):
        from caseplan import records  # noqa: F401 — adds the family records' part (0019)
