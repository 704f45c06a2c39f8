"""Where uploaded files are kept: the settings that choose an object store and refuse what
cannot work, and the private bucket as a real S3-compatible server answers about it
(core.tests.object_storage). The product's flows against it are in
home/tests/test_object_storage.py."""

import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from core.storage import PrivateObjectStorage, local_copy, open_stored
from village.files import S3_VARIABLES
from village.files import default_storage as storage_setting

ENDPOINT = "https://minio.example.org:9000"
#: An object store's least settings: the bucket alone.
S3 = {"FILE_STORAGE": "s3", "S3_BUCKET": "village-files"}


@pytest.fixture
def environ(monkeypatch):
    """The file storage's variables, all unset, then set as a test says."""
    for name in ("VILLAGE_FILE_STORAGE", *S3_VARIABLES):
        monkeypatch.delenv(name, raising=False)

    def set_(**variables):
        for name, value in variables.items():
            monkeypatch.setenv(f"VILLAGE_{name}", value)

    return set_


def test_files_stay_on_this_machines_disk_unless_an_object_store_is_chosen(environ):
    assert storage_setting() == {"BACKEND": "django.core.files.storage.FileSystemStorage"}


def test_an_object_store_is_reached_as_the_environment_says_and_encrypts_what_it_keeps(environ):
    environ(
        FILE_STORAGE="s3",
        S3_BUCKET="village-files",
        S3_ENDPOINT_URL=ENDPOINT + "/",
        S3_REGION="us-east-1",
        S3_ACCESS_KEY_ID="key",
        S3_SECRET_ACCESS_KEY="secret",
        S3_ADDRESSING_STYLE="path",
    )
    entry = storage_setting()
    assert entry["BACKEND"] == "core.storage.PrivateObjectStorage"
    assert entry["OPTIONS"] == {
        "bucket_name": "village-files",
        "endpoint_url": ENDPOINT,
        "region_name": "us-east-1",
        "access_key": "key",
        "secret_key": "secret",
        "addressing_style": "path",
        "object_parameters": {"ServerSideEncryption": "AES256"},
    }


def test_without_keys_the_machines_own_credentials_are_used_and_encryption_can_be_left_off(
    environ,
):
    environ(**S3, S3_ENCRYPTION="none")
    options = storage_setting()["OPTIONS"]
    assert options["access_key"] is None and options["secret_key"] is None
    assert options["endpoint_url"] is None and options["object_parameters"] == {}
    # What the bucket's objects are is not a setting: private, never overwritten.
    storage = PrivateObjectStorage(**options)
    assert storage.default_acl is None and storage.file_overwrite is False


@pytest.mark.parametrize(
    ("variables", "named"),
    [
        ({"FILE_STORAGE": "S3"}, "VILLAGE_FILE_STORAGE='S3' is not one of"),
        ({"FILE_STORAGE": "s3"}, "VILLAGE_S3_BUCKET must be set"),
        # The likeliest slip: the bucket set, the choice of store forgotten.
        ({"S3_BUCKET": "village-files"}, "only used with VILLAGE_FILE_STORAGE=s3"),
        ({**S3, "S3_BUCKET": "Village_Files"}, "not a bucket's name"),
        ({**S3, "S3_ENDPOINT_URL": "http://minio.example.org"}, "must be an https:// address"),
        ({**S3, "S3_ENDPOINT_URL": "minio.example.org"}, "is not an address"),
        ({**S3, "S3_ENDPOINT_URL": "https://k:s@minio.example.org"}, "must not hold credentials"),
        ({**S3, "S3_ENDPOINT_URL": "https://minio.example.org/village"}, "without a path"),
        ({**S3, "S3_ACCESS_KEY_ID": "key"}, "or neither"),
        ({**S3, "S3_SECRET_ACCESS_KEY": "secret"}, "or neither"),
        ({**S3, "S3_REGION": "US East"}, "not a region's name"),
        ({**S3, "S3_ENCRYPTION": "yes"}, "VILLAGE_S3_ENCRYPTION='yes' is not one of"),
        ({**S3, "S3_ADDRESSING_STYLE": "host"}, "VILLAGE_S3_ADDRESSING_STYLE='host' is not one"),
    ],
)
def test_a_storage_setting_that_cannot_work_stops_the_program_with_a_clear_message(
    environ, variables, named
):
    environ(**variables)
    with pytest.raises(ImproperlyConfigured, match=named):
        storage_setting()


def test_plain_http_is_allowed_only_to_a_store_on_this_machine(environ):
    for local in ("http://127.0.0.1:9000", "http://localhost:9000"):
        environ(**S3, S3_ENDPOINT_URL=local)
        assert storage_setting()["OPTIONS"]["endpoint_url"] == local


def test_the_settings_refuse_an_object_store_without_its_bucket_at_start():
    """The process does not come up half-configured."""
    env = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_DEBUG": "true",
        "VILLAGE_FILE_STORAGE": "s3",
        "VILLAGE_S3_ENDPOINT_URL": ENDPOINT,
    }
    result = subprocess.run(
        [sys.executable, "-c", "import village.settings"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "VILLAGE_S3_BUCKET must be set" in result.stderr


# --- the bucket, as the store answers -----------------------------------------------------


def test_a_kept_file_is_private_encrypted_and_never_overwritten(object_storage):
    first = default_storage.save("journal/1/photo.jpg", ContentFile(b"first"))
    second = default_storage.save("journal/1/photo.jpg", ContentFile(b"second"))
    assert first == "journal/1/photo.jpg" and second != first
    assert object_storage.keys() == {first, second}
    assert object_storage.body(first) == b"first"
    assert object_storage.head(first)["ServerSideEncryption"] == "AES256"
    grants = object_storage.client.get_object_acl(Bucket=object_storage.name, Key=first)
    # The owner's own grant alone: no public-read, no authenticated-users grant.
    assert [grant["Permission"] for grant in grants["Grants"]] == ["FULL_CONTROL"]
    assert all(grant["Grantee"].get("URI") is None for grant in grants["Grants"])


def test_a_kept_file_has_no_address_of_its_own(object_storage):
    name = default_storage.save("voice/1/song.m4a", ContentFile(b"sound"))
    with pytest.raises(NotImplementedError, match="no address"):
        default_storage.url(name)


def test_part_of_a_kept_file_is_fetched_alone(object_storage):
    name = default_storage.save("voice/1/song.m4a", ContentFile(bytes(range(200))))
    with open_stored(default_storage, name, first=10, last=19) as part:
        assert part.length == 10 and part.read() == bytes(range(10, 20))
    with open_stored(default_storage, name, first=190) as tail:
        assert tail.length == 10 and tail.read(4) + tail.read() == bytes(range(190, 200))
    with open_stored(default_storage, name, first=200) as beyond:
        assert beyond.length == 0 and beyond.read() == b""
    with pytest.raises(FileNotFoundError):
        open_stored(default_storage, "voice/1/gone.m4a")


def test_a_local_copy_fetches_no_more_than_one_byte_past_its_bound(object_storage):
    from voice.models import Recording

    name = default_storage.save("voice/incoming/x.upload", ContentFile(b"a" * 5000))
    field = Recording().incoming
    field.name = name
    with local_copy(field, max_bytes=4096) as copy:
        assert len(copy.read()) == 4097  # over the bound: the reader refuses it by its size
        copy.seek(100)
        assert copy.read(3) == b"aaa"
    with local_copy(field, max_bytes=10_000) as copy:
        assert len(copy.read()) == 5000
