"""Password rules after NIST SP 800-63B revision 4 (decision 0020).

Length is what makes a password hard to guess, so the rule is length: 15 characters when
the password is the only factor, 8 when the account also has a second one. No mix of
digits and symbols is asked for, and nobody is made to change a password on a schedule:
both lead people to predictable passwords (`Ellison2024!`). What is refused is a password
attackers try first: one leaked from other sites, or one made of the person's own name or
e-mail.

The leaked list ships with the app (accounts/data/, its source in the README beside it),
so no password ever leaves the server to be checked.
"""

import re
import unicodedata
from pathlib import Path

from django.contrib.auth.password_validation import CommonPasswordValidator
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.factors import has_second_factor

BREACHED_LIST = Path(__file__).resolve().parent / "data" / "breached-passwords.txt.gz"


class LengthValidator:
    """At least `min_length` characters, `min_length_with_factor` for an account with a
    second factor, and at most `max_length` (long pass phrases are welcome; the limit only
    keeps a megabyte-long "password" from costing the server a second of hashing)."""

    def __init__(self, min_length: int = 15, min_length_with_factor: int = 8, max_length=128):
        self.min_length = min_length
        self.min_length_with_factor = min_length_with_factor
        self.max_length = max_length

    def minimum_for(self, user) -> int:
        return self.min_length_with_factor if has_second_factor(user) else self.min_length

    def validate(self, password, user=None):
        minimum = self.minimum_for(user)
        if len(password) < minimum:
            raise ValidationError(
                ngettext(
                    "This password is too short. Use at least %(minimum)d character; "
                    "a phrase of four or five words is long enough and easy to remember.",
                    "This password is too short. Use at least %(minimum)d characters; "
                    "a phrase of four or five words is long enough and easy to remember.",
                    minimum,
                )
                % {"minimum": minimum},
                code="password_too_short",
            )
        if len(password) > self.max_length:
            raise ValidationError(
                _("This password is too long. Use at most %(maximum)d characters.")
                % {"maximum": self.max_length},
                code="password_too_long",
            )

    def get_help_text(self):
        return _(
            "Use at least %(minimum)d characters; a phrase of four or five words is easy to "
            "remember. Any letters, spaces, numbers or symbols will do."
        ) % {"minimum": self.min_length}


class BreachedPasswordValidator(CommonPasswordValidator):
    """Refuses a password on the leaked list shipped with the app (accounts/data/)."""

    def __init__(self, password_list_path=BREACHED_LIST):
        super().__init__(password_list_path)

    def get_error_message(self):
        return _(
            "This password is on a list of passwords leaked from other websites, which "
            "attackers try first. Choose another."
        )

    def get_help_text(self):
        return _("Not a password leaked from another website.")


def _letters(text: str) -> str:
    """Lower-case letters alone, accents dropped: `José-2024!` reads `jose`."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if c.isalpha() and not unicodedata.combining(c))


def _made_of(text: str, words: set[str]) -> bool:
    """Whether `text` is nothing but `words` one after another (`anaellison`)."""
    if not text or not words:
        return False
    reachable = [True] + [False] * len(text)
    for end in range(1, len(text) + 1):
        reachable[end] = any(
            reachable[end - len(word)] and text.endswith(word, 0, end)
            for word in words
            if len(word) <= end
        )
    return reachable[-1]


def _person_of(user):
    """The person the account belongs to, if any. accounts sits below families, so the
    person is reached through the account's reverse relation, never imported: the one
    loaded with a signed-in user (accounts/backends.py), else asked for."""
    if "person" in user._state.fields_cache:
        return user._state.fields_cache["person"]
    if not getattr(user, "pk", None):
        return None
    related = user._meta.get_field("person").related_model
    return related._default_manager.filter(user=user).first()


class OwnNameValidator:
    """Refuses a password made of the person's own names or e-mail, whatever the case and
    whatever digits or symbols are around them: `Ellison2024`, `ana.ellison!`,
    `AnaAna1990`. A phrase that only includes a name among other words is fine."""

    def _words(self, user) -> set[str]:
        person = _person_of(user)
        names = [
            getattr(person, field, "") or ""
            for field in ("first_name", "last_name", "preferred_name")
        ]
        local = (getattr(user, "email", "") or "").split("@")[0]
        names += [local, *re.split(r"[._+\-]", local)]
        words = set()
        for name in names:
            for part in re.split(r"[\s'\-]+", name):
                letters = _letters(part)
                if len(letters) >= 2:
                    words.add(letters)
        return words

    def validate(self, password, user=None):
        if user is None:
            return
        if _made_of(_letters(password), self._words(user)):
            raise ValidationError(
                _(
                    "This password is made of your own name or e-mail, which is the first "
                    "thing someone who knows you would try. Choose another."
                ),
                code="password_own_name",
            )

    def get_help_text(self):
        return _("Not your name or e-mail.")
