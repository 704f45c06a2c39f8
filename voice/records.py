"""Recordings in a family's records (decision 0019): what was recorded, when, its words
and its sound are exported; the closure deletes the recordings and their sound: a voice
is the most personal thing kept."""

from datetime import date

from django.db.models import Max
from django.utils.translation import gettext_lazy

from families.models import BirthFamily
from families.records import Closing, Part, Section, files_of, register, rows_of
from voice.models import Recording


def _recordings(family: BirthFamily):
    return Recording.objects.filter(partnership__birth_family=family).order_by("pk")


def _export(family: BirthFamily) -> list[Section]:
    columns = ["partnership", "child", "purpose", "side", "state", "duration_ms", "transcript"]
    return [
        Section(
            title=gettext_lazy("Voice recordings"),
            slug="voice_recordings",
            columns=[*columns, "created_at"],
            rows=rows_of(_recordings(family), [*columns, "created_at"]),
            files=files_of(_recordings(family), "audio", folder="recordings"),
        )
    ]


def _close(family: BirthFamily, *, actor, closing: Closing) -> None:
    closing.delete(_recordings(family), "audio", "incoming")


def _last_used(family: BirthFamily) -> date | None:
    last = _recordings(family).aggregate(at=Max("created_at"))["at"]
    return last.date() if last else None


register(Part(name="voice", export=_export, close=_close, last_used=_last_used))
