"""What the load benchmarks post: a visitor's interest form, with a one-time stamp of its
own (core/visitor_forms.py) and a CSRF secret sent as both the cookie and the field, which
Django takes as it takes the masked token a page would carry."""

import secrets

from django.core import signing

CSRF = secrets.token_hex(16)  # 32 characters, a CSRF secret's length
FORM = {
    "kind": "birth_parent",
    "first_name": "Lucía",
    "last_name": "Paz",
    "phone": "(512) 555-0131",
    "email": "lucia@example.net",
    "language": "es",
    "county": "Travis",
    "children_ages": "2 y 5",
    "case_stage": "just_removed",
    "heard_from": "caseworker",
    "consent": "on",
    "website": "",
    "csrfmiddlewaretoken": CSRF,
}


def stamp() -> str:
    """A new form's stamp: when it was opened, and a nonce that makes it one of a kind."""
    return signing.TimestampSigner(salt="intake.form-started").sign(secrets.token_hex(16))
