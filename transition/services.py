"""Changes to a transition plan. Each is audited; the homes hear that something is new on
the plan (never what), and only when a date is set or changed: a tick is not news."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from agreements.selectors import Sharing
from audit.models import Action
from audit.services import audit_entry_create
from notices.delivery import notify
from partnerships.models import refuse_if_closed
from transition.models import MOVES_CHILDREN, Item, Plan, Side, Step, Who
from transition.standard import STANDARD


def homes_of(step: Step) -> list[str]:
    """The homes a step is for: both when it moves the children between them."""
    if step.kind in MOVES_CHILDREN or step.who == Who.BOTH:
        return [Side.BIRTH, Side.PARTNER]
    return [step.who] if step.who in (Who.BIRTH, Who.PARTNER) else []


def _tell(sharing: Sharing, sides: list[str]) -> None:
    path = sharing.partnership.transition_plan.get_absolute_url()
    for side in sides:
        for person in sharing.parents(side):
            if person.user_id:
                notify(user_id=person.user_id, path=path, quiet=sharing.terms.get(side))


def standard_items(plan: Plan, children) -> list[Item]:
    """Each child's standard checklist (transition/standard.py), not yet saved."""
    return [
        Item(plan=plan, child=child, area=s.area, side=s.side, standard=key)
        for child in children
        for key, s in STANDARD.items()
    ]


@transaction.atomic
def plan_open(*, actor, sharing: Sharing, reason: str, ordered_on: date | None = None) -> Plan:
    """Open the partnership's plan, with each child's standard checklist. Opening it again
    (a second tap, a second coach) gives back the plan already open."""
    partnership = sharing.partnership
    refuse_if_closed(partnership)
    existing = Plan.objects.filter(partnership=partnership).first()
    if existing is not None:
        return existing
    plan = Plan(partnership=partnership, reason=reason, ordered_on=ordered_on, opened_by=actor)
    plan.full_clean()
    try:
        with transaction.atomic():
            plan.save()
    except IntegrityError:  # opened at the same moment by someone else
        return Plan.objects.get(partnership=partnership)
    Item.objects.bulk_create(standard_items(plan, partnership.children.all()))
    audit_entry_create(
        actor=actor, action=Action.CREATED, record=plan, fields=["reason", "ordered_on", "items"]
    )
    transaction.on_commit(lambda: _tell(sharing, [Side.BIRTH, Side.PARTNER]))
    return plan


@transaction.atomic
def step_add(*, actor, sharing: Sharing, plan: Plan, data: dict) -> Step:
    refuse_if_closed(plan.partnership)
    step = Step(plan=plan, **data)
    step.full_clean()
    step.save()
    audit_entry_create(actor=actor, action=Action.CREATED, record=step, fields=sorted(data))
    transaction.on_commit(lambda: _tell(sharing, homes_of(step)))
    return step


@transaction.atomic
def step_update(*, actor, sharing: Sharing, step: Step, data: dict) -> Step:
    refuse_if_closed(step.plan.partnership)
    before = homes_of(step)
    changed = sorted(name for name, value in data.items() if getattr(step, name) != value)
    for name, value in data.items():
        setattr(step, name, value)
    step.full_clean()
    step.save()
    if changed:
        audit_entry_create(actor=actor, action=Action.CHANGED, record=step, fields=changed)
        if {"on", "kind", "who"} & set(changed):
            sides = sorted(set(before) | set(homes_of(step)))
            transaction.on_commit(lambda: _tell(sharing, sides))
    return step


@transaction.atomic
def step_done(*, actor, step: Step, done: bool) -> Step:
    refuse_if_closed(step.plan.partnership)
    step.done_on = (step.done_on or timezone.localdate()) if done else None
    step.save(update_fields=["done_on"])
    audit_entry_create(actor=actor, action=Action.CHANGED, record=step, fields=["done_on"])
    return step


@transaction.atomic
def step_remove(*, actor, sharing: Sharing, step: Step) -> None:
    refuse_if_closed(step.plan.partnership)
    sides = homes_of(step)
    audit_entry_create(actor=actor, action=Action.REMOVED, record=step, fields=["kind", "on"])
    step.delete()
    transaction.on_commit(lambda: _tell(sharing, sides))


@transaction.atomic
def item_add(*, actor, plan: Plan, child, area: str, side: str, text: str) -> Item:
    refuse_if_closed(plan.partnership)
    if not plan.partnership.children.filter(pk=child.pk).exists():
        raise ValidationError({"child": _("Choose one of this partnership's children.")})
    item = Item(plan=plan, child=child, area=area, side=side, text=text)
    item.full_clean()
    item.save()
    audit_entry_create(
        actor=actor, action=Action.CREATED, record=item, fields=["child", "area", "side", "text"]
    )
    return item


def may_tick(sharing: Sharing, user, item: Item) -> bool:
    """Each home ticks its own items; the team ticks any (the coach's own, or for a home
    that asked them to)."""
    side = sharing.side_of_user(user)
    return side is None or side == item.side


@transaction.atomic
def item_tick(*, actor, sharing: Sharing, item: Item, done: bool, note: str) -> Item:
    refuse_if_closed(item.plan.partnership)
    if not may_tick(sharing, actor, item):
        raise ValidationError(_("This item is the other home's to tick."))
    changed = []
    if done != (item.done_on is not None):
        item.done_on = timezone.localdate() if done else None
        item.done_by = actor if done else None
        changed.append("done_on")
    if note != item.note:
        item.note = note
        item.note_by = actor if note else None
        changed.append("note")
    if changed:
        item.full_clean()
        item.save()
        audit_entry_create(actor=actor, action=Action.CHANGED, record=item, fields=changed)
    return item


@transaction.atomic
def keep_in_touch_set(*, actor, sharing: Sharing, plan: Plan, wish: bool) -> Plan:
    """A home says whether it wants to stay in touch after the move."""
    side = sharing.side_of_user(actor)
    if side not in (Side.BIRTH, Side.PARTNER):
        raise ValidationError(_("Each home answers this for itself."))
    field = f"{side}_keeps_in_touch"
    setattr(plan, field, wish)
    plan.save(update_fields=[field])
    audit_entry_create(actor=actor, action=Action.CHANGED, record=plan, fields=[field])
    return plan
