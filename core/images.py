"""Making an uploaded photo safe to keep and to show.

Every upload is decoded and drawn afresh into a new image, so nothing of the original file
survives but its pixels: no EXIF, GPS, camera, XMP, IPTC or comments, and colours are
converted to sRGB before any ICC profile is dropped. Decoding is bounded (size on disk,
pixel count as decompression-bomb protection, truncation is an error), and only real
photos are accepted, whatever the file is called.
"""

import io
import secrets
import warnings
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageCms, ImageFile, ImageOps, UnidentifiedImageError

MAX_UPLOAD_BYTES = 15 * 1024 * 1024
MAX_PIXELS = 40_000_000
ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}
SIZES = {"large": 1600, "small": 480}
QUALITY = 82

ImageFile.LOAD_TRUNCATED_IMAGES = False  # a truncated photo is refused, never half-read
Image.MAX_IMAGE_PIXELS = MAX_PIXELS


class PhotoRefused(ValueError):
    """A clear, translated reason a file cannot be kept as a photo."""


@dataclass
class SafePhoto:
    large: ContentFile
    small: ContentFile
    width: int
    height: int


def make_safe(upload) -> SafePhoto:
    if upload.size > MAX_UPLOAD_BYTES:
        raise PhotoRefused(
            _("That file is too large. Choose a photo under %(mb)s MB.")
            % {"mb": MAX_UPLOAD_BYTES // (1024 * 1024)}
        )
    picture = _decode(upload)
    picture = ImageOps.exif_transpose(picture)
    picture = _to_srgb(picture)
    # Drawn afresh from its pixels alone: whatever metadata the file carried stays behind.
    clean = Image.frombytes("RGB", picture.size, picture.tobytes())
    return SafePhoto(
        large=_encoded(clean, SIZES["large"]),
        small=_encoded(clean, SIZES["small"]),
        width=clean.width,
        height=clean.height,
    )


def _decode(upload) -> Image.Image:
    upload.seek(0)
    data = upload.read()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            picture = Image.open(io.BytesIO(data))
            if picture.format not in ACCEPTED_FORMATS:
                raise PhotoRefused(_("That file is not a photo. Choose a JPEG, PNG or WebP."))
            picture.load()
    except PhotoRefused:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise PhotoRefused(_("That image is too large to open. Choose a smaller photo.")) from None
    except UnidentifiedImageError:
        raise PhotoRefused(_("That file is not a photo. Choose a JPEG, PNG or WebP.")) from None
    except (OSError, SyntaxError, ValueError):
        raise PhotoRefused(
            _("That photo could not be read: it may be damaged or only partly uploaded.")
        ) from None
    if getattr(picture, "n_frames", 1) > 1:
        picture.seek(0)  # the first frame of an animation
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
