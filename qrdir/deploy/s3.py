"""``s3://BUCKET[/PREFIX]``: S3-compatible object storage (AWS S3, Cloudflare R2, MinIO, the
S3 of a Vietnamese cloud), through boto3 (the ``s3`` extra).

Each object is compared by its ETag, which for an object put in one part (as every upload here
is) is the MD5 of its bytes. Each object gets the content type and cache policy publish.md's
table gives (the same :data:`qrdir.web.servers.TYPES` every server configuration uses), and a
retired id's page that moved gets the website redirect (``x-amz-website-redirect-location``)
the output's ``_redirects`` names. Credentials come only from where boto3 looks (the standard
AWS environment variables and files); transient failures are retried by botocore with backoff
("standard" mode); a permanent one becomes a message saying what to check, which never repeats
a key.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import PurePosixPath
from urllib.parse import urlsplit

from qrdir.errors import MessageError, UsageError
from qrdir.web import servers

# _redirects: "/old/ /new/ 301", the Cloudflare form of a moved id's line (no "!").
_MOVED_LINE = re.compile(r"(/\S*?)([a-z0-9-]+)/ (\S+) 301")
_DENIED = {"AccessDenied", "InvalidAccessKeyId", "SignatureDoesNotMatch", "InvalidToken",
           "ExpiredToken", "AllAccessDisabled"}
ATTEMPTS = 5  # botocore's standard retry mode: backoff with jitter between attempts


class S3Target:
    """A bucket, or a prefix inside one, reached with boto3."""

    def __init__(self, bucket: str, prefix: str, endpoint_url: str | None = None):
        try:
            import boto3
            from botocore.config import Config
        except ImportError as exc:
            raise UsageError("deploy_s3_not_installed") from exc
        self.bucket = bucket
        self.prefix = prefix
        # A session of its own: boto3's default one keeps the credentials it first found.
        self._client = boto3.session.Session().client(
            "s3", endpoint_url=endpoint_url,
            config=Config(retries={"mode": "standard", "max_attempts": ATTEMPTS}))
        self._redirects: dict[str, str] = {}

    @classmethod
    def from_url(cls, text: str, endpoint_url: str | None = None) -> S3Target:
        url = urlsplit(text)
        prefix = url.path.strip("/")
        return cls(url.netloc, prefix + "/" if prefix else "", endpoint_url)

    def digest(self, data: bytes) -> str:
        return hashlib.md5(data, usedforsecurity=False).hexdigest()  # the ETag of one part

    def listing(self) -> dict[str, str]:
        held = {}
        pages = self._client.get_paginator("list_objects_v2").paginate(
            Bucket=self.bucket, Prefix=self.prefix)
        for page in self._calling(lambda: list(pages)):
            for item in page.get("Contents", ()):
                held[item["Key"][len(self.prefix):]] = item["ETag"].strip('"')
        return held

    def files(self, output: dict[str, bytes]) -> dict[str, bytes]:
        self._redirects = moved_pages(output)
        return output

    def upload(self, path: str, data: bytes) -> None:
        extra = {}
        if path in self._redirects:
            extra["WebsiteRedirectLocation"] = self._redirects[path]
        self._calling(lambda: self._client.put_object(
            Bucket=self.bucket, Key=self.prefix + path, Body=data,
            ContentType=content_type(path), CacheControl=cache_control(path), **extra))

    def delete(self, path: str) -> None:
        self._calling(lambda: self._client.delete_object(Bucket=self.bucket,
                                                         Key=self.prefix + path))

    def finish(self) -> None:
        """Nothing: each object was replaced whole by its own request."""

    def _calling(self, request):
        """``request()``, its failures (after botocore's retries) as messages."""
        from botocore.exceptions import (
            BotoCoreError,
            ClientError,
            EndpointConnectionError,
            HTTPClientError,
            NoCredentialsError,
        )

        where = {"bucket": self.bucket}
        try:
            return request()
        except NoCredentialsError as exc:
            raise MessageError("deploy_s3_no_credentials", **where) from exc
        except ClientError as exc:
            code = exc.response.get("Error", {}).get("Code", "")
            if code == "NoSuchBucket":
                raise MessageError("deploy_s3_no_bucket", **where) from exc
            if code in _DENIED or code == "403":
                raise MessageError("deploy_s3_denied", **where) from exc
            raise MessageError("deploy_s3_failed", code=code or "?", **where) from exc
        except (EndpointConnectionError, HTTPClientError) as exc:  # still failing after retries
            raise MessageError("deploy_s3_unreachable", **where) from exc
        except BotoCoreError as exc:
            raise MessageError("deploy_s3_failed", code=type(exc).__name__, **where) from exc


def content_type(path: str) -> str:
    """The Content-Type publish.md's table gives a file, by its extension."""
    extension = PurePosixPath(path).suffix.lstrip(".").lower()
    for known, mime, charset in servers.TYPES:
        if known == extension:
            return mime + ("; charset=utf-8" if charset else "")
    return "application/octet-stream"  # _headers, _redirects: files for hosts, not residents


def cache_control(path: str) -> str:
    """A day for QR images and posters; pages, contacts and the rest asked again each time."""
    if PurePosixPath(path).parts[0] in servers.ASSET_FOLDERS:
        return servers.ASSET_CACHE
    return "no-cache"


def moved_pages(output: dict[str, bytes]) -> dict[str, str]:
    """Each moved retired id's page → where it redirects, from the output's ``_redirects``."""
    moved = {}
    for line in output.get("_redirects", b"").decode("utf-8", "replace").splitlines():
        found = _MOVED_LINE.fullmatch(line.strip())
        if found and f"{found[2]}/index.html" in output:
            moved[f"{found[2]}/index.html"] = found[3]
    return moved
