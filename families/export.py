"""Everything the program holds about one family, as one zip the family can read without
Village: index.html (in the family's language, no outside assets), one CSV per section,
and their photos and documents under files/ (decision 0019).

The zip is written to a temporary file on disk, file by file in chunks, so a family with
many photos costs disk for a moment, never memory.
"""

import io
import shutil
import tempfile
import zipfile
from collections import Counter

from django.template.loader import render_to_string
from django.utils import timezone, translation

from audit.models import Action
from audit.services import audit_entry_create
from core import spreadsheet
from core.storage import open_stored
from families.models import BirthFamily
from families.records import Section, parts


def family_sections(family: BirthFamily) -> list[Section]:
    """Every registered part's sections, in order."""
    return [section for part in parts() for section in part.export(family)]


def family_language(family: BirthFamily) -> str:
    """The language most of the family's parents read: the export speaks it."""
    languages = Counter(family.parents.values_list("language", flat=True))
    return languages.most_common(1)[0][0] if languages else translation.get_language()


def _csv(section: Section) -> bytes:
    out = io.StringIO()
    writer = spreadsheet.writer(out)
    writer.writerow(section.columns)
    writer.writerows(section.rows)
    # A byte-order mark, so a spreadsheet opens the accents as they are.
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def family_export(*, actor, family: BirthFamily):
    """A temporary file holding the family's zip, positioned at its start; audited."""
    with translation.override(family_language(family)):
        sections = family_sections(family)
        index = render_to_string(
            "families/records_export.html",
            {"family": family, "sections": sections, "made_at": timezone.now()},
        )
    archive = tempfile.TemporaryFile()  # noqa: SIM115 — handed to the response, which closes it
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zipped:
        zipped.writestr("index.html", index)
        for section in sections:
            zipped.writestr(f"{section.slug}.csv", _csv(section))
            for stored in section.files:
                with (
                    open_stored(stored.storage, stored.name) as source,
                    zipped.open(stored.path, "w") as target,
                ):
                    shutil.copyfileobj(source, target, 64 * 1024)
    archive.seek(0)
    audit_entry_create(actor=actor, action=Action.VIEWED, record=family, fields=["export"])
    return archive
