"""Reads about accounts, scoped to the person asking."""

from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.http import Http404

from accounts import lockout
from accounts.models import Role

User = get_user_model()


def locked_accounts(user) -> QuerySet:
    """The accounts a sign-in lockout pauses now; only a director sees them."""
    if not user.has_role(Role.DIRECTOR):
        return User.objects.none()
    return (
        User.objects.filter(email__in=lockout.locked_usernames())
        .select_related("person")
        .order_by("email")
    )


def account_by_email(user, email: str):
    """Any account, by its e-mail address, for the director; None otherwise."""
    if not user.has_role(Role.DIRECTOR):
        return None
    return User.objects.filter(email__iexact=email.strip()).first()


def account_to_unlock_for(user, user_id: int):
    """Any account, for the director: unlocking one that is not paused changes nothing."""
    if not user.has_role(Role.DIRECTOR):
        raise Http404
    try:
        return User.objects.get(pk=user_id)
    except User.DoesNotExist:
        raise Http404 from None
