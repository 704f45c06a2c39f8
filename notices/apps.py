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

        from django.contrib.auth.signals import user_logged_out
        from django.db.models.signals import post_save

        from notices import push, services

        push.check_settings()
        # Signing out of a browser stops its pushes; an account switched off has none.
        # Named by label: notices sits below accounts and may not import its models.
        user_logged_out.connect(
            services.device_forget_on_sign_out, dispatch_uid="notices_device_sign_out"
        )
        post_save.connect(
            push.devices_follow_account,
            sender=settings.AUTH_USER_MODEL,
            dispatch_uid="notices_devices_follow_account",
        )
