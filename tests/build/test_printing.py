"""The print bundles (output.md 1.1 "What to print after a build") and ``qrdir printed``: read
back as a volunteer meets them, every page rendered by pypdfium2 and decoded by zxing-cpp, the
text extracted by pdfplumber."""

from __future__ import annotations

import io
import json
import shutil

import pdfplumber
import pypdfium2
import zxingcpp
from click.testing import CliRunner

from qrdir.cli import main
from qrdir.registry.ledger import LEDGER_VERSION, read_ledger
from tests.conftest import EXAMPLE_LEDGER, EXAMPLE_REGISTRY

BASE = "https://longhoa.example.vn/"


def run(tmp_path, *args: str, lang: str = "en"):
    return CliRunner().invoke(main, [*args, str(tmp_path / "sites.yaml"), "-o",
                                     str(tmp_path / "output")],
                              env={"QRDIR_LANG": lang, "SOURCE_DATE_EPOCH": "1764547200"})


def ward(tmp_path, *, lock: bool = False):
    shutil.copy(EXAMPLE_REGISTRY, tmp_path / "sites.yaml")
    if lock:
        shutil.copy(EXAMPLE_LEDGER, tmp_path / "qrdir.lock")
    return tmp_path / "sites.yaml"


def codes(data: bytes) -> list[list[str]]:
    """The codes of each page of a PDF, decoded at 150 dpi."""
    pages = []
    for page in pypdfium2.PdfDocument(data):
        image = page.render(scale=150 / 72, grayscale=True).to_pil()
        found = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)
        pages.append([barcode.text for barcode in found])
    return pages


def edit(registry, old: str, new: str) -> None:
    text = registry.read_text("utf-8")
    assert old in text
    registry.write_text(text.replace(old, new, 1), "utf-8")


def site_ids(output) -> list[str]:
    return [site["id"] for site in json.loads((output / "sites.json").read_text())["sites"]]


def test_a_first_build_gathers_every_poster_and_the_directorys_into_one_file_per_format(
        tmp_path):
    ward(tmp_path)
    assert run(tmp_path, "build", "--posters", "a4,a5,stickers").exit_code == 0
    posters = tmp_path / "output" / "posters"
    urls = [f"{BASE}{site_id}/" for site_id in site_ids(tmp_path / "output")]
    assert len(urls) == 15
    assert codes((posters / "print-a4.pdf").read_bytes()) == [[url] for url in [*urls, BASE]]
    assert codes((posters / "print-a5.pdf").read_bytes()) == [[url] for url in urls]
    sheets = codes((posters / "print-stickers.pdf").read_bytes())
    assert sorted(url for sheet in sheets for url in sheet) == sorted(urls)


def test_the_bundle_survives_rebuilds_until_printed_and_holds_only_what_changed(tmp_path):
    registry = ward(tmp_path)
    bundle = tmp_path / "output" / "posters" / "print-a4.pdf"
    assert run(tmp_path, "build").exit_code == 0
    done = run(tmp_path, "printed")
    assert done.exit_code == 0, done.output
    assert done.stderr == ("recorded in qrdir.lock: posters/print-a4.pdf was printed "
                           "(16 posters); the file is removed from the output folder\n")
    assert not bundle.exists()
    assert run(tmp_path, "build").exit_code == 0
    assert not bundle.exists()  # nothing new since it was printed

    edit(registry, "name: Trạm Y tế phường Long Hoa", "name: Trạm Y tế phường Long Hoa mới")
    edit(registry, "phone: 0913 456 789", "phone: 0913 999 999")  # a contact: the page only
    assert run(tmp_path, "build").exit_code == 0
    first = bundle.read_bytes()
    for _ in range(2):  # two more rebuilds, one after a page-only edit: the bundle stays
        assert run(tmp_path, "build").exit_code == 0
        assert bundle.read_bytes() == first
    edit(registry, "phone: 0913 999 999", "phone: 0913 888 888")
    assert run(tmp_path, "build").exit_code == 0
    assert bundle.read_bytes() == first
    assert codes(first) == [[f"{BASE}tram-y-te/"]]
    with pdfplumber.open(io.BytesIO(first)) as pdf:
        assert "Trạm Y tế phường Long Hoa mới" in " ".join(pdf.pages[0].extract_text().split())

    done = run(tmp_path, "printed", lang="vi")
    assert done.stderr == ("đã ghi vào qrdir.lock: posters/print-a4.pdf đã được in (1 áp phích); "
                           "đã xoá tệp này khỏi thư mục output\n")
    assert not bundle.exists()
    assert run(tmp_path, "build").exit_code == 0
    assert not bundle.exists()
    again = run(tmp_path, "printed", lang="vi")
    assert again.exit_code == 0
    assert again.stderr.startswith("không có áp phích nào chờ in trong ")


def test_a_rebuild_gives_the_same_bytes_bundles_included(tmp_path):
    ward(tmp_path)
    assert run(tmp_path, "build", "--posters", "a4,a5").exit_code == 0
    before = {p.name: p.read_bytes() for p in (tmp_path / "output/posters").glob("print-*")}
    shutil.rmtree(tmp_path / "output")
    assert run(tmp_path, "build", "--posters", "a4,a5", "--no-cache").exit_code == 0
    after = {p.name: p.read_bytes() for p in (tmp_path / "output/posters").glob("print-*")}
    assert before == after and set(before) == {"print-a4.pdf", "print-a5.pdf"}


def test_printed_after_an_edit_of_printed_text_refuses_and_records_nothing(tmp_path):
    registry = ward(tmp_path)
    assert run(tmp_path, "build").exit_code == 0
    lock = (tmp_path / "qrdir.lock").read_bytes()
    edit(registry, "name: Trạm Y tế phường Long Hoa", "name: Trạm Y tế Long Hoa")
    result = run(tmp_path, "printed")
    assert result.exit_code == 1
    assert result.stderr == (
        f"the printed text in {registry} changed since the last build, so the print files are "
        "out of date: run qrdir build, print the posters/print-…pdf files again, then run "
        "qrdir printed\n")
    assert (tmp_path / "qrdir.lock").read_bytes() == lock
    assert (tmp_path / "output/posters/print-a4.pdf").is_file()


def test_printed_before_any_build_says_what_to_do(tmp_path):
    registry = ward(tmp_path)
    result = run(tmp_path, "printed", lang="vi")
    assert result.exit_code == 1
    assert result.stderr == (f"chưa tạo lần nào từ {registry}: chạy qrdir build, in các tệp "
                             "posters/print-…pdf, rồi mới chạy qrdir printed\n")


def test_a_ledger_from_before_print_bundles_counts_its_posters_as_printed(tmp_path):
    """Only the directory's poster, new in output.md 1.1, waits after an upgrade."""
    ward(tmp_path, lock=True)
    assert "printed" not in json.loads((tmp_path / "qrdir.lock").read_text("utf-8"))
    assert run(tmp_path, "build").exit_code == 0
    assert codes((tmp_path / "output/posters/print-a4.pdf").read_bytes()) == [[BASE]]
    data = json.loads((tmp_path / "qrdir.lock").read_text("utf-8"))
    assert data["version"] == LEDGER_VERSION == 2  # readable by the previous reader
    assert data["directory_printed"] is None
    ledger = read_ledger(tmp_path / "qrdir.lock")
    assert all(by == {"a4": ledger.changed[site_id].poster.digest}
               for site_id, by in ledger.printed.items())
