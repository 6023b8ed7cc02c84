"""qrdir verify: decodes every printed code with zxing-cpp and follows it into the output folder."""

from __future__ import annotations

import json
import shlex
import subprocess
import sys

import pytest
from click.testing import CliRunner

from qrdir.build.publish import publish
from qrdir.cli import main
from qrdir.errors import MessageError, UsageError
from qrdir.posters import qr, render
from qrdir.verify import VerifyFailure, check_output, install_command, svg_image, verify_output
from tests.conftest import BASE_URL, make_registry, make_site


@pytest.fixture(scope="module")
def built(request) -> dict[str, bytes]:
    """An output folder's files: pages stand-ins, sites.json, QR images, every poster format."""
    registry = request.getfixturevalue("module_registry")
    files = {f"{site.id}/index.html": b"<!doctype html><title>page</title>\n"
             for site in registry.sites}
    files["index.html"] = b"<!doctype html><title>directory</title>\n"
    files["sites.json"] = json.dumps({
        "version": 1,
        "directory": {"base_url": registry.directory.base_url},
        "sites": [{"id": site.id, "url": site.url} for site in registry.sites],
    }).encode()
    files.update(qr.render_qr_images(qr.site_codes(registry)))
    files.update(render.render_posters(registry, render.POSTER_FORMATS))
    return files


@pytest.fixture(scope="module")
def module_registry():
    return make_registry(
        make_site(),
        make_site("tram-y-te", name="Trạm Y tế phường Long Thành Bắc", kind="health_station"),
    )


@pytest.fixture
def output(tmp_path, built):
    folder = tmp_path / "output"
    publish(built, folder)
    return folder


def messages(failures: list[VerifyFailure]) -> list[tuple]:
    return [(f.file, f.page, f.code, f.args) for f in failures]


def test_a_good_output_passes_with_every_code_counted(output, built):
    report = check_output(output)
    assert report.failures == ()
    printed = [p for p in built if p.startswith(("posters/", "qr/"))]
    assert report.files == len(printed)
    # One code per page and image: 2 sites × (3 single posters + 3 combined pages + 2 images)
    # plus the one sticker sheet holding both.
    assert report.codes == 2 * (3 + 3 + 2) + 2
    assert verify_output(output) == []


def test_a_code_leading_to_a_missing_page_names_every_file_and_page(output):
    (output / "tram-y-te" / "index.html").unlink()
    url = BASE_URL + "tram-y-te/"
    missing = {"url": url, "page": "tram-y-te/index.html"}
    assert messages(verify_output(output)) == [
        ("posters/a5/tram-y-te.pdf", 1, "verify_missing_page", missing),
        ("posters/a6/tram-y-te.pdf", 1, "verify_missing_page", missing),
        ("posters/all-a4.pdf", 2, "verify_missing_page", missing),
        ("posters/all-a5.pdf", 2, "verify_missing_page", missing),
        ("posters/all-a6.pdf", 2, "verify_missing_page", missing),
        ("posters/stickers-a4.pdf", 1, "verify_missing_page", missing),
        ("posters/tram-y-te.pdf", 1, "verify_missing_page", missing),
        ("qr/tram-y-te.png", None, "verify_missing_page", missing),
        ("qr/tram-y-te.svg", None, "verify_missing_page", missing),
    ]


def test_a_corrupted_png_and_a_truncated_pdf_are_unreadable(output):
    (output / "qr" / "ubnd.png").write_bytes(b"\x89PNG\r\n\x1a\n not really")
    pdf = output / "posters" / "all-a5.pdf"
    pdf.write_bytes(pdf.read_bytes()[:400])
    assert messages(verify_output(output)) == [
        ("posters/all-a5.pdf", None, "verify_unreadable", {"kind": "PDF"}),
        ("qr/ubnd.png", None, "verify_unreadable", {"kind": "PNG"}),
    ]


def test_a_blank_image_has_no_code(output):
    (output / "qr" / "ubnd.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 29 29">'
        '<rect width="29" height="29" fill="#fff"/></svg>')
    assert messages(verify_output(output)) == [
        ("qr/ubnd.svg", None, "verify_code_count", {"found": 0, "expected": 1}),
    ]


def test_a_poster_of_another_site_is_caught(output):
    (output / "posters" / "tram-y-te.pdf").write_bytes(
        (output / "posters" / "ubnd.pdf").read_bytes())
    assert messages(verify_output(output)) == [(
        "posters/tram-y-te.pdf", 1, "verify_wrong_site",
        {"url": BASE_URL + "ubnd/", "expected": BASE_URL + "tram-y-te/"},
    )]


def test_codes_under_another_base_url_are_foreign(output):
    data = json.loads((output / "sites.json").read_text())
    data["directory"]["base_url"] = "https://new.example.vn/"
    (output / "sites.json").write_text(json.dumps(data))
    failures = verify_output(output)
    assert {f.code for f in failures} == {"verify_foreign_url"}
    assert len(failures) == 18  # every code in the folder


def test_the_svg_rasteriser_reads_what_qrdir_writes():
    code = qr.qr_code(BASE_URL + "ubnd/")
    image = svg_image(qr.render_svg(code), scale=1)
    assert [image.getpixel((c, r)) == 0 for r in range(code.size) for c in range(code.size)] == \
        [dark for row in code.modules for dark in row]


def test_a_folder_that_is_not_an_output_is_wrong_usage(tmp_path):
    with pytest.raises(UsageError) as caught:
        verify_output(tmp_path)
    assert caught.value.code == "verify_not_output"
    with pytest.raises(UsageError) as caught:
        verify_output(tmp_path / "nowhere")
    assert caught.value.code == "file_missing"


def test_without_the_decoder_verify_says_what_to_install(output, monkeypatch):
    monkeypatch.setitem(sys.modules, "zxingcpp", None)  # import zxingcpp now raises ImportError
    with pytest.raises(MessageError) as caught:
        verify_output(output)
    assert caught.value.code == "verify_needs_extra"
    result = CliRunner().invoke(main, ["verify", "-o", str(output), "--lang", "en"])
    assert result.exit_code == 1
    command = f'{shlex.quote(sys.executable)} -m pip install "qrdir[verify]"'
    assert result.stderr == f"qrdir verify needs the QR decoder; install it with: {command}\n"
    vi = CliRunner().invoke(main, ["verify", "-o", str(output)], env={"QRDIR_LANG": "vi"})
    assert vi.stderr == f"qrdir verify cần bộ giải mã QR; hãy cài: {command}\n"


def test_the_install_command_is_for_the_python_running_qrdir_quoted_for_its_shell():
    assert install_command("posix", "/home/an/.venv/bin/python") == (
        '/home/an/.venv/bin/python -m pip install "qrdir[verify]"')
    assert install_command("posix", "/home/an/my tools/python3") == (
        """'/home/an/my tools/python3' -m pip install "qrdir[verify]\"""")
    assert install_command("nt", r"C:\Program Files\Python311\python.exe") == (
        r'"C:\Program Files\Python311\python.exe" -m pip install "qrdir[verify]"')
    assert install_command("nt", r"C:\Python311\python.exe") == (
        r'C:\Python311\python.exe -m pip install "qrdir[verify]"')
    command = shlex.split(install_command())
    check = subprocess.run([*command[:3], "--version"], capture_output=True, text=True,
                           timeout=60)
    assert check.returncode == 0 and check.stdout.startswith("pip ")  # this Python's own pip


def test_naming_the_output_as_the_registry_says_how_to_write_it(output):
    en = CliRunner().invoke(main, ["verify", str(output), "--lang", "en"])
    assert (en.exit_code, en.stderr) == (
        2, f'"{output}" is an output folder, not a registry; write qrdir verify -o {output}\n')
    vi = CliRunner().invoke(main, ["verify", str(output)], env={"QRDIR_LANG": "vi"})
    assert (vi.exit_code, vi.stderr) == (
        2, f'"{output}" là thư mục kết quả, không phải danh bạ; '
           f"hãy viết qrdir verify -o {output}\n")


# --- the command ------------------------------------------------------------------------------


def test_cli_prints_a_summary_and_exits_0_on_a_good_output(output):
    result = CliRunner().invoke(main, ["verify", "-o", str(output), "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert result.stderr == (
        f"checked 18 QR codes in 14 files: every code leads to a page in {output}\n")


def test_cli_prints_one_line_per_failure_with_file_and_page_and_exits_1(output):
    (output / "ubnd" / "index.html").unlink()
    (output / "qr" / "tram-y-te.png").write_bytes(b"garbage")
    result = CliRunner().invoke(main, ["verify", "-o", str(output)], env={"QRDIR_LANG": "vi"})
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    missing = f"mã QR dẫn tới {BASE_URL}ubnd/ nhưng thư mục không có trang ubnd/index.html"
    assert lines[0] == f"{output}/posters/a5/ubnd.pdf, trang 1: {missing}"
    assert f"{output}/posters/all-a4.pdf, trang 1: {missing}" in lines
    assert f"{output}/qr/ubnd.svg: {missing}" in lines
    assert (f"{output}/qr/tram-y-te.png: không mở được tệp PNG này; "
            "hãy chạy lại qrdir build") in lines
    assert len(lines) == 10


def test_cli_on_a_missing_folder_is_wrong_usage(tmp_path):
    result = CliRunner().invoke(main, ["verify", "-o", str(tmp_path / "nowhere"), "--lang", "en"])
    assert result.exit_code == 2
    assert "not found" in result.stderr


def test_the_directory_poster_share_images_and_print_bundles_pass(tmp_path, built,
                                                                   module_registry):
    """output.md 1.1: every new file holding a code is verified like the posters."""
    registry = module_registry
    extra = {**render.render_directory(registry, ("a4", "share")),
             **render.render_posters(registry, ("share",)),
             **render.render_bundles(registry, {"a4": ["tram-y-te", render.DIRECTORY_ID],
                                                "stickers": ["ubnd", "tram-y-te"]})}
    assert set(extra) == {"posters/directory.pdf", "share/directory.png", "share/ubnd.png",
                          "share/tram-y-te.png", "posters/print-a4.pdf",
                          "posters/print-stickers.pdf"}
    publish({**built, **extra}, tmp_path / "output")
    report = check_output(tmp_path / "output")
    assert report.failures == ()
    # The old 18, the directory's 2, 2 share images, 2 pages of print-a4, 2 stickers.
    assert report.codes == 18 + 2 + 2 + 2 + 2


def test_a_share_image_of_another_site_is_caught(tmp_path, built, module_registry):
    shared = render.render_posters(module_registry, ("share",))
    shared["share/tram-y-te.png"] = shared["share/ubnd.png"]
    publish({**built, **shared}, tmp_path / "output")
    assert messages(verify_output(tmp_path / "output")) == [(
        "share/tram-y-te.png", None, "verify_wrong_site",
        {"url": BASE_URL + "ubnd/", "expected": BASE_URL + "tram-y-te/"},
    )]
