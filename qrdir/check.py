"""``qrdir check``: the registry validated, and checked against the issued-codes ledger."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from qrdir import dates
from qrdir.cache import BuildCache, content_key
from qrdir.errors import MessageError, RegistryError, UsageError
from qrdir.ledger import (
    Ledger,
    LedgerFileError,
    check_ledger,
    ledger_path,
    read_ledger,
    served_ids,
    updated_ledger,
)
from qrdir.model import Problem, Registry
from qrdir.validate import parse_registry


@dataclass(frozen=True)
class Checked:
    """A registry that passed validation and the ledger, with its warnings.

    ``registry`` is dated (:mod:`qrdir.dates`): every page and poster knows the date it shows.
    ``next_ledger`` is the ledger a build of it writes.
    """

    registry: Registry
    ledger: Ledger
    next_ledger: Ledger
    ledger_path: Path
    warnings: tuple[Problem, ...]


def check(
    registry_path: Path, lock: Path | None = None, cache: BuildCache | None = None,
    output: Path | None = None,
) -> Checked:
    """Validate the registry and its ledger; raise RegistryError listing every problem.

    ``output`` is the folder a build would replace: the ids it serves count as issued too.
    """
    registry_path = Path(registry_path)
    registry, problems = _parsed(registry_path, cache or BuildCache(None))
    path = ledger_path(registry_path, lock)
    try:
        ledger = read_ledger(path)
    except LedgerFileError as exc:
        raise MessageError("ledger_damaged", path=str(path)) from exc
    if registry is not None:
        problems = problems + check_ledger(registry, ledger, path, served_ids(output))
    if registry is None or any(p.is_error for p in problems):
        raise RegistryError(problems)
    today = dates.today()
    # Changes are dated against the ledger as read: an id it does not know yet is a new page,
    # dated today, never by an older updated: the registry carries.
    next_ledger = updated_ledger(registry, dates.record_changes(registry, ledger, today),
                                 today.isoformat())
    stale = dates.stale_updated(registry, next_ledger,
                                registry_path.read_bytes().decode("utf-8-sig"))
    return Checked(dates.dated(registry, next_ledger), ledger, next_ledger, path,
                   tuple(problems + stale))


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
    return content_key("parsed", str(path), data)


def cache_scope(registry_path: Path, kind: str) -> str:
    """The cache scope of one registry: its stem plus a short hash of its absolute path."""
    where = hashlib.sha256(str(Path(registry_path).absolute()).encode()).hexdigest()[:10]
    return f"{kind}/{Path(registry_path).stem}-{where}"
