"""Second factors: an authenticator app's codes, backup codes, and passkeys (decision 0017).

django-otp keeps the devices and checks their codes (each code once, failures slowed
down); django-otp-webauthn keeps the passkeys. This module says who must use one, which
ones a person has, and makes the changes, each announced to the audit trail.
"""

import secrets
from base64 import b32decode, b32encode
from binascii import unhexlify
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from audit.models import Action
from audit.services import audit_entry_create
from core.security import SecurityEvent, security_event_announce

#: Set in the session when the sign-in must be finished with a second factor: the person
#: chose one (a parent who set up an authenticator app), or their role requires it.
FACTOR_DUE_SESSION_KEY = "village_factor_due"
#: When the person last proved who they are (signed in, or typed their password again).
#: Changing a password, an e-mail or a factor asks for it to be recent.
CONFIRMED_AT_SESSION_KEY = "village_confirmed_at"
#: The authenticator-app secret being set up, until its first code proves it was copied.
PENDING_SECRET_SESSION_KEY = "village_pending_totp"
CONFIRMATION_MINUTES = 10
BACKUP_CODES = 10
#: The demo's staff use this secret (shown on the sign-in page in demo mode only).
DEMO_SECRET = "JBSWY3DPEHPK3PXP"


@dataclass(frozen=True)
class Factors:
    """What a person has set up, for their security page."""

    app: TOTPDevice | None
    backup_codes_left: int
    passkeys: list

    @property
    def any(self) -> bool:
        return self.app is not None or bool(self.passkeys)


def factors_of(user) -> Factors:
    app = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    backup = StaticDevice.objects.filter(user=user, confirmed=True).first()
    left = StaticToken.objects.filter(device=backup).count() if backup else 0
    passkeys = list(
        WebAuthnCredential.objects.filter(user=user, confirmed=True).order_by("created_at")
    )
    return Factors(app=app, backup_codes_left=left, passkeys=passkeys)


def has_second_factor(user) -> bool:
    """True when a password is not this person's only way in: an authenticator app or a
    passkey. The password rules ask less of such a password (accounts/passwords.py)."""
    if user is None or not getattr(user, "pk", None):
        return False
    return (
        TOTPDevice.objects.filter(user=user, confirmed=True).exists()
        or WebAuthnCredential.objects.filter(user=user, confirmed=True).exists()
    )


def factor_required(user) -> bool:
    """Staff hold every family's records: a password alone never lets them in."""
    return user.is_program_staff


def factor_due_at_sign_in(user) -> bool:
    """Whether a sign-in with a password must be finished with a second factor. A parent
    who set up an authenticator app asked for it; a passkey is a way in of its own, so
    having one does not make a password sign-in longer."""
    return factor_required(user) or TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def second_factor_owed(request) -> bool:
    """Signed in with a password, but the second factor not shown yet."""
    user = request.user
    if not user.is_authenticated or user.is_verified():
        return False
    return bool(request.session.get(FACTOR_DUE_SESSION_KEY) or factor_required(user))


def identity_confirm(request) -> None:
    request.session[CONFIRMED_AT_SESSION_KEY] = timezone.now().timestamp()


def identity_recently_confirmed(request) -> bool:
    stamp = request.session.get(CONFIRMED_AT_SESSION_KEY)
    if not isinstance(stamp, int | float):
        return False
    confirmed = datetime.fromtimestamp(stamp, tz=timezone.UTC)
    return timezone.now() - confirmed < timedelta(minutes=CONFIRMATION_MINUTES)


def code_check(*, request, code: str):
    """The device that accepts this code (the authenticator app's, or an unused backup
    code, which is then spent), or None. A wrong code is announced; django-otp slows
    down each device after failures."""
    user = request.user
    code = "".join(code.split()).lower()
    devices = [
        *TOTPDevice.objects.filter(user=user, confirmed=True),
        *StaticDevice.objects.filter(user=user, confirmed=True),
    ]
    for device in devices:
        with transaction.atomic():
            if device.verify_token(code):
                return device
    security_event_announce(event=SecurityEvent.FACTOR_FAILED, user=user, detail="code")
    return None


def sign_in_finish(*, request, device) -> None:
    """The second factor was shown: the session is verified, and the person has just
    proved who they are."""
    otp_login(request, device)
    request.session.pop(FACTOR_DUE_SESSION_KEY, None)
    identity_confirm(request)


# --- Setting up an authenticator app --------------------------------------------------


def pending_secret(request) -> str:
    """The hex secret offered on the set-up page, kept in the session until its first
    code proves it reached the app: reloading the page shows the same one."""
    secret = request.session.get(PENDING_SECRET_SESSION_KEY)
    if not secret:
        secret = secrets.token_hex(20)
        request.session[PENDING_SECRET_SESSION_KEY] = secret
    return secret


def secret_for_typing(secret_hex: str) -> str:
    """The secret as an app asks for it typed: base32, in groups of four."""
    text = b32encode(unhexlify(secret_hex)).decode().rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def app_link(*, user, secret_hex: str) -> str:
    device = TOTPDevice(user=user, key=secret_hex, name="app")
    return device.config_url


@transaction.atomic
def app_enrol(*, request, code: str) -> TOTPDevice | None:
    """Keep the pending secret when the code from the app matches it; replace any app
    set up before. The session counts as verified by it."""
    secret = request.session.get(PENDING_SECRET_SESSION_KEY)
    if not secret:
        return None
    device = TOTPDevice(user=request.user, key=secret, name="app", confirmed=True)
    if not device.verify_token("".join(code.split())):
        return None
    TOTPDevice.objects.filter(user=request.user).delete()
    device.save()
    del request.session[PENDING_SECRET_SESSION_KEY]
    sign_in_finish(request=request, device=device)
    security_event_announce(event=SecurityEvent.FACTOR_ADDED, user=request.user, detail="app")
    return device


@transaction.atomic
def backup_codes_renew(*, user) -> list[str]:
    """Ten new single-use codes; the old ones stop working. Shown once: the person keeps
    them somewhere safe for the day their phone is lost."""
    device, _ = StaticDevice.objects.get_or_create(
        user=user, name="backup", defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [_backup_code() for _ in range(BACKUP_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    security_event_announce(event=SecurityEvent.FACTOR_ADDED, user=user, detail="backup codes")
    return codes


def _backup_code() -> str:
    alphabet = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i to misread
    return "".join(secrets.choice(alphabet) for _ in range(10))


class LastFactor(Exception):
    """Staff may not remove the last factor that lets them in."""


@transaction.atomic
def app_remove(*, user) -> None:
    if factor_required(user) and not factors_of(user).passkeys:
        raise LastFactor
    TOTPDevice.objects.filter(user=user).delete()
    security_event_announce(event=SecurityEvent.FACTOR_REMOVED, user=user, detail="app")


def passkey_for(user, key):
    """One of the person's own passkeys (the access rule's loader); anyone else's is 404."""
    return get_object_or_404(WebAuthnCredential, user=user, pk=key)


@transaction.atomic
def passkey_remove(*, user, passkey) -> None:
    factors = factors_of(user)
    if factor_required(user) and factors.app is None and len(factors.passkeys) <= 1:
        raise LastFactor
    passkey.delete()
    security_event_announce(event=SecurityEvent.FACTOR_REMOVED, user=user, detail="passkey")


def demo_enrol(user) -> None:
    """The demo's staff sign in with the published demo secret (demo mode only)."""
    TOTPDevice.objects.update_or_create(
        user=user, name="app", defaults={"key": demo_secret_hex(), "confirmed": True}
    )


def demo_secret_hex() -> str:
    return b32decode(DEMO_SECRET + "=" * (-len(DEMO_SECRET) % 8)).hex()


def on_sign_in(sender, request, user, **kwargs) -> None:
    """At every sign-in (password or passkey): remember whether a second factor is due,
    and that the person has just proved who they are."""
    if request is None or not hasattr(request, "session"):
        return
    if factor_due_at_sign_in(user):
        request.session[FACTOR_DUE_SESSION_KEY] = True
    identity_confirm(request)


@transaction.atomic
def factors_reset(*, actor, user) -> None:
    """The way back for someone who lost their phone and their backup codes: the director
    removes every factor and ends every session. Staff then set a factor up again at their
    next sign-in, after their password."""
    from accounts.sessions import sessions_end_all

    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    WebAuthnCredential.objects.filter(user=user).delete()
    sessions_end_all(user=user, detail="factors reset")
    security_event_announce(
        event=SecurityEvent.FACTOR_REMOVED, user=user, detail="all, by director"
    )
    audit_entry_create(actor=actor, action=Action.CHANGED, record=user, fields=["factors"])
