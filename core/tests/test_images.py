import io
import shutil
import subprocess

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from core.images import PhotoRefused, make_safe
from journal.tests.images import PDF, SVG, jpeg_with_gps, png_bomb


def upload(data: bytes, name="photo.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, data, content_type)


def test_a_photo_loses_its_gps_camera_and_comments():
    original = Image.open(io.BytesIO(jpeg_with_gps()))
    assert original.getexif().get_ifd(0x8825)  # the test photo really carries GPS
    safe = make_safe(upload(jpeg_with_gps()))
    for stored in (safe.large, safe.small):
        data = stored.read()
        picture = Image.open(io.BytesIO(data))
        assert len(picture.getexif()) == 0
        assert "exif" not in picture.info and "icc_profile" not in picture.info
        assert "comment" not in picture.info
        assert b"SecretCam" not in data and b"Pecan" not in data


@pytest.mark.skipif(shutil.which("exiftool") is None, reason="exiftool is installed by CI")
def test_exiftool_finds_no_location_or_camera_in_a_stored_photo(tmp_path):
    path = tmp_path / "stored.jpg"
    path.write_bytes(make_safe(upload(jpeg_with_gps())).large.read())
    found = subprocess.run(
        ["exiftool", "-json", "-GPS:all", "-EXIF:all", "-XMP:all", "-IPTC:all", str(path)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "GPS" not in found and "SecretCam" not in found and "Model" not in found


def test_a_photo_is_turned_upright_before_its_orientation_is_dropped():
    safe = make_safe(upload(jpeg_with_gps(size=(64, 48), orientation=6)))
    assert (safe.width, safe.height) == (48, 64)


def test_a_large_photo_is_stored_in_web_sizes():
    buffer = io.BytesIO()
    Image.new("RGB", (4000, 3000), "green").save(buffer, "JPEG")
    safe = make_safe(upload(buffer.getvalue()))
    assert Image.open(safe.large).size == (1600, 1200)
    assert Image.open(safe.small).size == (480, 360)


@pytest.mark.parametrize(
    "data, name, reason",
    [
        (png_bomb(), "bomb.png", "too large to open"),
        (SVG, "drawing.svg", "not a photo"),
        (SVG, "drawing.jpg", "not a photo"),
        (PDF, "letter.jpg", "not a photo"),
        (jpeg_with_gps()[:400], "cut.jpg", "could not be read"),
        (b"\0" * (50 * 1024 * 1024), "huge.jpg", "too large"),
    ],
    ids=["decompression bomb", "svg", "svg renamed", "pdf renamed", "truncated", "50 MB"],
)
def test_a_file_that_is_not_a_safe_photo_is_refused_with_a_reason(data, name, reason):
    with pytest.raises(PhotoRefused, match=reason):
        make_safe(upload(data, name=name))
