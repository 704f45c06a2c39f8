"""Making an uploaded photo safe to keep and to show.

Every upload is decoded and drawn afresh into a new image, so nothing of the original file
survives but its pixels: no EXIF, GPS, camera, XMP, IPTC or comments, and colours are
converted to sRGB before any ICC profile is dropped. Only real photos are accepted (JPEG,
PNG, WebP, GIF by content, whatever the file is called; Pillow tries no other decoder), and
what decoding may cost is known from the file's header before a pixel is decoded
(docs/decisions/0018-uploads.md):

- at most 15 MB on disk, checked before the file is read;
- at most 50 million pixels (a phone's largest everyday mode, 8160 x 6120), from the header;
- at most 64 MiB of memory for the decoded picture, estimated from the header: a JPEG read
  in one pass is decoded at the scale the web sizes need (libjpeg's `draft`, a quarter of
  a 50 MP photo's width), while a progressive or multi-scan JPEG needs all its coefficients
  at full size, and a PNG, WebP or GIF is decoded whole;
- a truncated file is an error, never half-read; an animation keeps its first frame.

The picture is brought down to the large web size as soon as it is decoded, so turning it
upright, converting its colours and drawing it afresh happen on 1600 pixels at most.
"""

import io
import os
import secrets
import warnings
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageCms, ImageFile, ImageOps, UnidentifiedImageError

MAX_UPLOAD_BYTES = 15 * 1024 * 1024
MAX_PIXELS = 50_000_000
#: What the decoded picture may take in memory, and the copies needed to resize it.
MAX_DECODE_BYTES = 64 * 1024 * 1024
ACCEPTED_FORMATS = ("JPEG", "PNG", "WEBP", "GIF")
SIZES = {"large": 1600, "small": 480}
QUALITY = 82

ImageFile.LOAD_TRUNCATED_IMAGES = False  # a truncated photo is refused, never half-read
# Pillow's own guard agrees: it warns above this many pixels (an error here) and refuses
# twice as many outright, even where make_safe is not the caller.
Image.MAX_IMAGE_PIXELS = MAX_PIXELS


class PhotoRefused(ValueError):
    """A clear, translated reason a file cannot be kept as a photo."""


class NotAPhoto(PhotoRefused):
    """The file is not a photo at all (a document form may say what it accepts instead)."""


@dataclass
class SafePhoto:
    large: ContentFile
    small: ContentFile
    #: The size of the large copy, upright.
    width: int
    height: int


def make_safe(upload) -> SafePhoto:
    if upload.size > MAX_UPLOAD_BYTES:
        raise PhotoRefused(
            _("That file is too large. Choose a photo under %(mb)s MB.")
            % {"mb": MAX_UPLOAD_BYTES // (1024 * 1024)}
        )
    picture = _decode(upload)
    picture = _to_srgb(picture)
    # Drawn afresh from its pixels alone: whatever metadata the file carried stays behind.
    clean = Image.frombytes("RGB", picture.size, picture.tobytes())
    return SafePhoto(
        large=_encoded(clean, SIZES["large"]),
        small=_encoded(clean, SIZES["small"]),
        width=clean.width,
        height=clean.height,
    )


def _too_large() -> PhotoRefused:
    return PhotoRefused(_("That image is too large to open. Choose a smaller photo."))


def _decode(upload) -> Image.Image:
    """The picture's first frame, upright, no larger than the large web size."""
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            # Lazy: only the header is read here.
            picture = Image.open(upload, formats=ACCEPTED_FORMATS)
            width, height = picture.size
            if width * height > MAX_PIXELS or decode_cost(picture, upload) > MAX_DECODE_BYTES:
                raise _too_large()
            if picture.format == "JPEG":
                # libjpeg decodes straight to 1/2, 1/4 or 1/8 of the size, as long as the
                # longest side stays at least the large web size.
                longest = max(width, height)
                wanted = SIZES["large"]
                picture.draft(
                    None, (max(1, width * wanted // longest), max(1, height * wanted // longest))
                )
            picture.load()
            picture = _reduced(picture)
            return ImageOps.exif_transpose(picture)
    except PhotoRefused:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _too_large() from None
    except UnidentifiedImageError:
        raise NotAPhoto(_("That file is not a photo. Choose a JPEG, PNG or WebP.")) from None
    except (OSError, SyntaxError, ValueError, TypeError, KeyError, IndexError):
        raise PhotoRefused(
            _("That photo could not be read: it may be damaged or only partly uploaded.")
        ) from None


#: Bytes a pixel takes once decoded (Pillow keeps RGB in four).
_DECODED = {"1": 1, "L": 1, "P": 1, "I;16": 2, "I;16B": 2, "I;16L": 2}
#: Extra bytes a pixel needs to be resized: transparency is premultiplied into a copy, and
#: other modes are first converted to RGB(A).
_TO_RESIZE = {"L": 0, "RGB": 0, "CMYK": 0, "RGBA": 4, "LA": 4}


def decode_cost(picture: Image.Image, source) -> int:
    """Bytes decoding `picture` (opened, not loaded) and bringing it to the web size take,
    from its header alone."""
    width, height = picture.size
    pixels = width * height
    cost = pixels * (_DECODED.get(picture.mode, 4) + _TO_RESIZE.get(picture.mode, 8))
    if picture.format != "JPEG":
        return cost
    # Read in one pass: decoded a few rows at a time, straight at the reduced scale.
    longest = max(width, height)
    scale = next((s for s in (8, 4, 2) if longest // SIZES["large"] >= s), 1)
    cost = -(-width // scale) * -(-height // scale) * _DECODED.get(picture.mode, 4)
    if picture.info.get("progressive") or not _one_scan(source, len(picture.layer)):
        # libjpeg keeps every component's coefficients (two bytes each) at full size.
        largest = max(h * v for _id, h, v, _q in picture.layer)
        share = sum(h * v for _id, h, v, _q in picture.layer) / largest
        cost += int(pixels * 2 * share)
    return cost


def _one_scan(source, components: int) -> bool:
    """Whether a JPEG's first scan carries all its components: then libjpeg decodes it in
    one pass, a few rows at a time. Anything unexpected on the way counts as no."""
    source.seek(2)  # after the start-of-image marker
    try:
        while True:
            if source.read(1) != b"\xff":
                return False
            marker = source.read(1)
            while marker == b"\xff":  # fill bytes
                marker = source.read(1)
            if not marker:
                return False
            if marker[0] == 0x01 or 0xD0 <= marker[0] <= 0xD7:
                continue  # markers without a segment
            length = int.from_bytes(source.read(2), "big")
            if length < 2:
                return False
            if marker[0] == 0xDA:  # start of scan: how many components it carries
                return source.read(1) == bytes([components])
            source.seek(length - 2, os.SEEK_CUR)
    finally:
        source.seek(0)


def _reduced(picture: Image.Image) -> Image.Image:
    """Brought to the large web size at once: the full-size pixels are let go here."""
    if picture.mode not in _TO_RESIZE:
        picture = picture.convert("RGBA" if picture.has_transparency_data else "RGB")
    longest = SIZES["large"]
    picture.thumbnail((longest, longest), Image.Resampling.LANCZOS)
    return picture


def _to_srgb(picture: Image.Image) -> Image.Image:
    icc = picture.info.get("icc_profile")
    if picture.mode in ("RGBA", "LA", "PA") or (
        picture.mode == "P" and "transparency" in picture.info
    ):
        rgba = picture.convert("RGBA")
        background = Image.new("RGB", rgba.size, "white")
        background.paste(rgba, mask=rgba.getchannel("A"))
        picture = background
    elif picture.mode != "RGB":
        picture = picture.convert("RGB")
    if icc:
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            picture = ImageCms.profileToProfile(
                picture, source, ImageCms.createProfile("sRGB"), outputMode="RGB"
            )
        except (ImageCms.PyCMSError, OSError):
            pass  # an unreadable profile: keep the pixels as they are
    return picture


def _encoded(picture: Image.Image, longest: int) -> ContentFile:
    copy = picture.copy()
    copy.thumbnail((longest, longest), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    copy.save(buffer, "JPEG", quality=QUALITY, optimize=True, progressive=True)
    return ContentFile(buffer.getvalue(), name=f"{secrets.token_hex(16)}.jpg")
