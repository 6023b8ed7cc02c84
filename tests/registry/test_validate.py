"""Golden tests: each bad registry in tests/registry/golden/ next to the exact messages it must
produce.

One case per rule of spec/registry.md. ``NAME.yaml`` is the registry, ``NAME.vi.txt`` its exact
stderr in Vietnamese (the default) and, where present, ``NAME.en.txt`` in English. The exit code
follows from the messages (1 with any error, else 0), and a failed build must leave an existing
output folder exactly as it was.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from qrdir.cli import main
from qrdir.messages import message

GOLDEN = Path(__file__).parent / "golden"
CASES = sorted(p.stem for p in GOLDEN.glob("*.yaml"))
ENGLISH_CASES = sorted(p.name.removesuffix(".en.txt") for p in GOLDEN.glob("*.en.txt"))


@pytest.fixture(scope="session")
def golden_copy(tmp_path_factory) -> Path:
    """The cases, copied: ``check`` keeps its cache beside the registry, and the repository is
    not the place for it."""
    return Path(shutil.copytree(GOLDEN, tmp_path_factory.mktemp("golden") / "golden"))


@pytest.fixture(autouse=True)
def in_golden_folder(monkeypatch, golden_copy):
    """Messages name the file as given on the command line: run beside the cases."""
    monkeypatch.chdir(golden_copy)


def run(args: list[str], env: dict | None = None):
    return CliRunner().invoke(main, args, env=env or {"QRDIR_LANG": ""})


def expected_exit(expected: str) -> int:
    return 1 if ": error: " in expected else 0


@pytest.mark.parametrize("case", CASES)
def test_check_reports_exactly(case: str):
    expected = (GOLDEN / f"{case}.vi.txt").read_text(encoding="utf-8")
    result = run(["check", f"{case}.yaml"])
    assert result.stderr == expected + clean_check_line(case, expected, "vi")
    assert result.exit_code == expected_exit(expected)
    assert "Traceback" not in result.output


@pytest.mark.parametrize("case", ENGLISH_CASES)
def test_check_reports_in_english(case: str):
    expected = (GOLDEN / f"{case}.en.txt").read_text(encoding="utf-8")
    expected += clean_check_line(case, expected, "en")
    assert run(["check", "--lang", "en", f"{case}.yaml"]).stderr == expected
    assert run(["check", f"{case}.yaml"], env={"QRDIR_LANG": "en"}).stderr == expected


def clean_check_line(case: str, expected: str, lang: str) -> str:
    """cli.md: a check without errors ends with one line saying so (sites, warnings)."""
    if ": error: " in expected:
        return ""
    from qrdir.registry.validate import load_registry

    sites = len(load_registry(GOLDEN / f"{case}.yaml")[0].sites)
    return message("check_ok", lang, registry=f"{case}.yaml", sites=sites,
                   warnings=expected.count(": warning: ")) + "\n"


def test_every_case_has_its_expected_messages():
    assert CASES, "no golden cases found"
    for case in CASES:
        assert (GOLDEN / f"{case}.vi.txt").is_file(), case


ERROR_CASES = [c for c in CASES if ": error: " in (GOLDEN / f"{c}.vi.txt").read_text("utf-8")]


@pytest.mark.parametrize("case", ERROR_CASES)
def test_failed_build_writes_nothing(case: str, tmp_path):
    output = tmp_path / "output"
    output.mkdir()
    (output / "index.html").write_bytes(b"the previous build")
    lock = tmp_path / "qrdir.lock"
    result = run(["build", f"{case}.yaml", "-o", str(output), "--lock", str(lock)])
    assert result.stderr == ((GOLDEN / f"{case}.vi.txt").read_text(encoding="utf-8")
                             + f"chưa tạo lại được: thư mục {output} vẫn giữ nguyên bản trước, "
                             "không đổi gì\n")  # cli.md: a failed build says the output was kept
    assert result.exit_code == 1
    assert [p.name for p in tmp_path.iterdir()] == ["output"]  # no ledger, no staging folder
    assert [p.name for p in output.iterdir()] == ["index.html"]
    assert (output / "index.html").read_bytes() == b"the previous build"
