"""The build cache: work already done, found again by the hash of everything it depends on.

An implementation detail with one promise: deleting the cache changes no output byte, and a
build from cache is byte-identical to a clean build. That holds because every key hashes all
of an entry's inputs, including a fingerprint of qrdir's own code and templates and of the
versions of Python and the libraries it uses, so a changed input can only miss the cache, never
hit a stale entry.

Entries are pickles written by this program into a folder next to the registry
(``.qrdir-cache/``), trusted like the program itself. Each is written atomically, so a build
killed mid-write leaves no half entry. Keyed entries that a build no longer uses are pruned
per scope (one scope per ward), so the cache stays about the size of the output.
"""

from __future__ import annotations

import functools
import hashlib
import importlib
import importlib.metadata
import pickle
import re
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

import qrdir
from qrdir.files import write_atomically

CACHE_DIR_NAME = ".qrdir-cache"
_FORMAT = b"qrdir-cache-1"
T = TypeVar("T")
MISSING = object()  # what load() returns for an absent or unreadable entry


@functools.cache
def code_fingerprint() -> str:
    """A hash of qrdir's source files and built-in templates, and of the versions of Python and
    of the libraries qrdir depends on: any edit or upgrade invalidates the cache.

    The libraries decide bytes of the output too (phonenumbers how a number is written,
    qrcode the modules of a code, the font package the glyphs of a poster), so an entry made
    before an upgrade is not what a clean build makes after it.
    """
    digest = hashlib.sha256(_FORMAT)
    for name, version in _versions():
        digest.update(f"{name} {version}\0".encode())
    package = Path(qrdir.__file__).parent
    template_root = Path(importlib.import_module("qrdir.templates").__file__).parent
    for root in (package, template_root):
        for path in sorted(root.rglob("*")):
            if path.is_file() and path.suffix in (".py", ".html", ".md"):
                digest.update(path.relative_to(root).as_posix().encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


def _versions() -> list[tuple[str, str]]:
    """Python's version and each installed dependency of qrdir's with its version."""
    versions = [("python", sys.version)]
    try:
        requirements = importlib.metadata.requires("qrdir") or []
    except importlib.metadata.PackageNotFoundError:  # run from a copy of the source
        return versions
    names = sorted({re.match(r"[A-Za-z0-9._-]+", requirement).group()
                    for requirement in requirements if "extra ==" not in requirement})
    for name in names:
        try:
            versions.append((name, importlib.metadata.version(name)))
        except importlib.metadata.PackageNotFoundError:
            versions.append((name, "not installed"))
    return versions


def content_key(*parts: bytes | str) -> str:
    """A key over the code fingerprint and ``parts`` (each length-prefixed: no ambiguity)."""
    digest = hashlib.sha256(code_fingerprint().encode())
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()


def folder_fingerprint(folder: Path | None) -> str:
    """A hash of every file under ``folder`` (a user's templates), or "" for none."""
    if folder is None:
        return ""
    digest = hashlib.sha256()
    for path in sorted(Path(folder).rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()


class BuildCache:
    """A folder of cached results; ``BuildCache(None)`` caches nothing (``--no-cache``)."""

    def __init__(self, root: Path | None):
        self.root = Path(root) if root is not None else None

    @classmethod
    def beside(cls, registry_path: Path) -> BuildCache:
        """The default cache: ``.qrdir-cache/`` beside a registry, or inside a wards folder."""
        path = Path(registry_path)
        return cls((path if path.is_dir() else path.parent) / CACHE_DIR_NAME)

    def get_or_make(self, scope: str, key: str, make: Callable[[], T]) -> T:
        """The cached value of ``key`` in ``scope``, or ``make()``'s, stored for next time."""
        value = self.load(scope, key)
        if value is MISSING:
            value = make()
            self.store(scope, key, value)
        return value

    def load(self, scope: str, key: str) -> object:
        """The value stored under ``key`` in ``scope``, or :data:`MISSING`."""
        if self.root is None:
            return MISSING
        try:
            return pickle.loads((self.root / scope / f"{key}.pickle").read_bytes())
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError,
                ValueError, TypeError):
            return MISSING  # absent, or damaged: either way, do the work again

    def store(self, scope: str, key: str, value: object) -> None:
        """Keep ``value`` under ``key`` in ``scope`` (atomically; nothing when disabled)."""
        if self.root is None:
            return
        path = self.root / scope / f"{key}.pickle"
        write_atomically(path, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))

    def keep_only(self, scope: str, keys: Iterable[str]) -> None:
        """Remove entries of ``scope`` other than ``keys`` (what the last build used)."""
        if self.root is None or not (self.root / scope).is_dir():
            return
        wanted = {f"{key}.pickle" for key in keys}
        for path in (self.root / scope).iterdir():
            if path.name not in wanted:
                path.unlink(missing_ok=True)
