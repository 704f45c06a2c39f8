"""Reads of partnerships, always scoped to the person asking."""

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import (
    Count,
    Exists,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    prefetch_related_objects,
)
from django.http import Http404
from django.utils import timezone

from accounts.models import Role, User
from core.roles import is_casework
from families.models import BirthFamily, Child, PartnerHome, Person
from partnerships.models import Coverage, Partnership, Stage, StageChange


def coaches_covered_by(user, *, on: date | None = None) -> QuerySet:
    """The coaches whose partnerships `user` covers today, as a subquery of ids."""
    on = on or timezone.localdate()
    return Coverage.objects.filter(covering_coach=user, starts_on__lte=on, ends_on__gte=on).values(
        "coach"
    )


def partnerships_visible_to(user) -> QuerySet[Partnership]:
    """Directors see every partnership; coaches theirs and those they cover today; parents
    only the partnerships their own family or home belongs to; everyone else none."""
    partnerships = Partnership.objects.all()
    if not user.is_authenticated:
        return partnerships.none()
    if user.has_role(Role.DIRECTOR):
        return partnerships
    is_parent = user.has_role(Role.BIRTH_PARENT, Role.PARTNER_PARENT)
    if user.has_role(Role.COACH) and not is_parent:
        # A coach's own and covered partnerships, each once without a subquery to say so:
        # most of a coach's pages filter by this several times, and its every level
        # costs each query's building and the database's reading.
        return partnerships.filter(_caseload(user))
    # From the person's own family or home to its partnerships, by the index of each
    # family's partnerships: a join from every partnership to its parents read the
    # whole table on every page a parent opened (1.5 ms at a state's 8,100).
    visible = Q(pk__in=[])
    if user.has_role(Role.COACH):
        visible |= _caseload(user)
    if user.has_role(Role.BIRTH_PARENT):
        visible |= Q(birth_family__in=BirthFamily.objects.filter(parents__user=user).values("pk"))
    if user.has_role(Role.PARTNER_PARENT):
        visible |= Q(partner_home__in=PartnerHome.objects.filter(parents__user=user).values("pk"))
    return partnerships.filter(visible)


def _caseload(user) -> Q:
    # One list of coaches, the person and whom they cover, rather than `coach = me OR
    # coach IN (covered)`: PostgreSQL cannot estimate that OR and reads every visit of
    # every partnership to find a caseload's thirty (a coach's Today 138 → 61 ms).
    me = User.objects.filter(pk=user.pk).values("pk")
    return Q(coach__in=me.union(coaches_covered_by(user), all=True))


def readers_of(partnership_ids) -> set[int]:
    """The accounts that read these partnerships' records day to day: their coaches, who
    covers those coaches today, and both homes' parents. Three queries, whatever the count."""
    coaches = set(
        Partnership.objects.filter(pk__in=partnership_ids).values_list("coach_id", flat=True)
    )
    today = timezone.localdate()
    covering = Coverage.objects.filter(
        coach__in=coaches, starts_on__lte=today, ends_on__gte=today
    ).values_list("covering_coach_id", flat=True)
    parents = Person.objects.filter(
        Q(birth_families__partnerships__in=partnership_ids)
        | Q(partner_homes__partnerships__in=partnership_ids),
        user__isnull=False,
    ).values_list("user_id", flat=True)
    return (coaches | set(covering) | set(parents)) - {None}


def caseload_of(user) -> QuerySet[Partnership]:
    """The partnerships a team member looks after today: those they coach and those they
    cover. A director's caseload is theirs, not the whole program they may look into."""
    if user.is_authenticated and user.has_role(Role.COACH, Role.DIRECTOR):
        # Both see every partnership of their caseload: no need to ask it again.
        return Partnership.objects.filter(_caseload(user))
    return partnerships_visible_to(user).filter(_caseload(user))


def open_caseload_of(user) -> QuerySet[Partnership]:
    """The caseload without its closed partnerships: what is still to be done."""
    return caseload_of(user).exclude(stage=Stage.CLOSED)


def parents_of(partnership: Partnership) -> QuerySet[Person]:
    """Both homes' parents in one query, without touching the partnership's relations."""
    home = Q(partner_homes=partnership.partner_home_id) if partnership.partner_home_id else Q()
    return (
        Person.objects.filter(Q(birth_families=partnership.birth_family_id) | home)
        .distinct()
        .order_by("pk")
    )


def parents_in(partnerships: QuerySet[Partnership]) -> QuerySet[Person]:
    """The parents with an account in any of these partnerships, either home, each once:
    the people who sign in to take training, write reflections and be reminded."""
    return (
        Person.objects.filter(
            Q(birth_families__partnerships__in=partnerships)
            | Q(partner_homes__partnerships__in=partnerships),
            user__isnull=False,
        )
        .distinct()
        .order_by("first_name", "last_name", "pk")
    )


def partnership_for(user, partnership_id: int) -> Partnership:
    """One partnership the person may see, with its homes and coach; 404 otherwise. Its
    people and history come with partnership_page_people, when its page is written
    rather than shown as kept (decision 0048)."""
    try:
        return (
            partnerships_visible_to(user)
            .select_related("birth_family", "partner_home", "coach__person")
            .get(pk=partnership_id)
        )
    except Partnership.DoesNotExist:
        raise Http404 from None


def partnership_page_people(partnership: Partnership) -> Partnership:
    """What the partnership's page shows of its people and history, in four queries."""
    with_their_people([partnership])
    history = StageChange.objects.select_related("changed_by__person")
    prefetch_related_objects([partnership], Prefetch("stage_changes", queryset=history))
    return partnership


def with_their_people(partnerships: list[Partnership]) -> list[Partnership]:
    """Both homes' parents and the children of partnerships already read, in three
    queries: for a page written afresh rather than shown as kept (decision 0048)."""
    people = Person.objects.select_related("user").order_by("pk")
    prefetch_related_objects(
        partnerships,
        Prefetch("birth_family__parents", queryset=people),
        Prefetch("partner_home__parents", queryset=people),
        Prefetch("children", queryset=Child.objects.order_by("birth_date", "pk")),
    )
    return partnerships


def partnership_list(user, *, stage: str = "") -> QuerySet[Partnership]:
    """The caseload list: a fixed number of queries whatever its length."""
    partnerships = (
        partnerships_visible_to(user)
        .select_related("birth_family", "partner_home", "coach__person")
        .prefetch_related(Prefetch("children", queryset=Child.objects.order_by("birth_date")))
        .order_by("birth_family__name", "pk")
    )
    if stage:
        partnerships = partnerships.filter(stage=stage)
    return partnerships


def stage_counts(partnerships: QuerySet[Partnership]) -> list[tuple[str, str, int]]:
    """(stage, label, count) for every stage, in order, from one query."""
    counts = dict(
        partnerships.order_by().values_list("stage").annotate(n=Count("pk", distinct=True))
    )
    return stage_rows(counts)


def stage_rows(counts: dict[str, int]) -> list[tuple[str, str, int]]:
    """(stage, label, count) for every stage, in order, from counts by stage."""
    return [(stage.value, stage.label, counts.get(stage.value, 0)) for stage in Stage]


REFERRAL_WAIT_DAYS = 7
STALLED_DAYS = 90
STALLING = (Stage.INTRODUCED, Stage.ACTIVE, Stage.TRANSITION_HOME)


def needing_attention(user, *, today: date | None = None) -> dict[str, list[Partnership]]:
    """What a coach should look at first. Three queries whatever the caseload size."""
    today = today or timezone.localdate()
    mine = partnership_list(user).exclude(stage=Stage.CLOSED)
    no_children = ~Exists(Partnership.children.through.objects.filter(partnership=OuterRef("pk")))
    return {
        "waiting_for_introduction": list(
            mine.filter(
                stage=Stage.REFERRED, stage_since__lte=today - timedelta(days=REFERRAL_WAIT_DAYS)
            )
        ),
        "without_children": list(mine.filter(no_children)),
        "stalled": list(
            mine.filter(stage__in=STALLING, stage_since__lte=today - timedelta(days=STALLED_DAYS))
        ),
    }


@dataclass
class Caseload:
    """A coach's home page: their own partnerships, how many are at each stage, and what
    needs attention among all they see (needing_attention's three lists)."""

    partnerships: list[Partnership]
    counts: list[tuple[str, str, int]]
    attention: dict[str, list[Partnership]]


def caseload_overview(user, *, today: date | None = None) -> Caseload:
    """The coach's caseload, its stage counts and what needs attention. A coach sees only
    their caseload and the one they cover, so all three come from one reading of it (two
    queries) rather than three lists and a count (nine); a director sees the whole
    program, so each is asked of the database."""
    today = today or timezone.localdate()
    if user.has_role(Role.DIRECTOR):
        mine = partnership_list(user).filter(coach=user)
        return Caseload(list(mine), stage_counts(mine), needing_attention(user, today=today))
    seen = list(partnership_list(user))
    mine = [p for p in seen if p.coach_id == user.pk]
    at_stage = Counter(p.stage for p in mine)
    still_open = [p for p in seen if p.stage != Stage.CLOSED]
    waited = today - timedelta(days=REFERRAL_WAIT_DAYS)
    stalled = today - timedelta(days=STALLED_DAYS)
    return Caseload(
        mine,
        [(stage.value, stage.label, at_stage[stage.value]) for stage in Stage],
        {
            "waiting_for_introduction": [
                p for p in still_open if p.stage == Stage.REFERRED and p.stage_since <= waited
            ],
            "without_children": [p for p in still_open if not p.children.all()],
            "stalled": [p for p in still_open if p.stage in STALLING and p.stage_since <= stalled],
        },
    )


def partnerships_of_parent(user) -> QuerySet[Partnership]:
    """A parent's open partnerships with both homes' people, for their home page."""
    return with_parents(partnership_list(user).exclude(stage=Stage.CLOSED))


def open_partnerships_of_parent(user) -> QuerySet[Partnership]:
    """A parent's open partnerships with their homes and coach, and no more: their home
    page adds the people (with_their_people) only when it writes them afresh."""
    partnerships = partnerships_visible_to(user).exclude(stage=Stage.CLOSED)
    partnerships = partnerships.select_related("birth_family", "partner_home", "coach__person")
    return partnerships.order_by("birth_family__name", "pk")


def exchange_partnerships(user) -> QuerySet[Partnership]:
    """The partnerships a person may exchange news in (their journal, conversations and
    calendar): parents only while open, the team also once closed, to read back."""
    partnerships = partnerships_visible_to(user)
    if not is_casework(user):
        partnerships = partnerships.exclude(stage=Stage.CLOSED)
    return partnerships


def with_parents(
    partnerships: QuerySet[Partnership], *, people: QuerySet[Person] | None = None
) -> QuerySet[Partnership]:
    """With both homes and their parents (and the parents' accounts), in two queries
    whatever the number of partnerships: what a Sharing (agreements.selectors) needs."""
    if people is None:
        people = Person.objects.select_related("user").order_by("pk")
    return partnerships.select_related("birth_family", "partner_home").prefetch_related(
        Prefetch("birth_family__parents", queryset=people),
        Prefetch("partner_home__parents", queryset=people),
    )


def with_people(partnerships: QuerySet[Partnership]) -> QuerySet[Partnership]:
    """With both homes' parents, the coach and the children: what pages about the
    partnership name."""
    return (
        with_parents(partnerships)
        .select_related("coach__person")
        .prefetch_related(Prefetch("children", queryset=Child.objects.order_by("birth_date", "pk")))
    )


def exchange_partnership_for(user, partnership_id: int) -> Partnership:
    """One partnership the person may exchange news in, with its people; 404 otherwise."""
    try:
        return with_people(exchange_partnerships(user)).get(pk=partnership_id)
    except Partnership.DoesNotExist:
        raise Http404 from None


def exchange_partnership_with_parents_for(user, partnership_id: int) -> Partnership:
    """One partnership the person may exchange news in, with both homes' parents (what its
    Sharing needs) and no more; 404 otherwise. For the journal, which names neither the
    coach nor the children on every visit: with_people's two cost it 2.4 ms of 16."""
    try:
        return with_parents(exchange_partnerships(user)).get(pk=partnership_id)
    except Partnership.DoesNotExist:
        raise Http404 from None


def casework_partnership_for(user, partnership_id: int) -> Partnership:
    """A partnership in the team member's casework (one they see), with both homes'
    parents, for the casework pages of any capability; 404 otherwise."""
    try:
        return with_parents(partnerships_visible_to(user)).get(pk=partnership_id)
    except Partnership.DoesNotExist:
        raise Http404 from None
