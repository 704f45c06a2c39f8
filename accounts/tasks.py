"""E-mails that carry a sign-in link. They run on the task queue so a slow mail server
never holds up a coach's page."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

INVITATION = "invitation"
PASSWORD_RESET = "password_reset"
_ROUTES = {
    INVITATION: "accounts:invitation_accept",
    PASSWORD_RESET: "accounts:password_reset_confirm",
}


def account_link(user, purpose: str) -> str:
    """A single-use link: the token stops working once the password is set, or when
    INVITATION_HOURS have passed (Django's password-reset token)."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    path = reverse(_ROUTES[purpose], kwargs={"uidb64": uid, "token": token})
    return f"{settings.SITE_URL}{path}"


@task()
def send_account_link(user_id: int, purpose: str) -> None:
    """The token is made when the e-mail is sent, so no usable link waits in the queue."""
    user = get_user_model().objects.get(pk=user_id)
    with translation.override(user.language):
        context = {
            "link": account_link(user, purpose),
            "program": settings.PROGRAM_NAME,
            "hours": settings.INVITATION_HOURS,
        }
        subject = render_to_string(f"accounts/email/{purpose}_subject.txt", context).strip()
        body = render_to_string(f"accounts/email/{purpose}_body.txt", context)
    send_mail(subject, body, None, [user.email])
