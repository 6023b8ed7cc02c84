"""``qrdir check``: the registry validated, and checked against the issued-codes ledger.

Parsing is handed in (``parse``): a build passes the cached parser of
:mod:`qrdir.build.incremental`, so this module knows nothing of the cache.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from qrdir.errors import MessageError, RegistryError, UsageError
from qrdir.registry import dates
from qrdir.registry.ledger import (
    Ledger,
    LedgerFileError,
    check_ledger,
    ledger_path,
    read_ledger,
    served_ids,
    updated_ledger,
)
from qrdir.registry.model import Problem, Registry
from qrdir.registry.validate import is_workbook, parse_source


@dataclass(frozen=True)
class Checked:
    """A registry that passed validation and the ledger, with its warnings.

    ``registry`` is dated (:mod:`qrdir.registry.dates`): every page and poster knows the date
    it shows.
    ``next_ledger`` is the ledger a build of it writes.
    """

    registry: Registry
    ledger: Ledger
    next_ledger: Ledger
    ledger_path: Path
    warnings: tuple[Problem, ...]


Parse = Callable[[Path, bytes], tuple[Registry | None, list[Problem]]]


def _parse(path: Path, data: bytes) -> tuple[Registry | None, list[Problem]]:
    return parse_source(data, str(path))


def check(
    registry_path: Path, lock: Path | None = None, output: Path | None = None, *,
    parse: Parse = _parse,
) -> Checked:
    """Validate the registry and its ledger; raise RegistryError listing every problem.

    ``output`` is the folder a build would replace: the ids it serves count as issued too.
    ``parse`` validates the registry's bytes (by default afresh; a build passes a cached one).
    """
    registry_path = Path(registry_path)
    registry, problems = _parsed(registry_path, parse)
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
    stale = _at_updated_cell(registry_path, dates.stale_updated(
        registry, next_ledger, _registry_text(registry_path)))
    return Checked(dates.dated(registry, next_ledger), ledger, next_ledger, path,
                   tuple(problems + stale))


def _parsed(path: Path, parse: Parse) -> tuple[Registry | None, list[Problem]]:
    """The validated registry and its problems; a usage error when there is no file."""
    if not path.is_file():
        raise UsageError("file_missing", path=str(path))
    return parse(path, path.read_bytes())


def _at_updated_cell(path: Path, problems: list[Problem]) -> list[Problem]:
    """In a workbook, ``problems`` (about ``updated``) moved to the cell that holds it."""
    if not problems or not is_workbook(path):
        return problems
    from qrdir.sheets.workbook_registry import updated_cell

    found = updated_cell(path.read_bytes())
    if found is None:
        return problems
    row, column, cell = found
    return [dataclasses.replace(p, line=row, col=column, cell=cell) for p in problems]


def _registry_text(path: Path) -> str:
    """The registry's text, to point a warning at a line; "" for a workbook."""
    if is_workbook(path):
        return ""
    return path.read_bytes().decode("utf-8-sig")
