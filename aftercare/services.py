"""Changes to the year after reunification; each audited."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from aftercare.models import ABOUT_LENGTH, AREAS, SCHEDULE, FollowUp, Steadiness
from audit.models import Action
from audit.services import audit_entry_create
from families.models import PermanencyEvent, PermanencyKind
from partnerships.hooks import first_check_ins
from partnerships.models import Partnership, refuse_if_closed


def follow_ups_schedule(*, actor, partnership: Partnership, reunified_on: date) -> list[FollowUp]:
    """The year's check-ins from the day the children came home. A partnership that
    already has open ones keeps them (a stage set twice does not double them)."""
    if partnership.follow_ups.filter(done_on__isnull=True).exists():
        return []
    fixed = [reunified_on + offset for offset in SCHEDULE]
    # A transition plan's last steps (the first weeks home) are the first check-ins.
    planned = sorted(
        (due_on, about[:ABOUT_LENGTH])
        for due_on, about in first_check_ins.collect(
            partnership=partnership, reunified_on=reunified_on
        )
        if due_on >= reunified_on and due_on not in fixed
    )
    made = FollowUp.objects.bulk_create(
        [FollowUp(partnership=partnership, due_on=day) for day in fixed]
        + [FollowUp(partnership=partnership, due_on=day, about=about) for day, about in planned]
    )
    audit_entry_create(
        actor=actor, action=Action.CREATED, record=partnership, fields=["follow_up_schedule"]
    )
    return made


@transaction.atomic
def follow_up_record(*, actor, follow_up: FollowUp, data: dict, worried: bool) -> FollowUp:
    """How things are at a check-in. An area at risk, or the coach's worry, is a warning."""
    refuse_if_closed(follow_up.partnership)
    for name in (*AREAS, "job", "concerns", "needs"):
        setattr(follow_up, name, data.get(name, ""))
    follow_up.warning = worried or any(data.get(a) == Steadiness.AT_RISK for a in AREAS)
    follow_up.done_on = follow_up.done_on or timezone.localdate()
    follow_up.done_by = actor
    follow_up.save()
    audit_entry_create(
        actor=actor,
        action=Action.CHANGED,
        record=follow_up,
        fields=[*AREAS, "job", "concerns", "needs", "warning", "done_on"],
    )
    return follow_up


@transaction.atomic
def follow_up_add(*, actor, partnership: Partnership, due_on: date) -> FollowUp:
    refuse_if_closed(partnership)
    follow_up = FollowUp.objects.create(partnership=partnership, due_on=due_on)
    audit_entry_create(actor=actor, action=Action.CREATED, record=follow_up, fields=["due_on"])
    return follow_up


@transaction.atomic
def follow_up_move(*, actor, follow_up: FollowUp, due_on: date) -> FollowUp:
    refuse_if_closed(follow_up.partnership)
    if follow_up.done_on:
        raise ValidationError(_("This check-in is done; add a new one instead."))
    follow_up.due_on = due_on
    follow_up.save(update_fields=["due_on"])
    audit_entry_create(actor=actor, action=Action.CHANGED, record=follow_up, fields=["due_on"])
    return follow_up


@transaction.atomic
def reentry_record(*, actor, partnership: Partnership, occurred_on: date, note: str) -> int:
    """A child back in care: a permanency event for each of the partnership's children,
    which the outcome figures count. Allowed after the partnership closes: re-entry
    within twelve months of reunification is counted whatever the partnership's stage."""
    if occurred_on > timezone.localdate():
        raise ValidationError({"occurred_on": _("Record a re-entry once it has happened.")})
    children = list(partnership.children.all())
    for child in children:
        event = PermanencyEvent.objects.create(
            child=child,
            kind=PermanencyKind.REENTERED_CARE,
            occurred_on=occurred_on,
            note=note,
            recorded_by=actor,
        )
        audit_entry_create(actor=actor, action=Action.CREATED, record=event, fields=["kind"])
    return len(children)
