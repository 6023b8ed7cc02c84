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
    assert "tram-y-te: Phone: 0276 3842 115 → 0276 3842 116" in lines
    assert ('tram-y-te: Name of Trạm trưởng: "BS. Lâm Thị Kim Loan" → "BS. Lâm Thị Kim Hoa"'
            in lines)
    assert ("posters whose printed text changed, to print again: posters/tram-y-te.pdf"
            in lines)
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


def test_editing_a_former_name_advises_reprinting_that_poster(tmp_path):
    registry = tmp_path / "sites.yaml"
    shutil.copy(EXAMPLE_REGISTRY, registry)
    build(tmp_path)
    text = registry.read_text("utf-8")
    assert "      - Trạm Y tế phường Long Thành Bắc\n" in text
    registry.write_text(text.replace("      - Trạm Y tế phường Long Thành Bắc\n",
                                     "      - Trạm Y tế xã Long Thành Bắc\n"), "utf-8")
    lines = build(tmp_path).stderr.splitlines()
    assert ("posters whose printed text changed, to print again: posters/tram-y-te.pdf"
            in lines)


def test_a_plain_build_after_more_formats_says_which_posters_it_removed(tmp_path):
    shutil.copy(EXAMPLE_REGISTRY, tmp_path / "sites.yaml")
    assert build(tmp_path, "--posters", "a4,a5,stickers").exit_code == 0
    plain = build(tmp_path)
    assert plain.exit_code == 0
    assert ("posters no longer made, so removed from the output folder: posters/a5/…, "
            "posters/all-a5.pdf, posters/stickers-a4.pdf; to keep them, list the formats you "
            "print in directory, e.g. posters: [a4, a5, a6, stickers]") in plain.stderr.splitlines()
    assert "no page changed" in plain.stderr.splitlines()
    assert not (tmp_path / "output/posters/a5").exists()


def test_the_formats_the_registry_lists_are_kept_by_a_plain_build(tmp_path):
    registry = tmp_path / "sites.yaml"
    text = EXAMPLE_REGISTRY.read_text("utf-8")
    registry.write_text(text.replace("  language: vi\n", "  language: vi\n  posters: [a4, a5]\n"),
                        "utf-8")
    assert build(tmp_path).exit_code == 0
    assert (tmp_path / "output/posters/a5/ubnd.pdf").is_file()
    again = build(tmp_path)
    assert "posters no longer made" not in again.stderr
    assert (tmp_path / "output/posters/all-a5.pdf").is_file()
    only_a4 = build(tmp_path, "--posters", "a4")  # the option still wins for one build
    assert "posters/a5/…" in only_a4.stderr


def test_retiring_an_id_says_to_print_the_server_configuration_again(tmp_path):
    registry = tmp_path / "sites.yaml"
    shutil.copy(EXAMPLE_REGISTRY, registry)
    build(tmp_path)
    text = registry.read_text("utf-8")
    start = text.index("  - id: nha-van-hoa")
    end = text.index("  - id:", start + 1)
    registry.write_text(text[:start] + text[end:] + "  - {id: nha-van-hoa, moved_to: ubnd}\n",
                        "utf-8")
    lines = build(tmp_path).stderr.splitlines()
    assert ("the redirects changed: if the server runs nginx or Caddy, print its configuration "
            "again (qrdir host-config nginx or caddy) and reload it; Apache, Netlify and "
            "Cloudflare Pages use the new files in the output as they are") in lines
    assert "the redirects changed" not in build(tmp_path).stderr  # nothing changed since


def vi(tmp_path, *extra: str):
    return CliRunner().invoke(main, ["build", str(tmp_path / "sites.yaml"), "-o",
                                     str(tmp_path / "output"), *extra], env={"QRDIR_LANG": "vi"})


NEW_SITE = """  - id: kp-moi
    name: Văn phòng khu phố Mới
    kind: quarter_office
    address: Khu phố Mới, phường Long Hoa
    location: 11.30, 106.13
    phone: 0913 222 333

"""


def test_the_report_says_what_to_print_in_words_and_files_in_both_languages(tmp_path):
    """output.md 1.1: new posters and changed printed text as file paths, fields in words."""
    registry = tmp_path / "sites.yaml"
    shutil.copy(EXAMPLE_REGISTRY, registry)
    assert vi(tmp_path, "--posters", "a4,a5").exit_code == 0
    CliRunner().invoke(main, ["printed", str(registry), "-o", str(tmp_path / "output")])
    text = registry.read_text("utf-8")
    text = text.replace("phone: 0913 456 789", "phone: 0913 999 999")
    text = text.replace("name: Trạm Y tế phường Long Hoa\n",
                        "name: Trạm Y tế phường Long Hoa (cơ sở 1)\n")
    registry.write_text(text.replace("\nsites:\n", "\nsites:\n" + NEW_SITE), "utf-8")
    lines = vi(tmp_path, "--posters", "a4,a5").stderr.splitlines()
    assert lines[:-1] == [
        "thêm mới: kp-moi",
        "ubnd: Số điện thoại của Chủ tịch UBND phường: 0913 456 789 → 0913 999 999",
        'tram-y-te: Tên: "Trạm Y tế phường Long Hoa" → "Trạm Y tế phường Long Hoa (cơ sở 1)"',
        "áp phích mới cần in: posters/kp-moi.pdf, posters/a5/kp-moi.pdf",
        "áp phích có chữ in đã đổi, cần in lại: posters/tram-y-te.pdf, "
        "posters/a5/tram-y-te.pdf",
        "tệp cần in: posters/print-a4.pdf (2 áp phích), posters/print-a5.pdf (2 áp phích); "
        "in xong, chạy: qrdir printed",
        "mã QR cần in lại: không có",
    ]
    again = build(tmp_path, "--posters", "a4,a5").stderr.splitlines()
    assert again[:-1] == [
        "no page changed",
        "to print: posters/print-a4.pdf (2 posters), posters/print-a5.pdf (2 posters); "
        "once printed, run: qrdir printed",
        "QR codes that need reprinting: none",
    ]
