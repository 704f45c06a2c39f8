"""Changes to recordings. Each is audited; the other home hears only that something new
is there, once the recording is ready and, where the partnership says so, the coach has
listened to it (decision 0034)."""

import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from agreements.models import Side
from agreements.selectors import Sharing, sharing_for
from audit.models import Action
from audit.services import audit_entry_create
from core.audio import MAX_AUDIO_BYTES, AudioRefused, check_audio, make_safe_audio
from core.storage import local_copy
from notices.delivery import notify
from partnerships import hooks
from partnerships.models import Partnership
from partnerships.selectors import with_people
from voice.hearing import may_hear
from voice.models import FOR_A_CHILD, Purpose, Recording, State


def side_of(sharing: Sharing, user) -> str:
    return sharing.side_of_user(user) or "coach"


def waits_for_review(partnership: Partnership) -> bool:
    """Whatever a home shares waits for the coach when the partnership says so (the
    journal's setting, asked through the hub)."""
    return any(hooks.review_first.collect(partnership=partnership))


def recording_create(
    *,
    actor,
    sharing: Sharing,
    purpose: str,
    upload,
    child=None,
    transcript: str = "",
) -> Recording:
    """Keep what the phone sent, as it came, until the worker has made it safe. A file
    that is plainly not a recording, or too long by its own header, is refused at once."""
    partnership = sharing.partnership
    if purpose not in Purpose.values:
        raise ValidationError(_("Choose what the recording is for."))
    if purpose in FOR_A_CHILD:
        if child is None or child.pk not in {c.pk for c in partnership.children.all()}:
            raise ValidationError(_("Choose a child of this partnership."))
    else:
        child = None
    try:
        check_audio(upload)
    except AudioRefused as refusal:
        raise ValidationError({"audio": str(refusal)}) from None
    upload.seek(0)
    recording = Recording(
        partnership=partnership,
        child=child,
        purpose=purpose,
        author=actor,
        side=side_of(sharing, actor),
        transcript=transcript.strip(),
    )
    recording.incoming.save(f"{secrets.token_hex(16)}.upload", upload, save=False)
    recording.save()
    audit_entry_create(
        actor=actor, action=Action.CREATED, record=recording, fields=["audio", "transcript"]
    )
    transaction.on_commit(lambda: _encode_later(recording.pk))
    return recording


def _encode_later(recording_id: int) -> None:
    from voice.tasks import recording_encode_task

    recording_encode_task.enqueue(recording_id)


def recording_encode(*, recording_id: int) -> Recording | None:
    """The worker's part: decode, re-encode and keep only the safe copy. The seconds of
    decoding run outside any transaction, so no one's writes wait on them; the result is
    kept only if the recording is still waiting for it (a task run twice, or a recording
    removed meanwhile, keeps nothing)."""
    recording = (
        Recording.objects.filter(pk=recording_id, state=State.PROCESSING)
        .select_related("author")
        .first()
    )
    if recording is None or not recording.incoming:
        return None
    # The reason a file is refused is read by its author, in their language.
    with translation.override(recording.author.language):
        try:
            # A local copy: PyAV seeks, and the upload may be in an object store.
            with local_copy(recording.incoming, max_bytes=MAX_AUDIO_BYTES) as source:
                safe, refusal = make_safe_audio(source), ""
        except AudioRefused as reason:
            safe, refusal = None, str(reason)[:300]
    with transaction.atomic():
        recording = (
            # Only the recording's row is locked: its author may have no person (an outer
            # join PostgreSQL will not lock).
            Recording.objects.select_for_update(of=("self",))
            .filter(pk=recording_id, state=State.PROCESSING)
            .select_related("author__person", "partnership")
            .first()
        )
        if recording is None:
            return None
        _delete_once_kept(recording.incoming)
        recording.incoming = ""
        if safe is None:
            recording.state, recording.refusal = State.REFUSED, refusal
        else:
            recording.audio.save(safe.content.name, safe.content, save=False)
            recording.duration_ms = safe.duration_ms
            recording.ready_at = timezone.now()
            recording.state = _state_when_ready(recording)
        recording.save()
        audit_entry_create(
            actor=None, action=Action.CHANGED, record=recording, fields=["audio", "state"]
        )
        transaction.on_commit(lambda: _announce(recording))
    return recording


def _state_when_ready(recording: Recording) -> str:
    if recording.purpose not in FOR_A_CHILD or recording.side == "coach":
        # A post or a message waits, if at all, as a whole; the coach's own is shared.
        return State.SHARED
    return State.WAITING if waits_for_review(recording.partnership) else State.SHARED


def _announce(recording: Recording) -> None:
    """Ready: its author hears so (they may have left the page); waiting: the coach;
    shared on All About Me: everyone else who may hear it. A voice note's post or message
    announces itself."""
    if recording.state == State.REFUSED:
        notify(user_id=recording.author_id, path=recording.get_absolute_url())
    elif recording.state == State.WAITING:
        notify(user_id=recording.partnership.coach_id, path=reverse("voice:review"))
    elif recording.state == State.SHARED and recording.purpose in FOR_A_CHILD:
        # Only here are both homes' people needed: who may hear it.
        partnership = with_people(Partnership.objects.all()).get(pk=recording.partnership_id)
        _announce_shared(recording, sharing_for(partnership))


def _announce_shared(recording: Recording, sharing: Sharing) -> None:
    path = recording.get_absolute_url()
    for side in Side.values:
        for person in sharing.parents(side):
            if person.user_id is None or person.user_id == recording.author_id:
                continue
            if may_hear(person.user, recording, sharing):
                notify(user_id=person.user_id, path=path, quiet=sharing.terms.get(side))


def recording_share(*, actor, recording: Recording) -> Recording:
    if recording.state != State.WAITING:
        raise ValidationError(_("This recording is not waiting for you."))
    recording.state = State.SHARED
    recording.return_reason = ""
    recording.save(update_fields=["state", "return_reason"])
    audit_entry_create(actor=actor, action=Action.CHANGED, record=recording, fields=["state"])
    transaction.on_commit(lambda: _announce_shared(recording, recording.sharing))
    return recording


def recording_return(*, actor, recording: Recording, reason: str) -> Recording:
    """The coach sends a recording back to its author with a reason; the other home never
    hears it."""
    if recording.state != State.WAITING:
        raise ValidationError(_("This recording is not waiting for you."))
    recording.state = State.RETURNED
    recording.return_reason = reason.strip()
    recording.save(update_fields=["state", "return_reason"])
    audit_entry_create(
        actor=actor, action=Action.CHANGED, record=recording, fields=["state", "return_reason"]
    )
    path = recording.get_absolute_url()
    transaction.on_commit(lambda: notify(user_id=recording.author_id, path=path))
    return recording


def recording_transcript_set(*, actor, recording: Recording, transcript: str) -> bool:
    """The author writes down the words. True when they changed."""
    transcript = transcript.strip()
    if transcript == recording.transcript:
        return False
    recording.transcript = transcript
    recording.save(update_fields=["transcript"])
    audit_entry_create(actor=actor, action=Action.CHANGED, record=recording, fields=["transcript"])
    return True


def _delete_once_kept(field) -> None:
    """Delete a stored file once the change that lets it go is kept: a change rolled back
    still has its file."""
    if field:
        storage, name = field.storage, field.name
        transaction.on_commit(lambda: storage.delete(name))


def recording_remove(*, actor, recording: Recording) -> Recording:
    """Taken back: nobody hears it any more, and its sound is deleted; the row stays for
    the audit trail."""
    for field in (recording.audio, recording.incoming):
        _delete_once_kept(field)
    recording.audio = recording.incoming = ""
    recording.state = State.REMOVED
    recording.transcript = ""
    recording.save(update_fields=["state", "audio", "incoming", "transcript"])
    audit_entry_create(
        actor=actor, action=Action.REMOVED, record=recording, fields=["audio", "transcript"]
    )
    return recording
