"""A schedule's rule read one way for everything: whether it applies on a date (the
"open now" filter and badge, the day filter), whether it is over or not begun (the
listing), and on which clock its hours are; directory.hours_words says it in plain
words, in the reader's language.

HSDS 3.0 schedules are iCalendar rules (RFC 5545) cut down: freq WEEKLY or MONTHLY,
every `interval` weeks or months counted from `dtstart` (weeks starting on `wkst`), on
the days of `byday` ("TU", or "1MO" the first Monday of a month, "-1FR" the last
Friday) or of `bymonthday` ("1,15", "-1" the last day), in the weeks of `byweekno` and
on the days of the year of `byyearday`, from `dtstart` to `until` or for `count`
occurrences, and valid from `valid_from` to `valid_to`, at hours on the clock of
`timezone`. The arithmetic is here
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
- `byweekno` and `byyearday` narrow the days of any rule, weekly or monthly (HSDS names
  byweekno for WEEKLY, iCalendar for YEARLY only, and HSDS allows no YEARLY): a day
  applies only in one of those weeks and on one of those days of the year. Weeks are
  numbered as iCalendar numbers them: they start on `wkst` (Monday, ISO 8601's weeks,
  when empty), and week 1 is the first with four days or more in the year, so the last
  days of December may be in week 1 and the first of January in week 52 or 53; -1 is
  the last week of that year. With either and no days (`byday`, `bymonthday`), every day
  of those weeks or those days of the year, as in iCalendar, not dtstart's day.
- `timezone` (HSDS: the offset from UTC the hours are in) puts the hours on that fixed
  clock, so "open now" reads the moment there. One of the program's own offsets, its
  standard or its daylight time, is read as the program's clock, which changes with the
  seasons: a directory writes its offset once, not twice a year. Without one, the hours
  are on the program's clock (HSDS says UTC, which no listing here means).
"""

import calendar
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from functools import lru_cache

from django.utils import timezone as clock

from core.zones import program_zone
from directory.models import DAY_CODES, Schedule

#: Enough days ahead that any monthly day ("the last Saturday") comes round once.
LOOK_AHEAD_DAYS = 42


def days_of(schedule) -> list[tuple[int | None, int]]:
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


def _numbers(text: str, largest: int) -> list[int]:
    """A comma list of numbers from 1 to `largest` or from -1 to -`largest`."""
    found = []
    for part in (text or "").replace(" ", "").split(","):
        try:
            number = int(part)
        except ValueError:
            continue
        if 1 <= abs(number) <= largest:
            found.append(number)
    return found


def monthdays_of(schedule) -> list[int]:
    return _numbers(schedule.bymonthday, 31)


def weeks_of(schedule) -> list[int]:
    return _numbers(getattr(schedule, "byweekno", ""), 53)


def yeardays_of(schedule) -> list[int]:
    return _numbers(getattr(schedule, "byyearday", ""), 366)


def _week_one(year: int, start: int) -> date:
    """The first day of week 1: the first week, starting on weekday `start`, with four
    days or more in the year."""
    january = date(year, 1, 1)
    first = january - timedelta(days=(january.weekday() - start) % 7)
    return first if (january - first).days <= 3 else first + timedelta(days=7)


def _week_number(day: date, start: int) -> tuple[int, int]:
    """The day's week of the year, and how many weeks that year has; the year is the one
    holding four days or more of the week, which may be the next or the last."""
    first_of_week = day - timedelta(days=(day.weekday() - start) % 7)
    year = (first_of_week + timedelta(days=3)).year
    week_one = _week_one(year, start)
    weeks = (_week_one(year + 1, start) - week_one).days // 7
    return (first_of_week - week_one).days // 7 + 1, weeks


def _in_weeks_and_yeardays(schedule, day: date) -> bool:
    """Whether the day is in one of byweekno's weeks and on one of byyearday's days, for
    those given."""
    weeks = weeks_of(schedule)
    if weeks:
        start = DAY_CODES.index(schedule.wkst) if schedule.wkst in DAY_CODES else 0
        number, count = _week_number(day, start)
        if number not in weeks and number - count - 1 not in weeks:
            return False
    yeardays = yeardays_of(schedule)
    if yeardays:
        number = day.timetuple().tm_yday
        length = 366 if calendar.isleap(day.year) else 365
        if number not in yeardays and number - length - 1 not in yeardays:
            return False
    return True


def freq_of(schedule) -> str:
    freq = (schedule.freq or "").upper()
    if not freq and (schedule.byday or "").strip():
        return "WEEKLY"
    return freq


def anchor_of(schedule) -> date | None:
    return schedule.dtstart or schedule.valid_from


def _nth(day: date, ordinal: int) -> bool:
    """Whether the day is the ordinal-th of its weekday in its month (-1 the last)."""
    if ordinal > 0:
        return (day.day - 1) // 7 + 1 == ordinal
    length = calendar.monthrange(day.year, day.month)[1]
    return -((length - day.day) // 7 + 1) == ordinal


def _matches(schedule, day: date) -> bool:
    """The rule's pattern, without its bounds or count."""
    freq = freq_of(schedule)
    if freq not in ("WEEKLY", "MONTHLY"):
        return False
    if not _in_weeks_and_yeardays(schedule, day):
        return False
    # Weeks or days of the year name the days themselves: no day is taken from dtstart.
    narrowed = bool(weeks_of(schedule) or yeardays_of(schedule))
    anchor = anchor_of(schedule)
    interval = schedule.interval or 1
    days = days_of(schedule)
    if freq == "WEEKLY":
        if interval > 1 and anchor:
            start = DAY_CODES.index(schedule.wkst) if schedule.wkst in DAY_CODES else 0
            week = (day - timedelta(days=(day.weekday() - start) % 7)).toordinal() // 7
            first = (anchor - timedelta(days=(anchor.weekday() - start) % 7)).toordinal() // 7
            if (week - first) % interval:
                return False
        if not days:
            return narrowed or (anchor is not None and day.weekday() == anchor.weekday())
        return any(
            weekday == day.weekday() and (ordinal is None or _nth(day, ordinal))
            for ordinal, weekday in days
        )
    if interval > 1 and anchor:
        months = (day.year - anchor.year) * 12 + day.month - anchor.month
        if months % interval:
            return False
    monthdays = monthdays_of(schedule)
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
    if monthdays or narrowed:
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
        schedule.byweekno,
        schedule.byyearday,
    )


@lru_cache(maxsize=4096)
def _last_by_count(key: tuple) -> date | None:
    """The day of the count-th occurrence, from the anchor on; at most count occurrences
    and ten years of days are walked."""
    freq, interval, byday, bymonthday, wkst, dtstart, valid_from, count, byweekno, byyearday = key
    rule = Schedule(
        freq=freq,
        interval=interval,
        byday=byday,
        bymonthday=bymonthday,
        byweekno=byweekno,
        byyearday=byyearday,
        wkst=wkst,
        dtstart=dtstart,
        valid_from=valid_from,
    )
    day = anchor_of(rule)
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
    if schedule.count and anchor_of(schedule):
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


@lru_cache(maxsize=64)
def _zone_offsets(zone, year: int) -> frozenset[Decimal]:
    return frozenset(
        Decimal(zone.utcoffset(datetime(year, month, 1)).total_seconds()) / 3600 for month in (1, 7)
    )


def program_offsets(year: int) -> frozenset[Decimal]:
    """The program's offsets from UTC in a year, in hours: its standard and its daylight
    time (one, where the zone keeps no daylight time)."""
    return _zone_offsets(program_zone(), year)


def clock_of(schedule, year: int) -> timezone | None:
    """The fixed clock the schedule's hours are on, or None for the program's own: no
    offset, or one of the program's (see the readings above)."""
    offset = getattr(schedule, "timezone", None)
    if offset is None or Decimal(str(offset)) in program_offsets(year):
        return None
    return timezone(timedelta(minutes=round(Decimal(str(offset)) * 60)))


def moment_there(schedule, now: datetime) -> datetime:
    """`now` on the schedule's clock."""
    here = now.astimezone(program_zone())
    there = clock_of(schedule, here.year)
    return here if there is None else now.astimezone(there)


def open_at(schedule, now: datetime) -> bool:
    """Whether the schedule is open at this moment, its hours read on its own clock: the
    "open now" test, which the database reads itself for plain weekly rules on the
    program's clock (directory.search.open_schedules)."""
    there = moment_there(schedule, now)
    moment = there.time().replace(tzinfo=None)
    opens, closes = schedule.opens_at, schedule.closes_at
    return (
        opens is not None
        and closes is not None
        and opens <= moment < closes
        and applies_on(schedule, there.date())
    )


def opens_on_weekday(schedule, code: str, now: datetime) -> bool:
    """Whether the schedule opens on this day of the week in the coming weeks, counted
    from the schedule's own today."""
    return applies_on_weekday(schedule, code, moment_there(schedule, now).date())


def is_plain_weekly(schedule) -> bool:
    """Whether the team's form can edit the schedule without losing any of its rule:
    every week, on plain days, with no start, end or count, in no particular weeks or
    days of the year, on the program's clock (the form shows no offset)."""
    return (
        freq_of(schedule) in ("WEEKLY", "")
        and (schedule.interval or 1) == 1
        and all(ordinal is None for ordinal, _weekday in days_of(schedule))
        and not schedule.bymonthday
        and not (schedule.count or schedule.until or schedule.dtstart)
        and not (schedule.valid_from or schedule.valid_to)
        and not (weeks_of(schedule) or yeardays_of(schedule))
        and clock_of(schedule, clock.localdate().year) is None
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
