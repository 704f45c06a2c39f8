"""Making an uploaded PDF safe to keep and to hand out.

A PDF can carry more than its pages: JavaScript run when it opens (`/OpenAction`) or when
a page, a field or a link is touched (`/AA`, `/A`), programs to launch, files inside it,
forms that post somewhere, and who wrote it with what (`/Info`, XMP). None of that is kept.
Every uploaded PDF is parsed with pypdf and its pages alone are copied into a new document:

- the new document's catalog is pypdf's own, so nothing of the original's (`/OpenAction`,
  `/Names` with its JavaScript and embedded files, `/AcroForm` and XFA, outlines, XMP) is
  there to copy;
- before a page is copied, everything it reaches is scrubbed: actions and their triggers,
  JavaScript, file specifications and embedded files, annotations, forms, metadata streams
  and page-piece data go; what is left is what draws the page (contents, fonts, images);
- a page's links to web addresses (http, https, mailto) are drawn afresh as plain links,
  nothing else of its annotations;
- no document information is written, not even pypdf's name.

What does not parse as a PDF (HTML behind a `%PDF-` header, a truncated file), a PDF that
needs a password to open, one with no pages or more than `MAX_PAGES`, is refused in words.
The file's size is bounded by the caller before it is read (core.uploads).
"""

import io
import logging
from urllib.parse import urlsplit

from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from pypdf import PasswordType, PdfReader, PdfWriter
from pypdf.annotations import Link
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, StreamObject

logger = logging.getLogger(__name__)

#: A quote, a bill or a handout; a longer document is a book, not an upload.
MAX_PAGES = 50
#: Links drawn afresh on one page; more is not a handout.
MAX_LINKS = 100
LINK_SCHEMES = {"http", "https", "mailto"}

#: Keys removed wherever they appear: actions and what triggers them, scripts, attached
#: and embedded files, forms, annotations (links are drawn afresh), metadata, document
#: structure that only the catalog should hold.
DROPPED_KEYS = frozenset(
    {
        "/A",
        "/AA",
        "/AcroForm",
        "/Annots",
        "/B",
        "/Collection",
        "/Dest",
        "/Dests",
        "/EF",
        "/EmbeddedFile",
        "/EmbeddedFiles",
        "/JS",
        "/JavaScript",
        "/Launch",
        "/Metadata",
        "/Names",
        "/Next",
        "/OpenAction",
        "/Outlines",
        "/PA",
        "/Perms",
        "/PieceInfo",
        "/RF",
        "/RichMediaContent",
        "/RichMediaSettings",
        "/SpiderInfo",
        "/Threads",
        "/Thumb",
        "/URI",
        "/XFA",
    }
)
#: A stream's /F names an external file its data comes from.
DROPPED_STREAM_KEYS = frozenset({"/F", "/FFilter", "/FDecodeParms"})
#: Dictionaries emptied wholesale: actions reached other than through a dropped key, file
#: specifications and embedded files.
EMPTIED_TYPES = frozenset({"/Action", "/Filespec", "/EmbeddedFile", "/Annot", "/Sig"})
ACTION_KINDS = frozenset(
    {
        "/GoTo",
        "/GoToR",
        "/GoToE",
        "/GoTo3DView",
        "/Launch",
        "/Thread",
        "/URI",
        "/Sound",
        "/Movie",
        "/Hide",
        "/Named",
        "/SubmitForm",
        "/ResetForm",
        "/ImportData",
        "/JavaScript",
        "/SetOCGState",
        "/Rendition",
        "/Trans",
        "/RichMediaExecute",
    }
)


class PdfRefused(ValueError):
    """A clear, translated reason a file cannot be kept as a PDF."""


def make_safe_pdf(upload, *, name: str) -> ContentFile:
    """The upload's pages, copied into a new PDF with nothing else; `name` is the kept
    file's name (never the uploaded one)."""
    upload.seek(0)
    data = upload.read()
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and _locked(reader):
            raise PdfRefused(
                _(
                    "That PDF is locked with a password. "
                    "Save a copy without the password and add that one."
                )
            )
        pages = list(reader.pages)
        if not pages:
            raise PdfRefused(_("That PDF has no pages."))
        if len(pages) > MAX_PAGES:
            raise PdfRefused(
                _("That PDF has more than %(count)s pages. Choose a shorter document.")
                % {"count": MAX_PAGES}
            )
        links = [_links(page) for page in pages]  # read before scrubbing takes them away
        seen: set[tuple[int, int]] = set()
        writer = PdfWriter()
        for page, its_links in zip(pages, links, strict=True):
            _scrub(page, seen)
            copy = writer.add_page(page)
            for rect, url in its_links:
                writer.add_annotation(copy, Link(rect=rect, url=url))
        writer.metadata = None  # no /Info, not even "pypdf" as its producer
        out = io.BytesIO()
        writer.write(out)
    except PdfRefused:
        raise
    except Exception as error:
        # pypdf meets hostile input with many kinds of error (its own, and KeyError,
        # TypeError, RecursionError...): whatever it is, this is not a PDF we can keep.
        logger.info("An uploaded PDF was refused: %s: %s", type(error).__name__, error)
        raise PdfRefused(
            _("That PDF could not be read: it may be damaged, only partly uploaded, or not a PDF.")
        ) from None
    return ContentFile(out.getvalue(), name=name)


def _locked(reader: PdfReader) -> bool:
    """Many PDFs are encrypted with an empty password, only to restrict printing or
    copying: those open, and are kept without the encryption. The rest are locked."""
    try:
        return reader.decrypt("") == PasswordType.NOT_DECRYPTED
    except Exception:  # an encryption pypdf cannot undo
        return True


def _links(page) -> list[tuple[tuple[float, float, float, float], str]]:
    """The page's links to web and e-mail addresses: their rectangles and addresses."""
    found = []
    try:
        annotations = page.get("/Annots")
        annotations = annotations.get_object() if annotations is not None else []
        for annotation in annotations:
            annotation = annotation.get_object()
            if annotation.get("/Subtype") != "/Link":
                continue
            action = annotation.get("/A")
            action = action.get_object() if action is not None else None
            if not isinstance(action, DictionaryObject) or action.get("/S") != "/URI":
                continue
            url = action.get_object().get("/URI")
            url = url.decode("latin-1") if isinstance(url, bytes) else str(url)
            if (
                len(url) > 2000
                or not url.isprintable()
                or urlsplit(url).scheme.lower() not in LINK_SCHEMES
            ):
                continue
            rect = tuple(float(number) for number in annotation["/Rect"])
            if len(rect) != 4:
                continue
            found.append((rect, url))
            if len(found) >= MAX_LINKS:
                break
    except Exception:
        return found  # links are a courtesy: a page whose links do not parse keeps none
    return found


def _scrub(page, seen: set[tuple[int, int]]) -> None:
    """Take from the page, and from everything it reaches, what is not drawing: done on
    the parsed objects before the page is copied, so the copy never reaches it."""
    stack: list = [page]
    while stack:
        item = stack.pop()
        if isinstance(item, IndirectObject):
            key = (item.idnum, item.generation)
            if key in seen:
                continue
            seen.add(key)
            item = item.get_object()
        if isinstance(item, DictionaryObject):
            if item.get("/Type") in EMPTIED_TYPES or item.get("/S") in ACTION_KINDS:
                item.clear()
                if isinstance(item, StreamObject):
                    item._data = b""  # an embedded file's bytes, reached from a page
                continue
            for key in list(item.keys()):
                if key in DROPPED_KEYS or (
                    key in DROPPED_STREAM_KEYS and isinstance(item, StreamObject)
                ):
                    del item[key]
            stack.extend(value for key, value in item.items() if key != "/Parent")
        elif isinstance(item, ArrayObject):
            stack.extend(item)
