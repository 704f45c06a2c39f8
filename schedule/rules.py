"""What the court and the agreement allow on the calendar, enforced when an event is
saved and explained in plain words."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from agreements.models import HIDING, CourtRestriction, RestrictionKind
from agreements.selectors import Sharing
from schedule.models import Attendees, Kind, Place


def check_event(sharing: Sharing, data: dict) -> None:
    errors = {}
    if data["kind"] == Kind.VISIT:
        if data.get("attendees", Attendees.BOTH) != Attendees.BOTH:
            errors["attendees"] = _("Family time brings both homes together: choose both homes.")
        if sharing.no_contact:
            raise ValidationError(
                _(
                    "A court order forbids contact here: family time between the homes cannot "
                    "be scheduled. Talk with the caseworker about what the order allows."
                )
            )
        if sharing.supervised_only and not (data.get("supervised") and data.get("supervisor")):
            errors["supervisor"] = _(
                "The court has ordered supervised contact only: name who will supervise this visit."
            )
    elif (
        sharing.no_contact
        and data["kind"] != Kind.COURT
        and data.get("attendees", Attendees.BOTH) == Attendees.BOTH
    ):
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


def brings_homes_together(event) -> bool:
    return event.kind == Kind.VISIT or (
        event.kind != Kind.COURT and event.attendees == Attendees.BOTH
    )


def held_by_orders(events, *, today: date | None = None) -> dict[int, str]:
    """Events scheduled before a court order that now forbids them, each with the reason,
    in one query. They stay on the calendar marked "on hold" (a later order may end and
    they resume), and no reminder goes out for them."""
    today = today or timezone.localdate()
    events = list(events)
    active = CourtRestriction.objects.filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=today),
        partnership__in={event.partnership_id for event in events},
        starts_on__lte=today,
    ).values_list("partnership_id", "kind")
    orders: dict[int, set[str]] = {}
    for partnership_id, kind in active:
        orders.setdefault(partnership_id, set()).add(kind)
    held = {}
    for event in events:
        kinds = orders.get(event.partnership_id, set())
        if kinds & HIDING and brings_homes_together(event):
            held[event.pk] = _("On hold: a court order forbids contact")
        elif (
            RestrictionKind.SUPERVISED in kinds
            and event.kind == Kind.VISIT
            and not (event.supervised and event.supervisor)
        ):
            held[event.pk] = _("On hold: the court requires a supervisor")
    return held
