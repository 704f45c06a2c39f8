"""Changes texting makes: a number stopped or started again, and a text's delivery.

Texts sits beside the audit trail, not above it, so its changes reach the trail through
core.services.record_change_announce, as notices' do."""

from django.db import IntegrityError, transaction

from core.services import record_change_announce
from texts.models import OptOut


def opt_out_record(*, number: str, actor=None) -> OptOut:
    """STOP: no more texts to `number`. Saying it again changes nothing."""
    try:
        with transaction.atomic():
            opt_out = OptOut.objects.create(number=number)
    except IntegrityError:  # already stopped (or a twin of this request won the race)
        return OptOut.objects.get(number=number)
    record_change_announce(actor=actor, action="created", record=opt_out, fields=["number"])
    return opt_out


def opt_out_remove(*, number: str, actor=None) -> bool:
    """START: texts to `number` may go again. Says whether it had been stopped."""
    opt_out = OptOut.objects.filter(number=number).first()
    if opt_out is None:
        return False
    # Announced before the row goes, while it still has its id for the trail.
    record_change_announce(actor=actor, action="removed", record=opt_out, fields=["number"])
    opt_out.delete()
    return True
