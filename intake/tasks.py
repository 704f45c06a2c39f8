"""Intake e-mails. None carries what the person wrote: only that it arrived, and a link."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone, translation

from accounts.models import Role


@task()
def acknowledge_submission(submission_id: int) -> None:
    from intake.models import Submission

    submission = Submission.objects.get(pk=submission_id)
    with translation.override(submission.language):
        context = {
            "program": settings.PROGRAM_NAME,
            "due": formats.date_format(timezone.localtime(submission.due_at), "DATE_FORMAT"),
        }
        subject = render_to_string("intake/email/acknowledgment_subject.txt", context).strip()
        body = render_to_string("intake/email/acknowledgment_body.txt", context)
    send_mail(subject, body, None, [submission.email])


@task()
def notify_coaches_of_submission(submission_id: int) -> None:
    coaches = get_user_model().objects.filter(groups__name=Role.COACH, is_active=True)
    link = f"{settings.SITE_URL}{reverse('intake:queue')}"
    for coach in coaches:
        with translation.override(coach.language):
            subject = render_to_string("intake/email/new_submission_subject.txt").strip()
            body = render_to_string("intake/email/new_submission_body.txt", {"link": link})
        send_mail(subject, body, None, [coach.email])
