"""Security events, announced from any layer and written to the audit trail.

A sign-in, a refusal or a second factor added is not a change to a record, so it does not
travel on `core.services.record_changed`; and accounts, core's access rules and the
lockout sit beside or below the audit trail, so they cannot import it. They announce the
event here; the audit trail listens (audit/apps.py).
"""

from enum import StrEnum

from django.dispatch import Signal

#: Sent with `event` (a SecurityEvent), `user` (the account concerned, or None when the
#: address matched no account) and `detail` (a short, non-sensitive word: a URL's name,
#: a factor's kind; never a guessed id or a typed password).
security_event = Signal()


class SecurityEvent(StrEnum):
    SIGNED_IN = "signed_in"
    SIGN_IN_FAILED = "sign_in_failed"
    LOCKED_OUT = "locked_out"
    UNLOCKED = "unlocked"
    SIGNED_OUT = "signed_out"
    SESSIONS_ENDED = "sessions_ended"
    PASSWORD_CHANGED = "password_changed"
    PASSWORD_RESET_REQUESTED = "reset_requested"
    PASSWORD_RESET = "password_reset"
    FACTOR_ADDED = "factor_added"
    FACTOR_REMOVED = "factor_removed"
    FACTOR_FAILED = "factor_failed"
    REFUSED = "refused"


def security_event_announce(*, event: SecurityEvent, user=None, detail: str = "") -> None:
    """Hand a security event to the audit trail from any layer."""
    security_event.send(sender=SecurityEvent, event=event, user=user, detail=detail[:100])
