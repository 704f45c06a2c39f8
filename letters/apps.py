from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LettersConfig(AppConfig):
    name = "letters"
    verbose_name = _("Letters")

    def ready(self):
        from audit.naming import name_records
        from letters import records  # noqa: F401 — adds the family records' part (0019)
        from letters.models import Letter

        name_records(
            Letter,
            kind=_("Letter to an employer"),
            name=lambda letter: f"{letter.starts_on:%Y-%m-%d} – {letter.ends_on:%Y-%m-%d}",
        )
