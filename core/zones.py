"""Time zones. The program keeps one clock for its own rules (business days, repeating
events); each person reads times in their own zone, chosen on the calendar page."""

from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils.translation import gettext_lazy as _

#: The zones offered: the United States' and Puerto Rico's. Whatever VILLAGE_TIME_ZONE
#: is, a person can also keep "the program's time", which is the default.
ZONES = [
    ("America/New_York", _("Eastern time")),
    ("America/Chicago", _("Central time")),
    ("America/Denver", _("Mountain time")),
    ("America/Phoenix", _("Arizona time")),
    ("America/Los_Angeles", _("Pacific time")),
    ("America/Anchorage", _("Alaska time")),
    ("Pacific/Honolulu", _("Hawaii time")),
    ("America/Puerto_Rico", _("Atlantic time (Puerto Rico)")),
]


def zone_choices() -> list[tuple[str, str]]:
    return [("", _("The program's time")), *ZONES]


def program_zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def zone_of(user) -> ZoneInfo:
    """The zone a person reads times in: their own choice, else the program's."""
    chosen = getattr(user, "time_zone", "")
    return ZoneInfo(chosen) if chosen else program_zone()
