"""Everything the program holds about one birth family, part by part, and how each part is
closed once the program's retention period is over (docs/decisions/0019).

Each app that keeps something about a family registers one `Part` from its
AppConfig.ready(): how to export what it holds (`export`), how to close it (`close`),
and, when it has a say, why the family cannot be closed yet (`hold`) and the last day it
was in use (`last_used`). The list lives here, below the capabilities, so each can add to
it without importing the others, and the director's pages read it without importing
them either. Parts run in the order they were added, which is INSTALLED_APPS' order.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from django.core.files.storage import Storage
from django.db import models

from families.models import BirthFamily

#: What a closed record's names are replaced with: nothing that names anyone.
GONE = "—"


@dataclass(frozen=True)
class StoredFile:
    """One file a section holds: where it goes in the export, and where it is stored."""

    path: str
    storage: Storage
    name: str

    @property
    def is_image(self) -> bool:
        return self.name.lower().endswith((".jpg", ".jpeg", ".png", ".webp", ".gif"))


@dataclass
class Section:
    """One table of a family's records: a title for people, a slug for the CSV's name,
    its columns and rows, its files, and the pages where a director corrects it."""

    title: str
    slug: str
    columns: list[str]
    rows: list[list] = field(default_factory=list)
    files: list[StoredFile] = field(default_factory=list)
    #: (label, url) of the existing pages where this part of the record is edited.
    edit: list[tuple[str, str]] = field(default_factory=list)
    #: What cannot be corrected here, in words, when something cannot.
    note: str = ""


class Closing:
    """What one closure did, gathered from every part: the fields it emptied and the
    files to delete once the transaction commits. Field names only, never values: the
    audit entry is made of them."""

    def __init__(self, family: BirthFamily, actor):
        self.family = family
        self.actor = actor
        self.fields: set[str] = set()
        self.files: list[tuple[Storage, str]] = []

    def blank(self, queryset: models.QuerySet, **values) -> int:
        """Overwrite `values` on every row of `queryset`; note the fields' names."""
        label = queryset.model._meta.label_lower
        self.fields.update(f"{label}.{name}" for name in values)
        return queryset.update(**values)

    def empty(self, queryset: models.QuerySet, *names: str) -> int:
        """Empty the text fields `names` on every row of `queryset`."""
        return self.blank(queryset, **dict.fromkeys(names, ""))

    def delete(self, queryset: models.QuerySet, *file_fields: str) -> int:
        """Delete the rows of `queryset`, their files (named by `file_fields`) after commit."""
        model = queryset.model
        for name in file_fields:
            storage = model._meta.get_field(name).storage
            for stored in queryset.values_list(name, flat=True):
                if stored:
                    self.files.append((storage, stored))
        self.fields.add(f"{model._meta.label_lower}.*")
        deleted, _ = queryset.delete()
        return deleted


@dataclass(frozen=True)
class Part:
    name: str
    export: Callable[[BirthFamily], list[Section]]
    close: Callable[..., None]
    #: Why the family cannot be closed yet, in words, or "" when nothing here holds it.
    hold: Callable[[BirthFamily], str] | None = None
    #: The last day this part was in use; the retention period runs from the latest.
    last_used: Callable[[BirthFamily], date | None] | None = None


_parts: dict[str, Part] = {}


def register(part: Part) -> Part:
    """Add an app's part, once however often its app is made ready."""
    _parts.setdefault(part.name, part)
    return part


def parts() -> tuple[Part, ...]:
    return tuple(_parts.values())


def rows_of(queryset: models.QuerySet, columns: Iterable[str]) -> list[list]:
    """The rows of a section: plain values read in one query (choices as stored)."""
    return [list(row) for row in queryset.values_list(*columns)]


def files_of(queryset: models.QuerySet, *file_fields: str, folder: str) -> list[StoredFile]:
    """The stored files of `queryset`'s rows, to go under files/<folder>/ in an export."""
    model = queryset.model
    found = []
    for name in file_fields:
        storage = model._meta.get_field(name).storage
        for pk, stored in queryset.values_list("pk", name):
            if stored:
                base = stored.rsplit("/", 1)[-1]
                found.append(StoredFile(f"files/{folder}/{pk}-{name}-{base}", storage, stored))
    return found
