"""Reads about texting: whether a number may be texted, and who a number belongs to."""

from django.contrib.auth import get_user_model
from django.db.models import QuerySet

from texts.models import OptOut


def opted_out(number: str) -> bool:
    return OptOut.objects.filter(number=number).exists()


def senders(number: str) -> QuerySet:
    """The active accounts whose person has this phone, with the person. Texts sits below
    families (pyproject's layers), so the person is reached through the account."""
    if not number:
        return get_user_model().objects.none()
    return (
        get_user_model()
        .objects.filter(person__phone=number, is_active=True)
        .select_related("person")
        .order_by("pk")
    )
