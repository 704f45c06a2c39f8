"""Signing in for the tests, the benchmarks and the screenshots' gallery, which reach
staff pages the way staff do: through a second factor (accounts/factors.py)."""

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import factors
from accounts.models import User


def sign_in_client(client, user):
    """Sign a Django test client in as `user`, its second factor shown when one is due,
    as after a real sign-in."""
    client.force_login(user)
    return second_factor_shown(client, user)


def second_factor_shown(client, user):
    """Finish a test client's password sign-in as the code page would, when one is due."""
    if factors.factor_due_at_sign_in(user):
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        if device is None:
            device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client


def single_use_code(email: str) -> str:
    """A fresh backup code for the account: a browser signing in as staff types it on
    the code page. An app's code can be used once per 30 seconds, and the tests sign the
    same person in more often than that."""
    user = User.objects.get(email=email)
    device, _ = StaticDevice.objects.get_or_create(user=user, name="backup")
    token = StaticToken.random_token()
    StaticToken.objects.create(device=device, token=token)
    return token
