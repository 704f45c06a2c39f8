"""Reads of recordings, scoped to the person asking."""

from django.http import Http404

from agreements.selectors import Sharing, sharing_for
from partnerships.models import Partnership
from partnerships.selectors import exchange_partnerships, partnerships_visible_to, with_people
from voice.hearing import may_hear
from voice.models import FOR_A_CHILD, Recording, State

#: At most this many of one home's recordings of a kind on a child's page.
SHOWN_PER_HOME = 3


def recording_for(user, recording_id: int) -> Recording:
    """A recording the person may hear (or, for its author, follow while it is made),
    carrying the partnership's Sharing; 404 for anyone else."""
    recording = (
        Recording.objects.filter(pk=recording_id, partnership__in=exchange_partnerships(user))
        .exclude(state=State.REMOVED)
        # What it belongs to, for the way back: a child's page, a post, a conversation.
        .select_related("author__person", "child", "post", "message")
        .first()
    )
    if recording is None:
        raise Http404
    partnership = with_people(Partnership.objects.all()).get(pk=recording.partnership_id)
    sharing = sharing_for(partnership)
    if not may_hear(user, recording, sharing):
        raise Http404
    recording.sharing = sharing
    return recording


def own_recording_for(user, recording_id: int) -> Recording:
    """A recording the person made and may still change (its words) or take back."""
    recording = recording_for(user, recording_id)
    if recording.author_id != user.pk:
        raise Http404
    return recording


def removable_recording_for(user, recording_id: int) -> Recording:
    """A recording its author takes back, or the team takes down."""
    recording = recording_for(user, recording_id)
    if recording.author_id != user.pk and recording.sharing.side_of_user(user) is not None:
        raise Http404
    return recording


def waiting_recording_for(user, recording_id: int) -> Recording:
    """A recording for the coach to share or return, in a partnership the team member
    sees (one no longer waiting is answered by the service, in words)."""
    recording = (
        Recording.objects.filter(pk=recording_id, partnership__in=partnerships_visible_to(user))
        .exclude(state=State.REMOVED)
        .select_related("author__person")
        .first()
    )
    if recording is None:
        raise Http404
    partnership = with_people(Partnership.objects.all()).get(pk=recording.partnership_id)
    recording.sharing = sharing_for(partnership)
    return recording


def review_queue(user):
    """Song and comfort recordings waiting for the coach, oldest first."""
    return (
        Recording.objects.filter(state=State.WAITING, partnership__in=partnerships_visible_to(user))
        .select_related("author__person", "child")
        .order_by("created_at", "pk")
    )


def for_children(user, children, sharing: Sharing) -> dict[int, dict[str, list[Recording]]]:
    """Each child's song and comfort recordings the reader may hear, in one query. Of each
    home's, newest first: those still being made, waiting or sent back (their author and
    the team see them), down to the newest shared one; older ones stay off the page."""
    found: dict[int, dict[str, list[Recording]]] = {
        child.pk: {purpose: [] for purpose in FOR_A_CHILD} for child in children
    }
    done: set[tuple[int, str, str]] = set()
    recordings = (
        Recording.objects.filter(child__in=children, purpose__in=FOR_A_CHILD)
        .exclude(state=State.REMOVED)
        .select_related("author__person")
        .order_by("-created_at", "-pk")
    )
    for recording in recordings:
        key = (recording.child_id, recording.purpose, recording.side)
        shown = found[recording.child_id][recording.purpose]
        if key in done or not may_hear(user, recording, sharing):
            continue
        if len([r for r in shown if r.side == recording.side]) >= SHOWN_PER_HOME:
            continue
        shown.append(recording)
        if recording.state == State.SHARED:
            done.add(key)
    return found
