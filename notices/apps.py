from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NoticesConfig(AppConfig):
    name = "notices"
    verbose_name = _("Notifications")

    def ready(self):
        from django.conf import settings
        from django.core.exceptions import ImproperlyConfigured
        from django.utils.module_loading import import_string

        try:
            import_string(settings.SMS_BACKEND)
        except ImportError:
            raise ImproperlyConfigured(
                f"VILLAGE_SMS_BACKEND={settings.SMS_BACKEND!r} is not a class Village can import."
            ) from None
