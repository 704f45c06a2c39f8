"""The provider's bookkeeping of the texts it took: how far each got.

Kept out of services.py on purpose, as notices/delivery.py is: a SentText holds no
number and no words, only the provider's id and a status, and recording it is not a
change of anyone's record. An audit entry for each would fill the trail with copies of
the entry that matters (the change the text announced)."""

from django.db import transaction

from texts.models import PROGRESS, SentText, Status


def sent_text_record(*, sid: str, status: str) -> SentText:
    """A text the provider took. Not audited: it holds no number and no words, only the
    provider's id and how far the text got."""
    status = status if status in PROGRESS else Status.QUEUED
    sent, _created = SentText.objects.get_or_create(sid=sid[:64], defaults={"status": status})
    return sent


def sent_text_status_update(*, sid: str, status: str, error_code: int | None) -> SentText | None:
    """The provider's word on how far a text got. Callbacks can come out of order: a
    text never goes back a step (delivered stays delivered after a late "sent")."""
    if status not in PROGRESS:
        return None
    with transaction.atomic():
        sent = SentText.objects.select_for_update().filter(sid=sid).first()
        if sent is None or PROGRESS[status] <= PROGRESS[sent.status]:
            return sent
        sent.status = status
        sent.error_code = error_code
        sent.save(update_fields=["status", "error_code", "status_at"])
    return sent
