"""Telling people that something is new for them, outside their quiet hours."""

import logging

from django.utils import timezone

from core.quiet_hours import quiet_until
from core.tasks import send_update_notice

logger = logging.getLogger(__name__)


def notify(*, user_id: int, path: str, quiet=None) -> None:
    """Queue a notice for one person. `quiet` is their home's terms (with quiet_from and
    quiet_until) or None. A queue that cannot hold a notice back skips it rather than
    wake anyone: the page still shows what is new."""
    wait = quiet_until(timezone.now(), quiet.quiet_from, quiet.quiet_until) if quiet else None
    task = send_update_notice
    if wait is not None:
        if not task.get_backend().supports_defer:
            logger.info("Quiet hours: no notice for user %s", user_id)
            return
        task = task.using(run_after=wait)
    task.enqueue(user_id, path)
