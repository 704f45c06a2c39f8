"""A schedule's rule read one way for everything: whether it applies on a date (the
"open now" filter and badge, the day filter), whether it is over or not begun (the
listing), and what it says in plain words, in the reader's language.

HSDS 3.0 schedules are iCalendar rules (RFC 5545) cut down: freq WEEKLY or MONTHLY,
every `interval` weeks or months counted from `dtstart` (weeks starting on `wkst`), on
the days of `byday` ("TU", or "1MO" the first Monday of a month, "-1FR" the last
Friday) or of `bymonthday` ("1,15", "-1" the last day), from `dtstart` to `until` or for
`count` occurrences, and valid from `valid_from` to `valid_to`. The arithmetic is here
rather than in an iCalendar library so that a page of results costs no enumeration of
occurrences, save for a rule limited by `count`, whose last day is found once.

Readings where HSDS or iCalendar leave a choice:
- An ordinal day ("1SA") means that day of the month whatever the freq; a plain day in a
  monthly rule means every such day of the month, as in iCalendar.
- `bymonthday` is read in monthly rules only (HSDS: "where frequency is MONTHLY"); with
  `byday` too, both must hold ("Friday the 13th").
- Without `dtstart`, `valid_from` anchors the interval and the count; with neither, the
  interval is not read (every week) and the count is not either.
- A rule without freq but with days (as older imports and the team's form made) is weekly.
"""

import calendar
from datetime import date, timedelta
from functools import lru_cache

from django.utils.formats import date_format, time_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from directory.models import DAY_CODES, Schedule

#: Enough days ahead that any monthly day ("the last Saturday") comes round once.
LOOK_AHEAD_DAYS = 42


def _days(schedule) -> list[tuple[int | None, int]]:
    """The byday entries as (ordinal or None, weekday 0-6)."""
    found = []
    for part in (schedule.byday or "").upper().replace(" ", "").split(","):
        code = part[-2:]
        if code not in DAY_CODES:
            continue
        number = part[:-2]
        try:
            ordinal = int(number) if number not in ("", "+", "-") else None
        except ValueError:
            continue
        found.append((ordinal or None, DAY_CODES.index(code)))
    return found


def _monthdays(schedule) -> list[int]:
    found = []
    for part in (schedule.bymonthday or "").replace(" ", "").split(","):
        try:
            number = int(part)
        except ValueError:
            continue
        if 1 <= abs(number) <= 31:
            found.append(number)
    return found


def _freq(schedule) -> str:
    freq = (schedule.freq or "").upper()
    if not freq and (schedule.byday or "").strip():
        return "WEEKLY"
    return freq


def _anchor(schedule) -> date | None:
    return schedule.dtstart or schedule.valid_from


def _nth(day: date, ordinal: int) -> bool:
    """Whether the day is the ordinal-th of its weekday in its month (-1 the last)."""
    if ordinal > 0:
        return (day.day - 1) // 7 + 1 == ordinal
    length = calendar.monthrange(day.year, day.month)[1]
    return -((length - day.day) // 7 + 1) == ordinal


def _matches(schedule, day: date) -> bool:
    """The rule's pattern, without its bounds or count."""
    freq = _freq(schedule)
    if freq not in ("WEEKLY", "MONTHLY"):
        return False
    anchor = _anchor(schedule)
    interval = schedule.interval or 1
    days = _days(schedule)
    if freq == "WEEKLY":
        if interval > 1 and anchor:
            start = DAY_CODES.index(schedule.wkst) if schedule.wkst in DAY_CODES else 0
            week = (day - timedelta(days=(day.weekday() - start) % 7)).toordinal() // 7
            first = (anchor - timedelta(days=(anchor.weekday() - start) % 7)).toordinal() // 7
            if (week - first) % interval:
                return False
        if not days:
            return anchor is not None and day.weekday() == anchor.weekday()
        return any(
            weekday == day.weekday() and (ordinal is None or _nth(day, ordinal))
            for ordinal, weekday in days
        )
    if interval > 1 and anchor:
        months = (day.year - anchor.year) * 12 + day.month - anchor.month
        if months % interval:
            return False
    monthdays = _monthdays(schedule)
    if monthdays:
        length = calendar.monthrange(day.year, day.month)[1]
        if not any(
            (number if number > 0 else length + 1 + number) == day.day for number in monthdays
        ):
            return False
    if days:
        return any(
            weekday == day.weekday() and (ordinal is None or _nth(day, ordinal))
            for ordinal, weekday in days
        )
    if monthdays:
        return True
    return anchor is not None and day.day == anchor.day


def _rule_key(schedule) -> tuple:
    return (
        schedule.freq,
        schedule.interval,
        schedule.byday,
        schedule.bymonthday,
        schedule.wkst,
        schedule.dtstart,
        schedule.valid_from,
        schedule.count,
    )


@lru_cache(maxsize=4096)
def _last_by_count(key: tuple) -> date | None:
    """The day of the count-th occurrence, from the anchor on; at most count occurrences
    and ten years of days are walked."""
    freq, interval, byday, bymonthday, wkst, dtstart, valid_from, count = key
    rule = Schedule(
        freq=freq,
        interval=interval,
        byday=byday,
        bymonthday=bymonthday,
        wkst=wkst,
        dtstart=dtstart,
        valid_from=valid_from,
    )
    day = _anchor(rule)
    if day is None or not count:
        return None
    seen = 0
    for _step in range(3660):
        if _matches(rule, day):
            seen += 1
            if seen == count:
                return day
        day += timedelta(days=1)
    return None


def last_day(schedule) -> date | None:
    """The last day the rule can apply: the earliest of valid_to, until and the day of
    its last occurrence by count. None when it goes on."""
    ends = [schedule.valid_to, schedule.until]
    if schedule.count and _anchor(schedule):
        ends.append(_last_by_count(_rule_key(schedule)))
    ends = [end for end in ends if end]
    return min(ends) if ends else None


def first_day(schedule) -> date | None:
    starts = [start for start in (schedule.valid_from, schedule.dtstart) if start]
    return max(starts) if starts else None


def applies_on(schedule, day: date) -> bool:
    """Whether the schedule's hours hold on this day: the one test, for the listing and
    for the "open now" filter and badge."""
    start, end = first_day(schedule), last_day(schedule)
    if (start and day < start) or (end and day > end):
        return False
    return _matches(schedule, day)


def applies_on_weekday(schedule, code: str, today: date) -> bool:
    """Whether the schedule opens on this day of the week ("MO") in the coming weeks."""
    weekday = DAY_CODES.index(code)
    ahead = (weekday - today.weekday()) % 7
    return any(
        applies_on(schedule, today + timedelta(days=ahead + 7 * week))
        for week in range(LOOK_AHEAD_DAYS // 7)
    )


def is_plain_weekly(schedule) -> bool:
    """Whether the team's form can edit the schedule without losing any of its rule:
    every week, on plain days, with no start, end or count."""
    return (
        _freq(schedule) in ("WEEKLY", "")
        and (schedule.interval or 1) == 1
        and all(ordinal is None for ordinal, _weekday in _days(schedule))
        and not schedule.bymonthday
        and not (schedule.count or schedule.until or schedule.dtstart)
        and not (schedule.valid_from or schedule.valid_to)
    )


def state(schedule, today: date) -> str:
    """ "ended" when its last day is past, "future" when its first is to come, else
    "current"."""
    end, start = last_day(schedule), first_day(schedule)
    if end and end < today:
        return "ended"
    if start and start > today:
        return "future"
    return "current"


# --- plain words ---------------------------------------------------------------------


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


def _rule_words(schedule) -> str:
    freq = _freq(schedule)
    interval = schedule.interval or 1
    days = _days(schedule)
    anchor = _anchor(schedule)
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
    monthdays = _monthdays(schedule)
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
