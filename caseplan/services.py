"""Changes to the coach's work with families; each audited (contacts are the family's
record)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.models import Action
from audit.services import audit_entry_create
from caseplan.models import Contact
from partnerships.models import Partnership


@transaction.atomic
def contact_log(*, actor, partnership: Partnership, data: dict, people) -> Contact:
    people = list(people)
    if not people:
        raise ValidationError({"people": _("Choose who was there.")})
    if data["happened_on"] > timezone.localdate():
        raise ValidationError({"happened_on": _("A contact is logged once it has happened.")})
    follow_up = data.get("follow_up_on")
    if follow_up and follow_up < data["happened_on"]:
        raise ValidationError({"follow_up_on": _("The follow-up comes after the contact.")})
    contact = Contact(partnership=partnership, coach=actor, **data)
    contact.full_clean()
    contact.save()
    contact.people.set(people)
    audit_entry_create(actor=actor, action=Action.CREATED, record=contact, fields=sorted(data))
    return contact


@transaction.atomic
def contact_follow_up_done(*, actor, contact: Contact) -> None:
    contact.followed_up_at = timezone.now()
    contact.save(update_fields=["followed_up_at"])
    audit_entry_create(actor=actor, action=Action.CHANGED, record=contact, fields=["followed_up"])
