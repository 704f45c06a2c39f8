from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TextsConfig(AppConfig):
    name = "texts"
    verbose_name = _("Text messages")

    def ready(self):
        from core.phone import do_not_text_register
        from texts.selectors import opted_out

        # A number that answered STOP gets nothing, whichever backend sends (the console
        # and the tests' memory too), checked at the moment of sending.
        do_not_text_register(opted_out)
