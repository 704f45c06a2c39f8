"""Gathering attendance, for the outcomes dashboard (partnerships/figures.py).

One row a kind of event (Partner Parent Gathering, training, program event), so the
table stays three rows long however many gatherings the period held: how many were held,
how many replies from the families in scope had a place, how many of them came. One query.
"""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.roles import is_casework
from gatherings.models import Gathering, Kind, Status
from partnerships.figures import Column, Row, Scope, Share, Table
from partnerships.figures import Kind as ColumnKind
from partnerships.selectors import parents_in

KEY = "gathering-attendance"
ORDER = 140


def gathering_attendance(scope: Scope) -> Table:
    # A reply belongs to a family only through the parent's account: a guest's reply and
    # a walk-in at the door carry a name, not a family, so neither can be counted here.
    parents = parents_in(scope.partnerships).order_by().values("user")
    ours = Q(registrations__user__in=parents)
    # A place at the end: a confirmed reply, or a wait-listed one let in at the door. A
    # reply left on the wait-list never had a place to come to, and a cancelled one said
    # it would not come, so neither is counted as expected.
    had_a_place = ours & Q(registrations__status=Status.CONFIRMED)
    counts = {
        row["kind"]: row
        for row in Gathering.objects.filter(
            # Held: begun by now, on a day of the period, and not called off.
            cancelled_at__isnull=True,
            starts_at__lte=timezone.now(),
            starts_at__date__gte=scope.start,
            starts_at__date__lte=scope.end,
        )
        .order_by()
        .values("kind")
        .annotate(
            held=Count("pk", distinct=True),
            had_a_place=Count("registrations", filter=had_a_place),
            came=Count(
                "registrations", filter=had_a_place & Q(registrations__checked_in_at__isnull=False)
            ),
        )
    }
    # The team's list of who comes to gatherings is the records behind every row.
    link = reverse("gatherings:attendance") if is_casework(scope.user) else ""
    rows = []
    for kind in Kind:
        row = counts.get(kind.value, {"held": 0, "had_a_place": 0, "came": 0})
        rows.append(
            Row(
                label=str(kind.label),
                values=(
                    row["held"],
                    row["had_a_place"],
                    row["came"],
                    Share(row["came"], row["had_a_place"]),
                ),
                link=link,
            )
        )
    return Table(
        key=KEY,
        title=_("Gathering attendance"),
        columns=(
            Column(_("Kind of event"), ColumnKind.LABEL),
            Column(_("Held"), ColumnKind.COUNT),
            Column(_("Parents with a place"), ColumnKind.COUNT),
            Column(_("Came"), ColumnKind.COUNT),
            Column(_("Share who came"), ColumnKind.SHARE),
        ),
        rows=tuple(rows),
        note=_(
            "Counts the replies of parents who signed in to reply, once for each event "
            "they replied to; guests and walk-ins are not linked to a family, so they are "
            "left out. Cancelled events and replies, and replies still on the wait-list, "
            "are not counted. “Came” is who was checked in at the door."
        ),
        caption=_(
            "For each kind of event held in the period: how many were held, how many "
            "replies from the parents counted had a place, and how many of them came."
        ),
        chart=2,
    )
