"""Amounts of money as people read them."""

from decimal import Decimal, InvalidOperation
from functools import cache

from babel import Locale
from babel.numbers import format_currency
from django.utils.translation import get_language


def dollars(value) -> str:
    """An amount in dollars as US readers expect it in either language: "$15,000.00".
    The program pays in the United States, so Spanish readers get the US (es_US) form,
    not Spain's "15.000,00 $". CSV files keep plain numbers for the spreadsheets."""
    if value is None or value == "":
        return ""
    try:
        amount = Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        return str(value)
    locale = "es_US" if (get_language() or "en").startswith("es") else "en_US"
    if amount.as_tuple().exponent == -2 and _written_plainly(locale):
        # Cents, as the ledger keeps them, written as babel writes them by Python's own
        # formatting, in a tenth of the time: a statewide year's spending report shows
        # thousands of amounts (core/tests/test_money.py holds the two equal).
        return f"{'-' if amount.is_signed() else ''}${abs(amount):,.2f}"
    return format_currency(amount, "USD", locale=locale)


@cache
def _written_plainly(locale: str) -> bool:
    """Whether `locale` writes dollars "$1,234.56" and "-$1,234.56": asked of babel's
    own pattern and symbols, once a locale."""
    parsed = Locale.parse(locale)
    symbols = parsed.number_symbols["latn"]
    return (
        parsed.currency_formats["standard"].pattern == "¤#,##0.00"
        and parsed.currency_symbols.get("USD") == "$"
        and (symbols["decimal"], symbols["group"], symbols["minusSign"]) == (".", ",", "-")
    )
