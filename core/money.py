"""Amounts of money as people read them."""

from decimal import Decimal, InvalidOperation

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
    return format_currency(amount, "USD", locale=locale)
