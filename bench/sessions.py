"""Signed-in sessions for the load tests, made without HTTP: the session is written to the
session store as a sign-in writes it (Django's login, the signed-in browser's row, the
second factor shown), so a server reading the same database and store takes its cookie
as a browser's. And the people a load test acts as.

    from bench.sessions import personas, session_cookie
    cookie = session_cookie(personas()["coach"])   # "sessionid=...", a Cookie header

Needs Django set up on the database the program was generated into."""

from importlib import import_module

from django.conf import settings
from django.contrib.auth import login
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import factors
from accounts.models import User
from bench.generate.people import BIRTH_PARENT, DIRECTOR, PARTNER_PARENT, coach_email

#: The way in a password sign-in takes (accounts/views.py), after the lockout's check.
BACKEND = "accounts.backends.UserBackend"

#: Who a load test acts as, by their e-mails. Every coach has a full caseload (the
#: figures' partnerships // coaches); the parents are the first partnership's, whose
#: journal and child's profile are the busiest.
PERSONAS = {
    "coach": coach_email(0),
    "birth parent": BIRTH_PARENT,
    "partner parent": PARTNER_PARENT,
    "director": DIRECTOR,
}


def personas() -> dict[str, User]:
    """The PERSONAS' accounts, by the same names."""
    users = User.objects.in_bulk(PERSONAS.values(), field_name="email")
    return {name: users[email] for name, email in PERSONAS.items()}


def users_in_role(role: str, count: int) -> list[User]:
    """The first `count` accounts in a role (accounts.models.Role), in the order they
    were made: for a load test that acts as many coaches or parents at once."""
    return list(User.objects.filter(groups__name=role).order_by("pk")[:count])


def session_key(user, *, user_agent: str = "Village load test") -> str:
    """A new session of `user`'s, signed in and, for staff, past the second factor."""
    request = HttpRequest()
    request.META.update(REMOTE_ADDR="127.0.0.1", HTTP_USER_AGENT=user_agent)
    request.session = import_module(settings.SESSION_ENGINE).SessionStore()
    # Nobody yet, as the middleware leaves a sign-in's request: login() then sets it.
    request.user = AnonymousUser()
    # user_logged_in follows: the session's clocks and row (accounts/sessions.py) and the
    # second factor owed (accounts/factors.py), as at any sign-in.
    login(request, user, backend=BACKEND)
    if factors.factor_due_at_sign_in(user):
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        if device is None:
            device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
        # What the code page does once the code is right.
        factors.sign_in_finish(request=request, device=device)
    request.session.save()
    return request.session.session_key


def session_cookie(user, **kwargs) -> str:
    """A new session of `user`'s as a Cookie header's value."""
    return f"{settings.SESSION_COOKIE_NAME}={session_key(user, **kwargs)}"
