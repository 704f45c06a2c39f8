"""Notices that something is new. They say only that, and link to it: never a child's
name, photo or words (docs/decisions/0007)."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.tasks import task
from django.template.loader import render_to_string
from django.utils import translation


@task()
def send_update_notice(user_id: int, path: str) -> None:
    user = get_user_model().objects.get(pk=user_id)
    if not user.is_active:
        return
    with translation.override(user.language):
        context = {"link": f"{settings.SITE_URL}{path}", "program": settings.PROGRAM_NAME}
        subject = render_to_string("core/email/update_subject.txt", context).strip()
        body = render_to_string("core/email/update_body.txt", context)
    send_mail(subject, body, None, [user.email])
