"""``qrdir check``: the registry validated, and checked against the issued-codes ledger."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from qrdir.errors import MessageError, RegistryError
from qrdir.ledger import Ledger, LedgerFileError, check_ledger, ledger_path, read_ledger
from qrdir.model import Problem, Registry
from qrdir.validate import load_registry


@dataclass(frozen=True)
class Checked:
    """A registry that passed validation and the ledger, with its warnings."""

    registry: Registry
    ledger: Ledger
    ledger_path: Path
    warnings: tuple[Problem, ...]


def check(registry_path: Path, lock: Path | None = None) -> Checked:
    """Validate the registry and its ledger; raise RegistryError listing every problem."""
    registry, problems = load_registry(registry_path)
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
