"""Documents people upload (quotes, bills, handouts): checked by what they are rather
than what they are called. A PDF is known by its first bytes; anything else must decode
as a photo, which is re-drawn without its metadata (core.images)."""

import secrets

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.http import FileResponse

from core.images import PhotoRefused, make_safe

#: A phone photo of a page, or a PDF from a shop, a utility or the program.
MAX_DOCUMENT_BYTES = 10 * 1024 * 1024


def checked_document(upload, *, field: str, too_big: str, refused: str) -> tuple[ContentFile, str]:
    """The file to keep, under a random name, and its content type; a ValidationError on
    `field` with the caller's words when it is too big or neither a PDF nor a photo."""
    if upload.size > MAX_DOCUMENT_BYTES:
        raise ValidationError({field: too_big})
    head = upload.read(5)
    upload.seek(0)
    name = secrets.token_hex(16)
    if head == b"%PDF-":
        return ContentFile(upload.read(), name=f"{name}.pdf"), "application/pdf"
    try:
        content = make_safe(upload).large
    except PhotoRefused:
        raise ValidationError({field: refused}) from None
    content.name = f"{name}.jpg"
    return content, "image/jpeg"


def private_file_response(file, *, content_type: str, name: str) -> FileResponse:
    """A kept document, served only after the caller checked who is asking; never kept
    by a shared cache or a shared computer's browser."""
    extension = "pdf" if content_type == "application/pdf" else "jpg"
    response = FileResponse(
        file.open("rb"), content_type=content_type, filename=f"{name}.{extension}"
    )
    response["Cache-Control"] = "private, no-store"
    return response
