"""``qrdir init`` gives a starter marked as sample data; ``qrdir serve`` previews and rebuilds."""

from __future__ import annotations

import queue
import shutil
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

import pdfplumber
import pytest
from click.testing import CliRunner

from qrdir.cli import main
from qrdir.serve import PreviewServer
from tests.conftest import EXAMPLE_REGISTRY, SERVABLE, modes_under

SAMPLE_WARNING = (
    'warning: base_url "https://phuong-moi.example/" is a name reserved for examples: the site is'
    ' sample data and every poster is marked "MẪU – KHÔNG IN" (sample, do not print); put the'
    " ward's real web address here\n")


def sample_warning(registry) -> str:
    """The warning at the starter's base_url value, ``file:line:col: warning: …``."""
    lines = registry.read_text("utf-8").splitlines()
    (line,) = [n for n, text in enumerate(lines, start=1) if text.startswith("  base_url: ")]
    return f"{registry}:{line}:{len('  base_url: ') + 1}: {SAMPLE_WARNING}"


def test_init_writes_a_starter_that_checks_clean_but_for_its_sample_address(tmp_path):
    runner = CliRunner()
    result = runner.invoke(main, ["init", str(tmp_path / "ward")], env={"QRDIR_LANG": ""})
    assert result.exit_code == 0, result.output
    registry = tmp_path / "ward" / "sites.yaml"
    assert "# tên địa phương" in registry.read_text("utf-8")
    assert "\n  base_url: https://phuong-moi.example/\n" in registry.read_text("utf-8")
    assert (tmp_path / "ward" / "HUONG-DAN.md").is_file()
    checked = runner.invoke(main, ["check", str(registry)], env={"QRDIR_LANG": "en"})
    assert checked.exit_code == 0 and checked.stderr == sample_warning(registry)


def test_a_new_ward_built_before_editing_warns_and_marks_every_poster_as_a_sample(tmp_path):
    runner = CliRunner(env={"QRDIR_LANG": "en"})
    assert runner.invoke(main, ["init", str(tmp_path)]).exit_code == 0
    registry, output = tmp_path / "sites.yaml", tmp_path / "output"
    result = runner.invoke(main, ["build", str(registry), "-o", str(output),
                                  "--posters", "a4,a5,a6,stickers"])
    assert result.exit_code == 0, result.stderr
    assert result.stderr.startswith(sample_warning(registry))
    posters = sorted((output / "posters").rglob("*.pdf"))
    # A4, A5, A6 for each sample site; the combined files; the directory's poster; and the
    # four print bundles of a first build (output.md 1.1): every one marked.
    assert len(posters) == 3 * 2 + 4 + 1 + 4
    for poster in posters:
        with pdfplumber.open(poster) as pdf:
            for page in pdf.pages:
                across = "".join(c["text"] for c in page.chars if abs(c["matrix"][1]) > 0.01)
                assert "MẪU – KHÔNG IN" in across, (poster, page.page_number)
    verified = runner.invoke(main, ["verify", str(output)])  # the codes still scan
    assert verified.exit_code == 0, verified.stderr


def test_init_under_a_private_umask_writes_files_anyone_can_read(tmp_path, private_umask):
    result = CliRunner().invoke(main, ["init", str(tmp_path / "ward")])
    assert result.exit_code == 0, result.stderr
    assert modes_under(tmp_path / "ward") == SERVABLE


def test_init_never_overwrites_a_registry(tmp_path):
    (tmp_path / "sites.yaml").write_text("# mine\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["init", str(tmp_path)], env={"QRDIR_LANG": "en"})
    assert result.exit_code == 2
    assert "already exists" in result.stderr
    assert (tmp_path / "sites.yaml").read_text("utf-8") == "# mine\n"


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def wait_for(condition, timeout: float = 20.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    pytest.fail("timed out")


def test_serve_rebuilds_on_edit_and_shows_errors_in_the_browser(tmp_path):
    registry = tmp_path / "sites.yaml"
    shutil.copy(EXAMPLE_REGISTRY, registry)
    server = PreviewServer(registry, tmp_path / "output", port=0, lang="en")
    server.start()
    try:
        status, body = fetch(server.url + "tram-y-te/")
        assert status == 200 and "Trạm Y tế phường Long Hoa" in body
        original = registry.read_text("utf-8")
        registry.write_text(original.replace("Trạm Y tế phường Long Hoa",
                                             "Trạm Y tế phường Long Hoa mới"), "utf-8")
        wait_for(lambda: "Long Hoa mới" in fetch(server.url + "tram-y-te/")[1])
        registry.write_text(original.replace("kind: health_station", "kind: hospital"), "utf-8")
        status, body = wait_for(lambda: (r := fetch(server.url)) and r[0] == 500 and r)
        assert 'kind &quot;hospital&quot; is not valid' in body
        registry.write_text(original, "utf-8")
        wait_for(lambda: fetch(server.url + "tram-y-te/")[0] == 200)
    finally:
        server.stop()


def lines_of(stream) -> queue.Queue:
    """The lines ``stream`` prints, read by a thread so that a test can wait with a timeout
    ("" at the end); a plain readline() would wait for ever on a process that hangs."""
    lines: queue.Queue = queue.Queue()

    def read() -> None:
        for line in stream:
            lines.put(line)
        lines.put("")

    threading.Thread(target=read, daemon=True).start()
    return lines


def test_serve_command_listens_on_localhost_and_stops_on_ctrl_c(tmp_path):
    shutil.copy(EXAMPLE_REGISTRY, tmp_path / "sites.yaml")
    process = subprocess.Popen(
        [sys.executable, "-m", "qrdir", "serve", "--port", "0", "--lang", "en"],
        cwd=tmp_path, stderr=subprocess.PIPE, text=True, encoding="utf-8")
    try:
        lines, line = lines_of(process.stderr), ""
        while "preview at" not in line:
            try:
                line = lines.get(timeout=20)  # a serve that hangs silently fails, not waits
            except queue.Empty:
                pytest.fail("serve printed no address within 20 s")
            assert line, "serve ended before it was ready"
        url = line.split("preview at ")[1].split()[0]
        assert url.startswith("http://127.0.0.1:")
        assert fetch(url)[0] == 200
    finally:
        process.send_signal(2)
        assert process.wait(timeout=10) in (0, 130)
