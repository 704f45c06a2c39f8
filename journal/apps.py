from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JournalConfig(AppConfig):
    name = "journal"
    verbose_name = _("Journal")

    def ready(self):
        from journal import hub, records  # noqa: F401 — records: the family records' part (0019)
        from partnerships import hooks
        from voice import hearing
        from voice.models import Purpose

        # Recordings wait for the coach where posts do; a post's voice note is heard by
        # whoever may read the post.
        hooks.review_first.register(hub.review_first)
        hearing.register(Purpose.JOURNAL, hub.hears_voice_note)
