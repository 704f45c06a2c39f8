"""A real S3-compatible object store for the tests: moto's server, listening on a free
port of 127.0.0.1, started once per test process (a few seconds), and `object_storage`,
which points the default storage at a new bucket of it through the same settings
production reads (village/files.py). Every request goes over HTTP as it would to MinIO
or Amazon S3: nothing is mocked in the process under test."""

import logging
import secrets
import socket
from dataclasses import dataclass

import pytest

#: Any keys do for moto; given explicitly so the machine's own never matter.
KEY_ID, SECRET = "village-test", "village-test-secret"


@dataclass
class Bucket:
    """The test's bucket, as the store itself answers about it."""

    client: object
    name: str

    def keys(self) -> set[str]:
        listed = self.client.list_objects_v2(Bucket=self.name)
        return {item["Key"] for item in listed.get("Contents", [])}

    def body(self, key: str) -> bytes:
        return self.client.get_object(Bucket=self.name, Key=key)["Body"].read()

    def head(self, key: str) -> dict:
        return self.client.head_object(Bucket=self.name, Key=key)


@pytest.fixture(scope="session")
def object_store():
    """The address of a running S3-compatible server."""
    from moto.server import ThreadedMotoServer  # noqa: PLC0415 — seconds to import

    # The server's request log is noise in a test's output.
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture
def object_storage(object_store, settings, monkeypatch, tmp_path):
    """Uploaded files go to a new bucket of the object store, configured as production
    would be with VILLAGE_FILE_STORAGE=s3; MEDIA_ROOT is an empty folder, so a test can
    check that nothing was written to this machine's disk."""
    import boto3  # noqa: PLC0415

    from village.files import default_storage  # noqa: PLC0415

    name = f"village-{secrets.token_hex(6)}"
    for variable, value in {
        "VILLAGE_FILE_STORAGE": "s3",
        "VILLAGE_S3_BUCKET": name,
        "VILLAGE_S3_ENDPOINT_URL": object_store,
        "VILLAGE_S3_REGION": "us-east-1",
        "VILLAGE_S3_ACCESS_KEY_ID": KEY_ID,
        "VILLAGE_S3_SECRET_ACCESS_KEY": SECRET,
    }.items():
        monkeypatch.setenv(variable, value)
    client = boto3.client(
        "s3",
        endpoint_url=object_store,
        region_name="us-east-1",
        aws_access_key_id=KEY_ID,
        aws_secret_access_key=SECRET,
    )
    client.create_bucket(Bucket=name)
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {**settings.STORAGES, "default": default_storage()}
    return Bucket(client, name)
