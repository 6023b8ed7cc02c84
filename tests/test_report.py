"""The change report after a build, and the progress bar's manners."""

from __future__ import annotations

import shutil

from click.testing import CliRunner

from qrdir.cli import main
from tests.conftest import EXAMPLE_REGISTRY


def build(tmp_path, *extra: str):
    return CliRunner().invoke(main, ["build", str(tmp_path / "sites.yaml"), "-o",
                                     str(tmp_path / "output"), *extra], env={"QRDIR_LANG": "en"})


def test_report_names_the_changed_phone_and_what_to_reprint(tmp_path):
    shutil.copy(EXAMPLE_REGISTRY, tmp_path / "sites.yaml")
    first = build(tmp_path)
    assert first.exit_code == 0, first.output
    assert "first build: 15 sites" in first.stderr
    registry = tmp_path / "sites.yaml"
    text = registry.read_text("utf-8")
    registry.write_text(text.replace("phone: 0276 3842 115", "phone: 0276 3842 116")
                        .replace("name: BS. Lâm Thị Kim Loan", "name: BS. Lâm Thị Kim Hoa"),
                        "utf-8")
    second = build(tmp_path)
    lines = second.stderr.splitlines()
    assert "tram-y-te: phone 0276 3842 115 → 0276 3842 116" in lines
    assert 'tram-y-te: contacts[1].name "BS. Lâm Thị Kim Loan" → "BS. Lâm Thị Kim Hoa"' in lines
    assert "reprint advised (printed text changed): tram-y-te" in lines
    assert "QR codes that need reprinting: none" in lines
    assert sum(line.startswith("tram-y-te:") for line in lines) == 2  # nothing else changed


def test_rebuild_without_edits_reports_nothing_changed(tmp_path):
    shutil.copy(EXAMPLE_REGISTRY, tmp_path / "sites.yaml")
    build(tmp_path)
    again = build(tmp_path)
    assert "no page changed" in again.stderr.splitlines()
    assert "QR codes that need reprinting: none" in again.stderr.splitlines()


def test_no_progress_bar_when_not_a_terminal(tmp_path):
    shutil.copy(EXAMPLE_REGISTRY, tmp_path / "sites.yaml")
    result = build(tmp_path)
    assert "Building" not in result.stderr and "%" not in result.stderr
