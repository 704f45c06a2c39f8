"""Delivering a notice: on the channels a person chose, as often as they chose, and never
during their home's quiet hours.

Not audited, and kept out of services.py on purpose: a notice is the announcement of a
change that its own service already wrote to the audit trail (a post, a message, a
date), and it says only that something is new, never what. Its one write, a
PendingNotice row held for the day's digest, is the delivery's bookkeeping, not a
change of anyone's record; an entry for each person told would fill the trail with
copies of the entry that matters."""

import logging
from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from core.quiet_hours import quiet_until
from core.zones import program_zone, zone_of
from notices.badges import area_of, kept_forget
from notices.models import Frequency, PendingNotice
from notices.services import channels_of
from notices.tasks import send_digest, send_update_notice

logger = logging.getLogger(__name__)

#: When daily digests go out, in the program's time zone.
DIGEST_AT = time(18, 0)


def notify(*, user_id: int, path: str, quiet=None) -> None:
    """Queue a notice for one person. `quiet` is their home's terms (with quiet_from and
    quiet_until) or None. A queue that cannot hold a notice back skips it rather than
    wake anyone: the page still shows what is new."""
    # Whatever the channels, the person's kept counts and Today are stale now, and the
    # parts of the page the notice leads to.
    kept_forget(user_id, area=area_of(path))
    now = timezone.now()
    zone = _zone_of(user_id)
    wait = quiet_until(now, quiet.quiet_from, quiet.quiet_until, zone) if quiet else None
    for channel, frequency in channels_of(user_id).items():
        if frequency == Frequency.NONE:
            continue
        if frequency == Frequency.DIGEST:
            _hold_for_digest(user_id, channel, now, quiet, zone)
            continue
        _enqueue(send_update_notice, wait, user_id, path, channel)


def _enqueue(task, wait, *args) -> None:
    if wait is not None:
        if not task.get_backend().supports_defer:
            logger.info("Quiet hours: no notice for user %s", args[0])
            return
        task = task.using(run_after=wait)
    task.enqueue(*args)


def _zone_of(user_id: int):
    return zone_of(get_user_model().objects.only("time_zone").get(pk=user_id))


def _hold_for_digest(user_id: int, channel: str, now, quiet, zone) -> None:
    """The first notice of the day schedules the digest; later ones join it."""
    first = not PendingNotice.objects.filter(user_id=user_id, channel=channel).exists()
    PendingNotice.objects.create(user_id=user_id, channel=channel)
    if not first:
        return
    send_at = next_digest_time(now, zone)
    if quiet:
        send_at = quiet_until(send_at, quiet.quiet_from, quiet.quiet_until, zone) or send_at
    task = send_digest
    if task.get_backend().supports_defer:
        task = task.using(run_after=send_at)
    task.enqueue(user_id, channel)


def next_digest_time(now, zone=None) -> datetime:
    """The next 18:00 on the person's clock."""
    local = timezone.localtime(now, zone or program_zone())
    today = datetime.combine(local.date(), DIGEST_AT, tzinfo=local.tzinfo)
    return today if local < today else today + timedelta(days=1)
