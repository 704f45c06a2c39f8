"""Kept files, read wherever they are kept: through Django's storage API and nothing else.

The default storage is the machine's disk (one server, a newcomer's laptop) or a private
bucket of an S3-compatible object store that several servers share (village/files.py,
docs/decisions/0042-object-storage.md). Nothing in the product asks a stored file for a
path on disk; what needs one gets a temporary local copy (`local_copy`).

Every kept file goes out through a view that checks who is asking (`stored_response`):
the bucket's objects are private and have no address of their own.
"""

import io
import tempfile
from contextlib import contextmanager

from botocore.exceptions import ClientError
from django.conf import settings
from django.core.files.storage import FileSystemStorage, Storage
from django.http import FileResponse
from storages.backends.s3 import S3Storage
from storages.utils import clean_name

#: How much of a response is read from storage at a time.
BLOCK = 64 * 1024


class PrivateObjectStorage(S3Storage):
    """A private bucket of an S3-compatible store. What is fixed here is not a setting:
    only where the bucket is and how to reach it come from the environment."""

    # No ACL is sent with an object, so it is as private as the bucket: nobody outside
    # the program's credentials reads it. A public-read ACL is never asked for.
    default_acl = None
    # Names are random already; were two ever to meet, both files are kept.
    file_overwrite = False
    # Should anything ever ask for an address anyway (url() refuses), a signed one.
    querystring_auth = True
    querystring_expire = 60
    # A file opened whole (a life book's photo) is held in memory up to 1 MB, on the
    # temporary disk beyond, as Django holds an upload.
    max_memory_size = 1024 * 1024

    def url(self, name, parameters=None, expire=None, http_method=None):
        # An object's address would bypass the access rules and the audit trail, and
        # anyone it was passed to could use it: every file is served by a view.
        raise NotImplementedError(
            "Kept files have no address: serve them through a view that checks who asks."
        )

    def open_part(self, name: str, first: int = 0, last: int | None = None):
        """A stream of the object's bytes `first` to `last` (inclusive; to the end when
        None) and how many there are: one GET, only those bytes sent."""
        key = self._normalize_name(clean_name(name))
        asked = {}
        if first or last is not None:
            asked["Range"] = f"bytes={first}-{'' if last is None else last}"
        try:
            answer = self.bucket.Object(key).get(**asked)
        except ClientError as error:
            code = error.response.get("Error", {}).get("Code")
            if code in {"NoSuchKey", "404"}:
                raise FileNotFoundError(f"No such file: {name}") from None
            if code == "InvalidRange":  # starting at or past the end: nothing there
                return io.BytesIO(), 0
            raise
        return answer["Body"], answer["ContentLength"]


class StoredPart:
    """Part of a stored file, read once from its first byte to its last; `length` is how
    many bytes it holds."""

    def __init__(self, raw, length: int):
        self._raw = raw
        self.length = self._left = length

    def read(self, size: int | None = -1) -> bytes:
        if self._left <= 0:
            return b""
        wanted = self._left if size is None or size < 0 else min(size, self._left)
        chunk = self._raw.read(wanted)
        self._left -= len(chunk)
        return chunk

    def close(self) -> None:
        self._raw.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def open_stored(storage: Storage, name: str, *, first: int = 0, last: int | None = None):
    """The stored file `name`, or its bytes `first` to `last`, as a StoredPart. From the
    object store, only those bytes travel (a seek in a recording is not a download of it)."""
    if isinstance(storage, PrivateObjectStorage):
        return StoredPart(*storage.open_part(name, first, last))
    handle = storage.open(name, "rb")
    end = handle.size - 1 if last is None else min(last, handle.size - 1)
    handle.seek(first)
    return StoredPart(handle, max(0, end - first + 1))


def stored_response(
    field, *, content_type: str, filename: str, as_attachment: bool = False, first=0, last=None
) -> FileResponse:
    """The file behind `field` (a FieldFile), or its bytes `first` to `last` (206), streamed
    from storage with its length. The caller has checked who is asking; `core.uploads
    .private` keeps it out of caches."""
    part = open_stored(field.storage, field.name, first=first, last=last)
    response = FileResponse(
        part,
        content_type=content_type,
        as_attachment=as_attachment,
        filename=filename,
        status=200 if first == 0 and last is None else 206,
    )
    response.block_size = BLOCK
    response["Content-Length"] = str(part.length)
    return response


@contextmanager
def local_copy(field, *, max_bytes: int):
    """The file behind `field` as a seekable local file, for a library that reads it as
    one (PyAV seeks: an M4A's index may be at its end). From the object store at most
    `max_bytes` + 1 bytes are fetched, so a file over the bound is refused by the reader's
    own size check without being fetched whole; a file on this machine's disk is opened
    where it is."""
    if isinstance(field.storage, FileSystemStorage):
        with field.storage.open(field.name, "rb") as file:
            yield file
        return
    # Like an upload: in memory up to Django's limit, on the temporary disk beyond.
    with (
        tempfile.SpooledTemporaryFile(
            max_size=settings.FILE_UPLOAD_MAX_MEMORY_SIZE, dir=settings.FILE_UPLOAD_TEMP_DIR
        ) as copy,
        open_stored(field.storage, field.name, last=max_bytes) as source,
    ):
        while chunk := source.read(BLOCK):
            copy.write(chunk)
        copy.seek(0)
        yield copy
