"""Reads of the year after reunification, scoped to the team member asking."""

from datetime import date, timedelta

from django.db.models import OuterRef, Subquery
from django.http import Http404

from aftercare.models import FollowUp
from partnerships.models import Partnership
from partnerships.selectors import open_caseload_of, partnerships_visible_to

#: Check-ins show as due this many days ahead.
DUE_SOON_DAYS = 7


def follow_up_for(user, follow_up_id: int) -> FollowUp:
    try:
        return FollowUp.objects.select_related("partnership__birth_family").get(
            pk=follow_up_id, partnership__in=partnerships_visible_to(user)
        )
    except FollowUp.DoesNotExist:
        raise Http404 from None


def schedule_of(partnership: Partnership) -> list[FollowUp]:
    return list(FollowUp.objects.filter(partnership=partnership).select_related("done_by"))


def check_ins_due(user, *, today: date) -> list[FollowUp]:
    """Open check-ins in the coach's caseload due within a week or overdue, oldest first.
    One query whatever the caseload."""
    return list(
        FollowUp.objects.filter(
            partnership__in=open_caseload_of(user),
            done_on__isnull=True,
            due_on__lte=today + timedelta(days=DUE_SOON_DAYS),
        )
        .select_related("partnership__birth_family")
        .order_by("due_on", "pk")
    )


def warning_signs(user) -> list[FollowUp]:
    """The latest check-in of each family in the caseload, where it raised a warning.
    One query."""
    latest = (
        FollowUp.objects.filter(partnership=OuterRef("partnership"), done_on__isnull=False)
        .order_by("-done_on", "-pk")
        .values("pk")[:1]
    )
    return list(
        FollowUp.objects.filter(
            partnership__in=open_caseload_of(user),
            pk=Subquery(latest),
            warning=True,
        ).select_related("partnership__birth_family")
    )
