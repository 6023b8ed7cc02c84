"""The benchmark's province generator is deterministic and produces valid ward registries."""

from __future__ import annotations

import subprocess
import sys

from click.testing import CliRunner

from qrdir.cli import main
from tests.conftest import REPO

GENERATE = REPO / "bench" / "generate.py"


def generate(out, *extra: str) -> dict[str, bytes]:
    subprocess.run([sys.executable, str(GENERATE), "--sites", "40", "--wards", "4",
                    "--out", str(out / "wards"), *extra], check=True)
    return {p.relative_to(out).as_posix(): p.read_bytes()
            for p in sorted(out.rglob("*")) if p.is_file()}


def test_generator_is_deterministic(tmp_path):
    first = generate(tmp_path / "a", "--hugo", str(tmp_path / "a" / "hugo"))
    second = generate(tmp_path / "b", "--hugo", str(tmp_path / "b" / "hugo"))
    assert first == second
    assert sum(name.startswith("wards/") for name in first) == 4
    assert sum(name.startswith("hugo/content/") and not name.endswith("_index.md")
               for name in first) == 40


def test_generated_province_checks_clean(tmp_path):
    generate(tmp_path)
    result = CliRunner().invoke(main, ["check", str(tmp_path / "wards")])
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
