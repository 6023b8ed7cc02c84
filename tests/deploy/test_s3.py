"""``qrdir deploy --to s3://BUCKET[/PREFIX] --endpoint-url URL`` against moto's standalone S3
API server, started by the test on 127.0.0.1 and spoken to over HTTP (no mocking inside the
process). The server's own request log counts what moved."""

from __future__ import annotations

import os
import re
import socket
import struct
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from qrdir.cli import main
from qrdir.deploy.s3 import ATTEMPTS
from tests.deploy.conftest import differing, tree

boto3 = pytest.importorskip("boto3", reason="the s3 extra (boto3) is not installed")
pytest.importorskip("moto.server", reason="moto[server] is not installed")

SECRET = "wJalrXUtnFEMI-K7MDENG-bPxRfiCYEXAMPLEKEY"  # the test's secret access key


class S3Server:
    """moto's server on a free port of 127.0.0.1, and every request line it logged.

    With ``checks_credentials`` it checks each request's key as AWS does (moto's
    ``INITIAL_NO_AUTH_ACTION_COUNT``): a key it does not know is refused.
    """

    def __init__(self, checks_credentials: bool = False):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        env = {**os.environ, **({"INITIAL_NO_AUTH_ACTION_COUNT": "0"} if checks_credentials
                                else {})}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(self.port)],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env)
        self.log: list[str] = []
        self._logged = threading.Condition()
        for line in self.process.stderr:  # werkzeug says when it listens
            if "Running on" in line:
                break
        else:
            raise RuntimeError("moto's server stopped before it listened")
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        for line in self.process.stderr:
            with self._logged:
                self.log.append(line)
                self._logged.notify_all()

    def puts(self, bucket: str) -> list[str]:
        """The keys PUT into ``bucket`` so far, in order.

        The log reaches this process through a pipe and a thread: a request answered may not
        be read yet. So one more request, of a name never used, goes last, and every line
        before its own has been read once it has.
        """
        marker = f"/qrdir-log-mark-{len(self.log)}-{id(self)}"
        with socket.create_connection(("127.0.0.1", self.port)) as connection:
            connection.sendall(f"HEAD {marker} HTTP/1.0\r\n\r\n".encode())
            connection.recv(65536)
        with self._logged:
            assert self._logged.wait_for(lambda: any(marker in line for line in self.log),
                                         timeout=60), "moto's server never logged the marker"
        found = re.compile(rf'"PUT /{re.escape(bucket)}/(\S+) HTTP')
        return [match[1] for line in self.log if (match := found.search(line))]

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait()
        self._reader.join()


class ResettingProxy:
    """A TCP proxy on 127.0.0.1 in front of ``port`` that resets the first ``resets``
    connections once their request has begun, as a flaky proxy or NAT does, and forwards the
    others."""

    def __init__(self, port: int, resets: int):
        self.upstream = port
        self.resets_left = resets
        self.reset = 0
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.listener.getsockname()[1]}"
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return  # closed
            if self.resets_left != 0:
                self.resets_left -= 1
                self.reset += 1
                client.recv(1)  # the request has begun
                client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                client.close()  # with linger 0: a reset, not an orderly close
                continue
            upstream = socket.create_connection(("127.0.0.1", self.upstream))
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(source, sink), daemon=True).start()

    @staticmethod
    def _pipe(source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
            sink.shutdown(socket.SHUT_WR)
        except OSError:
            pass

    def close(self) -> None:
        self.listener.close()


@pytest.fixture(scope="module")
def server():
    running = S3Server()
    yield running
    running.stop()


@pytest.fixture
def credentials(tmp_path, monkeypatch) -> dict[str, str]:
    env = {"AWS_ACCESS_KEY_ID": "AKIAQRDIRTEST", "AWS_SECRET_ACCESS_KEY": SECRET,
           "AWS_DEFAULT_REGION": "us-east-1",
           "AWS_CONFIG_FILE": str(tmp_path / "no-config"),
           "AWS_SHARED_CREDENTIALS_FILE": str(tmp_path / "no-credentials")}
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return env


@pytest.fixture
def bucket(server, credentials, request) -> str:
    name = "phuong-" + re.sub(r"[^a-z0-9]+", "-", request.node.name.lower())[:40].strip("-")
    client(server).create_bucket(Bucket=name)
    return name


def client(server: S3Server):
    return boto3.client("s3", endpoint_url=server.url)


def deploy(server: S3Server, output: Path, target: str, *extra: str):
    return CliRunner().invoke(main, ["deploy", "-o", str(output), "--to", target,
                                     "--endpoint-url", server.url, *extra],
                              env={"QRDIR_LANG": "en"})


def objects(server: S3Server, bucket: str, prefix: str = "") -> dict[str, bytes]:
    s3 = client(server)
    keys = [item["Key"] for page in s3.get_paginator("list_objects_v2").paginate(
        Bucket=bucket, Prefix=prefix) for item in page.get("Contents", ())]
    return {key[len(prefix):]: s3.get_object(Bucket=bucket, Key=key)["Body"].read()
            for key in keys}


def test_the_bucket_holds_the_output_with_types_caching_and_redirects(server, bucket, built):
    result = deploy(server, built, f"s3://{bucket}/trang")
    assert result.exit_code == 0, result.output
    assert objects(server, bucket, "trang/") == tree(built)
    s3 = client(server)

    def head(path: str) -> dict:
        return s3.head_object(Bucket=bucket, Key="trang/" + path)

    expected = {
        "ubnd/index.html": ("text/html; charset=utf-8", "no-cache"),
        "ubnd/contact.vcf": ("text/vcard; charset=utf-8", "no-cache"),
        "sites.json": ("application/json", "no-cache"),
        "sitemap.xml": ("application/xml", "no-cache"),
        "qr/ubnd.svg": ("image/svg+xml", "max-age=86400"),
        "qr/ubnd.png": ("image/png", "max-age=86400"),
        "posters/ubnd.pdf": ("application/pdf", "max-age=86400"),
        "robots.txt": ("text/plain; charset=utf-8", "no-cache"),
    }
    for path, (content_type, cache) in expected.items():
        assert (head(path)["ContentType"], head(path)["CacheControl"]) == (content_type, cache)
    assert head("tram-y-te-long-thanh-bac/index.html")["WebsiteRedirectLocation"] == "/tram-y-te/"
    assert "WebsiteRedirectLocation" not in head("tram-y-te/index.html")


def test_a_second_deploy_puts_nothing_then_only_what_one_phone_changed(
        server, bucket, built, phone_changed):
    target = f"s3://{bucket}"
    assert deploy(server, built, target).exit_code == 0
    first = server.puts(bucket)
    assert sorted(first) == sorted(tree(built))
    assert first[-4:] == ["index.html", "sites.json", "sitemap.xml", "404.html"]

    again = deploy(server, built, target)
    assert again.exit_code == 0
    assert server.puts(bucket) == first
    assert ": 0 files uploaded (0 bytes), 0 deleted," in again.stderr

    result = deploy(server, phone_changed, target)
    assert result.exit_code == 0
    moved = server.puts(bucket)[len(first):]
    assert sorted(moved) == sorted(differing(built, phone_changed))
    assert objects(server, bucket) == tree(phone_changed)


def test_an_id_the_bucket_serves_and_the_output_drops_is_refused(
        server, bucket, built, without_mttq):
    assert deploy(server, built, f"s3://{bucket}").exit_code == 0
    before = objects(server, bucket)
    result = deploy(server, without_mttq, f"s3://{bucket}", "--force")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"refused: s3://{bucket} serves 1 printed code(s) (mttq) ")
    assert objects(server, bucket) == before


def test_a_missing_bucket_says_what_to_check_and_creates_nothing(server, credentials, built):
    result = deploy(server, built, "s3://khong-co-kho")
    assert result.exit_code == 1
    assert result.stderr == ("there is no bucket khong-co-kho at this address: check the "
                             "bucket's name after s3:// and --endpoint-url\n")
    names = [b["Name"] for b in client(server).list_buckets()["Buckets"]]
    assert "khong-co-kho" not in names


def test_no_credentials_says_where_they_go(server, built, tmp_path, monkeypatch):
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
                 "AWS_PROFILE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "no-config"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "no-credentials"))
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    result = deploy(server, built, "s3://phuong-long-hoa")
    assert result.exit_code == 1
    assert result.stderr == ("no credentials for s3://phuong-long-hoa: set AWS_ACCESS_KEY_ID "
                             "and AWS_SECRET_ACCESS_KEY (or AWS_PROFILE) in the environment, "
                             "never in the registry\n")


def test_the_secret_key_never_appears_in_what_deploy_prints_or_writes(server, bucket, built,
                                                                      tmp_path):
    """The secret passed through the environment: not in stdout or stderr, not in any file the
    deploy wrote (the output, the purge list), not in any object of the bucket."""
    purge = tmp_path / "purge.txt"
    for args in ((), ("--dry-run",), ("--changed-urls", str(purge))):
        result = deploy(server, built, f"s3://{bucket}", *args)
        assert result.exit_code == 0
        assert SECRET not in result.output
    stopped = deploy(server, built, "s3://khong-co-kho")
    assert SECRET not in stopped.output
    written = [path for path in tmp_path.rglob("*") if path.is_file()]
    assert purge in written
    assert not [path for path in written if SECRET.encode() in path.read_bytes()]
    assert not [key for key, body in objects(server, bucket).items() if SECRET.encode() in body]


def test_credentials_the_store_refuses_stop_at_once_with_what_to_check(built, credentials):
    """A key the store does not know (a typo in the secret, a revoked key): one clear sentence,
    exit 1, no retry loop, and the secret not repeated."""
    checking = S3Server(checks_credentials=True)
    try:
        result = deploy(checking, built, "s3://phuong-long-hoa")
    finally:
        checking.stop()
    assert result.exit_code == 1
    assert result.stderr == ("s3://phuong-long-hoa refused the credentials: check "
                             "AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and that the key may write "
                             "to the bucket\n")
    assert SECRET not in result.output


def test_connections_reset_by_a_proxy_are_retried(server, bucket, built):
    proxy = ResettingProxy(server.port, resets=2)
    try:
        result = CliRunner().invoke(main, ["deploy", "-o", str(built), "--to", f"s3://{bucket}",
                                           "--endpoint-url", proxy.url], env={"QRDIR_LANG": "en"})
    finally:
        proxy.close()
    assert result.exit_code == 0, result.output
    assert proxy.reset == 2
    assert objects(server, bucket) == tree(built)


def test_a_connection_always_reset_stops_with_what_to_check(server, bucket, built):
    proxy = ResettingProxy(server.port, resets=-1)  # every connection
    try:
        result = CliRunner().invoke(main, ["deploy", "-o", str(built), "--to", f"s3://{bucket}",
                                           "--endpoint-url", proxy.url], env={"QRDIR_LANG": "en"})
    finally:
        proxy.close()
    assert result.exit_code == 1
    assert result.stderr == (f"cannot connect to the storage service of s3://{bucket}, even "
                             "after retrying: check --endpoint-url and the network, then deploy "
                             "again\n")
    assert proxy.reset >= ATTEMPTS  # tried again with backoff, then stopped
    assert objects(server, bucket) == {}
