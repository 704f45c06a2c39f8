"""Who may hear a recording, in one place.

The team of the partnership hears every recording; its author hears their own in any
state. The other home hears one only once it is shared and as the agreement and the
author's consent let it read the author's words (a voice note is words spoken; the song
on All About Me flows as the written song does). A journal or message voice note is heard
by whoever may read the post or the message it belongs to: those apps register their own
check here (`register`), so this layer does not import them."""

from collections.abc import Callable

from agreements.selectors import Sharing
from voice.models import FOR_A_CHILD, Recording, State

Check = Callable[[object, Recording, Sharing], bool]
_checks: dict[str, Check] = {}


def register(purpose: str, check: Check) -> None:
    """How readers of the post or message a recording belongs to are found; from an
    AppConfig.ready(), once per purpose."""
    _checks[purpose] = check


def may_hear(user, recording: Recording, sharing: Sharing) -> bool:
    if recording.state == State.REMOVED:
        return False
    if recording.author_id == user.pk:
        return True
    if sharing.side_of_user(user) is None:
        # The team: the coach reviews and hears everything of the partnership.
        return recording.state != State.PROCESSING
    if recording.state != State.SHARED:
        return False
    if recording.purpose in FOR_A_CHILD:
        author = getattr(recording.author, "person", None)
        return sharing.shows_words(user, author=author, side=recording.side)
    check = _checks.get(recording.purpose)
    return check is not None and check(user, recording, sharing)
