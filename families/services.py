"""Changes to people, families, homes and children. Each one is audited."""

from datetime import date

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.services import roles_grantable_by
from accounts.tasks import INVITATION, send_account_link
from audit.models import Action
from audit.services import audit_entry_create, audited_create, audited_update
from core.throttle import throttle_hit
from families.models import (
    BirthFamily,
    Child,
    PartnerHome,
    PermanencyEvent,
    PermanencyKind,
    Person,
    Placement,
)

User = get_user_model()

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


@transaction.atomic
def user_invite(*, actor, person: Person, email: str, role: str) -> User:
    """Give a person an account and e-mail them a single-use link to set a password.

    Inviting again someone who never accepted sends a fresh link to the address given
    now (a mistyped address can be corrected this way); the old link stops working only
    when they set a password, or when it expires."""
    if role not in roles_grantable_by(actor):
        raise ValidationError(_("You cannot give that role."))
    # Each invitation is an e-mail with a sign-in link: a hijacked staff account must not
    # send hundreds. A refused or failed invitation is not counted (rolled back with it).
    if throttle_hit(scope="invitation", key=str(actor.pk), limit=settings.INVITATIONS_PER_HOUR):
        raise ValidationError(
            _("You have sent many invitations in the last hour. Please wait before sending more.")
        )
    email = email.strip().lower()
    user = person.user
    taken = User.objects.filter(email__iexact=email)
    if user is not None:
        taken = taken.exclude(pk=user.pk)
    if taken.exists():
        raise ValidationError({"email": _("Someone already signs in with this e-mail.")})
    if user is None:
        user = User.objects.create_user(email=email, language=person.language)
        person.user = user
        person.save(update_fields=["user"])
    elif user.has_usable_password():
        raise ValidationError(_("This person already has an account."))
    elif user.email != email:
        if person.email == user.email:
            person.email = email
            person.save(update_fields=["email"])
        user.email = email
        user.save(update_fields=["email"])
    user.groups.add(Group.objects.get(name=role))
    if not person.email:
        person.email = email
        person.save(update_fields=["email"])
    send_account_link.enqueue(user.pk, INVITATION)
    audit_entry_create(actor=actor, action=Action.INVITED, record=person, fields=["user"])
    return user


@transaction.atomic
def person_invite_new(*, actor, person_data: dict, role: str) -> User:
    """Invite someone the program does not know yet: a volunteer, or new staff."""
    if role not in roles_grantable_by(actor):
        raise ValidationError(_("You cannot give that role."))
    person = person_create(actor=actor, data=person_data)
    return user_invite(actor=actor, person=person, email=person_data["email"], role=role)
