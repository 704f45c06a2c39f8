"""The program's roles and the languages it speaks. They live here, below the accounts
that store them, because the access machinery and every page's context read them."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """The program's roles. Each is a Django auth group of the same name."""

    DIRECTOR = "director", _("Program director")
    COACH = "coach", _("Family coach")
    FINANCE = "finance", _("Finance")
    BIRTH_PARENT = "birth_parent", _("Birth parent")
    PARTNER_PARENT = "partner_parent", _("Partner parent")
    VOLUNTEER = "volunteer", _("Community volunteer")


class Language(models.TextChoices):
    ENGLISH = "en", "English"
    SPANISH = "es", "Español"


#: The casework team: who reads and changes families' case records.
CASEWORK = frozenset({Role.DIRECTOR, Role.COACH})


def is_casework(user) -> bool:
    """Director or coach. The one test of "is this person on the casework team", for
    pages, selectors and services alike; anyone not signed in is not."""
    return bool(user is not None and user.is_authenticated and user.has_role(*CASEWORK))
