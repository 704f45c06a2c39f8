"""Dollars written by Python's formatting read exactly as babel writes them."""

import random
from decimal import Decimal

import pytest
from babel.numbers import format_currency
from django.utils import translation

from core.money import _written_plainly, dollars

EDGES = ["0.00", "-0.00", "0.01", "-0.01", "999.99", "1000.00", "-1000.00", "1234567.89"]


def amounts():
    """The edges, and cents of every size either side of zero."""
    chance = random.Random(20)
    found = [Decimal(edge) for edge in EDGES]
    for _ in range(5000):
        size = 10 ** chance.randint(1, 15)
        found.append(Decimal(chance.randint(-size, size)).scaleb(-2))
    return found


@pytest.mark.parametrize(("language", "locale"), [("en", "en_US"), ("es", "es_US")])
def test_cents_are_written_as_babel_writes_them(language, locale):
    assert _written_plainly(locale)
    with translation.override(language):
        for amount in amounts():
            assert dollars(amount) == format_currency(amount, "USD", locale=locale), amount


@pytest.mark.parametrize("value", [15, "15", "15.5", 15.25, Decimal("0.005"), Decimal("1E+3")])
def test_other_amounts_are_written_by_babel(value):
    with translation.override("en"):
        assert dollars(value) == format_currency(Decimal(value), "USD", locale="en_US")


def test_nothing_and_words_stay_as_they_are():
    assert dollars(None) == "" and dollars("") == ""
    assert dollars("a lot") == "a lot"
