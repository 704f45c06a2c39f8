"""What a letter says, in the letter's own language (which need not be the reader's):
its dates written out in full, its signer and the program's contact."""

from dataclasses import dataclass

from django.conf import settings
from django.utils import translation
from django.utils.formats import date_format, time_format
from django.utils.translation import pgettext

from letters.dates import read
from letters.models import Letter


@dataclass(frozen=True)
class Line:
    day: str
    hours: str
    kind: str


def lines_of(letter: Letter) -> list[Line]:
    with translation.override(letter.language):
        return [
            Line(
                day=date_format(
                    d.starts_at, pgettext("a weekday and a date in another year", "l, F j, Y")
                ),
                hours=f"{time_format(d.starts_at, 'TIME_FORMAT')} – "
                f"{time_format(d.ends_at, 'TIME_FORMAT')}",
                kind=d.kind_label,
            )
            for d in read(letter.dates)
        ]


def letter_context(letter: Letter) -> dict:
    signer = getattr(letter.signer, "person", None)
    return {
        "letter": letter,
        "lines": lines_of(letter),
        "signer_name": signer.full_name if signer else letter.signer.email,
        "program_phone": settings.PROGRAM_PHONE,
        # Without a program address, the coach's own work address is the way to reach her.
        "program_email": settings.PROGRAM_EMAIL or letter.signer.email,
        "dated": (letter.approved_at.date() if letter.approved_at else None),
    }
