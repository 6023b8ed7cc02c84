"""``qrdir check``: the registry validated, and checked against the issued-codes ledger."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from qrdir.cache import BuildCache, content_key
from qrdir.errors import MessageError, RegistryError, UsageError
from qrdir.ledger import Ledger, LedgerFileError, check_ledger, ledger_path, read_ledger
from qrdir.model import Problem, Registry
from qrdir.validate import VIETNAM_TIME, parse_registry


@dataclass(frozen=True)
class Checked:
    """A registry that passed validation and the ledger, with its warnings."""

    registry: Registry
    ledger: Ledger
    ledger_path: Path
    warnings: tuple[Problem, ...]


def check(
    registry_path: Path, lock: Path | None = None, cache: BuildCache | None = None
) -> Checked:
    """Validate the registry and its ledger; raise RegistryError listing every problem."""
    registry, problems = _parsed(Path(registry_path), cache or BuildCache(None))
    path = ledger_path(registry_path, lock)
    try:
        ledger = read_ledger(path)
    except LedgerFileError as exc:
        raise MessageError("ledger_damaged", path=str(path)) from exc
    if registry is not None:
        problems = problems + check_ledger(registry, ledger, path)
    if registry is None or any(p.is_error for p in problems):
        raise RegistryError(problems)
    return Checked(registry, ledger, path, tuple(problems))


def _parsed(path: Path, cache: BuildCache) -> tuple[Registry | None, list[Problem]]:
    """The validated registry, from the cache when these exact bytes were validated before."""
    if not path.is_file():
        raise UsageError("file_missing", path=str(path))
    data = path.read_bytes()
    key = source_key(path, data)
    scope = cache_scope(path, "parsed")
    parsed = cache.get_or_make(scope, key, lambda: parse_registry(data, str(path)))
    cache.keep_only(scope, [key])
    return parsed


def source_key(path: Path, data: bytes) -> str:
    """A hash of everything validating the registry ``data`` read from ``path`` depends on."""
    # A registry without "updated" depends on SOURCE_DATE_EPOCH or today's date as well.
    return content_key("parsed", str(path), data, os.environ.get("SOURCE_DATE_EPOCH", ""),
                       dt.datetime.now(VIETNAM_TIME).date().isoformat())


def cache_scope(registry_path: Path, kind: str) -> str:
    """The cache scope of one registry: its stem plus a short hash of its absolute path."""
    where = hashlib.sha256(str(Path(registry_path).absolute()).encode()).hexdigest()[:10]
    return f"{kind}/{Path(registry_path).stem}-{where}"
