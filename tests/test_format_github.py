"""``--format github`` on ``check`` and ``build`` (cli.md "Messages"): each problem is printed as
usual on standard error and also, on standard output where the Actions runner reads workflow
commands, as ``::error file=…,line=…,col=…::…``, so it shows on its line in GitHub's editor."""

from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner

from qrdir.cli import main
from qrdir.registry.model import Problem
from qrdir.report import github_annotation
from tests.conftest import EXAMPLE_LEDGER, EXAMPLE_REGISTRY

BAD_PHONE = "0913 45"


@pytest.fixture
def ward(tmp_path):
    """The example registry with one phone number cut short and one site moved abroad."""
    text = EXAMPLE_REGISTRY.read_text(encoding="utf-8")
    text = text.replace("0913 456 789", BAD_PHONE, 1)
    text = text.replace("{lat: 11.2994, lon: 106.1369}", "{lat: 1.2994, lon: 106.1369}", 1)
    (tmp_path / "sites.yaml").write_text(text, encoding="utf-8")
    shutil.copy(EXAMPLE_LEDGER, tmp_path / "qrdir.lock")
    return tmp_path


def run(ward, command: str, *extra: str, lang: str = "en"):
    return CliRunner().invoke(main, [command, "sites.yaml", "-o", str(ward / "output"), *extra],
                              env={"QRDIR_LANG": lang}, catch_exceptions=False)


@pytest.mark.parametrize("command", ["check", "build"])
def test_each_problem_is_also_an_annotation_on_its_line(ward, command, monkeypatch):
    monkeypatch.chdir(ward)
    plain = run(ward, command)
    result = run(ward, command, "--format", "github")
    assert result.exit_code == plain.exit_code == 1
    assert result.stderr == plain.stderr  # what a person reads is the same
    assert plain.stdout == ""
    located = [line for line in result.stderr.splitlines() if line.startswith("sites.yaml:")]
    annotations = result.stdout.splitlines()
    assert len(annotations) == len(located) >= 2
    for line, annotation in zip(located, annotations, strict=True):
        file, row, col, severity, text = line.split(":", 4)
        assert annotation == f"::{severity.strip()} file={file},line={row},col={col}::{text[1:]}"
    assert any(a.startswith("::error ") and f'phone "{BAD_PHONE}"' in a for a in annotations)
    assert any(a.startswith("::warning ") and "outside Vietnam" in a for a in annotations)
    assert not (ward / "output").exists()


def test_a_clean_registry_prints_no_annotation_and_vietnamese_is_the_default(ward, monkeypatch):
    monkeypatch.chdir(ward)
    shutil.copy(EXAMPLE_REGISTRY, ward / "sites.yaml")
    result = run(ward, "check", "--format", "github", lang="")
    assert result.exit_code == 0
    assert result.stdout == ""
    bad = (ward / "sites.yaml").read_text(encoding="utf-8").replace("0913 456 789", BAD_PHONE)
    (ward / "sites.yaml").write_text(bad, encoding="utf-8")
    result = run(ward, "check", "--format", "github", lang="")
    assert result.exit_code == 1
    assert result.stdout.startswith("::error file=sites.yaml,line=")
    assert f"\"{BAD_PHONE}\"" in result.stdout and "--format" not in result.stdout


def test_an_unknown_format_is_wrong_usage(ward, monkeypatch):
    monkeypatch.chdir(ward)
    assert run(ward, "check", "--format", "json").exit_code == 2


def test_annotations_escape_what_would_end_a_property_or_the_message():
    problem = Problem(file="wards/a,b:c.yaml", line=3, col=7, severity="warning",
                      code="hours_missing_colon",
                      args={"group": "T2-T6 7:30-11:30\n100%", "days": "T2-T6",
                            "fixed": "T2-T6: 7:30-11:30"})
    annotation = github_annotation(problem, "en")
    assert annotation.startswith("::warning file=wards/a%2Cb%3Ac.yaml,line=3,col=7::")
    message = annotation.split("::", 2)[2]
    assert "\n" not in message and "%0A100%25" in message
    assert "7:30-11:30" in message  # colons are fine in the message itself
