"""Every post form on the site, fuzzed: hostile values never answer 500 and never leave
an invalid row behind (text of 100,000 characters, a character field over its limit, a
date before 1900 or after 2200). The forms are the ones the pages show (site.shown_on),
posted as the persona who sees them; one test per app, so a run names every failing form.
"""

import pytest
from django.test import Client
from django.urls import get_resolver

from home.tests.attack.hostile import attack
from home.tests.attack.site import (
    PERSONAS,
    find_form,
    invalid_rows,
    shown_on,
    signed_in_as,
)

#: Findings a hostile kind of value is left out of a form's attack for, as
#: {view: {hostile kind: why}}: none since issue 18's bounds.
KNOWN_BOUNDS_FINDINGS: dict[str, dict[str, str]] = {}

#: Views that take a post no page of the demo shows a form for, and why they are not fuzzed.
NOT_FUZZED = {
    "accounts:password_reset_confirm": "opened by a token e-mailed to the person",
    "accounts:invitation_accept": "opened by a token e-mailed to the person",
}

APPS = sorted(get_resolver().app_dict)


def sign_in_as(client, persona):
    email = PERSONAS[persona]
    if not email:
        return None
    from accounts.models import User

    user = User.objects.get(email=email)
    return lambda: client.force_login(user)


@pytest.mark.parametrize("app", APPS)
def test_no_form_answers_500_or_stores_what_it_should_refuse(demo, app):
    assert invalid_rows() == [], "the demo itself holds invalid rows"
    failures = []
    forms = sorted(view for view in shown_on() if view.startswith(f"{app}:"))
    for view_name in forms:
        persona = shown_on()[view_name][0]
        client = Client(raise_request_exception=False)
        if PERSONAS[persona]:
            signed_in_as(client, PERSONAS[persona])
        form = find_form(client, view_name)
        leave_out = KNOWN_BOUNDS_FINDINGS.get(view_name, {})
        try:
            attack(client, form, sign_in=sign_in_as(client, persona), leave_out=leave_out)
        except AssertionError as failure:
            failures += [
                f"{persona}: {line}" for line in str(failure).splitlines() if "POST" in line
            ]
    assert not failures, "\n".join(failures)
