from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import Role
from accounts.tasks import INVITATION, PASSWORD_RESET, send_account_link
from audit.models import Action
from audit.services import audit_entry_create
from families.models import Person
from families.services import person_create

User = get_user_model()

#: Which roles each inviter may hand out. Only a director creates staff accounts.
GRANTABLE = {
    Role.DIRECTOR: {
        Role.DIRECTOR,
        Role.COACH,
        Role.FINANCE,
        Role.BIRTH_PARENT,
        Role.PARTNER_PARENT,
        Role.VOLUNTEER,
    },
    Role.COACH: {Role.BIRTH_PARENT, Role.PARTNER_PARENT, Role.VOLUNTEER},
}


def roles_grantable_by(actor) -> set[str]:
    grantable: set[str] = set()
    for role in actor.roles:
        grantable |= GRANTABLE.get(role, set())
    return grantable


def role_for_person(person: Person) -> str:
    """A parent's role follows from where they belong."""
    if person.birth_families.exists():
        return Role.BIRTH_PARENT
    if person.partner_homes.exists():
        return Role.PARTNER_PARENT
    return Role.VOLUNTEER


@transaction.atomic
def user_invite(*, actor, person: Person, email: str, role: str) -> User:
    """Give a person an account and e-mail them a single-use link to set a password.

    Inviting again someone who never accepted sends a fresh link to the address given
    now (a mistyped address can be corrected this way); the old link stops working only
    when they set a password, or when it expires."""
    if role not in roles_grantable_by(actor):
        raise ValidationError(_("You cannot give that role."))
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


def password_reset_send(*, email: str) -> None:
    """Send a reset link if an active account with a password has this e-mail.

    Says nothing about whether it does, so the form cannot be used to find accounts."""
    for user in User.objects.filter(email__iexact=email.strip(), is_active=True):
        if user.has_usable_password():
            send_account_link.enqueue(user.pk, PASSWORD_RESET)


def user_language_set(*, user, language: str) -> None:
    user.language = language
    user.save(update_fields=["language"])


def user_time_zone_set(*, user, time_zone: str) -> None:
    user.time_zone = time_zone
    user.save(update_fields=["time_zone"])
