"""Aftercare listens to the hub: connected in AftercareConfig.ready()."""

from aftercare.services import follow_ups_schedule
from partnerships.models import Stage


def plan_follow_ups(*, partnership, new_stage: str, actor, changed_on, **kwargs) -> None:
    """The children are home: the year of check-ins starts from that day."""
    if new_stage == Stage.POST_REUNIFICATION:
        follow_ups_schedule(actor=actor, partnership=partnership, reunified_on=changed_on)
