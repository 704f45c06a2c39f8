"""Web Push: a notice shown by the browser on a phone or computer the person turned it on
for, even with Village closed (docs/decisions/0040-web-push.md).

The program signs each push with its VAPID key pair (settings VAPID_*), so a push service
takes pushes for its subscriptions from this server alone; without the keys push is off
and the devices page says so. A push carries what an e-mail's subject says and no more:
the program's name, "You have a new update" and the path to open.

Sending is the task worker's (notices/tasks.py). A push service that answers 404 or 410
has forgotten the subscription (the browser unsubscribed, the app was removed): its row
goes. Any other failure is logged and left to the task's own retry."""

import base64
import binascii
import functools
import json
import logging
from enum import Enum
from urllib.parse import urlsplit

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

from core.devices import device_of
from notices.models import PushDevice

logger = logging.getLogger(__name__)

#: How long a push service keeps a push for a device that is off, in seconds. An update
#: is still worth knowing of the next day; a reminder of a time that has passed is not.
TTL = {"update": 24 * 3600, "digest": 24 * 3600, "reminder": 4 * 3600}
#: Seconds to wait for a push service before counting the push as failed.
TIMEOUT = 10

_UNCOMPRESSED_POINT = 65  # bytes of a P-256 public key: 0x04, x, y
_RAW_PRIVATE = 32
_AUTH_SECRET = 16


def b64url_decode(text: str) -> bytes:
    """Base64url with or without its padding; ValueError for anything else."""
    if not text or any(c not in _B64URL for c in text):
        raise ValueError("not base64url")
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError):
        raise ValueError("not base64url") from None


_B64URL = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")


def b64url_encode(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def public_key_of(encoded: str) -> ec.EllipticCurvePublicKey:
    """A P-256 public key from its base64url uncompressed point; ValueError otherwise."""
    raw = b64url_decode(encoded)
    if len(raw) != _UNCOMPRESSED_POINT or raw[0] != 4:
        raise ValueError("not an uncompressed P-256 point")
    return ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), raw)


def generate_keys() -> tuple[str, str]:
    """A new (public, private) VAPID pair, base64url, as settings take them."""
    private = ec.generate_private_key(ec.SECP256R1())
    number = private.private_numbers().private_value.to_bytes(_RAW_PRIVATE, "big")
    return _point_of(private.public_key()), b64url_encode(number)


def _point_of(key: ec.EllipticCurvePublicKey) -> str:
    return b64url_encode(
        key.public_bytes(serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint)
    )


# --- Settings ---------------------------------------------------------------------------


def enabled() -> bool:
    """Whether this program sends pushes: its VAPID keys are set."""
    return bool(settings.VAPID_PRIVATE_KEY)


def check_settings() -> None:
    """At start (notices/apps.py): the three VAPID settings are all set or all empty, and
    make one key pair; the push services are addresses. Raises ImproperlyConfigured."""
    given = [settings.VAPID_PUBLIC_KEY, settings.VAPID_PRIVATE_KEY, settings.VAPID_SUBJECT]
    if any(given) and not all(given):
        raise ImproperlyConfigured(
            "Set VILLAGE_VAPID_PUBLIC_KEY, VILLAGE_VAPID_PRIVATE_KEY and VILLAGE_VAPID_SUBJECT "
            "together (`manage.py generate_vapid_keys` prints them), or none to leave push off."
        )
    for service in settings.PUSH_SERVICES:
        parts = urlsplit(service)
        if parts.scheme not in {"https", "http"} or not parts.hostname or parts.path:
            raise ImproperlyConfigured(
                f"VILLAGE_PUSH_SERVICES: {service!r} is not like https://push.example.com."
            )
    if not any(given):
        return
    if not settings.VAPID_SUBJECT.startswith(("mailto:", "https://")):
        raise ImproperlyConfigured(
            "VILLAGE_VAPID_SUBJECT must be a mailto: or https:// address push services "
            "can reach the program at."
        )
    try:
        public = public_key_of(settings.VAPID_PUBLIC_KEY)
        private = _private_key(settings.VAPID_PRIVATE_KEY)
    except ValueError:
        raise ImproperlyConfigured(
            "VILLAGE_VAPID_PUBLIC_KEY or VILLAGE_VAPID_PRIVATE_KEY is not a P-256 key in "
            "base64url; `manage.py generate_vapid_keys` prints a pair."
        ) from None
    if _point_of(private.public_key()) != _point_of(public):
        raise ImproperlyConfigured(
            "VILLAGE_VAPID_PUBLIC_KEY is not the public half of VILLAGE_VAPID_PRIVATE_KEY."
        )


def _private_key(encoded: str) -> ec.EllipticCurvePrivateKey:
    raw = b64url_decode(encoded)
    if len(raw) != _RAW_PRIVATE:
        raise ValueError("not a raw P-256 private key")
    return ec.derive_private_key(int.from_bytes(raw, "big"), ec.SECP256R1())


@functools.lru_cache(maxsize=2)
def _vapid(encoded: str):
    """The signer, made once per key (the tests change keys)."""
    from py_vapid import Vapid

    return Vapid(_private_key(encoded))


# --- Subscriptions ----------------------------------------------------------------------


def is_push_service(endpoint: str) -> bool:
    """Whether `endpoint` is at one of the push services this program sends to. The
    address comes from the browser: without this check, anyone signed in could have the
    worker post to any address, inside the program's network too."""
    parts = urlsplit(endpoint)
    if not parts.hostname or parts.username or parts.password:
        return False
    for service in settings.PUSH_SERVICES:
        allowed = urlsplit(service)
        host = allowed.hostname or ""
        if parts.scheme != allowed.scheme:
            continue
        if host.startswith("*.") and parts.hostname.endswith(host[1:]):
            return True
        if parts.hostname == host:
            return True
    return False


def keys_are_sound(p256dh: str, auth: str) -> bool:
    """A browser's subscription keys: its P-256 public key and 16-byte secret."""
    try:
        public_key_of(p256dh)
        return len(b64url_decode(auth)) == _AUTH_SECRET
    except ValueError:
        return False


def label_of(user_agent: str) -> str:
    """ "Chrome · Android" from a User-Agent, as the list of signed-in browsers names
    them (core.devices)."""
    return " · ".join(part for part in device_of(user_agent) if part)[:60]


# --- Sending ----------------------------------------------------------------------------


class Outcome(Enum):
    SENT = "sent"
    GONE = "gone"  # the push service forgot the subscription: its row is deleted
    FAILED = "failed"  # worth trying again later


def payload(*, body: str, path: str) -> str:
    """What a push carries, in full."""
    return json.dumps({"title": settings.PROGRAM_NAME, "body": body, "url": path})


def send(device: PushDevice, data: str, *, ttl: int) -> Outcome:
    """One push to one device."""
    from pywebpush import WebPushException, webpush
    from requests import RequestException

    if not enabled():
        # The keys were taken away after the push was queued: the device stays, for
        # when they are back.
        return Outcome.FAILED
    if not is_push_service(device.endpoint):
        # A service taken off the list since: its devices get nothing more.
        device.delete()
        return Outcome.GONE
    subscription = {
        "endpoint": device.endpoint,
        "keys": {"p256dh": device.p256dh, "auth": device.auth},
    }
    try:
        webpush(
            subscription,
            data,
            vapid_private_key=_vapid(settings.VAPID_PRIVATE_KEY),
            vapid_claims={"sub": settings.VAPID_SUBJECT},
            ttl=ttl,
            timeout=TIMEOUT,
        )
    except WebPushException as error:
        status = getattr(error.response, "status_code", None)
        if status in (404, 410):
            device.delete()
            return Outcome.GONE
        # The response's text may echo the endpoint: the status alone is logged.
        logger.warning("Push to device %s failed: status %s", device.pk, status)
        return Outcome.FAILED
    except RequestException as error:
        logger.warning("Push to device %s failed: %s", device.pk, type(error).__name__)
        return Outcome.FAILED
    PushDevice.objects.filter(pk=device.pk).update(last_used_at=timezone.now())
    return Outcome.SENT


def devices_follow_account(sender, instance, created, **kwargs) -> None:
    """Connected to the User's post_save: an account switched off keeps no devices (its
    notices stop anyway: every task checks is_active). Not audited, and kept out of
    services.py: switching the account off is the change, and it ends the account's
    sessions with an entry of its own (accounts/sessions.py)."""
    if not created and not instance.is_active:
        PushDevice.objects.filter(user=instance).delete()
