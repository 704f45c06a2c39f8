"""directory/hours.py reads HSDS's cut-down iCalendar rules with its own arithmetic (so a
page of results enumerates no occurrences). Here it is held to an iCalendar library's
reading of the same rules: for any weekly or monthly rule the two agree on every day of
a year and a half, weeks and days of the year among them (the library, as hours.py,
reads byweekno and byyearday as narrowing any freq's days)."""

from datetime import date, datetime, timedelta

from dateutil import rrule
from hypothesis import given, settings
from hypothesis import strategies as st

from directory import hours
from directory.models import DAY_CODES, Schedule

WEEKDAYS = (rrule.MO, rrule.TU, rrule.WE, rrule.TH, rrule.FR, rrule.SA, rrule.SU)
ORDINALS = (1, 2, 3, 4, -1)
#: Weeks of the year, but for -52 and -53: the library does not count the last days of
#: December that are in week 1 of the next year as that year's week -52 or -53 (its own
#: "TODO"), where hours.py does. The mirror of it, the first days of January that are in
#: the last week of the year before, is left out of the comparison below.
WEEKS = st.lists(
    st.sampled_from([*range(1, 54), *range(-51, 0)]) | st.sampled_from([1, 2, 52, 53, -1]),
    max_size=3,
    unique=True,
)
YEARDAYS = st.lists(
    st.integers(1, 366) | st.integers(-366, -1) | st.sampled_from([1, 59, 60, 365, 366, -1]),
    max_size=3,
    unique=True,
)


@st.composite
def rules(draw):
    """A rule as HSDS allows it: weekly on plain days, or monthly on days of the month
    and/or (ordinal) weekdays; every 1 to 4 weeks or months; bounded by until or count."""
    freq = draw(st.sampled_from(["WEEKLY", "MONTHLY"]))
    days = draw(st.lists(st.integers(0, 6), max_size=3, unique=True))
    ordinals = []
    monthdays = []
    if freq == "MONTHLY":
        # All plain days ("every Monday") or all ordinal ("the first Tuesday"): the library
        # reads a mix of the two as both at once, where iCalendar and hours.py read either.
        if draw(st.booleans()):
            ordinals = [draw(st.sampled_from(ORDINALS)) for _day in days]
        monthdays = draw(st.lists(st.sampled_from([*range(1, 29), -1]), max_size=2, unique=True))
    start = draw(st.dates(date(2025, 1, 1), date(2028, 12, 31)))
    # Half the rules narrowed to weeks or days of the year, so both are drawn often.
    narrowed = draw(st.booleans())
    return {
        "weeks": draw(WEEKS) if narrowed else [],
        "yeardays": draw(YEARDAYS) if narrowed and draw(st.booleans()) else [],
        "freq": freq,
        "interval": draw(st.integers(1, 4)),
        "days": list(zip(ordinals or [None] * len(days), days, strict=True)),
        "monthdays": monthdays,
        "dtstart": start,
        "wkst": draw(st.sampled_from([0, 6])),
        # iCalendar bounds a rule by a count or by an end, never both.
        **draw(
            st.sampled_from(["neither", "count", "until"]).flatmap(
                lambda bound: st.fixed_dictionaries(
                    {
                        "count": st.integers(1, 12) if bound == "count" else st.none(),
                        "until": st.integers(0, 400).map(lambda n: start + timedelta(days=n))
                        if bound == "until"
                        else st.none(),
                    }
                )
            )
        ),
    }


def as_schedule(rule) -> Schedule:
    return Schedule(
        freq=rule["freq"],
        interval=rule["interval"],
        byday=",".join(f"{n or ''}{DAY_CODES[day]}" for n, day in rule["days"]),
        bymonthday=",".join(str(n) for n in rule["monthdays"]),
        byweekno=",".join(str(n) for n in rule["weeks"]),
        byyearday=",".join(str(n) for n in rule["yeardays"]),
        dtstart=rule["dtstart"],
        wkst=DAY_CODES[rule["wkst"]],
        count=rule["count"],
        until=rule["until"],
    )


def as_rrule(rule) -> rrule.rrule:
    return rrule.rrule(
        rrule.WEEKLY if rule["freq"] == "WEEKLY" else rrule.MONTHLY,
        interval=rule["interval"],
        byweekday=[WEEKDAYS[day](n) if n else WEEKDAYS[day] for n, day in rule["days"]] or None,
        bymonthday=rule["monthdays"] or None,
        byweekno=rule["weeks"] or None,
        byyearday=rule["yeardays"] or None,
        dtstart=datetime.combine(rule["dtstart"], datetime.min.time()),
        wkst=WEEKDAYS[rule["wkst"]],
        count=rule["count"],
        until=datetime.combine(rule["until"], datetime.min.time()) if rule["until"] else None,
    )


def in_last_years_last_week(day: date, wkst: int) -> bool:
    """Whether `day` is in the last week of the year before (a week with four or more of
    its days in December), weeks starting on `wkst` (0 Monday … 6 Sunday)."""
    start = day - timedelta(days=(day.weekday() - wkst) % 7)
    return start.year < day.year and (date(day.year, 1, 1) - start).days >= 4


@settings(max_examples=300, deadline=None)
@given(rules())
def test_a_rule_applies_on_exactly_the_days_an_icalendar_library_finds(rule):
    first = rule["dtstart"] - timedelta(days=10)
    window = [first + timedelta(days=n) for n in range(600)]
    expected = {
        when.date()
        for when in as_rrule(rule).between(
            datetime.combine(first, datetime.min.time()),
            datetime.combine(window[-1], datetime.min.time()),
            inc=True,
        )
    }
    schedule = as_schedule(rule)
    found = {day for day in window if hours.applies_on(schedule, day)}
    if {52, 53} & set(rule["weeks"]):
        # RFC 5545 puts 1 January 2027, a Friday, in week 52 of 2026 (its week has more
        # days in 2026); the library looks for week 52 only among 2027's own weeks.
        gap = {day for day in window if in_last_years_last_week(day, rule["wkst"])}
        found, expected = found - gap, expected - gap
    assert sorted(found - expected) == [] and sorted(expected - found) == [], schedule.__dict__
