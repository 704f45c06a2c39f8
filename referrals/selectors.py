"""Reads of referrals, scoped to who is asking: the team sees their partnerships'; a
parent sees only the referrals made for them, never the other home's."""

from datetime import date, timedelta

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from accounts.models import Role
from core.roles import is_casework
from families.models import Person
from partnerships.models import Partnership, Stage
from partnerships.selectors import caseload_of, open_caseload_of, with_parents
from referrals.models import OPEN, Referral, Status

#: A referral that has not moved for this many days is followed up.
SITS_AFTER_DAYS = 7


def _team_partnerships(user) -> QuerySet[Partnership]:
    """The partnerships whose referrals a team member works with: every one for the
    director, the coached and covered ones for a coach. Never those where the person is
    a parent: a foster mother who also coaches is, in her own partnership, a parent."""
    if user.has_role(Role.DIRECTOR):
        return Partnership.objects.all()
    return caseload_of(user)


def referrals_visible_to(user) -> QuerySet[Referral]:
    mine = Q(person__user=user)
    if is_casework(user):
        return Referral.objects.filter(Q(partnership__in=_team_partnerships(user)) | mine)
    return Referral.objects.filter(mine)


def referral_for(user, referral_id: int) -> Referral:
    try:
        return (
            referrals_visible_to(user)
            .select_related("person", "service__organization", "partnership__birth_family")
            .get(pk=referral_id)
        )
    except Referral.DoesNotExist:
        raise Http404 from None


def referral_list(user, *, status: str = "") -> QuerySet[Referral]:
    """The parent's own referrals; for the team, their caseload's."""
    if is_casework(user):
        found = Referral.objects.filter(partnership__in=caseload_of(user))
    else:
        found = Referral.objects.filter(person__user=user)
    if status == "open":
        found = found.filter(status__in=OPEN)
    elif status:
        found = found.filter(status=status)
    return found.select_related("person", "service__organization").order_by("-status_on", "-pk")


def sitting(user, *, today: date) -> list[Referral]:
    """The caseload's referrals nobody has moved for a week: someone should call."""
    return list(
        Referral.objects.filter(
            partnership__in=open_caseload_of(user),
            status__in=OPEN,
            status_on__lte=today - timedelta(days=SITS_AFTER_DAYS),
        )
        .select_related("person", "service")
        .order_by("status_on", "pk")[:20]
    )


def waiting_for(user) -> list[Referral]:
    """A parent's open referrals, for their home page: "did you reach them?"."""
    return list(
        Referral.objects.filter(person__user=user, status__in=OPEN)
        .select_related("service")
        .order_by("status_on", "pk")[:5]
    )


def people_to_refer(user) -> list[tuple[Partnership, object]]:
    """(partnership, parent) pairs the team member may refer: both homes' parents in the
    open partnerships they coach or cover (a director's own caseload too: the choice
    stays a short list)."""
    people = Person.objects.order_by("first_name", "pk")
    partnerships = with_parents(open_caseload_of(user), people=people).order_by(
        "birth_family__name", "pk"
    )
    pairs = []
    for partnership in partnerships:
        homes = [partnership.birth_family, partnership.partner_home]
        for home in homes:
            if home is not None:
                pairs.extend((partnership, person) for person in home.parents.all())
    return pairs


def own_partnership(user) -> Partnership | None:
    """The open partnership a parent refers themself within."""
    return (
        Partnership.objects.filter(
            Q(birth_family__parents__user=user) | Q(partner_home__parents__user=user)
        )
        .exclude(stage=Stage.CLOSED)
        .select_related("birth_family")
        .order_by("-pk")
        .first()
    )


def outcomes(*, by: str) -> list[dict]:
    """Referral outcomes per need or per service: how many were made, reached each end,
    and the share that ended in the service received. One query."""
    counts = {status: Count("pk", filter=Q(status=status)) for status in Status.values}
    group = {"need": ("need",), "service": ("service", "service__name")}[by]
    rows = list(
        Referral.objects.values(*group).annotate(total=Count("pk"), **counts).order_by("-total")
    )
    for row in rows:
        row["open"] = sum(row[status] for status in OPEN)
        row["completion"] = round(100 * row[Status.RECEIVED] / row["total"]) if row["total"] else 0
    return rows
