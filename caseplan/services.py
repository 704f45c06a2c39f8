"""Changes to the coach's work with families; each audited (contacts are the family's
record)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.models import Action
from audit.services import audit_entry_create
from caseplan.models import Contact, CourtSummary, Goal, Milestone, Step
from partnerships.models import Partnership, refuse_if_closed


@transaction.atomic
def contact_log(*, actor, partnership: Partnership, data: dict, people) -> Contact:
    refuse_if_closed(partnership)
    people = list(people)
    if not people:
        raise ValidationError({"people": _("Choose who was there.")})
    if data["happened_on"] > timezone.localdate():
        raise ValidationError({"happened_on": _("A contact is logged once it has happened.")})
    follow_up = data.get("follow_up_on")
    if follow_up and follow_up < data["happened_on"]:
        raise ValidationError({"follow_up_on": _("The follow-up comes after the contact.")})
    contact = Contact(partnership=partnership, coach=actor, **data)
    contact.full_clean()
    contact.save()
    contact.people.set(people)
    audit_entry_create(actor=actor, action=Action.CREATED, record=contact, fields=sorted(data))
    return contact


@transaction.atomic
def contact_follow_up_done(*, actor, contact: Contact) -> None:
    contact.followed_up_at = timezone.now()
    contact.save(update_fields=["followed_up_at"])
    audit_entry_create(actor=actor, action=Action.CHANGED, record=contact, fields=["followed_up"])


@transaction.atomic
def goal_add(*, actor, partnership: Partnership, data: dict) -> Goal:
    refuse_if_closed(partnership)
    goal = Goal(partnership=partnership, created_by=actor, **data)
    goal.full_clean()
    goal.save()
    audit_entry_create(actor=actor, action=Action.CREATED, record=goal, fields=sorted(data))
    return goal


@transaction.atomic
def step_add(*, actor, goal: Goal, data: dict) -> Step:
    refuse_if_closed(goal.partnership)
    step = Step(goal=goal, **data)
    step.full_clean()
    step.save()
    audit_entry_create(actor=actor, action=Action.CREATED, record=step, fields=sorted(data))
    return step


@transaction.atomic
def step_update(*, actor, step: Step, done: bool, note: str) -> Step:
    """The parent (or the coach) says how a step is going, or that it is done."""
    refuse_if_closed(step.goal.partnership)
    step.done_on = (step.done_on or timezone.localdate()) if done else None
    step.progress_note = note
    step.save(update_fields=["done_on", "progress_note"])
    audit_entry_create(
        actor=actor, action=Action.CHANGED, record=step, fields=["done_on", "progress_note"]
    )
    return step


@transaction.atomic
def milestone_record(*, actor, partnership: Partnership, kind: str, reached_on) -> Milestone:
    refuse_if_closed(partnership)
    if reached_on > timezone.localdate():
        raise ValidationError({"reached_on": _("A milestone is recorded once it is reached.")})
    milestone, _created = Milestone.objects.update_or_create(
        partnership=partnership,
        kind=kind,
        defaults={"reached_on": reached_on, "recorded_by": actor},
    )
    audit_entry_create(actor=actor, action=Action.CHANGED, record=partnership, fields=[kind])
    return milestone


@transaction.atomic
def summary_save(*, actor, summary: CourtSummary, data: dict) -> CourtSummary:
    refuse_if_closed(summary.partnership)
    for name, value in data.items():
        setattr(summary, name, value)
    summary.created_by_id = summary.created_by_id or actor.pk
    summary.full_clean()
    action = Action.CHANGED if summary.pk else Action.CREATED
    summary.save()
    audit_entry_create(actor=actor, action=action, record=summary, fields=sorted(data))
    return summary
