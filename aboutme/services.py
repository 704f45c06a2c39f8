"""Changes to children's profiles. Every change is kept and audited, and the other home is
told that something changed."""

import logging

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from aboutme.models import Author, Entry, Seen
from aboutme.selectors import current_texts
from aboutme.tasks import send_update_notice
from aboutme.topics import TOPIC_BY_CODE
from agreements.models import Side
from agreements.selectors import Sharing
from audit.models import Action
from audit.services import audit_entry_create
from core.quiet_hours import quiet_until
from families.models import Child

logger = logging.getLogger(__name__)


def author_of(sharing: Sharing, user) -> str:
    return sharing.side_of_user(user) or Author.COACH


def writers_of(sharing: Sharing, author: str) -> list[int] | None:
    """Who writes for a home today; None for the coach, whoever that is now."""
    if author == Author.COACH:
        return None
    return [person.user_id for person in sharing.parents(author) if person.user_id]


@transaction.atomic
def about_me_save(*, actor, child: Child, sharing: Sharing, texts: dict[str, str]) -> list[str]:
    """Keep a new entry for each topic whose words changed; return those topics."""
    author = author_of(sharing, actor)
    before = current_texts(child, author, writers_of(sharing, author))
    changed = [
        code
        for code, text in texts.items()
        if code in TOPIC_BY_CODE and text.strip() != before.get(code, "")
    ]
    Entry.objects.bulk_create(
        Entry(
            child=child,
            topic=code,
            author=author,
            text=texts[code].strip(),
            language=actor.language,
            written_by=actor,
        )
        for code in changed
    )
    if changed:
        audit_entry_create(
            actor=actor,
            action=Action.CHANGED,
            record=child,
            fields=[f"about_me.{code}" for code in changed],
        )
        transaction.on_commit(lambda: _notify(actor, child, sharing, author, changed))
    return changed


def _notify(actor, child, sharing: Sharing, author: str, changed: list[str]) -> None:
    """Tell every parent who can read the new words, outside their home's quiet hours."""
    path = reverse("aboutme:profile", args=[child.pk])
    now = timezone.now()
    author_person = getattr(actor, "person", None)
    for side in Side.values:
        if side == author:
            continue
        kinds = {TOPIC_BY_CODE[code].kind for code in changed}
        terms = sharing.terms.get(side)
        for person in sharing.parents(side):
            if person.user_id is None:
                continue
            reader = person.user
            if not any(
                sharing.shows_words(reader, author=author_person, side=author, kind=kind)
                for kind in kinds
            ):
                continue
            wait = quiet_until(now, terms.quiet_from, terms.quiet_until) if terms else None
            task = send_update_notice
            if wait is not None:
                if not task.get_backend().supports_defer:
                    # A queue that cannot hold it back must not wake anyone: the page
                    # still shows what is new.
                    logger.info("Quiet hours: no notice for user %s", reader.pk)
                    continue
                task = task.using(run_after=wait)
            task.enqueue(reader.pk, path)


def about_me_seen(*, user, child: Child) -> None:
    Seen.objects.update_or_create(user=user, child=child, defaults={"seen_at": timezone.now()})
