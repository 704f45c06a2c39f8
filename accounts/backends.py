from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django_otp_webauthn.backends import WebAuthnBackend
from django_otp_webauthn.helpers import WebAuthnHelper
from webauthn.helpers.structs import UserVerificationRequirement


class UserBackend(ModelBackend):
    """Django's backend, loading the person with the user: every page greets them by name."""

    def get_user(self, user_id):
        UserModel = get_user_model()
        try:
            user = UserModel._default_manager.select_related("person").get(pk=user_id)
        except UserModel.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None


class PasskeyBackend(WebAuthnBackend):
    """django-otp-webauthn's sign-in with a passkey alone, loading the person like
    UserBackend does."""

    def get_user(self, user_id):
        return UserBackend().get_user(user_id)


class PasskeyHelper(WebAuthnHelper):
    """Passkeys that stand in for a password must check who holds the phone (fingerprint,
    face or the phone's PIN): user verification is required, not merely preferred."""

    def get_generate_registration_options_kwargs(self, *, user):
        options = super().get_generate_registration_options_kwargs(user=user)
        options["authenticator_selection"].user_verification = UserVerificationRequirement.REQUIRED
        return options

    def authenticate_complete(self, user, state: dict, data: dict):
        """The passkey, with its owner loaded in the same query: the views that sign in
        with it read `device.user` next."""
        device = super().authenticate_complete(user, state, data)
        return type(device).objects.select_related("user__person").get(pk=device.pk)
