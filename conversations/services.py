from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from agreements.models import Side
from agreements.selectors import Sharing
from audit.models import Action
from audit.services import audit_entry_create
from conversations.models import Conversation, Kind, Message, ReadMark
from conversations.selectors import homes_may_talk
from notices.badges import kept_forget
from notices.delivery import notify
from voice.models import Purpose
from voice.services import recording_create


def conversation_start(*, actor, sharing: Sharing, kind: str) -> Conversation:
    partnership = sharing.partnership
    side = sharing.side_of_user(actor)
    if kind == Kind.HOMES:
        reason = homes_may_talk(sharing)
        if reason:
            raise ValidationError(reason)
        conversation, created = Conversation.objects.get_or_create(
            partnership=partnership, kind=Kind.HOMES, parent=None
        )
        return _started(actor, conversation, created)
    if side is None:
        raise ValidationError(_("Coaches answer in the parent's own conversation."))
    conversation, created = Conversation.objects.get_or_create(
        partnership=partnership, kind=Kind.COACH, parent=actor
    )
    return _started(actor, conversation, created)


def _started(actor, conversation: Conversation, created: bool) -> Conversation:
    """The first to open a conversation creates it; opening it again changes nothing."""
    if created:
        audit_entry_create(
            actor=actor, action=Action.CREATED, record=conversation, fields=["kind", "parent"]
        )
    return conversation


@transaction.atomic
def message_send(
    *, actor, conversation: Conversation, sharing: Sharing, text: str, voice=None
) -> Message:
    if conversation.kind == Kind.HOMES and homes_may_talk(sharing):
        raise ValidationError(homes_may_talk(sharing))
    if not text.strip() and voice is None:
        raise ValidationError({"text": _("Write your message, or record a voice note.")})
    recording = None
    if voice is not None:
        recording = recording_create(
            actor=actor, sharing=sharing, purpose=Purpose.MESSAGE, upload=voice
        )
    message = Message(
        conversation=conversation, author=actor, text=text.strip(), recording=recording
    )
    message.full_clean()
    message.save()
    audit_entry_create(
        actor=actor,
        action=Action.CREATED,
        record=message,
        fields=["text", "recording"] if recording else ["text"],
    )
    transaction.on_commit(lambda: _tell_the_others(message, sharing))
    return message


def _tell_the_others(message: Message, sharing: Sharing) -> None:
    conversation = message.conversation
    path = conversation.get_absolute_url()
    if conversation.kind == Kind.COACH:
        coach_id = sharing.partnership.coach_id
        other = coach_id if message.author_id == conversation.parent_id else conversation.parent_id
        side = sharing.side_of_user(conversation.parent) if other != coach_id else None
        notify(user_id=other, path=path, quiet=sharing.terms.get(side) if side else None)
        return
    for side in Side.values:
        for person in sharing.parents(side):
            if person.user_id and person.user_id != message.author_id:
                notify(user_id=person.user_id, path=path, quiet=sharing.terms.get(side))


def conversation_read(*, user, conversation: Conversation, up_to: datetime) -> datetime | None:
    """Mark the conversation read by `user` up to `up_to`, the newest message they were
    shown, and say up to when they had read it before (None: never). Opening it again
    with nothing new changes nothing, so the trail says nothing."""
    mark = ReadMark.objects.filter(conversation=conversation, user=user).first()
    read_before = mark.read_at if mark is not None else None
    if read_before is not None and read_before >= up_to:
        return read_before
    mark, _created = ReadMark.objects.update_or_create(
        conversation=conversation, user=user, defaults={"read_at": up_to}
    )
    audit_entry_create(actor=user, action=Action.CHANGED, record=mark, fields=["read_at"])
    kept_forget(user.pk)
    return read_before
