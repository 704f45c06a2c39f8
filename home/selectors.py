from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.text import get_text_list
from django.utils.translation import gettext

from accounts.models import Role
from assistance.models import Entry, Status
from assistance.selectors import requests_visible_to
from families.models import PermanencyEvent, PermanencyKind, Person
from partnerships.models import Partnership, Stage
from partnerships.selectors import stage_rows
from schedule.models import Kind, Place
from schedule.occurrences import Occurrence
from schedule.selectors import AGENDA_WEEKS, coming_up

#: The parent's "What is coming": the next few dates of the coming weeks.
COMING_WEEKS, COMING_EACH = 4, 3
#: How many of a partnership's coming dates are searched for the next family time.
LOOK_THROUGH = 50
#: Finance's home: the requests waiting to be paid, and the latest ledger entries.
WAITING_SHOWN, LEDGER_LATEST = 50, 10
#: How long the director's program figures are kept before they are counted again.
OVERVIEW_SECONDS = 60


def program_overview(*, today=None) -> dict:
    """The director's figures, kept in the shared cache for OVERVIEW_SECONDS: each reading
    walks the program's biggest tables, and a figure a minute old reads the same to a
    director. Stage labels are put in on the way out, in the reader's language."""
    today = today or timezone.localdate()
    key = f"home:program_overview:{today.isoformat()}"
    figures = cache.get_or_set(key, lambda: _program_figures(today), OVERVIEW_SECONDS)
    return {**figures, "stage_counts": stage_rows(figures["stage_counts"])}


def _program_figures(today) -> dict:
    """The figures as plain numbers and names, ready for the cache: five queries whatever
    the program's size, each a count or a short list, no model read whole."""
    # Every stage's count and the families served, from one reading of the partnerships.
    by_stage = {f"stage_{stage.value}": Count("pk", filter=Q(stage=stage)) for stage in Stage}
    totals = Partnership.objects.aggregate(
        families_served=Count("birth_family", distinct=True), **by_stage
    )
    children = Partnership.children.through.objects.exclude(
        partnership__stage=Stage.CLOSED
    ).aggregate(n=Count("child", distinct=True))["n"]
    caseloads = dict(
        Partnership.objects.exclude(stage=Stage.CLOSED)
        .order_by()
        .values_list("coach")
        .annotate(n=Count("pk"))
    )
    coaches = (
        get_user_model()
        .objects.filter(groups__name=Role.COACH)
        .order_by("person__first_name", "pk")
        .values_list(
            "pk", "email", "person__first_name", "person__preferred_name", "person__last_name"
        )
    )
    return {
        "stage_counts": {stage.value: totals[f"stage_{stage.value}"] for stage in Stage},
        "families_served": totals["families_served"],
        "children_in_partnerships": children,
        "reunified_this_year": PermanencyEvent.objects.filter(
            kind=PermanencyKind.REUNIFIED, occurred_on__gt=today - timedelta(days=365)
        ).count(),
        # (name, open partnerships) of each coach.
        "coaches": [
            (_coach_name(email, *name), caseloads.get(pk, 0)) for pk, email, *name in coaches
        ],
    }


def _coach_name(email: str, first: str | None, preferred: str | None, last: str | None) -> str:
    """The coach's name as Person.full_name gives it; their e-mail when they have no
    person (the join's None) or the name is blank."""
    if first is None:
        return email
    return Person(first_name=first, preferred_name=preferred, last_name=last).full_name or email


@dataclass
class FamilyTime:
    """A parent's next family time: the date, its partnership (whose children come) and
    where, as far as this parent may see it."""

    occurrence: Occurrence
    partnership: Partnership
    where_detail: str

    @property
    def children(self) -> str:
        """The children's first names: "Sofi and Mateo"."""
        names = [child.called for child in self.partnership.children.all()]
        return get_text_list(names, last_word=gettext("and"))


def with_next_family_time(user, partnerships) -> FamilyTime | None:
    """Set `.coming` on each partnership (schedule.selectors.coming_up) and return the
    parent's next family time across them, or None: what their home page opens with.
    Found in coming_up's own queries, looking as far ahead as the parent's agenda."""
    coming_up(user, partnerships, weeks=AGENDA_WEEKS, each=LOOK_THROUGH)
    soonest = None
    until = timezone.now() + timedelta(weeks=COMING_WEEKS)
    for partnership in partnerships:
        visits = [o for o in partnership.coming if o.event.kind == Kind.VISIT]
        if visits and (soonest is None or visits[0].starts_at < soonest[0].starts_at):
            soonest = (visits[0], partnership)
        partnership.coming = [o for o in partnership.coming if o.starts_at < until][:COMING_EACH]
    if soonest is None:
        return None
    visit, partnership = soonest
    return FamilyTime(visit, partnership, _where_detail(user, partnership, visit.event))


def _where_detail(user, partnership, event) -> str:
    """The place's name or address as this parent may see it: the partner home's address
    reaches the birth family only when the agreement shares it (partnership.sharing)."""
    if event.shown_place_detail:
        return event.shown_place_detail
    if (event.place, event.viewer_side) != (Place.PARTNER_HOME, "birth"):
        return ""
    sharing = partnership.sharing
    for person in sharing.other_side_visible(user):
        address = sharing.contact_of(user, person).get("address")
        if address:
            return address
    return ""


def finance_desk(user, *, latest: int = LEDGER_LATEST) -> dict:
    """Finance's home: the approved requests waiting to be paid, soonest needed first,
    and the ledger's latest entries. Two queries whatever the number of rows."""
    to_pay = (
        requests_visible_to(user)
        .filter(status=Status.APPROVED)
        .select_related("partnership__birth_family")
        .order_by("due_on", "pk")
    )
    ledger = Entry.objects.select_related("fund", "request__partnership__birth_family")
    return {
        "to_pay": list(to_pay[:WAITING_SHOWN]),
        "ledger": list(ledger.order_by("-paid_on", "-pk")[:latest]),
    }
