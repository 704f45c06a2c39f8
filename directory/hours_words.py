"""A schedule's rule in plain words, in the reader's language: "Every other Tuesday,
9 a.m.–noon, until March 15, 2027". The rule is read as directory.hours reads it for the
"open now" filter and the listing, so the words say what the filter does."""

from datetime import date
from decimal import Decimal

from django.utils.formats import date_format, time_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from directory.hours import (
    anchor_of,
    clock_of,
    days_of,
    first_day,
    freq_of,
    last_day,
    monthdays_of,
    weeks_of,
    yeardays_of,
)


def _day_name(weekday: int) -> str:
    return [
        pgettext("a day in a sentence", "Monday"),
        pgettext("a day in a sentence", "Tuesday"),
        pgettext("a day in a sentence", "Wednesday"),
        pgettext("a day in a sentence", "Thursday"),
        pgettext("a day in a sentence", "Friday"),
        pgettext("a day in a sentence", "Saturday"),
        pgettext("a day in a sentence", "Sunday"),
    ][weekday]


def _ordinal_day(ordinal: int, weekday: int) -> str:
    names = {
        1: pgettext("the nth weekday of a month", "the first %(day)s"),
        2: pgettext("the nth weekday of a month", "the second %(day)s"),
        3: pgettext("the nth weekday of a month", "the third %(day)s"),
        4: pgettext("the nth weekday of a month", "the fourth %(day)s"),
        5: pgettext("the nth weekday of a month", "the fifth %(day)s"),
        -1: pgettext("the nth weekday of a month", "the last %(day)s"),
        -2: pgettext("the nth weekday of a month", "the second-to-last %(day)s"),
    }
    words = names.get(ordinal)
    if words is None:
        return _day_name(weekday)
    return words % {"day": _day_name(weekday)}


def _and(parts: list[str]) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return _("%(some)s and %(last)s") % {"some": ", ".join(parts[:-1]), "last": parts[-1]}


def _monthday_name(number: int) -> str:
    if number == -1:
        return _("the last day")
    if number < 0:
        return _("%(n)d from the end") % {"n": -number}
    return str(number)


def _weeks_words(weeks: list[int]) -> str:
    """ "in weeks 41 and 42 of the year", "in the last week of the year"."""
    counted = [week for week in weeks if week > 0]
    parts = []
    if counted:
        parts.append(
            ngettext("week %(weeks)s", "weeks %(weeks)s", len(counted))
            % {"weeks": _and([str(week) for week in counted])}
        )
    for week in (week for week in weeks if week < 0):
        if week == -1:
            parts.append(_("the last week"))
        else:
            parts.append(_("week %(n)d from the end") % {"n": -week})
    return _("in %(weeks)s of the year") % {"weeks": _and(parts)}


def _yeardays_words(yeardays: list[int]) -> str:
    """ "on day 100 of the year", "on the last day of the year"."""
    counted = [day for day in yeardays if day > 0]
    parts = []
    if counted:
        parts.append(
            ngettext("day %(days)s", "days %(days)s", len(counted))
            % {"days": _and([str(day) for day in counted])}
        )
    for day in (day for day in yeardays if day < 0):
        if day == -1:
            parts.append(pgettext("of the year", "the last day"))
        else:
            parts.append(_("day %(n)d from the end") % {"n": -day})
    return _("on %(days)s of the year") % {"days": _and(parts)}


def _every_day_words(freq: str, interval: int) -> str:
    """A rule narrowed to weeks or days of the year without days of its own."""
    if interval == 1:
        return _("Every day")
    if freq == "WEEKLY":
        if interval == 2:
            return _("Every day of every other week")
        return ngettext("Every day, every %(n)d week", "Every day, every %(n)d weeks", interval) % {
            "n": interval
        }
    if interval == 2:
        return _("Every day of every other month")
    return ngettext("Every day, every %(n)d month", "Every day, every %(n)d months", interval) % {
        "n": interval
    }


def _rule_words(schedule) -> str:
    weeks, yeardays = weeks_of(schedule), yeardays_of(schedule)
    if not (weeks or yeardays):
        return _pattern_words(schedule)
    freq = freq_of(schedule)
    if freq not in ("WEEKLY", "MONTHLY"):
        return ""
    interval = schedule.interval or 1
    pattern = ""
    if days_of(schedule) or (freq == "MONTHLY" and monthdays_of(schedule)):
        pattern = _pattern_words(schedule)
    limits = ([_weeks_words(weeks)] if weeks else []) + (
        [_yeardays_words(yeardays)] if yeardays else []
    )
    if not pattern and interval == 1 and not weeks:
        # "On day 100 of the year" rather than "Every day on day 100 of the year".
        words = limits[0]
        return words[:1].upper() + words[1:]
    return _("%(rule)s %(limits)s") % {
        "rule": pattern or _every_day_words(freq, interval),
        "limits": _and(limits),
    }


def _pattern_words(schedule) -> str:
    freq = freq_of(schedule)
    interval = schedule.interval or 1
    days = days_of(schedule)
    anchor = anchor_of(schedule)
    if freq == "WEEKLY" and any(ordinal for ordinal, _weekday in days):
        freq = "MONTHLY"  # "1SA" in a weekly rule: the first Saturday of each month
        interval = 1
    if freq == "WEEKLY":
        weekdays = [weekday for _ordinal, weekday in days] or ([anchor.weekday()] if anchor else [])
        if not weekdays:
            return ""
        names = _and([_day_name(weekday) for weekday in weekdays])
        if interval == 1:
            return _("Every %(days)s") % {"days": names}
        if interval == 2:
            return _("Every other %(days)s") % {"days": names}
        return ngettext(
            "Every %(n)d week on %(days)s", "Every %(n)d weeks on %(days)s", interval
        ) % {"n": interval, "days": names}
    if freq != "MONTHLY":
        return ""
    monthdays = monthdays_of(schedule)
    if days and all(ordinal is None for ordinal, _weekday in days) and not monthdays:
        what = _("every %(days)s") % {"days": _and([_day_name(w) for _o, w in days])}
    elif days and not monthdays:
        what = _and([_ordinal_day(ordinal, weekday) for ordinal, weekday in days if ordinal])
    elif monthdays:
        what = ngettext("day %(days)s", "days %(days)s", len(monthdays)) % {
            "days": _and([_monthday_name(number) for number in monthdays])
        }
    elif anchor:
        what = ngettext("day %(days)s", "days %(days)s", 1) % {"days": anchor.day}
    else:
        return ""
    if interval == 1:
        words = _("%(what)s of each month") % {"what": what}
    elif interval == 2:
        words = _("%(what)s of every other month") % {"what": what}
    else:
        words = ngettext(
            "%(what)s, every %(n)d month", "%(what)s, every %(n)d months", interval
        ) % {"what": what, "n": interval}
    if monthdays and days:
        words = _("%(rule)s, when it falls on a %(days)s") % {
            "rule": words,
            "days": _and([_day_name(w) for _o, w in days]),
        }
    return words[:1].upper() + words[1:]


def in_words(schedule, today: date) -> str:
    """The rule in the reader's language: "Every other Tuesday, 9 a.m.–noon, until
    March 15, 2027". Empty when the schedule has no rule (its description says it)."""
    words = _rule_words(schedule)
    if not words:
        return ""
    opens, closes = schedule.opens_at, schedule.closes_at
    if opens and closes:
        words = _("%(rule)s, %(opens)s–%(closes)s") % {
            "rule": words,
            "opens": time_format(opens, "TIME_FORMAT"),
            "closes": time_format(closes, "TIME_FORMAT"),
        }
    elif opens:
        words = _("%(rule)s, from %(opens)s") % {
            "rule": words,
            "opens": time_format(opens, "TIME_FORMAT"),
        }
    if opens and clock_of(schedule, today.year) is not None:
        words = _("%(rule)s (UTC%(offset)s)") % {
            "rule": words,
            "offset": offset_words(schedule.timezone),
        }
    begins, ends = first_day(schedule), last_day(schedule)
    if begins and begins > today:
        words = _("From %(day)s: %(rule)s") % {
            "day": date_format(begins, "DATE_FORMAT"),
            "rule": words[:1].lower() + words[1:],
        }
    if ends:
        words = _("%(rule)s, until %(day)s") % {
            "rule": words,
            "day": date_format(ends, "DATE_FORMAT"),
        }
    return words


def offset_words(offset) -> str:
    """An offset from UTC as it is written after "UTC": "−5", "+5:30", "+3"."""
    minutes = round(Decimal(str(offset)) * 60)
    sign = "−" if minutes < 0 else "+"
    hours, rest = divmod(abs(minutes), 60)
    return f"{sign}{hours}:{rest:02d}" if rest else f"{sign}{hours}"
