"""The output bytes of a ward and of a province, pinned: a refactoring must not move one byte.

``identical_output.json`` holds the SHA-256 of every file two builds write (and of the ledger
beside each registry): the example ``sites.yaml`` with every poster format, and a small province
from the benchmark's deterministic generator, both dated by a fixed ``SOURCE_DATE_EPOCH``. Each is
built from scratch, then twice through the cache (cold, warm): all three must match the manifest.

When output is *meant* to change (a template, a poster's drawing, a new file), regenerate the
manifest deliberately and review the diff of the JSON file with the change that causes it::

    QRDIR_REGENERATE_MANIFEST=1 .venv/bin/python -m pytest tests/build/test_identical_output.py
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from qrdir.cli import main
from tests.conftest import EXAMPLE_LEDGER, EXAMPLE_REGISTRY
from tests.test_bench_generator import generator

MANIFEST = Path(__file__).with_name("identical_output.json")
EPOCH = "1764547200"  # 2025-12-01, Vietnam time
POSTERS = "a4,a5,a6,stickers"


def _ward(folder: Path) -> Path:
    folder.mkdir(parents=True)
    shutil.copy(EXAMPLE_REGISTRY, folder / "sites.yaml")
    shutil.copy(EXAMPLE_LEDGER, folder / "qrdir.lock")
    return folder / "sites.yaml"


def _province(folder: Path) -> Path:
    generator.write_registries(generator.make_province(sites=12, wards=3), folder / "wards")
    return folder / "wards"


def _digests(folder: Path, output: Path) -> dict[str, str]:
    """SHA-256 of every file of ``output`` and of every ledger in ``folder``, by relative path."""
    files = [p for p in sorted(output.rglob("*")) if p.is_file()]
    files += sorted(folder.rglob("*.lock"))
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in files}


def _build(source: Path, output: Path, *cache: str) -> None:
    args = ["build", str(source), "-o", str(output), "--posters", POSTERS, *cache]
    result = CliRunner().invoke(main, args, env={"SOURCE_DATE_EPOCH": EPOCH, "QRDIR_LANG": "en"})
    assert result.exit_code == 0, result.output


def _built(tmp_path: Path, kind: str) -> list[dict[str, str]]:
    """The digests of four builds of ``kind``: from scratch, cache cold, cache warm, and the
    warm one's output deleted and restored from the cache's copy (as in a CI job)."""
    runs = []
    for run, cache in (("scratch", ("--no-cache",)),
                       ("cold", ("--cache", str(tmp_path / "cache"))),
                       ("warm", ("--cache", str(tmp_path / "cache")))):
        folder = tmp_path / run
        source = _ward(folder) if kind == "ward" else _province(folder)
        _build(source, folder / "output", *cache)
        runs.append(_digests(folder, folder / "output"))
    shutil.rmtree(folder / "output")
    _build(source, folder / "output", "--cache", str(tmp_path / "cache"))
    runs.append(_digests(folder, folder / "output"))
    return runs


@pytest.mark.parametrize("kind", ["ward", "province"])
def test_output_bytes_match_the_manifest(tmp_path, kind):
    runs = _built(tmp_path, kind)
    manifest = json.loads(MANIFEST.read_text(encoding="utf-8")) if MANIFEST.exists() else {}
    if os.environ.get("QRDIR_REGENERATE_MANIFEST"):
        manifest[kind] = runs[0]
        MANIFEST.write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n",
                            encoding="utf-8")
    for run in runs:
        assert run == manifest[kind]
