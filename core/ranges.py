"""A private file served in the byte ranges a media player asks for.

Phones seek in a recording by asking for part of the file (`Range: bytes=…`); a server
that always sends the whole file makes the player's seek bar useless on iPhones, which
will not even start a recording served without ranges. One range per request, as players
ask (RFC 9110, section 14); anything else gets the whole file."""

import re

from django.http import HttpResponse

from core.storage import stored_response
from core.uploads import private

_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


def requested_range(header: str, size: int) -> tuple[int, int] | None | bool:
    """(first, last) byte of a satisfiable single range, None for no usable range (send
    the whole file), False for a range that cannot be satisfied."""
    match = _RANGE.match(header.strip()) if header else None
    if match is None:
        return None
    first, last = match.groups()
    if not first and not last:
        return None
    if not first:  # the last N bytes
        length = int(last)
        if length == 0:
            return False
        return max(0, size - length), size - 1
    start = int(first)
    end = min(int(last), size - 1) if last else size - 1
    if start >= size or (last and int(last) < start):
        return False
    return start, end


def ranged_file_response(request, field, *, content_type: str, filename: str, download=False):
    """The file behind `field` (a FieldFile), or the part of it asked for, privately."""
    size = field.size
    wanted = requested_range(request.headers.get("Range", ""), size)
    if wanted is False:
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{size}"
        return private(response)
    first, last = wanted or (0, None)
    # Only the bytes asked for are read from storage: from an object store, a seek in a
    # recording is a ranged GET, not a download of the whole file.
    response = stored_response(
        field,
        content_type=content_type,
        as_attachment=download,
        filename=filename,
        first=first,
        last=last,
    )
    if wanted is not None:
        response["Content-Range"] = f"bytes {first}-{last}/{size}"
    response["Accept-Ranges"] = "bytes"
    return private(response)
