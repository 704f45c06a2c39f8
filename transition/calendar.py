"""A plan's steps on the calendar: each step is on the coach's calendar and on the
calendars of the homes it is for (transition.services.homes_of), on the page and in the
private feed, as an all-day date. The feed's title names the kind of step only: the
coach's note may name a child, and a phone shows feed titles on its lock screen
(TransitionConfig.ready() adds this source to schedule.sources)."""

from datetime import datetime, time, timedelta

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from icalendar import Event as VEvent

from core.zones import program_zone
from schedule.feed import site_host
from schedule.kinds import TRANSITION
from schedule.sources import Entry, Source
from transition.selectors import AHEAD, BACK, steps_on_calendar


def _noon(day) -> datetime:
    return datetime.combine(day, time(12), tzinfo=program_zone())


def _entries(user) -> list[Entry]:
    today = timezone.localdate()
    return [
        Entry(
            starts_at=_noon(step.on),
            title=step.get_kind_display(),
            url=step.get_absolute_url(),
            status=_("Done") if step.done_on else _("Planned"),
            kind=TRANSITION,
            all_day=True,
        )
        for step in steps_on_calendar(user, today, today + AHEAD)
    ]


def _feed(user) -> list[VEvent]:
    today = timezone.localdate()
    # Fetched by a phone without a session: the titles are in the person's own language.
    with translation.override(getattr(user, "language", "") or settings.LANGUAGE_CODE):
        found = []
        for step in steps_on_calendar(user, today - BACK, today + AHEAD):
            event = VEvent()
            event.add("uid", f"transition-step-{step.pk}@{site_host()}")
            event.add("dtstamp", timezone.now())
            event.add("dtstart", step.on)
            event.add("dtend", step.on + timedelta(days=1))
            event.add("summary", f"{_('The road home')}: {step.get_kind_display()}")
            event.add("url", settings.SITE_URL + step.get_absolute_url())
            event.add("transp", "TRANSPARENT")
            found.append(event)
    return found


CALENDAR_SOURCE = Source(
    name="transition", heading=gettext_lazy("The road home"), entries=_entries, feed=_feed
)
