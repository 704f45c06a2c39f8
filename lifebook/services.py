"""Changes to a life book: choosing and taking back posts, each home's "looks good" mark,
the coach's offer at reunification and the birth parent's answer about a copy for the
partner home. Each is audited; each change tells the other home without naming anyone."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from agreements.models import Side as HomeSide
from audit.models import Action
from audit.services import audit_entry_create
from core.roles import is_casework
from lifebook.models import MAX_PICKS, Book, PartnerCopy, Pick, Side
from lifebook.selectors import Shelf, choosable_posts
from notices.delivery import notify
from partnerships.models import Stage, refuse_if_closed


def _book(shelf: Shelf) -> Book:
    """The child's book, made on its first use, locked for this change."""
    book, _made = Book.objects.get_or_create(child=shelf.child, partnership=shelf.partnership)
    book = Book.objects.select_for_update().get(pk=book.pk)
    shelf.book = book
    return book


def _refuse_if_frozen(shelf: Shelf) -> None:
    refuse_if_closed(shelf.partnership)
    if shelf.offered:
        raise ValidationError(
            _("The book was offered to the family: what is in it no longer changes.")
        )


def _changed(book: Book, shelf: Shelf, *, actor) -> None:
    """A new version of the choice: the home that made it has seen it, the other has
    not; a change by the coach waits for both."""
    book.version += 1
    book.changed_at = timezone.now()
    if shelf.side == Side.BIRTH:
        book.birth_seen = book.version
    elif shelf.side == Side.PARTNER:
        book.partner_seen = book.version
    book.save(update_fields=["version", "changed_at", "birth_seen", "partner_seen"])
    _tell(shelf, actor=actor, sides=[s for s in HomeSide.values if s != shelf.side])


def _tell(shelf: Shelf, *, actor, sides) -> None:
    path = shelf.book.get_absolute_url() if shelf.book else ""
    sharing = shelf.sharing
    for side in sides:
        for person in sharing.parents(side):
            if person.user_id is None or person.user_id == actor.pk:
                continue
            user_id, quiet = person.user_id, sharing.terms.get(side)
            transaction.on_commit(lambda u=user_id, q=quiet: notify(user_id=u, path=path, quiet=q))


@transaction.atomic
def pick_add(*, actor, shelf: Shelf, post_id: int) -> Pick:
    """Choose a post for the book. Only a post both homes may read can be chosen; the
    same post chosen twice (a double tap) is one pick."""
    _refuse_if_frozen(shelf)
    post = choosable_posts(shelf).filter(pk=post_id).first()
    if post is None:
        raise ValidationError(
            _("That post cannot go in the book: both homes must be able to see it.")
        )
    book = _book(shelf)
    found = Pick.objects.filter(book=book, post=post).first()
    if found is not None:
        return found
    if Pick.objects.filter(book=book).count() >= MAX_PICKS:
        raise ValidationError(
            _("The book holds %(count)s posts at most. Take one out to add another.")
            % {"count": MAX_PICKS}
        )
    pick = Pick.objects.create(book=book, post=post, side=shelf.side, picked_by=actor)
    audit_entry_create(actor=actor, action=Action.CREATED, record=pick, fields=["post"])
    _changed(book, shelf, actor=actor)
    return pick


@transaction.atomic
def pick_remove(*, actor, shelf: Shelf, post_id: int) -> bool:
    """Take a post out of the book, whoever chose it: either home may; the other sees
    the new choice before it prints. False when it was not in the book."""
    _refuse_if_frozen(shelf)
    if shelf.book is None:
        return False
    book = _book(shelf)
    pick = Pick.objects.filter(book=book, post_id=post_id).first()
    if pick is None:
        return False
    audit_entry_create(actor=actor, action=Action.REMOVED, record=pick, fields=["post"])
    pick.delete()
    _changed(book, shelf, actor=actor)
    return True


@transaction.atomic
def book_seen(*, actor, shelf: Shelf) -> Book:
    """A home says the current choice looks good to them."""
    if not shelf.is_home:
        raise ValidationError(_("Only the homes mark the book as seen."))
    refuse_if_closed(shelf.partnership)
    book = _book(shelf)
    setattr(book, f"{shelf.side}_seen", book.version)
    book.save(update_fields=[f"{shelf.side}_seen"])
    audit_entry_create(
        actor=actor, action=Action.CHANGED, record=book, fields=[f"{shelf.side}_seen"]
    )
    return book


@transaction.atomic
def book_offer(*, actor, shelf: Shelf) -> Book:
    """At reunification the coach offers the book to the birth family: they are told and
    may download it; the choice is kept as it was offered."""
    if not is_casework(actor):
        raise ValidationError(_("Only the coach offers the book to the family."))
    if shelf.partnership.stage != Stage.POST_REUNIFICATION:
        raise ValidationError(_("The book is offered once the children are home."))
    book = _book(shelf)
    if book.offered_at is None:
        book.offered_at, book.offered_by = timezone.now(), actor
        book.save(update_fields=["offered_at", "offered_by"])
        audit_entry_create(actor=actor, action=Action.CHANGED, record=book, fields=["offered_at"])
        _tell(shelf, actor=actor, sides=[HomeSide.BIRTH])
    return book


@transaction.atomic
def partner_copy_answer(*, actor, shelf: Shelf, answer: str) -> Book:
    """The birth parent says whether the partner home may keep a copy; they may change
    their mind, and the partner home is told either way."""
    if shelf.side != Side.BIRTH:
        raise ValidationError(_("Only the birth family answers this."))
    if not shelf.offered:
        raise ValidationError(_("The book has not been offered yet."))
    if answer not in (PartnerCopy.YES, PartnerCopy.NO):
        raise ValidationError(_("Choose yes or no."))
    book = _book(shelf)
    if book.partner_copy != answer:
        book.partner_copy, book.partner_copy_at = answer, timezone.now()
        book.save(update_fields=["partner_copy", "partner_copy_at"])
        audit_entry_create(actor=actor, action=Action.CHANGED, record=book, fields=["partner_copy"])
        _tell(shelf, actor=actor, sides=[HomeSide.PARTNER])
    return book
