"""A ward built the way publish.md's table needs: a moved id, a closed id, an earlier base URL.

The example registry is built once under an earlier base URL, then its base URL changes and
one site closes (the example already retires one id as moved), and it is built again, with
the ``qrdir`` command as a ward would. The output lives under a folder that the servers'
workers (www-data, caddy) may enter; pytest's own temporary folders are private to root.
"""

from __future__ import annotations

import gzip
import http.client
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from tests.conftest import EXAMPLE_REGISTRY, REPO

MOVED = ("tram-y-te-long-thanh-bac", "tram-y-te")  # retired in the example registry
CLOSED = "nha-van-hoa"
CLOSED_REASON = "Trung tâm đã sáp nhập vào Nhà văn hoá khu phố Long Trung."
# (earlier base URL, base URL): a ward at its host's root, and one under a path.
WARDS = {
    "root": ("https://longthanhbac.example.vn/", "https://longhoa.example.vn/"),
    "path": ("https://longhoa.example.vn/", "https://tayninh.example.vn/tinh/long-hoa/"),
}
QRDIR = [sys.executable, "-m", "qrdir"]


@dataclass(frozen=True)
class Ward:
    """A built ward: its registry, its output and the base URLs it was published under."""

    registry: Path
    output: Path
    old_base: str
    base_url: str

    @property
    def prefix(self) -> str:
        return urlsplit(self.base_url).path

    @property
    def host(self) -> str:
        return urlsplit(self.base_url).hostname

    def config(self, server: str) -> str:
        """What ``qrdir host-config SERVER`` prints for this ward."""
        return qrdir("host-config", server, str(self.registry), "-o", str(self.output))


def qrdir(*args: str) -> str:
    """Run the qrdir command; its standard output (it fails the test on a non-zero exit)."""
    done = subprocess.run([*QRDIR, *args], capture_output=True, text=True, cwd=REPO,
                          env=dict(os.environ, QRDIR_LANG="en"))
    if done.returncode != 0:
        raise AssertionError(f"qrdir {' '.join(args)}: {done.stderr}")
    return done.stdout


def shared_folder(name: str) -> Path:
    """A new folder under /tmp that other users may enter (delete it with shutil.rmtree)."""
    folder = Path(tempfile.mkdtemp(prefix=f"qrdir-{name}-"))
    folder.chmod(0o755)
    return folder


def build_ward(folder: Path, old_base: str, base_url: str) -> Ward:
    """Build the example registry under ``old_base``, then move it to ``base_url`` and close
    one site, and build again."""
    text = EXAMPLE_REGISTRY.read_text(encoding="utf-8")
    example_base = re.search(r"base_url: (\S+)", text)[1]
    folder.mkdir(parents=True, exist_ok=True)
    registry = folder / "sites.yaml"
    registry.write_text(text.replace(example_base, old_base), encoding="utf-8")
    output = folder / "output"
    qrdir("build", str(registry), "-o", str(output))
    moved = text.replace(example_base, base_url)
    # The closed site's entry is removed and retired with its reason.
    moved = re.sub(rf"  - id: {CLOSED}\n(?:    .*\n)*", "", moved).rstrip("\n")
    moved += f"\n  - id: {CLOSED}\n    closed: {CLOSED_REASON}\n"
    registry.write_text(moved, encoding="utf-8")
    qrdir("build", str(registry), "-o", str(output))
    return Ward(registry, output, old_base, base_url)


def remove(folder: Path) -> None:
    """Delete a folder made by :func:`shared_folder`."""
    shutil.rmtree(folder, ignore_errors=True)


@dataclass(frozen=True)
class Answer:
    """One HTTP response: status, headers and the body as sent, and decompressed."""

    status: int
    headers: http.client.HTTPMessage
    raw: bytes

    @property
    def body(self) -> bytes:
        if self.headers.get("Content-Encoding") == "gzip":
            return gzip.decompress(self.raw)
        return self.raw

    def header(self, name: str) -> str | None:
        return self.headers.get(name)


def fetch(port: int, path: str, host: str, **headers: str) -> Answer:
    """GET ``path`` from 127.0.0.1:``port`` as ``host``; redirects are not followed."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", path, headers={"Host": host, **headers})
        response = connection.getresponse()
        return Answer(response.status, response.headers, response.read())
    finally:
        connection.close()
