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
from pathlib import Path

import pdfplumber
import pytest
from click.testing import CliRunner

from qrdir.cli import main
from qrdir.serve import PreviewServer
from tests.build.test_publish import ctrl_c_as_at_a_terminal
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
    assert (tmp_path / "ward" / "HUONG-DAN.html").is_file()
    checked = runner.invoke(main, ["check", str(registry)], env={"QRDIR_LANG": "en"})
    assert checked.exit_code == 0
    assert checked.stderr == (sample_warning(registry)
                              + f"{registry}: no errors; sites: 2, warnings: 1\n")


def test_the_folder_init_made_names_its_registry_for_check_and_build(tmp_path):
    """``qrdir check phuong-an-binh`` right after ``qrdir init phuong-an-binh`` checks that
    ward's sites.yaml, not a province of one ward called "sites"."""
    runner = CliRunner()
    assert runner.invoke(main, ["init", str(tmp_path / "ward")]).exit_code == 0
    registry = tmp_path / "ward" / "sites.yaml"
    checked = runner.invoke(main, ["check", str(tmp_path / "ward")], env={"QRDIR_LANG": "en"})
    assert (checked.exit_code, checked.stderr) == (
        0, sample_warning(registry) + f"{registry}: no errors; sites: 2, warnings: 1\n")
    built = runner.invoke(main, ["build", str(tmp_path / "ward"), "-o", str(tmp_path / "out")])
    assert built.exit_code == 0, built.stderr
    assert (tmp_path / "out" / "index.html").is_file()
    assert (tmp_path / "ward" / "qrdir.lock").is_file()
    assert not (tmp_path / "out" / "sites").exists()


def test_init_prints_the_next_steps_as_commands_to_copy_in_both_languages(tmp_path):
    folder = tmp_path / "phuong-an-binh"
    vi = CliRunner().invoke(main, ["init", str(folder)], env={"QRDIR_LANG": ""})
    assert vi.exit_code == 0
    assert vi.stderr == (
        f"đã tạo {folder}/sites.yaml, {folder}/HUONG-DAN.html\n"
        "Các bước tiếp theo, chép từng lệnh vào cửa sổ dòng lệnh:\n"
        f"  cd {folder}\n"
        "  # sửa sites.yaml cho đúng địa phương, rồi:\n"
        "  qrdir check\n  qrdir serve\n  qrdir build\n"
        "Hướng dẫn đầy đủ: mở HUONG-DAN.html trong trình duyệt.\n")
    en = CliRunner().invoke(main, ["init", str(tmp_path / "ward two"), "--lang", "en"])
    assert en.exit_code == 0
    lines = en.stderr.splitlines()
    assert lines[1:] == ["Next steps, one command at a time in the terminal:",
                         f"  cd '{tmp_path}/ward two'",
                         "  # edit sites.yaml for your ward, then:",
                         "  qrdir check", "  qrdir serve", "  qrdir build",
                         "The full guide: open HUONG-DAN.html in a web browser."]


def test_init_in_the_current_folder_needs_no_cd(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["init"], env={"QRDIR_LANG": "en"})
    assert result.exit_code == 0
    assert "  cd " not in result.stderr and "  qrdir check\n" in result.stderr


def test_the_cd_line_quotes_a_folder_for_the_platform_s_shell():
    from qrdir.cli import shell_quote

    assert shell_quote("phường an bình", "posix") == "'phường an bình'"
    assert shell_quote("phuong-an-binh", "posix") == "phuong-an-binh"
    assert shell_quote(r"C:\Users\An\phuong an binh", "nt") == r'"C:\Users\An\phuong an binh"'
    assert shell_quote("phuong-an-binh", "nt") == "phuong-an-binh"


def test_the_guide_is_one_self_contained_page_covering_the_whole_loop(tmp_path):
    from bs4 import BeautifulSoup

    assert CliRunner().invoke(main, ["init", str(tmp_path)]).exit_code == 0
    soup = BeautifulSoup((tmp_path / "HUONG-DAN.html").read_bytes(), "html5lib")
    assert soup.html["lang"] == "vi"
    assert soup.find("meta", attrs={"name": "viewport"}) is not None
    headings = [h2.get_text(" ", strip=True) for h2 in soup.find_all("h2")]
    assert headings == ["1. Sửa danh bạ", "2. Kiểm tra", "3. Xem thử",
                        "4. Tạo trang web và áp phích", "5. In áp phích", "6. Đăng lên mạng",
                        "7. Khi thông tin thay đổi"]
    sections = {section["id"]: section.get_text(" ", strip=True)
                for section in soup.find_all("section")}
    assert [link["href"] for link in soup.nav.find_all("a")] == [f"#{i}" for i in sections]
    assert "qrdir check" in sections["kiem-tra"]
    assert "qrdir build" in sections["tao"] and "qrdir verify" in sections["tao"]
    assert "qrdir serve --host 0.0.0.0" in sections["xem-thu"]
    assert "output/posters/" in sections["in"]
    assert "qrdir deploy" in sections["dang"] and "qrdir host-config nginx" in sections["dang"]
    kinds = [row.find_all("td") for row in soup.find(id="sua-danh-ba").find_all("tr")[1:]]
    assert [cells[0].get_text() for cells in kinds][:2] == ["ward_office", "one_stop"]
    assert "@media print" in soup.style.string
    # self-contained: no stylesheet, script, image, font or frame from anywhere
    assert soup.find_all(["script", "link", "img", "iframe", "object", "embed"]) == []
    for tag in soup.find_all(True):
        for attribute in ("src", "href", "srcset", "action"):
            assert not tag.get(attribute, "#").startswith(("http:", "https:", "//")), tag
    assert "url(" not in soup.style.string and "@import" not in soup.style.string


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
    verified = runner.invoke(main, ["verify", "-o", str(output)])  # the codes still scan
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


class Serving:
    """``qrdir serve`` run as a user runs it, in its own process; every read has a timeout."""

    def __init__(self, cwd, *args: str):
        self.process = subprocess.Popen(
            [sys.executable, "-m", "qrdir", "serve", *args, "--port", "0", "--lang", "en"],
            cwd=cwd, stderr=subprocess.PIPE, text=True, encoding="utf-8",
            preexec_fn=ctrl_c_as_at_a_terminal)
        self.lines = lines_of(self.process.stderr)
        self.url = self.wait_for_line("preview at ").split("preview at ")[1].split()[0]

    def wait_for_line(self, text: str) -> str:
        line = ""
        while text not in line:
            try:
                line = self.lines.get(timeout=20)  # a serve that hangs silently fails, not waits
            except queue.Empty:
                pytest.fail(f"serve printed no {text!r} within 20 s")
            assert line, f"serve ended before it printed {text!r}"
        return line

    def stop(self) -> int:
        self.process.send_signal(2)
        try:
            return self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            raise


def test_serve_command_listens_on_localhost_and_stops_on_ctrl_c(tmp_path):
    shutil.copy(EXAMPLE_REGISTRY, tmp_path / "sites.yaml")
    serving = Serving(tmp_path)
    try:
        assert serving.url.startswith("http://127.0.0.1:")
        assert fetch(serving.url)[0] == 200
    finally:
        assert serving.stop() in (0, 130)


def test_serve_takes_the_registry_as_argument_and_the_output_as_o(tmp_path):
    registry = tmp_path / "ward" / "phuong.yaml"
    registry.parent.mkdir()
    shutil.copy(EXAMPLE_REGISTRY, registry)
    serving = Serving(tmp_path, str(registry), "-o", "site")
    try:
        status, body = fetch(serving.url + "tram-y-te/")
        assert status == 200 and "Trạm Y tế phường Long Hoa" in body
        assert (tmp_path / "site" / "tram-y-te" / "index.html").is_file()
    finally:
        serving.stop()


def test_serve_reloads_the_open_page_after_a_rebuild_and_leaves_the_built_files_alone(tmp_path):
    from bs4 import BeautifulSoup

    from qrdir.serve import RELOAD_HASH, RELOAD_SCRIPT, VERSION_PATH

    registry = tmp_path / "sites.yaml"
    shutil.copy(EXAMPLE_REGISTRY, registry)
    serving = Serving(tmp_path)
    try:
        version = fetch(serving.url + VERSION_PATH.lstrip("/"))
        assert version[0] == 200 and version[1].isdigit()
        status, body = fetch(serving.url + "tram-y-te/")
        page = BeautifulSoup(body, "html5lib")
        (script,) = page.find_all("script", attrs={"data-version": True})
        assert script.string == RELOAD_SCRIPT and script["data-version"] == version[1]
        csp = page.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
        on_disk = (tmp_path / "output" / "tram-y-te" / "index.html").read_bytes()
        built = BeautifulSoup(on_disk, "html5lib").find(
            "meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
        assert "script-src 'sha256-" in built  # the page's own script, allowed by its hash
        assert csp.split("; ") == [d + f" {RELOAD_HASH}" if d.startswith("script-src ") else d
                                   for d in built.split("; ")]
        assert RELOAD_SCRIPT.encode() not in on_disk and b"data-version" not in on_disk
        assert b"__qrdir__" not in b"".join(
            p.read_bytes() for p in (tmp_path / "output").rglob("*") if p.is_file())

        registry.write_text(registry.read_text("utf-8").replace(
            "Trạm Y tế phường Long Hoa", "Trạm Y tế phường Long Hoa mới"), "utf-8")
        serving.wait_for_line("rebuilt: 15 sites")
        newer = fetch(serving.url + VERSION_PATH.lstrip("/"))[1]
        assert int(newer) > int(version[1])
        status, body = fetch(serving.url + "tram-y-te/")
        assert status == 200 and "Long Hoa mới" in body
        assert f'data-version="{newer}"' in body
        assert (fetch(serving.url + "sites.json")[1]
                == (tmp_path / "output" / "sites.json").read_text("utf-8"))  # not a page
    finally:
        serving.stop()


def test_serve_for_a_phone_prints_this_computer_s_network_addresses(tmp_path):
    shutil.copy(EXAMPLE_REGISTRY, tmp_path / "sites.yaml")
    serving = Serving(tmp_path, "--host", "0.0.0.0")
    try:
        assert serving.url.startswith("http://127.0.0.1:")
        port = serving.url.rsplit(":", 1)[1].rstrip("/")
        line = serving.wait_for_line("on a phone")
        if "on a phone on the same Wi-Fi, open: " in line:
            urls = line.split("open: ")[1].split()
            assert urls and all(u.startswith("http://") and u.endswith(f":{port}/") for u in urls)
            assert fetch(urls[0])[0] == 200  # this computer answers on that address too
        else:
            assert line == ("this computer's address on the Wi-Fi was not found; on a phone, open "
                            f"http://THIS-COMPUTER'S-IP:{port}/\n")
    finally:
        serving.stop()


def test_serve_phone_lines_in_both_languages():
    from qrdir.messages import message

    assert message("serve_phone", "vi", urls="http://192.168.1.5:8000/") == (
        "trên điện thoại cùng mạng Wi-Fi, mở: http://192.168.1.5:8000/")
    assert message("serve_phone", "en", urls="http://192.168.1.5:8000/") == (
        "on a phone on the same Wi-Fi, open: http://192.168.1.5:8000/")


@pytest.mark.parametrize(("lang", "expected"), [
    ("vi", "không mở được 127.0.0.1:{port} ("),
    ("en", "cannot listen on 127.0.0.1:{port} ("),
])
def test_serve_on_a_busy_port_is_wrong_usage_in_both_languages(tmp_path, lang, expected):
    import socket

    shutil.copy(EXAMPLE_REGISTRY, tmp_path / "sites.yaml")
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = CliRunner().invoke(main, ["serve", str(tmp_path / "sites.yaml"), "-o",
                                           str(tmp_path / "out"), "--port", str(port)],
                                    env={"QRDIR_LANG": lang})
    assert result.exit_code == 2
    assert result.stderr.startswith(expected.format(port=port))
    assert result.stderr.endswith("--host 127.0.0.1\n")


def test_serve_refuses_a_folder_in_both_languages(tmp_path):
    vi = CliRunner().invoke(main, ["serve", str(tmp_path)], env={"QRDIR_LANG": "vi"})
    assert (vi.exit_code, vi.stderr) == (
        2, f'"{tmp_path}" là một thư mục; qrdir serve xem thử một danh bạ, ví dụ qrdir serve '
           f"{tmp_path}/sites.yaml\n")
    en = CliRunner().invoke(main, ["serve", str(tmp_path)], env={"QRDIR_LANG": "en"})
    assert (en.exit_code, en.stderr) == (
        2, f'"{tmp_path}" is a folder; qrdir serve previews one registry, for example qrdir serve '
           f"{tmp_path}/sites.yaml\n")


@pytest.mark.browser
@pytest.mark.skipif(not Path("/usr/bin/chromium").exists(), reason="no /usr/bin/chromium")
def test_the_open_page_reloads_itself_after_the_registry_changes(tmp_path):
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    def shows(page, text: str) -> bool:
        try:
            return text in page.content()
        except PlaywrightError:  # asked in the middle of the reload: not yet
            return False

    registry = tmp_path / "sites.yaml"
    shutil.copy(EXAMPLE_REGISTRY, registry)
    serving = Serving(tmp_path)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path="/usr/bin/chromium",
                args=["--no-sandbox", "--disable-gpu", "--no-first-run"])
            try:
                page = browser.new_page()
                refused = []
                page.on("console", lambda m: refused.append(m.text) if m.type == "error" else None)
                page.goto(serving.url + "tram-y-te/")
                assert "Long Hoa mới" not in page.content()
                registry.write_text(registry.read_text("utf-8").replace(
                    "Trạm Y tế phường Long Hoa", "Trạm Y tế phường Long Hoa mới"), "utf-8")
                # polled from here: the page's policy refuses a string of script (eval)
                wait_for(lambda: shows(page, "Long Hoa mới"), timeout=40)
                assert not [text for text in refused if "Content Security Policy" in text]
            finally:
                browser.close()
    finally:
        serving.stop()
