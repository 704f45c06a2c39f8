"""A private file served in the byte ranges a media player asks for.

Phones seek in a recording by asking for part of the file (`Range: bytes=…`); a server
that always sends the whole file makes the player's seek bar useless on iPhones, which
will not even start a recording served without ranges. One range per request, as players
ask (RFC 9110, section 14); anything else gets the whole file."""

import re

from django.http import FileResponse, HttpResponse

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
    handle = field.open("rb")
    if wanted is None:
        response = FileResponse(
            handle, content_type=content_type, as_attachment=download, filename=filename
        )
    else:
        first, last = wanted
        handle.seek(first)
        response = FileResponse(
            _limited(handle, last - first + 1),
            content_type=content_type,
            as_attachment=download,
            filename=filename,
            status=206,
        )
        response["Content-Length"] = str(last - first + 1)
        response["Content-Range"] = f"bytes {first}-{last}/{size}"
    response["Accept-Ranges"] = "bytes"
    return private(response)


def _limited(handle, remaining: int, block: int = 64 * 1024):
    try:
        while remaining > 0:
            chunk = handle.read(min(block, remaining))
            if not chunk:
                break
            remaining -= len(chunk)
            yield chunk
    finally:
        handle.close()
