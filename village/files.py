"""Where uploaded files are kept, read from the environment (docs/decisions/
0042-object-storage.md).

`filesystem` keeps them under MEDIA_ROOT: one machine, or a newcomer's laptop. `s3` keeps
them in a private bucket of an S3-compatible object store (Amazon S3, MinIO, ...), which
every machine behind a load balancer shares, so that no app process keeps a file of its own.
Like every setting, a combination that cannot work stops the process at start.
"""

import os
import re
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

from village.env import env_choice, env_str

#: The variables that only mean something with VILLAGE_FILE_STORAGE=s3.
S3_VARIABLES = (
    "VILLAGE_S3_BUCKET",
    "VILLAGE_S3_ENDPOINT_URL",
    "VILLAGE_S3_REGION",
    "VILLAGE_S3_ACCESS_KEY_ID",
    "VILLAGE_S3_SECRET_ACCESS_KEY",
    "VILLAGE_S3_ENCRYPTION",
    "VILLAGE_S3_ADDRESSING_STYLE",
)
# S3's rules for a bucket's name (which MinIO and the others follow): 3 to 63 lower-case
# letters, digits, dots and hyphens, starting and ending with a letter or digit.
_BUCKET = re.compile(r"[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")
_REGION = re.compile(r"[a-z0-9-]{1,40}")
# Plain HTTP would carry every family's photos and the keys' signatures in the clear; only
# a store on this machine (a test's, a developer's MinIO) may be reached without TLS.
_LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}


def default_storage() -> dict:
    """The STORAGES["default"] entry the environment asks for."""
    kind = env_choice("VILLAGE_FILE_STORAGE", "filesystem", {"filesystem", "s3"})
    if kind == "filesystem":
        stray = [name for name in S3_VARIABLES if os.environ.get(name)]
        if stray:
            # Most likely VILLAGE_FILE_STORAGE=s3 was forgotten: each machine would then keep
            # its own files, and the others would not find them.
            raise ImproperlyConfigured(
                f"{', '.join(stray)}: only used with VILLAGE_FILE_STORAGE=s3, which is not "
                "set. Set it to keep files in the object store, or unset these."
            )
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    return {"BACKEND": "core.storage.PrivateObjectStorage", "OPTIONS": _s3_options()}


def _s3_options() -> dict:
    bucket = env_str("VILLAGE_S3_BUCKET")
    if not _BUCKET.fullmatch(bucket):
        raise ImproperlyConfigured(f"VILLAGE_S3_BUCKET={bucket!r} is not a bucket's name.")
    region = env_str("VILLAGE_S3_REGION", "")
    if region and not _REGION.fullmatch(region):
        raise ImproperlyConfigured(f"VILLAGE_S3_REGION={region!r} is not a region's name.")
    key_id = env_str("VILLAGE_S3_ACCESS_KEY_ID", "")
    secret = env_str("VILLAGE_S3_SECRET_ACCESS_KEY", "")
    if bool(key_id) != bool(secret):
        raise ImproperlyConfigured(
            "Set both VILLAGE_S3_ACCESS_KEY_ID and VILLAGE_S3_SECRET_ACCESS_KEY, or neither "
            "(then the machine's own credentials are used: its role, AWS_PROFILE, ...)."
        )
    encryption = env_choice("VILLAGE_S3_ENCRYPTION", "AES256", {"AES256", "aws:kms", "none"})
    style = env_choice("VILLAGE_S3_ADDRESSING_STYLE", "auto", {"auto", "path", "virtual"})
    return {
        "bucket_name": bucket,
        "endpoint_url": _endpoint(env_str("VILLAGE_S3_ENDPOINT_URL", "")),
        "region_name": region or None,
        "access_key": key_id or None,
        "secret_key": secret or None,
        "addressing_style": None if style == "auto" else style,
        # Encrypted at rest by the store itself: free on S3, and asked for explicitly so
        # a bucket without a default encryption still gets it. A MinIO without a key
        # server refuses the request: `none` there.
        "object_parameters": {} if encryption == "none" else {"ServerSideEncryption": encryption},
    }


def _endpoint(url: str) -> str | None:
    if not url:
        return None  # Amazon S3 itself, found from the region
    parts = urlsplit(url)
    name = "VILLAGE_S3_ENDPOINT_URL"
    if not parts.hostname or parts.scheme not in {"https", "http"}:
        raise ImproperlyConfigured(f"{name}={url!r} is not an address like https://host:port.")
    if parts.scheme == "http" and parts.hostname not in _LOCAL_HOSTS:
        raise ImproperlyConfigured(
            f"{name} must be an https:// address (plain http only on 127.0.0.1 or localhost)."
        )
    if parts.username or parts.password:
        raise ImproperlyConfigured(
            f"{name} must not hold credentials: use VILLAGE_S3_ACCESS_KEY_ID and "
            "VILLAGE_S3_SECRET_ACCESS_KEY."
        )
    if parts.path.strip("/") or parts.query or parts.fragment:
        raise ImproperlyConfigured(
            f"{name} is the store's address alone, without a path: the bucket is VILLAGE_S3_BUCKET."
        )
    return f"{parts.scheme}://{parts.netloc}"
