"""Answers to a parent's text about the calendar (texts.replies): "C" confirms their
family time tomorrow. The reply says the time and nothing else: not the children's
names, not the place (a text can be read by whoever holds the phone)."""

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from schedule.selectors import family_time_tomorrow
from schedule.services import occurrence_confirm


def confirm_by_text(user) -> str:
    occurrence = family_time_tomorrow(user)
    if occurrence is None:
        return _(
            "Thank you. We found no family time for you tomorrow. Your coach can tell you "
            "when the next one is."
        )
    occurrence_confirm(actor=user, occurrence=occurrence)
    # The time on the reader's clock: the caller (texts) made it the current zone.
    at = formats.time_format(timezone.localtime(occurrence.starts_at), "TIME_FORMAT")
    return _("Thanks, see you tomorrow at %(time)s") % {"time": at}
