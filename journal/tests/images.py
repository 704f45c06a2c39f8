"""Photos made for the tests: one carrying GPS and camera EXIF, and broken files."""

import io

from PIL import Image


def jpeg_with_gps(size=(64, 48), orientation: int | None = None) -> bytes:
    picture = Image.new("RGB", size, "#3366cc")
    exif = Image.Exif()
    exif[0x010F] = "SecretCam Inc."  # Make
    exif[0x0110] = "Model 42"  # Model
    if orientation:
        exif[0x0112] = orientation
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"
    gps[2] = (30.0, 16.0, 12.0)
    gps[3] = "W"
    gps[4] = (97.0, 44.0, 36.0)
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", exif=exif, comment=b"taken at 1418 Pecan Street")
    return buffer.getvalue()


def png_bomb() -> bytes:
    """Tiny on disk, 10,000 x 10,000 pixels once opened."""
    buffer = io.BytesIO()
    Image.new("1", (10_000, 10_000)).save(buffer, "PNG")
    return buffer.getvalue()


SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
