from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConversationsConfig(AppConfig):
    name = "conversations"
    verbose_name = _("Messages")

    def ready(self):
        from conversations import hub, records  # noqa: F401 — records: the family records (0019)
        from conversations.texting import message_by_text
        from texts import replies
        from voice import hearing
        from voice.models import Purpose

        # A message's voice note is heard by whoever may open its conversation.
        hearing.register(Purpose.MESSAGE, hub.hears_voice_note)
        # Whatever else a parent texts to the program's number reaches their coach.
        replies.register_fallback(message_by_text)
