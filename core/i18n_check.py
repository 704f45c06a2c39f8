"""Find every translatable string in the source, without GNU gettext.

Python files are read by Babel's extractor; templates are first turned into Python-like
code by Django's own `templatize` (what makemessages does before calling xgettext)."""

from io import BytesIO
from pathlib import Path

from babel.messages.extract import extract_python
from babel.messages.pofile import read_po
from django.conf import settings
from django.utils.translation.template import templatize

KEYWORDS = {
    "_": None,
    "gettext": None,
    "gettext_lazy": None,
    "ngettext": (1, 2),
    "ngettext_lazy": (1, 2),
    "pgettext": ((1, "c"), 2),
    "pgettext_lazy": ((1, "c"), 2),
    "npgettext": ((1, "c"), 2, 3),
    "npgettext_lazy": ((1, "c"), 2, 3),
}
SKIP = {".venv", "node_modules", "staticfiles", "migrations", "tests", ".git", "bench"}


def _source_files(root: Path):
    for path in root.rglob("*"):
        if SKIP.intersection(path.relative_to(root).parts) or not path.is_file():
            continue
        if path.suffix == ".py" and path.name not in {"conftest.py", "testing.py"}:
            yield path, path.read_bytes()
        elif path.suffix in {".html", ".txt"} and "templates" in path.parts:
            yield path, templatize(path.read_text(), origin=str(path)).encode()


def source_messages(root: Path | None = None) -> set[tuple[str | None, str]]:
    """(context, msgid) for every string marked for translation."""
    root = root or Path(settings.BASE_DIR)
    found = set()
    for _path, source in _source_files(root):
        for _line, _funcname, message, _comments in extract_python(
            BytesIO(source), KEYWORDS.keys(), [], {}
        ):
            if isinstance(message, tuple):
                funcname = _funcname
                if funcname.startswith(("pgettext", "npgettext")):
                    context, msgid = message[0], message[1]
                else:
                    context, msgid = None, message[0]
            else:
                context, msgid = None, message
            if msgid:
                found.add((context, msgid))
    return found


def catalogue(language: str):
    path = Path(settings.BASE_DIR) / "locale" / language / "LC_MESSAGES" / "django.po"
    with path.open("rb") as po_file:
        return read_po(po_file)


def untranslated(language: str) -> list[str]:
    """Strings in the source that the catalogue lacks, or has empty or fuzzy."""
    catalog = catalogue(language)
    missing = []
    for context, msgid in sorted(source_messages(), key=lambda m: (m[0] or "", m[1])):
        message = catalog.get(msgid, context=context)
        strings = message.string if message else None
        done = all(strings) if isinstance(strings, tuple) else bool(strings)
        if message is None or message.fuzzy or not done:
            missing.append(msgid)
    return missing
