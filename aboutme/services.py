"""Changes to children's profiles. Every change is kept and audited, and the other home is
told that something changed."""

from django.db import transaction
from django.urls import reverse

from aboutme.models import Author, Entry
from aboutme.selectors import current_texts
from aboutme.topics import TOPIC_BY_CODE
from agreements.models import Side
from agreements.selectors import Sharing
from audit.models import Action
from audit.services import audit_entry_create
from families.models import Child
from notices.delivery import notify


def author_of(sharing: Sharing, user) -> str:
    return sharing.side_of_user(user) or Author.COACH


def writers_of(sharing: Sharing, author: str) -> list[int] | None:
    """Who writes for a home today; None for the coach, whoever that is now."""
    if author == Author.COACH:
        return None
    return [person.user_id for person in sharing.parents(author) if person.user_id]


def _tidy(text: str) -> str:
    """Words as kept and compared: browsers send a textarea's lines back with CRLF, so
    untouched words would otherwise count as changed."""
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


@transaction.atomic
def about_me_save(*, actor, child: Child, sharing: Sharing, texts: dict[str, str]) -> list[str]:
    """Keep a new entry for each topic whose words changed; return those topics."""
    author = author_of(sharing, actor)
    before = current_texts(child, author, writers_of(sharing, author))
    texts = {code: _tidy(text) for code, text in texts.items() if code in TOPIC_BY_CODE}
    changed = [code for code, text in texts.items() if text != _tidy(before.get(code, ""))]
    Entry.objects.bulk_create(
        Entry(
            child=child,
            topic=code,
            author=author,
            text=texts[code],
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
    author_person = getattr(actor, "person", None)
    kinds = {TOPIC_BY_CODE[code].kind for code in changed}
    for side in Side.values:
        if side == author:
            continue
        for person in sharing.parents(side):
            if person.user_id is None:
                continue
            if any(
                sharing.shows_words(person.user, author=author_person, side=author, kind=kind)
                for kind in kinds
            ):
                notify(user_id=person.user_id, path=path, quiet=sharing.terms.get(side))
