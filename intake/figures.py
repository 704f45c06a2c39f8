"""Intake's figure for the outcomes dashboard: how the forms fared against the promise of a
first contact within two business days (partnerships/figures.py)."""

from datetime import datetime, time, timedelta

from django.db.models import (
    Case,
    Count,
    DurationField,
    ExpressionWrapper,
    F,
    IntegerField,
    Q,
    Value,
    When,
    Window,
)
from django.db.models.functions import RowNumber
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from core.access import RULES
from core.zones import program_zone
from intake.models import Submission
from partnerships.figures import Column, Kind, Row, Scope, Share, Table

KEY = "intake-response"
ORDER = 100

# Where a form stands against the promise, in the order the rows are shown.
KEPT, LATE, WAITING, OVERDUE, CLOSED = range(5)
CONTACTED = (KEPT, LATE)


def _labels() -> dict[int, str]:
    # Built at each call, so the asker's language applies.
    return {
        KEPT: _("Contacted within two business days"),
        LATE: _("Contacted later"),
        WAITING: _("Not contacted yet, still within the promise"),
        OVERDUE: _("Not contacted, past due"),
        CLOSED: _("Closed without a contact"),
    }


def _counted(scope: Scope) -> Q:
    """The forms the scope may count.

    A form linked to a partnership counts only through `scope.partnerships`, which has
    already left out the families who did not consent. A form with no partnership yet is an
    inquiry: no family has been enrolled to ask for consent, and the count says nothing about
    anyone, so program-wide it counts whole. A coach's own caseload (`consented_only` False)
    is theirs alone: there an inquiry counts when it is assigned to the asker, as a linked
    form counts when its partnership is in their caseload; otherwise one coach's view would
    count the whole program's inquiries.
    """
    linked = Q(partnership__in=scope.partnerships)
    if scope.narrowed:
        # A narrowing keeps some families (a fund's): an inquiry belongs to none of them.
        inquiries = Q(pk__in=[])
    elif scope.consented_only:
        inquiries = Q(partnership__isnull=True)
    elif getattr(scope.user, "pk", None) is not None:
        inquiries = Q(partnership__isnull=True, assigned_to=scope.user)
    else:
        inquiries = Q(pk__in=[])
    counted = linked | inquiries
    if scope.county.strip():
        counted &= Q(county__iexact=scope.county.strip())
    if scope.coach is not None:
        counted &= Q(assigned_to=scope.coach)
    return counted


def _received_within(scope: Scope) -> Q:
    """Received on the period's days, in the program's clock (the promise's own, whoever
    reads): from the first day's midnight to the midnight after the last day."""
    zone = program_zone()
    start = datetime.combine(scope.start, time.min, tzinfo=zone)
    end = datetime.combine(scope.end + timedelta(days=1), time.min, tzinfo=zone)
    return Q(received_at__gte=start, received_at__lt=end)


def _standing(now: datetime) -> Case:
    """A form's place against the promise, as of `now`. Every attempt counts as contact
    (intake.services.contact_attempt_record); a form closed before any attempt (a duplicate,
    say) was never waiting for one, so it is neither kept nor missed."""
    return Case(
        When(first_contact_at__lte=F("due_at"), then=Value(KEPT)),
        When(first_contact_at__isnull=False, then=Value(LATE)),
        When(closed_at__isnull=False, then=Value(CLOSED)),
        When(due_at__gte=now, then=Value(WAITING)),
        default=Value(OVERDUE),
        output_field=IntegerField(),
    )


def response_time(scope: Scope) -> Table:
    """Forms received in the period, by whether the first contact came within the promise,
    and the median days to it.

    One query: each form is numbered by its wait within its row, and only the middle one or
    two of each row come back, each carrying the row's count. The median is thus read from
    at most ten rows whatever the volume, and needs no PERCENTILE_CONT (which SQLite lacks).
    Both interest and contact forms are counted: each carries the same promise.
    """
    standing = _standing(timezone.now())
    wait = ExpressionWrapper(F("first_contact_at") - F("received_at"), output_field=DurationField())
    middles = (
        Submission.objects.filter(_received_within(scope), _counted(scope))
        .annotate(standing=standing, wait=wait)
        .annotate(
            place=Window(RowNumber(), partition_by=[F("standing")], order_by=[F("wait"), "pk"]),
            of=Window(Count("pk"), partition_by=[F("standing")]),
        )
        .filter(place__gte=(F("of") + 1) / 2, place__lte=(F("of") + 2) / 2)
        .order_by()
        .values_list("standing", "of", "wait")
    )
    counts: dict[int, int] = {}
    waits: dict[int, list[timedelta]] = {}
    for standing_of, count, waited in middles:
        counts[standing_of] = count
        if waited is not None:
            waits.setdefault(standing_of, []).append(waited)
    total = sum(counts.values())
    link = _queue_link(scope)
    rows = tuple(
        Row(
            label=label,
            values=(
                counts.get(standing_of, 0),
                Share(counts.get(standing_of, 0), total),
                _days(waits.get(standing_of)) if standing_of in CONTACTED else None,
            ),
            link=link,
        )
        for standing_of, label in _labels().items()
    )
    return Table(
        key=KEY,
        title=_("Intake response time against the two-day promise"),
        columns=(
            Column(_("First contact"), Kind.LABEL),
            Column(_("Forms"), Kind.COUNT),
            Column(_("Share of forms"), Kind.SHARE),
            Column(_("Median days to first contact"), Kind.DAYS),
        ),
        rows=rows,
        note=_(
            "The program promises a first contact within two business days, skipping "
            "weekends and holidays. Any attempt to reach the person counts. Forms not yet "
            "contacted are counted as they stand today."
        ),
        caption=_(
            "Interest and contact forms received in the period, by whether the first contact "
            "came within two business days, with the median days from the form to that contact."
        ),
        chart=0,
    )


def _days(waits: list[timedelta] | None) -> float | None:
    """The median of a row's middle one or two waits, in days to one decimal."""
    if not waits:
        return None
    middle = sum(waits, timedelta()) / len(waits)
    return round(middle.total_seconds() / 86400, 1)


def _queue_link(scope: Scope) -> str:
    """The triage queue, filtered by the scope's county, for the team who may open it."""
    user = scope.user
    if user is None or not RULES["intake:queue"].allows(user):
        return ""
    url = reverse("intake:queue")
    return f"{url}?{urlencode({'county': scope.county.strip()})}" if scope.county.strip() else url
