"""One way to write a date to a person, per language: the weekday and the date, and the
year only when it is not this year."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone, translation

from core.templatetags.village import weekday_date


@pytest.fixture(autouse=True)
def _in_june_2026_in_chicago(monkeypatch, settings):
    settings.TIME_ZONE = "America/Chicago"
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: date(2026, 6, 1))


@pytest.mark.parametrize(
    ("language", "day", "written"),
    [
        ("en", date(2026, 12, 3), "Thursday, December 3"),
        ("es", date(2026, 12, 3), "jueves 3 de diciembre"),
        ("en", date(2027, 1, 8), "Friday, January 8, 2027"),
        ("es", date(2027, 1, 8), "viernes 8 de enero de 2027"),
        ("en", date(2025, 11, 26), "Wednesday, November 26, 2025"),
        ("es", date(2025, 11, 26), "miércoles 26 de noviembre de 2025"),
    ],
)
def test_a_date_is_its_weekday_and_date_with_the_year_only_when_not_this_year(
    language, day, written
):
    with translation.override(language):
        assert weekday_date(day) == written


def test_a_moment_is_dated_on_the_reader_s_clock():
    # 3 a.m. on New Year's Day in UTC is still the last evening of 2026 in Chicago.
    moment = datetime(2027, 1, 1, 3, tzinfo=ZoneInfo("UTC"))
    with translation.override("en"):
        assert weekday_date(moment) == "Thursday, December 31"
        with timezone.override(ZoneInfo("Europe/Madrid")):
            assert weekday_date(moment) == "Friday, January 1, 2027"


def test_nothing_is_written_for_no_date():
    assert weekday_date(None) == "" and weekday_date("") == ""
