from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConversationsConfig(AppConfig):
    name = "conversations"
    verbose_name = _("Messages")

    def ready(self):
        from conversations import hub, records  # noqa: F401 — records: the family records (0019)
        from voice import hearing
        from voice.models import Purpose

        # A message's voice note is heard by whoever may open its conversation.
        hearing.register(Purpose.MESSAGE, hub.hears_voice_note)
