"""Changes to partnerships. Each one is audited."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Role
from audit.models import Action
from audit.services import audit_entry_create
from core.services import apply_changes
from families.services import birth_family_create, birth_family_parent_add
from partnerships import hooks, signals
from partnerships.models import Coverage, Partnership, Stage, StageChange


@transaction.atomic
def partnership_refer(
    *, actor, coach, family_name: str, parent_data: dict | None, referred_on: date
) -> Partnership:
    """A new family is referred: the family, its first parent and a referred partnership.

    A referral from a caseworker names no parent yet (`parent_data` None): the person who
    sent it is not the family, and the coach adds the parent once they have met."""
    family = birth_family_create(actor=actor, name=family_name)
    if parent_data is not None:
        birth_family_parent_add(actor=actor, family=family, person_data=parent_data)
    partnership = Partnership.objects.create(
        birth_family=family, coach=coach, stage=Stage.REFERRED, stage_since=referred_on
    )
    StageChange.objects.create(
        partnership=partnership, stage=Stage.REFERRED, changed_on=referred_on, changed_by=actor
    )
    audit_entry_create(
        actor=actor, action=Action.CREATED, record=partnership, fields=["birth_family", "coach"]
    )
    return partnership


@transaction.atomic
def partnership_update(*, actor, partnership: Partnership, data: dict) -> Partnership:
    children = data.pop("children", None)
    changed = apply_changes(partnership, data)
    if children is not None:
        if any(child.birth_family_id != partnership.birth_family_id for child in children):
            raise ValidationError({"children": _("Choose children of this birth family.")})
        if set(children) != set(partnership.children.all()):
            partnership.children.set(children)
            changed.append("children")
    if changed:
        partnership.save()
        audit_entry_create(actor=actor, action=Action.CHANGED, record=partnership, fields=changed)
    return partnership


@transaction.atomic
def partnership_stage_change(
    *, actor, partnership: Partnership, stage: str, changed_on: date
) -> Partnership:
    if stage == partnership.stage:
        raise ValidationError({"stage": _("The partnership is already in this stage.")})
    if stage not in (Stage.REFERRED, Stage.CLOSED) and partnership.partner_home_id is None:
        raise ValidationError({"stage": _("Match a partner home before moving past referral.")})
    if changed_on < partnership.stage_since:
        raise ValidationError(
            {"changed_on": _("The date cannot be before the current stage began.")}
        )
    if changed_on > timezone.localdate():
        raise ValidationError({"changed_on": _("A stage is recorded once it has begun.")})
    hooks.before_stage_change.run(partnership=partnership, new_stage=stage, changed_on=changed_on)
    old_stage = partnership.stage
    partnership.stage = stage
    partnership.stage_since = changed_on
    partnership.save(update_fields=["stage", "stage_since"])
    StageChange.objects.create(
        partnership=partnership, stage=stage, changed_on=changed_on, changed_by=actor
    )
    audit_entry_create(actor=actor, action=Action.CHANGED, record=partnership, fields=["stage"])
    signals.stage_changed.send(
        sender=Partnership,
        partnership=partnership,
        old_stage=old_stage,
        new_stage=stage,
        actor=actor,
        changed_on=changed_on,
    )
    return partnership


def coverage_create(*, actor, coach, covering_coach, starts_on: date, ends_on: date) -> Coverage:
    """Coverage opens one coach's caseload to another, so a coach may only arrange it for
    their own absence; a director may arrange any."""
    if coach != actor and not actor.has_role(Role.DIRECTOR):
        raise ValidationError({"coach": _("You can arrange coverage only for your own time away.")})
    for person in (coach, covering_coach):
        if not person.has_role(Role.COACH):
            raise ValidationError(_("Both people must be family coaches."))
    coverage = Coverage(
        coach=coach, covering_coach=covering_coach, starts_on=starts_on, ends_on=ends_on
    )
    coverage.full_clean()
    coverage.save()
    audit_entry_create(
        actor=actor,
        action=Action.CREATED,
        record=coverage,
        fields=["coach", "covering_coach", "starts_on", "ends_on"],
    )
    return coverage
