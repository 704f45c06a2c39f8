"""Every CSV the program writes goes through here, so that no cell a person typed reaches a
spreadsheet as a formula (OWASP's CSV injection guidance; docs/decisions/0023).

A text cell that begins with =, +, -, @, a tab, a carriage return or a line feed is
written with a ' before it: a spreadsheet then shows it as the text it is (a fund named
"=HYPERLINK(...)" is that name, not a link). Cells that are only a number, written by
the program itself (an amount, -25.00 for a reversal, a date, a phone number like
+1 512 555 0100), cannot call anything, and are left as they are, so numeric columns stay
numeric. Numbers given as int, Decimal or float are never changed.
"""

import csv
import re
from decimal import Decimal

#: What a spreadsheet reads as the start of a formula (OWASP).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
#: A cell made only of a sign, digits and the punctuation of numbers, dates and phones.
PLAIN_NUMBER = re.compile(r"[+-]?[0-9][0-9 .,:/()-]*")


def cell(value) -> object:
    """The value as a spreadsheet may safely read it."""
    if value is None:
        return ""
    if isinstance(value, (bool, int, float, Decimal)):
        return value
    text = str(value)
    if text.startswith(FORMULA_STARTS) and not PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


def read_back(text: str) -> str:
    """A cell this module wrote, as it was before: the ' it put before a formula's first
    character is taken off again (an HSDS package exported here and imported elsewhere
    here keeps its names)."""
    if text[:1] == "'" and text[1:].startswith(FORMULA_STARTS) and cell(text[1:]) == text:
        return text[1:]
    return text


class Writer:
    """csv.writer whose every row is neutralised, cell by cell."""

    def __init__(self, out, **options):
        self._writer = csv.writer(out, **options)

    def writerow(self, row):
        return self._writer.writerow([cell(value) for value in row])

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


def writer(out, **options) -> Writer:
    """Like csv.writer(out, **options), every cell neutralised."""
    return Writer(out, **options)
