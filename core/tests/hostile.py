"""Hostile files, made in the tests rather than kept as binaries: image bombs, polyglots,
scripts in SVG and PDF, files whose names or extensions lie."""

import io
import struct
import zipfile
import zlib

from PIL import Image

from core.demo_files import pdf_from_objects


def png_bomb(width: int = 6300, height: int = 6300) -> bytes:
    """An RGB PNG of `width` x `height` black pixels, written row by row so making it
    takes no memory: 6300 x 6300 is 116 KB on disk and 159 MB once decoded (the one of
    issue 18)."""
    row = b"\0" * (1 + width * 3)  # filter byte, then the row's pixels
    packer = zlib.compressobj(9)
    data = b"".join(packer.compress(row) for _ in range(height)) + packer.flush()
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", data)
        + _chunk(b"IEND", b"")
    )


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def huge_dimensions() -> bytes:
    """A PNG whose header claims 100,000 x 100,000 pixels, with no pixels to back it."""
    header = struct.pack(">IIBBBBB", 100_000, 100_000, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IEND", b"")


def jpeg(size=(64, 48), **options) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, "#3366cc").save(buffer, "JPEG", **options)
    return buffer.getvalue()


def jpeg_header(
    width: int, height: int, *, progressive: bool = False, first_scan_components: int = 3
) -> bytes:
    """The header of a three-component (4:4:4) JPEG, and no pixels: what decoding it would
    cost is known from here. A progressive one, or one whose first scan carries fewer than
    all its components, makes libjpeg keep every coefficient of the full-size picture."""
    components = b"".join(bytes([n, 0x11, 0]) for n in (1, 2, 3))
    frame = struct.pack(">BHHB", 8, height, width, 3) + components
    scan = bytes([first_scan_components])
    scan += b"".join(bytes([n, 0]) for n in range(1, 1 + first_scan_components)) + b"\x00\x3f\x00"
    return (
        b"\xff\xd8"
        + (b"\xff\xc2" if progressive else b"\xff\xc0")
        + struct.pack(">H", len(frame) + 2)
        + frame
        + b"\xff\xda"
        + struct.pack(">H", len(scan) + 2)
        + scan
        + b"\0" * 64
        + b"\xff\xd9"
    )


HTML = b"<html><body><script>alert(document.cookie)</script></body></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


def jpeg_with_html() -> bytes:
    """A JPEG that is also a web page: HTML in its comment and after its end."""
    return jpeg(comment=HTML) + HTML


def gifar() -> bytes:
    """A GIF with a Java archive (a zip) behind it."""
    buffer = io.BytesIO()
    Image.new("P", (32, 32)).save(buffer, "GIF")
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as package:
        package.writestr("META-INF/MANIFEST.MF", "Main-Class: Evil\n")
        package.writestr("Evil.class", HTML)
    return buffer.getvalue() + archive.getvalue()


def html_behind_a_pdf_header() -> bytes:
    return b"%PDF-1.7\n" + HTML


def pdf(objects: list[bytes], trailer: bytes = b"", tail: bytes = b"") -> bytes:
    """A PDF of `objects` (object 1 is the catalog), with a correct cross-reference table,
    and `tail` after its end (where a polyglot hides a second file)."""
    return (
        pdf_from_objects(objects, header=b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", trailer=trailer) + tail
    )


def _stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"


PAGE_TEXT = b"BT /F1 14 Tf 72 720 Td (Five things to try) Tj ET"


def pdf_with_everything() -> bytes:
    """One page of text, and all a PDF can carry besides: JavaScript when it opens, when
    the page opens and behind a link; a program to launch; an attached file; a form with
    XFA; XMP and /Info metadata naming its author; and a page resource reaching the
    JavaScript, which a copy of the page would drag along."""
    javascript = b"<< /Type /Action /S /JavaScript /JS (app.alert\\(document.cookie\\)) >>"
    return pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R /OpenAction 6 0 R"
            b" /Names << /JavaScript 7 0 R /EmbeddedFiles 9 0 R >>"
            b" /AcroForm << /Fields [] /XFA 12 0 R >> /Metadata 13 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
            b" /Resources << /Font << /F1 5 0 R >> /Properties << /Sneaky 6 0 R >> >>"
            b" /AA << /O 8 0 R >> /Annots [10 0 R 11 0 R 14 0 R 15 0 R] >>",
            _stream(PAGE_TEXT),
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            javascript,
            b"<< /Names [(opening) 6 0 R] >>",
            b"<< /S /Launch /F (calc.exe) /Win << /F (cmd.exe) /P (/c evil) >> >>",
            b"<< /Names [(invoice.exe) 16 0 R] >>",
            b"<< /Type /Annot /Subtype /Link /Rect [72 700 300 720]"
            b" /A << /S /URI /URI (https://example.org/five-things) >> >>",
            b"<< /Type /Annot /Subtype /Link /Rect [72 680 300 700]"
            b" /A << /S /URI /URI (javascript:alert\\(1\\)) >> >>",
            _stream(b"<xdp:xdp><script>app.alert(1)</script></xdp:xdp>"),
            _stream(
                b"<x:xmpmeta><dc:creator>Secret Author</dc:creator></x:xmpmeta>",
                b"/Type /Metadata /Subtype /XML",
            ),
            b"<< /Type /Annot /Subtype /Link /Rect [72 660 300 680] /A 6 0 R >>",
            b"<< /Type /Annot /Subtype /FileAttachment /Rect [0 0 10 10] /FS 16 0 R >>",
            b"<< /Type /Filespec /F (invoice.exe) /EF << /F 17 0 R >> >>",
            _stream(b"MZ\x90\x00 an attached program", b"/Type /EmbeddedFile"),
            b"<< /Author (Secret Author) /Producer (EvilCorp PDF) >>",
        ],
        trailer=b"/Info 18 0 R",
    )


def pdf_with_html() -> bytes:
    """A real PDF that is also a web page: HTML in a comment and after the end."""
    page = pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
            b" /Resources << /Font << /F1 5 0 R >> >> >>",
            _stream(PAGE_TEXT),
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ],
        tail=HTML,
    )
    return page.replace(b"%\xe2\xe3\xcf\xd3\n", b"%" + HTML + b"\n", 1)


def pdf_pages(count: int) -> bytes:
    kids = b" ".join(b"%d 0 R" % (3 + n) for n in range(count))
    return pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, count),
        ]
        + [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 100 100] >>"] * count
    )
