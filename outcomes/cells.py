"""Small-cell suppression for whatever leaves the program: exports and printed reports
for funders. A count of one to four children can point at a family; it is shown as a
marker instead. Zero says no one and is shown (docs/outcomes-measures.md)."""

from django.utils.translation import gettext as _

#: Counts below this, above zero, are not shown in exports or prints.
SMALLEST_SHOWN = 5


def suppressed(count: int, *, threshold: int = SMALLEST_SHOWN) -> int | str:
    """The count itself, or "fewer than 5" when it is from 1 to threshold - 1."""
    if 0 < count < threshold:
        return _("fewer than %(threshold)s") % {"threshold": threshold}
    return count


def suppressed_share(numerator: int, denominator: int, *, threshold: int = SMALLEST_SHOWN):
    """A percentage, or the marker when a count behind it is a small cell: the numerator,
    the denominator, or the children outside the numerator (86% of 7 says one child)."""
    small = (numerator, denominator, denominator - numerator)
    if any(0 < count < threshold for count in small):
        return _("fewer than %(threshold)s") % {"threshold": threshold}
    if not denominator:
        return None
    return round(100 * numerator / denominator, 1)
