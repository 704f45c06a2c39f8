from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.text import get_text_list
from django.utils.translation import gettext

from accounts.models import Role
from assistance.models import Entry, Status
from assistance.selectors import requests_visible_to
from families.models import BirthFamily, Child, PermanencyEvent, PermanencyKind
from partnerships.models import Partnership, Stage
from partnerships.selectors import stage_counts
from schedule.models import Kind, Place
from schedule.occurrences import Occurrence
from schedule.selectors import AGENDA_WEEKS, coming_up

#: The parent's "What is coming": the next few dates of the coming weeks.
COMING_WEEKS, COMING_EACH = 4, 3
#: How many of a partnership's coming dates are searched for the next family time.
LOOK_THROUGH = 50
#: Finance's home: the requests waiting to be paid, and the latest ledger entries.
WAITING_SHOWN, LEDGER_LATEST = 50, 10


def program_overview(*, today=None) -> dict:
    """The director's figures: a fixed handful of queries whatever the program's size."""
    from django.contrib.auth import get_user_model

    today = today or timezone.localdate()
    year_ago = today - timedelta(days=365)
    open_partnerships = Partnership.objects.exclude(stage=Stage.CLOSED)
    coaches = (
        get_user_model()
        .objects.filter(groups__name=Role.COACH)
        .select_related("person")
        .annotate(
            caseload=Count(
                "coached_partnerships",
                filter=~Q(coached_partnerships__stage=Stage.CLOSED),
                distinct=True,
            )
        )
        .order_by("person__first_name", "pk")
    )
    return {
        "stage_counts": stage_counts(Partnership.objects.all()),
        "families_served": BirthFamily.objects.filter(partnerships__isnull=False)
        .distinct()
        .count(),
        "children_in_partnerships": Child.objects.filter(partnerships__in=open_partnerships)
        .distinct()
        .count(),
        "reunified_this_year": PermanencyEvent.objects.filter(
            kind=PermanencyKind.REUNIFIED, occurred_on__gt=year_ago
        ).count(),
        "coaches": list(coaches),
    }


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
