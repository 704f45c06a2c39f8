"""Reads of the calendar, scoped to the person asking."""

from datetime import timedelta

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from accounts.models import Role
from partnerships.models import Stage
from partnerships.selectors import partnerships_visible_to
from schedule.models import Event, FeedToken
from schedule.occurrences import Occurrence, occurrences

AGENDA_WEEKS = 8


def events_visible_to(user) -> QuerySet[Event]:
    partnerships = partnerships_visible_to(user)
    if not user.has_role(Role.DIRECTOR, Role.COACH):
        partnerships = partnerships.exclude(stage=Stage.CLOSED)
    return (
        Event.objects.filter(partnership__in=partnerships)
        .select_related("partnership__birth_family")
        .prefetch_related("changes")
    )


def agenda(user, *, weeks: int = AGENDA_WEEKS) -> list[Occurrence]:
    """What is coming in the next weeks, cancelled occurrences included and marked."""
    start = timezone.now() - timedelta(hours=2)
    return occurrences(events_visible_to(user), start, start + timedelta(weeks=weeks))


def active_feed(user) -> FeedToken | None:
    return FeedToken.objects.filter(user=user, revoked_at__isnull=True).first()


def feed_owner(secret: str):
    token = (
        FeedToken.objects.select_related("user")
        .filter(secret=secret, revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        raise Http404
    return token.user


def event_for(user, event_id: int) -> Event:
    """An event the casework team may change, in a partnership they see."""
    try:
        return (
            Event.objects.filter(partnership__in=partnerships_visible_to(user))
            .select_related("partnership")
            .get(pk=event_id)
        )
    except Event.DoesNotExist:
        raise Http404 from None


def coming_up(user, partnerships, *, weeks: int = 4, each: int = 3) -> None:
    """Set `.coming` on each partnership: its next few dates, for the parent's page.
    Two queries whatever the number of partnerships."""
    start = timezone.now() - timedelta(hours=2)
    ids = [p.pk for p in partnerships]
    found = occurrences(
        events_visible_to(user).filter(partnership__in=ids), start, start + timedelta(weeks=weeks)
    )
    for partnership in partnerships:
        partnership.coming = [
            o for o in found if o.event.partnership_id == partnership.pk and not o.cancelled
        ][:each]
