"""The year after reunification, for the outcomes dashboard (partnerships/figures.py).

One row a month of the period: the check-ins due in it and the share of them held by the
period's end, the check-ins held in it (on time or late) and how many of those raised
warning signs. One query: a conditional count for each month and column, over the
check-ins due or held in the period, so its length follows the period, not the families.
"""

from datetime import date, timedelta

from django.db.models import Count, Q
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from aftercare.models import JOB_HELD, FollowUp
from partnerships.figures import Column, Kind, Row, Scope, Share, Table

KEY = "year-after"
ORDER = 150


def _months(start: date, end: date) -> list[tuple[date, date]]:
    """The period cut at month ends: (first day, last day) of each part, both included."""
    parts = []
    first = start
    while first <= end:
        following = (first.replace(day=1) + timedelta(days=32)).replace(day=1)
        last = min(following - timedelta(days=1), end)
        parts.append((first, last))
        first = following
    return parts


def year_after(scope: Scope) -> Table:
    months = _months(scope.start, scope.end)
    tallies = {}
    for n, (first, last) in enumerate(months):
        due = Q(due_on__gte=first, due_on__lte=last)
        done = Q(done_on__gte=first, done_on__lte=last)
        tallies |= {
            f"due_{n}": Count("pk", filter=due),
            # Held by the period's end, whenever: a check-in held a little late was held.
            f"due_held_{n}": Count("pk", filter=due & Q(done_on__lte=scope.end)),
            f"held_{n}": Count("pk", filter=done),
            f"warning_{n}": Count("pk", filter=done & Q(warning=True)),
            f"job_held_{n}": Count("pk", filter=done & Q(job__in=JOB_HELD)),
        }
    in_period = Q(due_on__gte=scope.start, due_on__lte=scope.end) | Q(
        done_on__gte=scope.start, done_on__lte=scope.end
    )
    counts = FollowUp.objects.filter(in_period, partnership__in=scope.partnerships).aggregate(
        **tallies
    )
    return Table(
        key=KEY,
        title=_("The year after reunification"),
        columns=(
            Column(_("Month"), Kind.LABEL),
            Column(_("Check-ins due"), Kind.COUNT),
            Column(_("Of those due, held"), Kind.SHARE),
            Column(_("Check-ins held"), Kind.COUNT),
            Column(_("Warning signs raised"), Kind.COUNT),
            Column(_("Parent still working"), Kind.COUNT),
        ),
        rows=tuple(
            Row(
                label=date_format(first, "YEAR_MONTH_FORMAT"),
                values=(
                    counts[f"due_{n}"],
                    Share(counts[f"due_held_{n}"], counts[f"due_{n}"]),
                    counts[f"held_{n}"],
                    counts[f"warning_{n}"],
                    counts[f"job_held_{n}"],
                ),
            )
            for n, (first, _last) in enumerate(months)
        ),
        note=_(
            "Check-ins are counted as scheduled after reunification, with the dates the "
            "coaches moved or added. “Of those due, held” counts the check-ins due in the "
            "month that were held by the end of the period, on time or late; “check-ins "
            "held”, “warning signs raised” and “parent still working” (the same job or a "
            "new one) count those held in the month, whenever they were due."
        ),
        caption=_(
            "For each month of the period: the year-after check-ins due, the share of "
            "them held, the check-ins held, how many of those raised warning signs and "
            "how many found the parent still working."
        ),
        chart=2,
    )
