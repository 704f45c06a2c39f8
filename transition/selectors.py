"""Reads of transition plans, scoped to the person asking."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.http import Http404

from agreements.selectors import Sharing
from core.roles import is_casework
from families.models import BirthFamily
from partnerships.models import Partnership
from partnerships.selectors import (
    caseload_of,
    exchange_partnerships,
    partnerships_visible_to,
    with_people,
)
from transition.models import MOVES_CHILDREN, Area, Item, Plan, Side, Step, StepKind, Who


def plan_of(partnership) -> Plan | None:
    """The partnership's plan with its steps and each child's items, in three queries;
    the plan carries the partnership as it was loaded, with its people."""
    plan = (
        Plan.objects.filter(partnership=partnership)
        .prefetch_related(
            "steps",
            Prefetch("items", queryset=Item.objects.select_related("child")),
        )
        .first()
    )
    if plan is not None:
        plan.partnership = partnership
    return plan


def step_for(user, step_id: int) -> Step:
    """A step the casework team may change, in a partnership they see, with both homes'
    people (the homes hear of a changed date as the agreement allows)."""
    try:
        step = Step.objects.select_related("plan").get(
            pk=step_id, plan__partnership__in=partnerships_visible_to(user)
        )
    except Step.DoesNotExist:
        raise Http404 from None
    step.plan.partnership = with_people(Partnership.objects.all()).get(pk=step.plan.partnership_id)
    return step


def item_for(user, item_id: int) -> Item:
    """An item on a plan the person shares: the team's, or a parent's open partnership,
    with both homes' people, whom the agreement's rules read."""
    try:
        item = Item.objects.select_related("plan", "child").get(pk=item_id)
        item.plan.partnership = with_people(exchange_partnerships(user)).get(
            pk=item.plan.partnership_id
        )
    except (Item.DoesNotExist, Partnership.DoesNotExist):
        raise Http404 from None
    return item


def steps_on_calendar(user, first: date, last: date) -> QuerySet[Step]:
    """The steps from `first` to `last` on the person's own calendar: the team's, their
    caseload's; a parent's, those of their open partnerships for their home, and every
    step that moves the children, which both homes must know."""
    steps = Step.objects.filter(on__gte=first, on__lte=last).select_related("plan")
    if is_casework(user):
        return steps.filter(plan__partnership__in=caseload_of(user))
    in_birth = Exists(
        BirthFamily.parents.through.objects.filter(
            birthfamily=OuterRef("plan__partnership__birth_family"), person__user=user
        )
    )
    for_me = Q(kind__in=MOVES_CHILDREN) | Q(who=Who.BOTH) | Q(who=Who.BIRTH, is_birth=True)
    for_me |= Q(who=Who.PARTNER, is_birth=False)
    return (
        steps.filter(plan__partnership__in=exchange_partnerships(user))
        .annotate(is_birth=in_birth)
        .filter(for_me)
    )


#: How far the calendar page's list and the feed look for a plan's steps.
AHEAD, BACK = timedelta(weeks=26), timedelta(weeks=1)


#: The kind of information about the children each area's notes are, for the agreement.
AREA_KINDS = {"school": "school", "health": "health", "medicines": "health"}


@dataclass
class ShownItem:
    item: Item
    may_tick: bool
    #: The note as the reader may read it: "" where the agreement keeps it from them.
    note: str


@dataclass
class ChildList:
    child: object
    items: list[ShownItem] = field(default_factory=list)

    @property
    def done(self) -> int:
        return sum(1 for shown in self.items if shown.item.done_on)

    @property
    def areas(self) -> list[tuple[str, list[ShownItem]]]:
        """The items under their areas, in the order a move goes: belongings first."""
        return [
            (label, found)
            for value, label in Area.choices
            if (found := [s for s in self.items if s.item.area == value])
        ]


def checklist_for(user, sharing: Sharing, plan: Plan) -> list[ChildList]:
    """Each child's items as `user` may see them. Both homes see the whole list, so each
    knows what the other is doing, and tick their own; under a no-contact order a home sees
    only its own items and the coach's. A note reaches the other home only as the agreement
    lets that home read its writer's words: the doses of a medicine are health, a school's
    contact is school."""
    side = sharing.side_of_user(user)
    writers = {
        person.user_id: person
        for home in (Side.BIRTH, Side.PARTNER)
        for person in sharing.parents(home)
        if person.user_id
    }
    lists: dict[int, ChildList] = {}
    for child in sharing.partnership.children.all():
        lists[child.pk] = ChildList(child)
    for item in plan.items.all():
        if side is not None and sharing.no_contact and item.side not in (side, Side.COACH):
            continue
        if item.note_by_id is None:
            note = item.note
        else:
            author = writers.get(item.note_by_id)
            author_side = sharing.side_of_person(author) if author else "coach"
            shown = sharing.shows_words(
                user, author=author, side=author_side, kind=AREA_KINDS.get(item.area, "")
            )
            note = item.note if shown else ""
        may_tick = side is None or side == item.side
        lists.setdefault(item.child_id, ChildList(item.child)).items.append(
            ShownItem(item, may_tick, note)
        )
    return list(lists.values())


def reachable(user, sharing: Sharing, plan: Plan) -> list[tuple[object, dict[str, str]]]:
    """The other home's parents and how the reader may reach them after the move: only
    when both homes want to stay in touch, and then only what the agreement and each
    parent's consent share (Sharing.contact_of; an address that is not shared is never
    shown)."""
    side = sharing.side_of_user(user)
    if side is None or not plan.both_keep_in_touch:
        return []
    other = Side.PARTNER if side == Side.BIRTH else Side.BIRTH
    found = []
    for person in sharing.parents(other):
        if sharing.sees_person(user, person):
            found.append((person, sharing.contact_of(user, person)))
    return found


def road_home_of(partnerships, *, today: date) -> None:
    """Set `.road_home` on each partnership: its plan with how far it has come (steps and
    items done of all, the next step), or None. One query whatever their number."""
    partnerships = list(partnerships)
    coming = Step.objects.filter(plan=OuterRef("pk"), done_on__isnull=True, on__gte=today)
    coming = coming.order_by("on", "pk")
    plans = Plan.objects.filter(partnership__in=[p.pk for p in partnerships]).annotate(
        steps_total=Count("steps", distinct=True),
        steps_done=Count("steps", filter=Q(steps__done_on__isnull=False), distinct=True),
        items_total=Count("items", distinct=True),
        items_done=Count("items", filter=Q(items__done_on__isnull=False), distinct=True),
        next_on=Subquery(coming.values("on")[:1]),
        next_kind=Subquery(coming.values("kind")[:1]),
    )
    found = {plan.partnership_id: plan for plan in plans}
    for partnership in partnerships:
        plan = found.get(partnership.pk)
        if plan is not None and plan.next_kind:
            plan.next_label = StepKind(plan.next_kind).label
        partnership.road_home = plan
