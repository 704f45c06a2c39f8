"""Files people upload, bounded before they cost anything, and served back privately
(docs/decisions/0018-uploads.md).

Receiving:
- A view that takes a file says how large it may be (`accepts_upload`); every other view,
  and anyone not signed in, takes none: a file sent there is skipped unread.
- `RequestSizeMiddleware` refuses a request whose Content-Length is over what its view can
  take (`LARGEST_UPLOAD` and a form's fields for a view that takes files, the fields alone
  for the rest), before a byte of it is read, with a page in the person's language.
- `BoundedUploadHandler` keeps at most a view's limit of each file (in memory up to
  FILE_UPLOAD_MAX_MEMORY_SIZE, in a temporary file beyond) and lets go of the rest: a file
  over the limit reaches the form as a `TooLargeUpload`, its name and size without its
  bytes, so the form says so beside the field and keeps everything else that was typed.

Keeping: documents (quotes, bills, handouts) are checked by what they are rather than what
they are called: a PDF is rewritten with its pages alone (core.pdfs), anything else must
decode as a photo and is redrawn without its metadata (core.images). Every kept file has a
random name; the uploaded name is never used as a path.
"""

import io
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.shortcuts import render

from core.images import NotAPhoto, PhotoRefused, make_safe
from core.pdfs import PdfRefused, make_safe_pdf
from core.storage import stored_response

#: A phone photo of a page, or a PDF from a shop, a utility or the program.
MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
#: The largest file any view takes: a county's resource directory (directory.hsds).
LARGEST_UPLOAD = 50 * 1024 * 1024
#: What a form's own fields, and the multipart boundaries and headers, may add to a file.
FORM_ALLOWANCE = 256 * 1024


def accepts_upload(max_bytes: int):
    """Mark a view as taking files of at most `max_bytes` each."""
    if not 0 < max_bytes <= LARGEST_UPLOAD:
        raise ValueError(f"An upload limit is between 1 byte and {LARGEST_UPLOAD} bytes.")

    def mark(view):
        view.upload_limit = max_bytes
        return view

    return mark


def upload_limit(request) -> int:
    """The bytes of each file this request's view may keep: 0 when it takes no files, or
    the person is not signed in, or the view is not known yet."""
    match = getattr(request, "resolver_match", None)
    user = getattr(request, "user", None)
    if match is None or user is None or not user.is_authenticated:
        return 0
    return getattr(match.func, "upload_limit", 0)


def request_limit(request) -> int:
    """The largest body this request's view can take."""
    if upload_limit(request):
        return LARGEST_UPLOAD + settings.DATA_UPLOAD_MAX_MEMORY_SIZE + FORM_ALLOWANCE
    return settings.DATA_UPLOAD_MAX_MEMORY_SIZE + FORM_ALLOWANCE


class RequestSizeMiddleware:
    """Refuse a body larger than its view can take before reading it. Placed before
    CsrfViewMiddleware, whose check is the first to read a form."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0  # Django reads no body it cannot measure
        if length <= request_limit(request):
            return None
        takes_files = upload_limit(request)
        limit = takes_files or settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        return render(
            request,
            "core/too_large.html",
            {"takes_files": bool(takes_files), "mb": max(1, limit // (1024 * 1024))},
            status=413,
        )


class TooLargeUpload(UploadedFile):
    """A file that went past its view's limit: its name and size, none of its bytes.
    Whatever checks its size refuses it; reading it gives nothing."""

    def __init__(self, name: str, content_type: str, size: int):
        super().__init__(io.BytesIO(), name=name, content_type=content_type, size=size)


class BoundedUploadHandler(FileUploadHandler):
    """First of FILE_UPLOAD_HANDLERS: passes each file's bytes to Django's handlers (memory,
    then a temporary file) up to the view's limit, and no further."""

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        self.limit = upload_limit(self.request)

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        if not self.limit:
            raise SkipFile  # this view takes no files: the parser reads past it
        self.received = 0
        self.over = False

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.over:
            return None
        if self.received > self.limit:
            self.over = True
            for handler in self.request.upload_handlers:
                kept = getattr(handler, "file", None)
                if handler is not self and kept is not None:
                    kept.close()  # a temporary file is deleted as it closes
            return None
        return raw_data

    def file_complete(self, file_size):
        if self.over:
            return TooLargeUpload(self.file_name, self.content_type, self.received)
        return None


def checked_document(upload, *, field: str, too_big: str, refused: str) -> tuple[ContentFile, str]:
    """The file to keep, under a random name, and its content type; a ValidationError on
    `field` when it is too big (`too_big`), neither a PDF nor a photo (`refused`), or a PDF
    or photo that cannot be kept (the reason, in words)."""
    if upload.size > MAX_DOCUMENT_BYTES:
        raise ValidationError({field: too_big})
    upload.seek(0)
    head = upload.read(5)
    name = secrets.token_hex(16)
    try:
        if head == b"%PDF-":
            return make_safe_pdf(upload, name=f"{name}.pdf"), "application/pdf"
        content = make_safe(upload).large
    except NotAPhoto:
        raise ValidationError({field: refused}) from None
    except (PdfRefused, PhotoRefused) as refusal:
        raise ValidationError({field: str(refusal)}) from None
    content.name = f"{name}.jpg"
    return content, "image/jpeg"


def private_file_response(file, *, content_type: str, name: str):
    """A kept document, served only after the caller checked who is asking: as a download
    (never opened by the browser as a page), its type never guessed from its bytes, and
    never kept by a shared cache or a shared computer's browser."""
    extension = "pdf" if content_type == "application/pdf" else "jpg"
    response = stored_response(
        file, content_type=content_type, as_attachment=True, filename=f"{name}.{extension}"
    )
    return private(response)


def private(response):
    """No cache keeps a private file, nor guesses its type from its bytes."""
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
