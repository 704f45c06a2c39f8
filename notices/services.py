"""A person's choice of how to hear that something is new for them. Delivering the
notices themselves is notices/delivery.py."""

from datetime import datetime

from django.db import IntegrityError, transaction

from core.services import record_change_announce
from notices import push
from notices.models import DEFAULTS, Channel, Frequency, Preference, PushDevice
from notices.tasks import send_reminder


def preferences_of(user_id: int) -> dict[str, str]:
    chosen = dict(Preference.objects.filter(user_id=user_id).values_list("channel", "frequency"))
    return {channel: chosen.get(channel, default) for channel, default in DEFAULTS.items()}


def channels_of(user_id: int) -> dict[str, str]:
    """The person's choices for the channels that can reach them now: pushes only once
    they have a device (no task is queued for a push that has nowhere to go)."""
    chosen = preferences_of(user_id)
    if not push.enabled() or not PushDevice.objects.filter(user_id=user_id).exists():
        chosen.pop(Channel.PUSH)
    return chosen


def remind(*, user_id: int, starts_at: datetime) -> None:
    """A reminder of a date on the person's calendar, now, on each channel they have
    not turned off. A daily digest would come too late to remind, so a person who chose
    the digest gets reminders right away too."""
    for channel, frequency in channels_of(user_id).items():
        if frequency != Frequency.NONE:
            send_reminder.enqueue(user_id, starts_at.isoformat(), channel)


@transaction.atomic
def preferences_set(*, user, choices: dict[str, str]) -> None:
    """The person's own choice; the trail names the channels whose frequency changed. A
    channel not offered (pushes, when the program has them off) keeps its choice."""
    before = preferences_of(user.pk)
    choices = {channel: choices.get(channel, before[channel]) for channel in Channel.values}
    for channel in Channel.values:
        Preference.objects.update_or_create(
            user=user, channel=channel, defaults={"frequency": choices[channel]}
        )
    changed = [f"notices.{c}" for c in Channel.values if before.get(c) != choices[c]]
    if changed:
        # notices may not import the audit trail (it stands beside it): core hands it over.
        record_change_announce(actor=user, action="changed", record=user, fields=changed)


# --- Devices that get pushes (notices/push.py) ----------------------------------------

#: The session's key for the device turned on in it, forgotten when it signs out.
SESSION_DEVICE = "notices.push_device"


@transaction.atomic
def device_subscribe(
    *, user, endpoint: str, p256dh: str, auth: str, label: str
) -> tuple[PushDevice, bool]:
    """Turn pushes on for one browser, from its subscription. The same subscription sent
    again (a double tap, a second visit) is the same row; sent by someone else signed in
    on that browser now, it becomes theirs. Returns the device and whether it is new to
    this person."""
    existing = PushDevice.objects.select_for_update().filter(endpoint=endpoint).first()
    if existing is not None and existing.user_id == user.pk:
        if (existing.p256dh, existing.auth) != (p256dh, auth):
            existing.p256dh, existing.auth = p256dh, auth
            existing.save(update_fields=["p256dh", "auth"])
            record_change_announce(actor=user, action="changed", record=existing, fields=["keys"])
        return existing, False
    if existing is not None:
        # The browser's earlier person had not signed out: they stop hearing through it.
        existing.delete()
    try:
        with transaction.atomic():
            device = PushDevice.objects.create(
                user=user, endpoint=endpoint, p256dh=p256dh, auth=auth, label=label
            )
    except IntegrityError:
        # The same subscription sent twice at once: the other request made the row.
        return PushDevice.objects.get(endpoint=endpoint, user=user), False
    record_change_announce(actor=user, action="created", record=device, fields=["label"])
    return device, True


@transaction.atomic
def device_remove(*, user, device: PushDevice) -> None:
    """The person's own choice, on the devices page: that browser gets no more pushes."""
    record_change_announce(actor=user, action="removed", record=device, fields=["label"])
    device.delete()


def device_forget_on_sign_out(sender, request, user, **kwargs) -> None:
    """Connected to user_logged_out: signing out of a browser turns its pushes off, so a
    computer left behind tells the next person nothing of this one."""
    if user is None or request is None or not hasattr(request, "session"):
        return
    device = PushDevice.objects.filter(user=user, pk=request.session.get(SESSION_DEVICE)).first()
    if device is not None:
        device_remove(user=user, device=device)
