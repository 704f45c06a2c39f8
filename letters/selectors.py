"""Reads of letters, scoped to the person asking: the team reads the letters of the
partnerships they see; a birth parent her own letters, while her partnership is open;
the partner home none (a letter is the birth parent's, like her case plan)."""

from django.db.models import QuerySet
from django.http import Http404

from core.roles import is_casework
from letters.models import Letter
from partnerships.models import Partnership, Stage
from partnerships.selectors import partnerships_visible_to


def _partnerships(user) -> QuerySet[Partnership]:
    visible = partnerships_visible_to(user)
    if is_casework(user):
        return visible
    return visible.filter(birth_family__parents__user=user).exclude(stage=Stage.CLOSED)


def partnership_for(user, partnership_id: int) -> Partnership:
    """A partnership whose letters the person may read and ask for."""
    try:
        return (
            _partnerships(user)
            .select_related("birth_family", "coach__person")
            .distinct()
            .get(pk=partnership_id)
        )
    except Partnership.DoesNotExist:
        raise Http404 from None


def letters_visible_to(user) -> QuerySet[Letter]:
    letters = Letter.objects.filter(partnership__in=_partnerships(user))
    if is_casework(user):
        return letters
    # A second parent of the family does not read the letters about the first one's days.
    return letters.filter(person__user=user)


def letters_of(user, partnership: Partnership) -> QuerySet[Letter]:
    return letters_visible_to(user).filter(partnership=partnership).select_related("person")


def letter_for(user, letter_id: int) -> Letter:
    try:
        return (
            letters_visible_to(user)
            .select_related("partnership__birth_family", "person", "signer__person")
            .get(pk=letter_id)
        )
    except Letter.DoesNotExist:
        raise Http404 from None


def approved_letter_for(user, letter_id: int) -> Letter:
    """A letter to print or download: an approved one only."""
    letter = letter_for(user, letter_id)
    if not letter.approved:
        raise Http404
    return letter
