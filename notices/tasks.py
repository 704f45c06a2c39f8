"""Notices that something is new. They say only that, and link to it: never a child's
name, photo or words (docs/decisions/0007)."""

from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from core.zones import zone_of
from notices import push
from notices.models import Channel, PendingNotice, PushDevice
from notices.sms import send_sms

#: How often a push a push service failed to take is tried, in all, and how long apart.
PUSH_TRIES = 3
PUSH_RETRY_AFTER = timedelta(minutes=10)


def _deliver(user, channel: str, template: str, path: str, context: dict) -> None:
    with translation.override(user.language), timezone.override(zone_of(user)):
        context = {**context, "program": settings.PROGRAM_NAME, "link": settings.SITE_URL + path}
        if channel == Channel.PUSH:
            body = render_to_string(f"notices/{template}_push.txt", context).strip()
            data = push.payload(body=body, path=path)
            for device in PushDevice.objects.filter(user=user):
                _push(device, data, push.TTL[template], try_number=1)
            return
        if channel == Channel.SMS:
            # Only to a phone the program has been told is safe to text.
            person = getattr(user, "person", None)
            phone = person.phone if person is not None and person.texts_ok else ""
            if phone:
                send_sms(phone, render_to_string(f"notices/{template}_sms.txt", context).strip())
            return
        subject = render_to_string(f"notices/{template}_subject.txt", context).strip()
        body = render_to_string(f"notices/{template}_body.txt", context)
    send_mail(subject, body, None, [user.email])


def _push(device: PushDevice, data: str, ttl: int, *, try_number: int) -> None:
    """One device's push, and when its push service fails, a later try of that device
    alone, a few times at most: the others were told already. A queue that cannot wait
    (the immediate backend) gives up rather than try again at once."""
    if push.send(device, data, ttl=ttl) is not push.Outcome.FAILED or try_number >= PUSH_TRIES:
        return
    retry = send_push_again
    if retry.get_backend().supports_defer:
        retry = retry.using(run_after=timezone.now() + PUSH_RETRY_AFTER * try_number)
        retry.enqueue(device.pk, data, ttl, try_number + 1)


@task()
def send_push_again(device_id: int, data: str, ttl: int, try_number: int) -> None:
    device = PushDevice.objects.select_related("user").filter(pk=device_id).first()
    if device is not None and device.user.is_active:
        _push(device, data, ttl, try_number=try_number)


@task()
def send_update_notice(user_id: int, path: str, channel: str = Channel.EMAIL) -> None:
    user = get_user_model().objects.select_related("person").get(pk=user_id)
    if user.is_active:
        _deliver(user, channel, "update", path, {})


@task()
def send_digest(user_id: int, channel: str) -> None:
    """Everything held for one person's digest on one channel, as one count."""
    user = get_user_model().objects.select_related("person").get(pk=user_id)
    held = PendingNotice.objects.filter(user=user, channel=channel)
    count = held.count()
    held.delete()
    if count and user.is_active:
        _deliver(user, channel, "digest", reverse("home:home"), {"count": count})


@task()
def send_reminder(user_id: int, starts_at: str, channel: str) -> None:
    """ "You have something on your calendar tomorrow at 4:00 pm": the time, and a link,
    never what it is or who it is with."""
    user = get_user_model().objects.select_related("person").get(pk=user_id)
    if not user.is_active:
        return
    moment = datetime.fromisoformat(starts_at)
    today = timezone.localdate(timezone.now(), zone_of(user))
    day = timezone.localdate(moment, zone_of(user))
    relative = {today: "today", today + timedelta(days=1): "tomorrow"}.get(day, "")
    context = {"starts_at": moment, "relative": relative}
    _deliver(user, channel, "reminder", reverse("schedule:agenda"), context)
