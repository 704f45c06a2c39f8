"""Reads of the training: what each person is to take and has finished."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import OuterRef, Prefetch, Q, Subquery
from django.http import Http404

from accounts.models import User
from core.roles import is_casework
from families.models import Person
from partnerships.models import Partnership
from partnerships.selectors import (
    open_caseload_of,
    parents_in,
    parents_of,
    partnerships_visible_to,
)
from training.models import Assignment, Completion, Module, Page


def _assigned_q(user) -> Q:
    return Q(roles__in=user.groups.all()) | Q(assignments__user=user)


def modules_for(user) -> list[Module]:
    """The person's modules, each with `completed_on` (None until finished)."""
    done = Completion.objects.filter(module=OuterRef("pk"), user=user).values("completed_on")
    return list(
        Module.objects.filter(pk__in=Module.objects.filter(_assigned_q(user)).values("pk"))
        .annotate(completed_on=Subquery(done[:1]))
        .order_by("order", "pk")
    )


def module_for(user, module_id: int) -> Module:
    """A module the person is to take; the team may open any, to read and edit it."""
    modules = Module.objects.all()
    if not is_casework(user):
        modules = modules.filter(pk__in=Module.objects.filter(_assigned_q(user)).values("pk"))
    try:
        return modules.prefetch_related(
            Prefetch("pages", queryset=Page.objects.order_by("order", "pk"))
        ).get(pk=module_id)
    except Module.DoesNotExist:
        raise Http404 from None


def own_completion_for(user, module_id: int) -> Completion:
    """The person's own certificate for a module they finished; 404 before that."""
    try:
        return Completion.objects.select_related("module", "user__person").get(
            module_id=module_id, user=user
        )
    except Completion.DoesNotExist:
        raise Http404 from None


def module_to_edit(user, module_id: int) -> Module:
    """Any module, for the director who writes them (the rule admits no one else)."""
    try:
        return Module.objects.get(pk=module_id)
    except Module.DoesNotExist:
        raise Http404 from None


def page_to_edit(user, page_id: int) -> Page:
    try:
        return Page.objects.get(pk=page_id)
    except Page.DoesNotExist:
        raise Http404 from None


def reflections_on(user, module: Module) -> list[Completion]:
    """What the parents of the team member's partnerships wrote on finishing a module."""
    parents = parents_in(partnerships_visible_to(user)).order_by().values("user")
    return list(
        Completion.objects.filter(module=module, user__in=parents)
        .exclude(reflection="")
        .select_related("user__person")
        .order_by("-completed_on", "-pk")[:50]
    )


def completion_of(user, module: Module) -> Completion | None:
    return Completion.objects.filter(user=user, module=module).first()


@dataclass
class Progress:
    person: Person
    modules: list[Module] = field(default_factory=list)
    done: set[int] = field(default_factory=set)

    @property
    def missing(self) -> list[Module]:
        return [m for m in self.modules if m.pk not in self.done]


def progress_of(people: list[Person], *, required_only: bool = False) -> list[Progress]:
    """Each person's assigned modules and which they finished: four queries whatever
    the number of people. People without an account have no training to take."""
    users = {p.user_id: p for p in people if p.user_id}
    modules = Module.objects.prefetch_related("roles").order_by("order", "pk")
    if required_only:
        modules = modules.filter(required_before_active=True)
    modules = list(modules)
    groups = defaultdict(set)
    memberships = User.groups.through.objects.filter(user_id__in=users)
    for user_id, group_id in memberships.values_list("user_id", "group_id"):
        groups[user_id].add(group_id)
    extra = defaultdict(set)
    for user_id, module_id in Assignment.objects.filter(user_id__in=users).values_list(
        "user_id", "module_id"
    ):
        extra[user_id].add(module_id)
    done = defaultdict(set)
    for user_id, module_id in Completion.objects.filter(user_id__in=users).values_list(
        "user_id", "module_id"
    ):
        done[user_id].add(module_id)
    found = []
    for user_id, person in users.items():
        mine = [
            m
            for m in modules
            if m.pk in extra[user_id] or {g.pk for g in m.roles.all()} & groups[user_id]
        ]
        found.append(Progress(person=person, modules=mine, done=done[user_id]))
    return found


def missing_before_active(partnership: Partnership) -> list[Progress]:
    """The parents who still have a module to finish before the partnership is active."""
    return [p for p in progress_of(list(parents_of(partnership)), required_only=True) if p.missing]


def behind(user) -> list[Progress]:
    """The parents in the coach's open partnerships with modules still to finish."""
    caseload = open_caseload_of(user)
    return [p for p in progress_of(list(parents_in(caseload))) if p.missing]


def assignable_people(user) -> list[Person]:
    """Parents with an account in the team member's partnerships, for assigning a module."""
    return list(parents_in(partnerships_visible_to(user)).select_related("user"))
