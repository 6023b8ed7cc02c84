"""Built outputs of the example registry to deploy: as it is, after one phone number changed,
and built without one site and without its qrdir.lock (a CI job that never commits it back)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from qrdir.cli import main
from tests.conftest import EXAMPLE_LEDGER, EXAMPLE_REGISTRY

OLD_PHONE, NEW_PHONE = "0913 456 789", "0913 456 788"  # a contact of ubnd


def build(folder: Path, text: str, with_lock: bool) -> Path:
    """``text`` as ``folder/sites.yaml`` built into ``folder/output``."""
    folder.mkdir()
    (folder / "sites.yaml").write_text(text, encoding="utf-8")
    if with_lock:
        shutil.copy(EXAMPLE_LEDGER, folder / "qrdir.lock")
    result = CliRunner().invoke(main, ["build", str(folder / "sites.yaml"),
                                       "-o", str(folder / "output"), "--no-cache"])
    assert result.exit_code == 0, result.output
    return folder / "output"


@pytest.fixture(scope="session")
def example_text() -> str:
    return EXAMPLE_REGISTRY.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def built(tmp_path_factory, example_text) -> Path:
    return build(tmp_path_factory.mktemp("built") / "ward", example_text, with_lock=True)


@pytest.fixture(scope="session")
def phone_changed(tmp_path_factory, example_text) -> Path:
    assert example_text.count(OLD_PHONE) == 1
    return build(tmp_path_factory.mktemp("phone") / "ward",
                 example_text.replace(OLD_PHONE, NEW_PHONE), with_lock=True)


@pytest.fixture(scope="session")
def without_mttq(tmp_path_factory, example_text) -> Path:
    start = example_text.index("  - id: mttq\n")
    end = example_text.index("  - id: doan-thanh-nien\n")
    return build(tmp_path_factory.mktemp("orphan") / "ward",
                 example_text[:start] + example_text[end:], with_lock=False)


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` with its bytes, by relative POSIX path."""
    return {path.relative_to(folder).as_posix(): path.read_bytes()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def differing(old: Path, new: Path) -> set[str]:
    """The files whose bytes differ between two outputs (added, changed or removed)."""
    before, after = tree(old), tree(new)
    return {path for path in before.keys() | after.keys() if before.get(path) != after.get(path)}


def invoke(*args: str, lang: str = "en"):
    return CliRunner().invoke(main, list(args), env={"QRDIR_LANG": lang})
