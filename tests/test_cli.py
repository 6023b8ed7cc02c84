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


def test_unknown_option_is_wrong_usage_in_both_languages():
    vi = invoke("check", "--colour")
    assert (vi.exit_code, vi.stderr) == (2, 'Lỗi: không có tuỳ chọn "--colour"\n'
                                            "Xem cách dùng: qrdir check --help\n")
    en = invoke("build", "--no-cahce", lang="en")
    assert (en.exit_code, en.stderr) == (
        2, 'Error: no such option "--no-cahce" (did you mean "--no-cache"?)\n'
           "For usage, see: qrdir build --help\n")


def test_unknown_command_suggests_the_nearest_in_both_languages():
    vi = invoke("chek")
    assert (vi.exit_code, vi.stderr) == (2, 'Lỗi: không có lệnh "chek" (có phải ý bạn là '
                                            '"check"?)\nXem cách dùng: qrdir --help\n')
    en = invoke("--lang", "en", "biuld")
    assert (en.exit_code, en.stderr) == (2, 'Error: no such command "biuld" (did you mean '
                                            '"build"?)\nFor usage, see: qrdir --help\n')
    far = invoke("xyz", lang="en")
    assert far.stderr.startswith('Error: no such command "xyz"; the commands are listed by '
                                 "qrdir --help\n")


def test_unknown_poster_format_is_wrong_usage(tmp_path):
    result = invoke("build", str(REPO / "sites.yaml"), "--posters", "a3",
                    "-o", str(tmp_path / "out"))
    assert result.exit_code == 2
    assert result.stderr == ('Lỗi: --posters: "a3" không hợp lệ; chọn một trong: a4, a5, a6, '
                             "stickers, share\nXem cách dùng: qrdir build --help\n")
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(("args", "vi", "en"), [
    (["serve", "--port", "abc"], '--port: "abc" không hợp lệ; cần một số nguyên từ 0 đến 65535',
     '--port: "abc" is not valid; a whole number from 0 to 65535 is needed'),
    (["check", "--lang", "fr"], '--lang: "fr" không hợp lệ; chọn một trong: vi, en',
     '--lang: "fr" is not valid; choose one of: vi, en'),
    (["check", "a.yaml", "b.yaml"], 'thừa đối số "b.yaml"; lệnh này nhận nhiều nhất một danh bạ '
     "(tên có dấu cách thì đặt trong dấu ngoặc kép)", 'unexpected extra argument "b.yaml"; this '
     "command takes at most one registry (put a name with spaces in quotes)"),
    (["host-config"], "thiếu đối số; chọn một trong: nginx, apache, caddy",
     "an argument is missing; choose one of: nginx, apache, caddy"),
    (["check", "--no-cache"], 'không có tuỳ chọn "--no-cache"', 'no such option "--no-cache"'),
], ids=["number", "choice", "extra-argument", "missing-argument", "option-of-another-command"])
def test_every_usage_error_is_a_sentence_in_both_languages(args, vi, en):
    command = args[0]
    result = invoke(*args)
    assert (result.exit_code, result.stderr) == (
        2, f"Lỗi: {vi}\nXem cách dùng: qrdir {command} --help\n")
    result = invoke(*args, lang="en")
    assert (result.exit_code, result.stderr) == (
        2, f"Error: {en}\nFor usage, see: qrdir {command} --help\n")


def test_an_option_without_its_value_is_wrong_usage_in_both_languages():
    vi = invoke("serve", "--port")
    assert (vi.exit_code, vi.stderr) == (2, 'Lỗi: tuỳ chọn "--port" cần một giá trị ngay sau nó\n')
    en = invoke("serve", "--port", lang="en")
    assert (en.exit_code, en.stderr) == (2, 'Error: option "--port" needs a value right after it\n')


def test_help_is_vietnamese_by_default_and_english_with_lang_en():
    vi = invoke("--help")
    assert vi.exit_code == 0
    assert vi.stdout.startswith("Cách dùng: qrdir [TUỲ-CHỌN] LỆNH [ĐỐI-SỐ]...\n")
    assert "\nTuỳ chọn:\n" in vi.stdout and "\nLệnh:\n" in vi.stdout
    assert "Hiện hướng dẫn này rồi thoát." in vi.stdout
    for lang_args, env in ((["--lang", "en"], ""), ([], "en")):
        en = invoke(*lang_args, "--help", lang=env)
        assert en.stdout.startswith("Usage: qrdir [OPTIONS] COMMAND [ARGS]...\n")
        assert "\nOptions:\n" in en.stdout and "\nCommands:\n" in en.stdout
        assert "Show this message and exit." in en.stdout


def test_the_top_level_help_says_to_start_with_init_and_never_cuts_a_command_line():
    vi, en = invoke("--help").stdout, invoke("--help", lang="en").stdout
    assert ("\n  Bắt đầu bằng qrdir init, ví dụ:\n    qrdir init phuong-an-binh\n"
            "    cd phuong-an-binh\n") in vi
    assert ("\n  Start with qrdir init, for example:\n    qrdir init phuong-an-binh\n"
            "    cd phuong-an-binh\n") in en
    assert "..." not in vi.split("Lệnh:")[1] and "..." not in en.split("Commands:")[1]
    commands = en.split("Commands:\n")[1]
    names = [line.split()[0] for line in commands.splitlines() if line[2] != " "]
    assert names == list(main.commands)
    assert list(main.commands)[:3] == ["init", "check", "build"]
    # the whole first paragraph of each command's help, e.g. build's "…into the output folder."
    assert "codes and posters into the output folder." in " ".join(commands.split())
    assert "tạo trang web, mã QR và áp phích trong thư mục kết quả." in " ".join(
        vi.split("Lệnh:")[1].split())


@pytest.mark.parametrize("command", ["init", "check", "build", "serve", "verify", "host-config",
                                     "import", "export"])
def test_every_command_has_its_help_in_both_languages(command):
    from qrdir.messages import MESSAGES

    code = "help_" + command.replace("-", "_")
    vi, en = invoke(command, "--help"), invoke(command, "--help", lang="en")
    assert vi.exit_code == en.exit_code == 0
    assert vi.stdout.startswith(f"Cách dùng: qrdir {command} [TUỲ-CHỌN]")
    assert en.stdout.startswith(f"Usage: qrdir {command} [OPTIONS]")
    first = MESSAGES[code]
    assert " ".join(first["vi"].split("\n\n")[0].split()) in " ".join(vi.stdout.split())
    assert " ".join(first["en"].split("\n\n")[0].split()) in " ".join(en.stdout.split())
    assert "Ngôn ngữ: vi (mặc định) hoặc en" in vi.stdout
    assert "Language: vi (the default) or en" in en.stdout
    assert "\nOptions:\n" not in vi.stdout and "\nTuỳ chọn:\n" not in en.stdout


@pytest.mark.parametrize("args", [["--lang", "en", "check", "--help"],
                                  ["check", "--lang", "en", "--help"],
                                  ["check", "--help", "--lang", "en"]],
                         ids=["before", "after", "after-help"])
def test_lang_works_before_or_after_the_command_name(args):
    result = invoke(*args)
    assert result.exit_code == 0
    assert result.stdout.startswith("Usage: qrdir check [OPTIONS] [REGISTRY]\n")


def test_lang_before_the_command_reaches_its_messages(tmp_path):
    missing = str(tmp_path / "nope.yaml")
    result = invoke("--lang", "en", "check", missing)
    assert (result.exit_code, result.stderr) == (
        2, f'file "{missing}" not found; check the name and folder\n')


def test_qrdir_alone_shows_its_help():
    result = invoke()
    assert result.exit_code == 0
    assert result.stdout.startswith("Cách dùng: qrdir ")


def test_a_clean_check_says_so_in_one_line_in_both_languages():
    registry = str(REPO / "sites.yaml")
    vi = invoke("check", registry)
    assert (vi.exit_code, vi.stderr) == (
        0, f"{registry}: không có lỗi trong 15 địa điểm; cảnh báo: 0\n")
    en = invoke("check", registry, lang="en")
    assert (en.exit_code, en.stderr) == (0, f"{registry}: no errors; sites: 15, warnings: 0\n")


def test_a_clean_check_counts_its_warnings(tmp_path):
    assert invoke("init", str(tmp_path)).exit_code == 0
    registry = tmp_path / "sites.yaml"
    result = invoke("check", str(registry), lang="en")
    assert result.exit_code == 0
    warning, summary = result.stderr.splitlines()
    assert ": warning: base_url" in warning
    assert summary == f"{registry}: no errors; sites: 2, warnings: 1"


def test_a_clean_check_of_a_province_counts_wards_and_sites(tmp_path):
    from tests.conftest import EXAMPLE_REGISTRY

    province = tmp_path / "tinh"
    province.mkdir()
    text = EXAMPLE_REGISTRY.read_text("utf-8")
    base = re.search(r"\n  base_url: (\S+)\n", text)[1]
    for ward in ("long-hoa", "an-binh"):
        (province / f"{ward}.yaml").write_text(
            text.replace(f"base_url: {base}", f"base_url: {base}{ward}/"), "utf-8")
    result = invoke("check", str(province), "-o", str(tmp_path / "out"), lang="en")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == f"{province}: no errors; wards: 2, sites: 30, warnings: 0\n"


def test_a_failed_build_says_the_previous_output_was_kept(tmp_path):
    registry = tmp_path / "sites.yaml"
    text = (REPO / "sites.yaml").read_text("utf-8")
    registry.write_text(text, "utf-8")
    output = tmp_path / "out"
    bad = text.replace("kind: health_station", "kind: hospital", 1)
    registry.write_text(bad, "utf-8")
    first = invoke("build", str(registry), "-o", str(output), lang="en")
    assert first.exit_code == 1
    assert first.stderr.endswith(f"nothing was built: nothing was written to {output}\n")
    registry.write_text(text, "utf-8")
    assert invoke("build", str(registry), "-o", str(output)).exit_code == 0
    before = {p: p.read_bytes() for p in output.rglob("*") if p.is_file()}
    registry.write_text(bad, "utf-8")
    vi = invoke("build", str(registry), "-o", str(output))
    assert vi.exit_code == 1
    assert vi.stderr.endswith(f"chưa tạo lại được: thư mục {output} vẫn giữ nguyên bản trước, "
                              "không đổi gì\n")
    en = invoke("build", str(registry), "-o", str(output), lang="en")
    assert en.stderr.endswith(f"nothing was rebuilt: the output folder {output} is kept as it "
                              "was, unchanged\n")
    assert {p: p.read_bytes() for p in output.rglob("*") if p.is_file()} == before


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


def test_the_quick_start_build_leaves_the_committed_example_as_it_is(tmp_path, monkeypatch):
    """The README's first command builds the example in a fresh clone: the ledger it writes is
    the one committed, so the clone stays clean and the second command tests what was cloned."""
    for name in ("sites.yaml", "qrdir.lock"):
        shutil.copy(REPO / name, tmp_path / name)
    monkeypatch.chdir(tmp_path)  # the Quick start runs `qrdir build` with its defaults
    assert invoke("build").exit_code == 0
    assert (tmp_path / "output" / "index.html").is_file()
    assert (tmp_path / "qrdir.lock").read_bytes() == (REPO / "qrdir.lock").read_bytes()
