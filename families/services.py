"""Changes to people, families, homes and children. Each one is audited."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from audit.models import Action
from audit.services import audit_entry_create, audited_create, audited_update
from families.models import (
    BirthFamily,
    Child,
    PartnerHome,
    PermanencyEvent,
    PermanencyKind,
    Person,
    Placement,
)

#: Events that end the child's time in care, and so their open placement.
DISCHARGES = frozenset(PermanencyKind) - {
    PermanencyKind.ENTERED_CARE,
    PermanencyKind.REENTERED_CARE,
}


def person_create(*, actor, data: dict) -> Person:
    return audited_create(actor=actor, record=Person(**data), fields=data.keys())


def person_update(*, actor, person: Person, data: dict) -> Person:
    return audited_update(actor=actor, record=person, data=data)


def birth_family_create(*, actor, name: str) -> BirthFamily:
    return audited_create(actor=actor, record=BirthFamily(name=name), fields=["name"])


def birth_family_update(*, actor, family: BirthFamily, data: dict) -> BirthFamily:
    return audited_update(actor=actor, record=family, data=data)


@transaction.atomic
def birth_family_parent_add(*, actor, family: BirthFamily, person_data: dict) -> Person:
    person = person_create(actor=actor, data=person_data)
    family.parents.add(person)
    audit_entry_create(actor=actor, action=Action.CHANGED, record=family, fields=["parents"])
    return person


def partner_home_create(*, actor, data: dict) -> PartnerHome:
    return audited_create(actor=actor, record=PartnerHome(**data), fields=data.keys())


def partner_home_update(*, actor, home: PartnerHome, data: dict) -> PartnerHome:
    return audited_update(actor=actor, record=home, data=data)


@transaction.atomic
def partner_home_parent_add(*, actor, home: PartnerHome, person_data: dict) -> Person:
    person = person_create(actor=actor, data=person_data)
    home.parents.add(person)
    audit_entry_create(actor=actor, action=Action.CHANGED, record=home, fields=["parents"])
    return person


def child_create(*, actor, family: BirthFamily, data: dict) -> Child:
    child = Child(birth_family=family, **data)
    return audited_create(actor=actor, record=child, fields=data.keys())


def child_update(*, actor, child: Child, data: dict) -> Child:
    return audited_update(actor=actor, record=child, data=data)


@transaction.atomic
def placement_create(
    *, actor, child: Child, partner_home: PartnerHome | None, started_on: date
) -> Placement:
    """Record a move. The open placement, if any, ends the day the new one starts."""
    current = Placement.objects.select_for_update().filter(child=child, ended_on__isnull=True)
    for placement in current:
        if started_on < placement.started_on:
            raise ValidationError(
                {"started_on": _("The new placement cannot start before the current one.")}
            )
        placement.ended_on = started_on
        placement.save(update_fields=["ended_on"])
    placement = Placement(child=child, partner_home=partner_home, started_on=started_on)
    placement.full_clean()
    placement.save()
    audit_entry_create(actor=actor, action=Action.CHANGED, record=child, fields=["placements"])
    return placement


@transaction.atomic
def permanency_event_record(
    *, actor, child: Child, kind: str, occurred_on: date, note: str = ""
) -> PermanencyEvent:
    """Record a dated permanency event; a discharge also ends the open placement."""
    event = PermanencyEvent(
        child=child, kind=kind, occurred_on=occurred_on, note=note, recorded_by=actor
    )
    event.full_clean()
    event.save()
    if kind in DISCHARGES:
        open_placements = Placement.objects.filter(child=child, ended_on__isnull=True)
        for placement in open_placements:
            if occurred_on < placement.started_on:
                raise ValidationError(
                    {"occurred_on": _("This date is before the current placement started.")}
                )
        open_placements.update(ended_on=occurred_on)
    audit_entry_create(
        actor=actor, action=Action.CHANGED, record=child, fields=["permanency_events"]
    )
    return event
