"""Each kind of date on the calendar has one icon and one colour, the same wherever it
shows: the calendar's lists and grids, an event's page, the partnership page, a parent's
home page, the coach's Today. The colour is `.kind-<kind>` in design/_pages.scss; the
icon, a name in the design system's sprite (design/build.py), is chosen here, and
`{% kind_label %}` (schedule/templatetags/kinds.py) writes both with the kind's name,
so the colour never carries the meaning alone.

Gatherings and the steps of a transition plan are not events of this app, but they sit
on the same calendar: they are the kinds GATHERING and TRANSITION here, and their apps name
their calendar entries with them."""

from django.utils.translation import gettext_lazy as _

from schedule.models import Kind

#: A gathering of the program's parents, as it shows among the calendar's dates.
GATHERING = "gathering"
#: A step of a transition plan (the transition app): longer visits to the move home.
TRANSITION = "transition"

ICONS = {
    Kind.VISIT: "favorite",
    Kind.COURT: "account_balance",
    Kind.APPOINTMENT: "event",
    Kind.SCHOOL: "backpack",
    GATHERING: "groups",
    TRANSITION: "home",
}

_NAMES = {
    **{kind.value: kind.label for kind in Kind},
    GATHERING: _("Gathering"),
    TRANSITION: _("The road home"),
}


def icon_of(kind: str) -> str:
    """The sprite's icon for `kind`, or "" for a kind the calendar does not know."""
    return ICONS.get(kind, "")


def name_of(kind: str) -> str:
    """The kind's name in the reader's language: "Family time", "Court hearing"…"""
    return str(_NAMES.get(kind, ""))
