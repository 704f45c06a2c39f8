from django.conf import settings
from django.contrib.auth import get_user_model

from accounts import lockout
from accounts.models import Role
from accounts.tasks import PASSWORD_RESET, send_account_link
from audit.models import Action
from audit.services import audit_entry_create
from core.security import SecurityEvent, security_event_announce
from core.throttle import throttle_hit

User = get_user_model()

#: Which roles each inviter may hand out. Only a director creates staff accounts.
GRANTABLE = {
    Role.DIRECTOR: {
        Role.DIRECTOR,
        Role.COACH,
        Role.FINANCE,
        Role.BIRTH_PARENT,
        Role.PARTNER_PARENT,
        Role.VOLUNTEER,
    },
    Role.COACH: {Role.BIRTH_PARENT, Role.PARTNER_PARENT, Role.VOLUNTEER},
}


def roles_grantable_by(actor) -> set[str]:
    grantable: set[str] = set()
    for role in actor.roles:
        grantable |= GRANTABLE.get(role, set())
    return grantable


def password_reset_send(*, email: str, address: str | None = None) -> None:
    """Send a reset link if an active account with a password has this e-mail.

    Says nothing about whether it does, so the form cannot be used to find accounts; and
    nothing about the throttles either: past PASSWORD_RESETS_PER_HOUR for one e-mail, or
    PASSWORD_RESETS_PER_ADDRESS_PER_HOUR from one address, no more links go, silently, so
    nobody can fill a parent's inbox with them. The account's trail shows each request,
    sent or held back; a request for an address matching no account is recorded against
    no one, the address not kept."""
    email = email.strip().lower()
    held_back = throttle_hit(
        scope="password_reset_address",
        key=address,
        limit=settings.PASSWORD_RESETS_PER_ADDRESS_PER_HOUR,
    ) or throttle_hit(scope="password_reset", key=email, limit=settings.PASSWORD_RESETS_PER_HOUR)
    asked_for = None
    for user in User.objects.filter(email__iexact=email, is_active=True):
        if user.has_usable_password():
            asked_for = user
            security_event_announce(
                event=SecurityEvent.PASSWORD_RESET_REQUESTED,
                user=user,
                detail="throttled" if held_back else "sent",
            )
            if not held_back:
                send_account_link.enqueue(user.pk, PASSWORD_RESET)
    if asked_for is None:  # recorded against no one, the typed address not kept
        security_event_announce(event=SecurityEvent.PASSWORD_RESET_REQUESTED, user=None)


def user_language_set(*, user, language: str) -> None:
    """The person's own choice of language, audited as a change of their account.

    From then on it is theirs: no browser they sign in from changes it."""
    _own_setting_change(user, language=language, language_chosen=True)


def user_language_from_browser(*, user, language: str) -> bool:
    """On signing in, a person who never chose a language takes their browser's, kept on
    their account so e-mails and text messages speak it too. True when it changed."""
    if user.language_chosen or user.language == language:
        return False
    _own_setting_change(user, language=language)
    return True


def user_time_zone_set(*, user, time_zone: str) -> None:
    """The person's own clock, audited as a change of their account."""
    _own_setting_change(user, time_zone=time_zone)


def _own_setting_change(user, **values) -> None:
    changed = [name for name, value in values.items() if getattr(user, name) != value]
    if not changed:
        return  # the same choice again changes nothing, so the trail says nothing
    for name in changed:
        setattr(user, name, values[name])
    user.save(update_fields=changed)
    audit_entry_create(actor=user, action=Action.CHANGED, record=user, fields=changed)


def account_unlock(*, actor, user) -> bool:
    """Lift a sign-in lockout (accounts/lockout.py): the director's unlock, or the person's
    own password reset (`actor` is then the person). Forgets the account's failed
    sign-ins from every address. True when there were some to forget."""
    cleared = lockout.attempts_clear(user) > 0
    if cleared or actor != user:
        security_event_announce(
            event=SecurityEvent.UNLOCKED,
            user=user,
            detail="password_reset" if actor == user else "director",
        )
    if actor != user:
        audit_entry_create(actor=actor, action=Action.CHANGED, record=user, fields=["lockout"])
    return cleared
