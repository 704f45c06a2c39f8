"""Messages about a reply, by e-mail and (where the person said texts are OK) by text.
They name the event and its time, which are public, and link to the reply's own page;
never the children's ages or anything else the person told us."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import models
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from core.zones import zone_of
from notices.sms import send_sms


class Message(models.TextChoices):
    CONFIRMED = "confirmed"
    WAITING = "waiting"
    PROMOTED = "promoted"
    CHANGED = "changed"
    CANCELLED = "cancelled"
    REMINDER = "reminder"
    RESOURCES = "resources"


#: Replies told per queued task: a cancelled training of 2,000 is twenty tasks, not 2,000.
BATCH = 100


def tell(registration_ids: list[int], what: str) -> None:
    """Queue the message `what` to each reply, in batches."""
    for start in range(0, len(registration_ids), BATCH):
        send_messages.enqueue(registration_ids[start : start + BATCH], what)


@task()
def send_messages(registration_ids: list[int], what: str) -> None:
    from gatherings.models import Registration

    for registration in Registration.objects.select_related("gathering", "user").filter(
        pk__in=registration_ids
    ):
        _send(registration, what)


def _send(registration, what: str) -> None:
    user = registration.user
    if user is not None and not user.is_active:
        return
    context = {
        "what": what,
        "gathering": registration.gathering,
        "registration": registration,
        "link": settings.SITE_URL + reverse("gatherings:registration", args=[registration.secret]),
        "program": settings.PROGRAM_NAME,
    }
    with translation.override(registration.language), timezone.override(zone_of(user)):
        if registration.email:
            subject = render_to_string("gatherings/message_subject.txt", context).strip()
            body = render_to_string("gatherings/message_body.txt", context)
        if registration.phone and registration.texts_ok:
            text = render_to_string("gatherings/message_sms.txt", context).strip()
            send_sms(registration.phone, " ".join(text.split()))
    if registration.email:
        send_mail(subject, body, None, [registration.email])
