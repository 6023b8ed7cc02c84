"""The command line as spec/cli.md describes it: messages, languages, exit codes, entry points."""

from __future__ import annotations

import re
import subprocess
import sys

from click.testing import CliRunner

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


def test_every_command_is_documented_in_the_readme():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for command in main.commands:
        assert f"qrdir {command}" in readme, command
