"""The command line as spec/cli.md describes it: messages, languages, exit codes, entry points."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import qrdir
from qrdir.cli import main
from qrdir.messages import MESSAGES
from tests.conftest import REPO

PLACEHOLDER = re.compile(r"(?<!\{)\{(\w+)\}")


def invoke(*args: str, lang: str = ""):
    return CliRunner().invoke(main, list(args), env={"QRDIR_LANG": lang})


def test_missing_registry_is_wrong_usage_in_both_languages(tmp_path):
    missing = str(tmp_path / "nope.yaml")
    vi = invoke("check", missing)
    assert vi.exit_code == 2
    assert vi.stderr == f'không tìm thấy tệp "{missing}"; kiểm tra lại tên và thư mục\n'
    en = invoke("build", missing, "-o", str(tmp_path / "out"), lang="en")
    assert en.exit_code == 2
    assert en.stderr == f'file "{missing}" not found; check the name and folder\n'
    assert not (tmp_path / "out").exists()


def test_unknown_option_is_wrong_usage():
    result = invoke("check", "--colour")
    assert result.exit_code == 2
    assert "--colour" in result.stderr


def test_unknown_poster_format_is_wrong_usage(tmp_path):
    result = invoke("build", str(REPO / "sites.yaml"), "--posters", "a3",
                    "-o", str(tmp_path / "out"))
    assert result.exit_code == 2
    assert not (tmp_path / "out").exists()


def test_valid_registry_checks_silently():
    result = invoke("check", str(REPO / "sites.yaml"))
    assert result.exit_code == 0 and result.stderr == ""


def test_python_dash_m_is_the_same_program():
    result = subprocess.run([sys.executable, "-m", "qrdir", "--version"], capture_output=True,
                            text=True, check=True)
    assert result.stdout.startswith("qrdir, version ")


def test_every_message_exists_in_both_languages_with_the_same_placeholders():
    for code, texts in MESSAGES.items():
        assert set(texts) == {"vi", "en"}, code
        fields = {lang: set(PLACEHOLDER.findall(text)) for lang, text in texts.items()}
        assert fields["vi"] == fields["en"], code


# Commands whose README section is still to be written (issue 14, part C: the README text is
# in that work's report, for whoever edits the README). Empty this when it is.
README_PENDING = {"printed"}


def test_every_command_is_documented_in_the_readme():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for command in main.commands:
        if command not in README_PENDING:
            assert f"qrdir {command}" in readme, command


def run_qrdir(*args: str, cwd, **env: str) -> subprocess.CompletedProcess:
    """``python -m qrdir`` as a user runs it: its own process, the environment it is given.

    The qrdir it runs is the one these tests import, wherever the shell's directory is.
    """
    source = str(Path(qrdir.__file__).parent.parent)
    return subprocess.run([sys.executable, "-m", "qrdir", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=60,
                          env={**os.environ, "PYTHONPATH": source, "QRDIR_LANG": "en",
                                          **env})


def everything_under(folder) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


BAD_EPOCH = 'the SOURCE_DATE_EPOCH="abc" environment variable must be seconds since 1970\n'


@pytest.mark.parametrize("updated", [True, False], ids=["updated", "no-updated"])
@pytest.mark.parametrize("command", ["build", "serve"])
def test_building_with_a_bad_source_date_epoch_is_wrong_usage_with_or_without_updated(
        tmp_path, command, updated):
    text = (REPO / "sites.yaml").read_text("utf-8")
    assert "\n  language: vi\n" in text and "updated:" not in text
    if updated:
        text = text.replace("\n  language: vi\n", "\n  language: vi\n  updated: 2026-11-28\n")
    (tmp_path / "sites.yaml").write_text(text, "utf-8")
    before = everything_under(tmp_path)
    args = ["build"] if command == "build" else ["serve", "--port", "0"]
    result = run_qrdir(*args, cwd=tmp_path, SOURCE_DATE_EPOCH="abc")
    assert (result.returncode, result.stderr, result.stdout) == (2, BAD_EPOCH, "")
    assert everything_under(tmp_path) == before


@pytest.mark.parametrize("value", ["", " ", "1e9", "-1", "١٧٠٠٠٠٠٠٠٠", "²", "9" * 30])
def test_every_value_that_is_not_seconds_since_1970_is_refused_before_building(tmp_path, value):
    shutil.copy(REPO / "sites.yaml", tmp_path / "sites.yaml")
    result = CliRunner().invoke(main, ["build", str(tmp_path / "sites.yaml"),
                                       "-o", str(tmp_path / "out")],
                                env={"QRDIR_LANG": "en", "SOURCE_DATE_EPOCH": value})
    assert result.exit_code == 2, result.exception
    assert result.stderr == (f'the SOURCE_DATE_EPOCH="{value}" environment variable must be '
                             'seconds since 1970\n')
    assert everything_under(tmp_path) == ["sites.yaml"]
