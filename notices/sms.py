"""Text messages behind one small interface, like Django's e-mail backends.

SMS_BACKEND names the class: the console backend (the default) prints the message, the
memory backend keeps it in `outbox` for tests; a provider's backend implements `send`.
"""

import sys

from django.conf import settings
from django.utils.module_loading import import_string

from core.phone import may_text

outbox: list[tuple[str, str]] = []


class ConsoleBackend:
    def send(self, to: str, text: str) -> None:
        sys.stdout.write(f"SMS to {to}: {text}\n")


class MemoryBackend:
    def send(self, to: str, text: str) -> None:
        outbox.append((to, text))


def send_sms(to: str, text: str) -> None:
    if not may_text(to):  # the number answered STOP (texts), checked as it is sent
        return
    import_string(settings.SMS_BACKEND)().send(to, text)
