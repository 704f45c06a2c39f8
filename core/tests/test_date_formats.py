"""Dates in words, one way per language: a Spanish speaker in Texas reads "05/12/2026" as
May 12th, while Django's Spanish formats mean the 5th of December."""

import datetime
import re

import pytest
from django.template import Context, Template
from django.utils import translation

DAY = datetime.date(2026, 12, 5)
WHEN = datetime.datetime(2026, 12, 5, 16, 30)
NUMERIC = re.compile(r"\d{1,2}/\d{1,2}/\d{2,4}")


def render(template, **context):
    return Template("{% load village %}" + template).render(Context(context))


@pytest.mark.parametrize(
    ("language", "day", "month_day", "month"),
    [
        ("en", "December 5, 2026", "December 5", "December 2026"),
        ("es", "5 de diciembre de 2026", "5 de diciembre", "diciembre de 2026"),
    ],
)
def test_every_date_format_writes_the_date_in_words(language, day, month_day, month):
    with translation.override(language):
        for name in ("DATE_FORMAT", "SHORT_DATE_FORMAT"):
            assert render("{{ d|date:'" + name + "' }}", d=DAY) == day
        assert render("{{ d|date }}", d=DAY) == day
        assert render("{{ d|date:'MONTH_DAY_FORMAT' }}", d=DAY) == month_day
        assert render("{{ d|date:'YEAR_MONTH_FORMAT' }}", d=DAY) == month
        for name in ("DATETIME_FORMAT", "SHORT_DATETIME_FORMAT"):
            written = render("{{ d|date:'" + name + "' }}", d=WHEN)
            assert written.startswith(day) and not NUMERIC.search(written)


def test_a_spanish_speaker_never_meets_the_day_before_the_month_in_numbers():
    with translation.override("es"):
        assert "05/12/2026" not in render("{{ d|date:'SHORT_DATE_FORMAT' }}", d=DAY)
