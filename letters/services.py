"""Changes to letters, each audited: drafting one and the parent's approval."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.models import Action
from audit.services import audit_entry_create
from families.models import Person
from letters.dates import court_dates, stored
from letters.models import CHILDREN_LENGTH, LONGEST_DAYS, Letter
from partnerships.models import Partnership, refuse_if_closed


@transaction.atomic
def letter_create(*, actor, partnership: Partnership, person: Person, data: dict) -> Letter:
    """A letter drafted for `person`, a birth parent of the partnership, with the court's
    dates of the period as the calendar has them now. The partnership's coach signs it."""
    refuse_if_closed(partnership)
    if not partnership.birth_family.parents.filter(pk=person.pk).exists():
        raise ValidationError(_("A letter is for a parent of the birth family."))
    start, end = data["starts_on"], data["ends_on"]
    if end < start:
        raise ValidationError({"ends_on": _("The period ends after it starts.")})
    if end - start > timedelta(days=LONGEST_DAYS):
        raise ValidationError(
            {"ends_on": _("A letter covers at most six months: make two letters.")}
        )
    children = ""
    if data.get("name_children"):
        names = partnership.children.order_by("birth_date", "pk").values_list(
            "first_name", flat=True
        )
        children = ", ".join(names)[:CHILDREN_LENGTH]
    dates = court_dates(partnership, start=start, end=end)
    if not dates:
        raise ValidationError(
            _(
                "There are no court hearings or court-ordered appointments on the calendar "
                "in that period. Choose other dates, or ask your coach to add them."
            )
        )
    letter = Letter(
        partnership=partnership,
        person=person,
        signer=partnership.coach,
        created_by=actor,
        children=children,
        dates=stored(dates),
        **data,
    )
    letter.full_clean()
    letter.save()
    audit_entry_create(actor=actor, action=Action.CREATED, record=letter, fields=sorted(data))
    return letter


@transaction.atomic
def letter_approve(*, actor, letter: Letter) -> Letter:
    """The parent the letter is for says it may go out as it reads. Nobody else can."""
    if letter.person.user_id != actor.pk:
        raise ValidationError(_("Only the parent the letter is for approves it."))
    refuse_if_closed(letter.partnership)
    if letter.approved_at is None:
        letter.approved_at = timezone.now()
        letter.save(update_fields=["approved_at"])
        audit_entry_create(actor=actor, action=Action.CHANGED, record=letter, fields=["approved"])
    return letter
