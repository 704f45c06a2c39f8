"""Files the demo program carries: a one-page PDF made by hand, so the demo needs no PDF
library."""


def one_page_pdf(line: str) -> bytes:
    """A valid one-page PDF with one line of text (ASCII, no parentheses)."""
    text = b"BT /F1 14 Tf 72 720 Td (" + line.encode("ascii") + b") Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(text) + text + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    return pdf_from_objects(objects)


def pdf_from_objects(
    objects: list[bytes], *, header: bytes = b"%PDF-1.4\n", trailer: bytes = b""
) -> bytes:
    """A PDF of numbered `objects` (object 1 is the catalog) with a correct cross-reference
    table; `trailer` adds entries to the trailer dictionary. The hostile files of the upload
    tests are built the same way."""
    body = header
    offsets = []
    for number, content in enumerate(objects, start=1):
        offsets.append(len(body))
        body += b"%d 0 obj\n" % number + content + b"\nendobj\n"
    start = len(body)
    body += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    body += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    extra = b" " + trailer if trailer else b""
    body += b"trailer\n<< /Size %d /Root 1 0 R%s >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        extra,
        start,
    )
    return body
