"""Referrals' figure for the outcomes dashboard: referrals made in the period, by need, and
how many ended with the family getting the service (partnerships/figures.py)."""

from django.db.models import Count, Exists, OuterRef, Q
from django.utils.translation import gettext as _

from directory.needs import NEEDS
from partnerships.figures import Column, Kind, Row, Scope, Share, Table
from referrals.models import Referral, Status, Step

KEY = "referrals-by-need"
ORDER = 110


def completed_by_need(scope: Scope) -> Table:
    """Every need, with the referrals made for it in the period and those completed.

    A referral is made on the day of its first step, "sent" (referral_make writes it; no
    referral returns to "sent"). It is completed when the family received the service: the
    one end of the loop that is the help itself, as the referral outcomes page counts it
    (referrals.selectors.outcomes). Declined and unanswered referrals are made, not
    completed. One query, grouped by need.
    """
    sent_in_period = Step.objects.filter(
        referral=OuterRef("pk"), status=Status.SENT, on__gte=scope.start, on__lte=scope.end
    )
    counts = {
        need: (made, received)
        for need, made, received in Referral.objects.filter(
            Exists(sent_in_period), partnership__in=scope.partnerships
        )
        .values("need")
        .annotate(made=Count("pk"), received=Count("pk", filter=Q(status=Status.RECEIVED)))
        .order_by()
        .values_list("need", "made", "received")
    }
    rows = []
    for need, label in NEEDS.items():
        made, received = counts.get(need, (0, 0))
        rows.append(Row(label=str(label), values=(made, received, Share(received, made))))
    return Table(
        key=KEY,
        title=_("Referrals completed by need"),
        columns=(
            Column(_("Need"), Kind.LABEL),
            Column(_("Referrals made"), Kind.COUNT),
            Column(_("Service received"), Kind.COUNT),
            Column(_("Share completed"), Kind.SHARE),
        ),
        rows=tuple(rows),
        note=_(
            "A referral is completed when the family received the service. Referrals made "
            "late in the period may still be open."
        ),
        caption=_(
            "Referrals to community services made in the period, by the need they answer, "
            "and how many ended with the family receiving the service."
        ),
        chart=1,
    )
