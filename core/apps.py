from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"

    def ready(self):
        from django.db.models import fields
        from django.utils.translation import gettext_lazy as _

        # Django's own Spanish leaves every select's empty choice in English; owning the
        # label puts it in our catalogue, where the translators keep it.
        fields.BLANK_CHOICE_LABEL = _("- Select an option -")

        from core.bounds import install_id_checks

        # Every choice of records checks its ids before the database sees them (0023).
        install_id_checks()
