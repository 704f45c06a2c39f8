"""Django's own sign-in signals, announced as security events, so a sign-in is recorded
whatever view signs the person in: the password form, a second factor's or a passkey's,
an invitation accepted. Each calls `login()`, which sends `user_logged_in`."""

from django.contrib.auth import get_user_model

from core.security import SecurityEvent, security_event_announce


def announce_signed_in(sender, request, user, **kwargs) -> None:
    security_event_announce(event=SecurityEvent.SIGNED_IN, user=user)


def announce_signed_out(sender, request, user, **kwargs) -> None:
    # Signing out of a session that had already ended names nobody: still a sign-out.
    security_event_announce(event=SecurityEvent.SIGNED_OUT, user=user)


def announce_sign_in_failed(sender, credentials, request=None, **kwargs) -> None:
    """A wrong password is recorded against the account whose address was typed. An
    address that is no account's is recorded with no one: the trail keeps nothing of what
    was typed, which may be a person's other address, or their password in the wrong box."""
    User = get_user_model()
    typed = str(credentials.get("username") or credentials.get(User.USERNAME_FIELD) or "")
    account = User.objects.filter(email__iexact=typed.strip()).first() if typed.strip() else None
    security_event_announce(event=SecurityEvent.SIGN_IN_FAILED, user=account)
