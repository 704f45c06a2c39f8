"""What the court and the agreement allow on the calendar, enforced when an event is
saved and explained in plain words. An order counts on the dates it covers: one that
starts next month forbids next month's visits, not this week's."""

from collections import defaultdict
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from agreements.models import HIDING, CourtRestriction, RestrictionKind
from agreements.selectors import Sharing
from core.zones import program_zone
from partnerships.models import Stage
from schedule.models import Attendees, Kind, Place


def _local_day(moment: datetime) -> date:
    return timezone.localdate(moment, program_zone())


def _covers(order: CourtRestriction, first: date, last: date | None) -> bool:
    """Whether the order is in force on some day from `first` to `last` (None: on)."""
    return (last is None or order.starts_on <= last) and (
        order.ends_on is None or order.ends_on >= first
    )


def orders_during(sharing: Sharing, first: date, last: date | None) -> set[str]:
    return {r.kind for r in sharing.restrictions if _covers(r, first, last)}


def brings_homes_together(event) -> bool:
    kind, attendees = (
        (event["kind"], event.get("attendees", Attendees.BOTH))
        if isinstance(event, dict)
        else (event.kind, event.attendees)
    )
    return kind == Kind.VISIT or (kind != Kind.COURT and attendees == Attendees.BOTH)


def check_event(sharing: Sharing, data: dict, *, on: datetime | None = None) -> None:
    """Refuse an event, or a date of one moved to `on`, that the orders in force on its
    dates or the agreement forbid."""
    if sharing.partnership.stage == Stage.CLOSED:
        raise ValidationError(_("This partnership is closed: its calendar no longer changes."))
    if on is not None:
        first = last = _local_day(on)
    else:
        first = _local_day(data["starts_at"])
        last = (data.get("repeat_until") or None) if data.get("repeat") else first
    orders = orders_during(sharing, first, last)
    errors = {}
    if data["kind"] == Kind.VISIT:
        if data.get("attendees", Attendees.BOTH) != Attendees.BOTH:
            errors["attendees"] = _("Family time brings both homes together: choose both homes.")
        if orders & HIDING:
            raise ValidationError(
                _(
                    "A court order forbids contact on these dates: family time between the "
                    "homes cannot be scheduled. Talk with the caseworker about what the order "
                    "allows."
                )
            )
        if RestrictionKind.SUPERVISED in orders and not (
            data.get("supervised") and data.get("supervisor")
        ):
            errors["supervisor"] = _(
                "The court has ordered supervised contact only: name who will supervise this visit."
            )
    elif orders & HIDING and brings_homes_together(data):
        # A school play with both homes in the room is contact too; the court is the
        # one place the order itself brings them together.
        errors["attendees"] = _(
            "A court order forbids contact between the homes: schedule this for one home."
        )
    if data.get("supervised") and not data.get("supervisor"):
        errors["supervisor"] = _("Name the supervisor of a supervised visit.")
    if data.get("place") == Place.PARTNER_HOME and not sharing.terms.get("partner").shares(
        "address"
    ):
        errors["place"] = _(
            "The partnership agreement does not share the partner home's address, so a visit "
            "cannot be there. Choose a public place or the visit room."
        )
    if errors:
        raise ValidationError(errors)


def held_by_orders(found) -> dict[tuple[int, datetime], str]:
    """Dates scheduled before a court order that now forbids them, each with the reason,
    keyed by (event, original start), in one query. They stay on the calendar marked
    "on hold" and get no reminder; when the order ends, they are back."""
    found = list(found)
    partnerships = {o.event.partnership_id for o in found}
    orders = defaultdict(list)
    for order in CourtRestriction.objects.filter(partnership__in=partnerships):
        orders[order.partnership_id].append(order)
    held = {}
    for occurrence in found:
        event = occurrence.event
        day = _local_day(occurrence.starts_at)
        kinds = {o.kind for o in orders[event.partnership_id] if _covers(o, day, day)}
        if kinds & HIDING and brings_homes_together(event):
            held[(event.pk, occurrence.original)] = _("On hold: a court order forbids contact")
        elif (
            RestrictionKind.SUPERVISED in kinds
            and event.kind == Kind.VISIT
            and not (event.supervised and event.supervisor)
        ):
            held[(event.pk, occurrence.original)] = _("On hold: the court requires a supervisor")
    return held
