"""Changes to referrals; each audited (a referral is the family's record) and each step
dated, so the loop can be followed and counted."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from agreements.selectors import sharing_for
from audit.models import Action
from audit.services import audit_entry_create
from directory.models import Service
from directory.models import Status as ServiceStatus
from notices.delivery import notify
from partnerships.models import Partnership, refuse_if_closed
from referrals.models import MOVES, Referral, Status, Step


@transaction.atomic
def referral_make(
    *, actor, partnership: Partnership, person, service: Service, need: str, note: str
) -> Referral:
    refuse_if_closed(partnership)
    if service.status != ServiceStatus.ACTIVE:
        raise ValidationError(_("This service is not taking referrals now."))
    today = timezone.localdate()
    referral = Referral.objects.create(
        person=person,
        partnership=partnership,
        service=service,
        need=need,
        note=note,
        status_on=today,
        created_by=actor,
    )
    Step.objects.create(referral=referral, status=Status.SENT, on=today, by=actor)
    audit_entry_create(
        actor=actor, action=Action.CREATED, record=referral, fields=["service", "need", "note"]
    )
    if person.user_id and person.user_id != actor.pk:
        transaction.on_commit(lambda: _tell(referral, partnership))
    return referral


def _tell(referral: Referral, partnership: Partnership) -> None:
    """The person hears only that there is something new, with the link."""
    sharing = sharing_for(partnership)
    side = sharing.side_of_person(referral.person)
    notify(
        user_id=referral.person.user_id,
        path=referral.get_absolute_url(),
        quiet=sharing.terms.get(side) if side else None,
    )


@transaction.atomic
def referral_move(*, actor, referral: Referral, status: str, note: str = "") -> Referral:
    refuse_if_closed(referral.partnership)
    if status not in MOVES[Status(referral.status)]:
        raise ValidationError(
            {
                "status": _("A referral that is “%(now)s” cannot become “%(then)s”.")
                % {"now": referral.get_status_display(), "then": Status(status).label}
            }
        )
    today = timezone.localdate()
    referral.status = status
    referral.status_on = today
    referral.save(update_fields=["status", "status_on"])
    Step.objects.create(referral=referral, status=status, on=today, by=actor, note=note)
    audit_entry_create(actor=actor, action=Action.CHANGED, record=referral, fields=["status"])
    return referral
