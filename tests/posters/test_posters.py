"""Posters read back the way a print shop and a resident meet them.

Codes are decoded by zxing-cpp from pypdfium2 renders and from simulated phone photos; the
module rectangles are read out of the PDF with pdfplumber and compared with the qrcode matrix;
the text is extracted and compared after NFC; boxes, fonts and print rules are checked on the
PDF itself.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import io
import unicodedata

import pdfplumber
import pypdfium2
import pytest
import qrcode
import zxingcpp
from hypothesis import given, settings
from hypothesis import strategies as st
from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import resolve1
from reportlab.lib.units import mm

from qrdir import labels
from qrdir.errors import BuildError
from qrdir.messages import format_problem
from qrdir.posters.fonts import BOLD, missing_chars, text_width
from qrdir.posters.formats import (
    FORMATS,
    STICKER,
    STICKER_COLUMNS,
    STICKER_ROWS,
    STICKER_SHEET_MARGIN,
)
from qrdir.posters.render import POSTER_FORMATS, STICKERS_PER_SHEET, render_posters
from qrdir.posters.text_fit import TextStyle, fit, words
from qrdir.registry.model import KIND_LABELS, Contact, Hotline
from qrdir.registry.phones import parse_phone
from tests.conftest import example_registry, make_registry, make_site
from tests.photo import Shot, photograph

COMBINED = {
    "a4": "posters/all-a4.pdf",
    "a5": "posters/all-a5.pdf",
    "a6": "posters/all-a6.pdf",
    "stickers": "posters/stickers-a4.pdf",
}
LONG_NAME = (
    "Trung tâm Văn hoá, Thể thao và Học tập cộng đồng khu phố Long Trung, phường Long Thành Bắc"
)


# --- fixtures: every format rendered once per module ------------------------------------------


@pytest.fixture(scope="module")
def example():
    return example_registry()


@pytest.fixture(scope="module")
def example_files(example):
    return render_posters(example, POSTER_FORMATS)


@pytest.fixture(scope="module")
def crowded():
    """The hardest text a poster meets: a 90-character name, 8 contacts, 8 hotlines."""
    contacts = tuple(
        Contact(f"Phó Trưởng ban {n}", f"Nguyễn Thị Thuỳ Dương {n}", parse_phone(f"091345678{n}"))
        for n in range(8)
    )
    hotlines = tuple(
        Hotline(label, parse_phone(number)) for label, number in (
            ("Công an", "113"), ("Cứu hoả", "114"), ("Cấp cứu", "115"),
            ("Tổng đài dịch vụ công", "1900 1096"), ("Bảo vệ trẻ em", "111"),
            ("Đường dây nóng UBND", "0276 3841 234"), ("Điện lực", "1900 1006"),
            ("Cấp nước", "0276 3822 222"),
        )
    )
    assert len(LONG_NAME) == 90
    return make_registry(
        make_site("van-hoa", name=LONG_NAME, kind="culture", contacts=contacts, line=20,
                  formerly=("Nhà văn hoá ấp Long Trung", "Trung tâm học tập cộng đồng xã")),
        make_site("ubnd", line=5),
        hotlines=hotlines,
        formerly=("Phường Long Thành Bắc, thị xã Hoà Thành", "Xã Long Thành Nam"),
        publisher="Ban Chấp hành Đoàn Thanh niên Cộng sản Hồ Chí Minh phường Long Thành Bắc",
    )


@pytest.fixture(scope="module")
def crowded_files(crowded):
    return render_posters(crowded, POSTER_FORMATS)


@pytest.fixture(scope="module")
def open_pdf():
    """Open a PDF with pdfplumber once per module: pages keep their parsed objects."""
    opened: dict[bytes, pdfplumber.PDF] = {}

    def open_(data: bytes):
        key = hashlib.sha256(data).digest()
        if key not in opened:
            opened[key] = pdfplumber.open(io.BytesIO(data))
        return contextlib.nullcontext(opened[key])

    yield open_
    for pdf in opened.values():
        pdf.close()


@pytest.fixture(scope="module", params=["example", "crowded"])
def rendered(request):
    """(registry, files) for both registries."""
    return (request.getfixturevalue(request.param),
            request.getfixturevalue(f"{request.param}_files"))


# --- helpers ----------------------------------------------------------------------------------


def page_sites(registry, fmt: str) -> list[list[str]]:
    """The site URLs expected on each page of a format's combined PDF, in order."""
    urls = [site.url for site in registry.sites]
    per_page = STICKERS_PER_SHEET if fmt == "stickers" else 1
    return [urls[i : i + per_page] for i in range(0, len(urls), per_page)]


def decode(image) -> list[str]:
    return sorted(b.text for b in zxingcpp.read_barcodes(
        image, formats=zxingcpp.BarcodeFormat.QRCode))


def rendered_pages(pdf: bytes, dpi: int = 150) -> list:
    return [page.render(scale=dpi / 72, grayscale=True).to_pil()
            for page in pypdfium2.PdfDocument(pdf)]


def reference_symbol(url: str) -> list[list[bool]]:
    """The qrcode package's own matrix of ``url`` at level Q, without its quiet zone."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_Q, border=0)
    code.add_data(url.encode("utf-8"))
    code.make(fit=True)
    return [[bool(cell) for cell in row] for row in code.get_matrix()]


def sticker_cells() -> list[tuple[float, float, float, float]]:
    width, height = STICKER.page
    return [
        (STICKER_SHEET_MARGIN + col * width, STICKER_SHEET_MARGIN + row * height,
         STICKER_SHEET_MARGIN + (col + 1) * width, STICKER_SHEET_MARGIN + (row + 1) * height)
        for row in range(STICKER_ROWS) for col in range(STICKER_COLUMNS)
    ]


def symbol_grid(area) -> tuple[list[list[bool]], float, tuple[float, float, float, float]]:
    """Rebuild the module grid from the black filled rectangles in ``area`` (pdfplumber).

    Each rectangle must be whole modules: one module tall, an integer number wide, on the grid.
    """
    rects = [r for r in area.rects if r["fill"] and not r["stroke"]
             and r["non_stroking_color"] in (0, (0,), [0], 0.0)]
    module = min(r["height"] for r in rects)
    left, top = min(r["x0"] for r in rects), min(r["top"] for r in rects)
    right, bottom = max(r["x1"] for r in rects), max(r["bottom"] for r in rects)
    size = round((right - left) / module)
    assert round((bottom - top) / module) == size
    grid = [[False] * size for _ in range(size)]
    for r in rects:
        row, col, length = ((r["top"] - top) / module, (r["x0"] - left) / module,
                            r["width"] / module)
        for value in (row, col, length, r["height"] / module):
            assert abs(value - round(value)) < 0.01, "a rectangle off the module grid"
        assert round(r["height"] / module) == 1
        for c in range(round(col), round(col) + round(length)):
            assert not grid[round(row)][c], "overlapping rectangles"
            grid[round(row)][c] = True
    return grid, module, (left, top, right, bottom)


def areas(page, fmt: str) -> list:
    """Each code's area on a page: the page, or each sticker on a sheet that holds one."""
    if fmt != "stickers":
        return [page]
    return [page.within_bbox(cell) for cell in sticker_cells() if page.within_bbox(cell).rects]


def size(char) -> float:
    """A character's size in points (pdfminer's differs in the last bits from line to line)."""
    return round(char["size"], 2)


def plain(text: str) -> str:
    return " ".join(text.split())


# --- the files --------------------------------------------------------------------------------


def test_each_format_writes_its_files(example, example_files):
    ids = [site.id for site in example.sites]
    expected = {f"posters/{i}.pdf" for i in ids} | {f"posters/a5/{i}.pdf" for i in ids}
    expected |= {f"posters/a6/{i}.pdf" for i in ids} | set(COMBINED.values())
    assert set(example_files) == expected
    assert set(render_posters(example)) == {f"posters/{i}.pdf" for i in ids} | {COMBINED["a4"]}
    assert set(render_posters(example, ("stickers",))) == {COMBINED["stickers"]}


def test_an_unknown_format_is_a_programming_error(example):
    with pytest.raises(ValueError, match="a3"):
        render_posters(example, ("a3",))


def test_each_poster_is_one_page_and_combined_files_keep_registry_order(example, example_files):
    for site in example.sites:
        for path in (f"posters/{site.id}.pdf", f"posters/a5/{site.id}.pdf"):
            assert len(pypdfium2.PdfDocument(example_files[path])) == 1
    for fmt, path in COMBINED.items():
        assert len(pypdfium2.PdfDocument(example_files[path])) == len(page_sites(example, fmt))


# --- decoding ---------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", POSTER_FORMATS)
def test_every_page_decodes_at_150_dpi_to_exactly_its_sites(rendered, fmt):
    registry, files = rendered
    pages = rendered_pages(files[COMBINED[fmt]])
    assert [decode(image) for image in pages] == [sorted(u) for u in page_sites(registry, fmt)]


def test_every_single_site_poster_decodes_to_its_own_url(example, example_files):
    for site in example.sites:
        for folder in ("posters/", "posters/a5/", "posters/a6/"):
            (image,) = rendered_pages(example_files[f"{folder}{site.id}.pdf"], dpi=100)
            assert decode(image) == [site.url], folder + site.id


# How far each format is scanned from: a wall poster from a step away, a notice-board A5
# from arm's length, a table card across a counter, a sticker from a hand's width. The whole
# sticker sheet is photographed at once, which is harder than one sticker.
PHOTO_SHOTS = {
    "a4": Shot(distance_m=1.0),
    "a5": Shot(distance_m=0.7, rotate_deg=-10, seed=7),
    "a6": Shot(distance_m=0.45, rotate_deg=8, keystone=0.08),
    "stickers": Shot(distance_m=0.35, rotate_deg=-9),
}


@pytest.mark.parametrize("fmt", POSTER_FORMATS)
def test_phone_photos_of_every_page_decode_to_the_exact_urls(rendered, fmt):
    registry, files = rendered
    pdf = files[COMBINED[fmt]]
    expected = page_sites(registry, fmt)
    for index, urls in enumerate(expected):
        shot = dataclasses.replace(PHOTO_SHOTS[fmt], seed=PHOTO_SHOTS[fmt].seed + index)
        assert decode(photograph(pdf, index, shot)) == sorted(urls), f"page {index + 1}"


# --- sample data: a base_url reserved for examples ---------------------------------------------

MARK = "MẪU – KHÔNG IN"  # registry.md, character for character


@pytest.fixture(scope="module")
def sample(example):
    """The example registry at the address qrdir init writes: a name reserved for examples."""
    base = "https://phuong-moi.example/"
    return dataclasses.replace(
        example, directory=dataclasses.replace(example.directory, base_url=base),
        sites=tuple(dataclasses.replace(site, url=f"{base}{site.id}/") for site in example.sites))


@pytest.fixture(scope="module")
def sample_files(sample):
    return render_posters(sample, POSTER_FORMATS)


def slanted(area) -> list[dict]:
    """The characters set at a slant: nothing on a poster but the sample mark is."""
    return [char for char in area.chars if abs(char["matrix"][1]) > 0.01]


def test_sample_data_is_marked_across_every_poster_of_every_format(sample_files, open_pdf):
    assert len(sample_files) == 3 * 15 + 4  # A4, A5 and A6 per site; the four combined files
    for name, data in sample_files.items():
        fmt = "stickers" if name == COMBINED["stickers"] else "a4"
        with open_pdf(data) as pdf:
            for number, page in enumerate(pdf.pages, start=1):
                posters = areas(page, fmt)
                assert "".join(c["text"] for c in slanted(page)) == MARK * len(posters)
                for area in posters:  # each sticker its own mark: stickers are cut apart
                    chars = slanted(area)
                    assert "".join(c["text"] for c in chars) == MARK, (name, number)
                    assert {c["fontname"].split("+")[1] for c in chars} == {BOLD}
                    assert {c["non_stroking_color"] for c in chars} == {(0.8,)}  # light grey
                    # corner to corner: along the diagonal, over most of its length
                    (x0, top, x1, bottom) = area.bbox
                    a, b = chars[0]["matrix"][:2]
                    assert b / a == pytest.approx((bottom - top) / (x1 - x0), rel=0.01)
                    assert (max(c["x1"] for c in chars) - min(c["x0"] for c in chars)
                            > 0.7 * (x1 - x0))


@pytest.mark.parametrize("fmt", POSTER_FORMATS)
def test_the_sample_mark_leaves_every_code_scannable(sample, sample_files, fmt):
    """The code of sample data leads to a name no one can reach, so it misleads no one,
    and qrdir verify and a phone held to the screen keep working on a new ward's build."""
    pdf = sample_files[COMBINED[fmt]]
    expected = [sorted(urls) for urls in page_sites(sample, fmt)]
    assert [decode(image) for image in rendered_pages(pdf)] == expected
    assert decode(photograph(pdf, 0, PHOTO_SHOTS[fmt])) == expected[0]


def test_a_real_base_url_prints_no_mark(example_files, open_pdf):
    for data in example_files.values():
        with open_pdf(data) as pdf:
            assert not any(slanted(page) for page in pdf.pages)


# --- the code as vector modules ---------------------------------------------------------------


@pytest.mark.parametrize("fmt", POSTER_FORMATS)
def test_module_rectangles_rebuild_the_qrcode_matrix_exactly(rendered, fmt, open_pdf):
    registry, files = rendered
    with open_pdf(files[COMBINED[fmt]]) as pdf:
        for page, urls in zip(pdf.pages, page_sites(registry, fmt), strict=True):
            found = areas(page, fmt)
            assert len(found) == len(urls)
            for area, url in zip(found, urls, strict=True):
                grid, module, _ = symbol_grid(area)
                assert grid == reference_symbol(url)
                assert module / mm >= FORMATS[fmt].min_module_mm


def test_a4_code_is_at_least_10_cm_wide_with_modules_of_2_4_mm(rendered, open_pdf):
    registry, files = rendered
    with open_pdf(files[COMBINED["a4"]]) as pdf:
        for page in pdf.pages:
            _, module, (left, _, right, _) = symbol_grid(page)
            assert (right - left) / mm >= 100
            assert module / mm >= 2.4


@pytest.mark.parametrize("fmt", POSTER_FORMATS)
def test_quiet_zone_of_four_modules_is_clear_of_everything(rendered, fmt, open_pdf):
    _, files = rendered
    with open_pdf(files[COMBINED[fmt]]) as pdf:
        for page in pdf.pages:
            for area in areas(page, fmt):
                _, module, (left, top, right, bottom) = symbol_grid(area)
                zone = (left - 4 * module, top - 4 * module, right + 4 * module,
                        bottom + 4 * module)
                assert zone[0] >= 0 and zone[2] <= page.width
                inside = page.within_bbox(zone)
                assert not inside.chars and not inside.lines
                others = [o for o in page.chars + page.lines if _overlaps(o, zone)]
                assert others == []


def _overlaps(obj, box) -> bool:
    return not (obj["x1"] <= box[0] or obj["x0"] >= box[2]
                or obj["bottom"] <= box[1] or obj["top"] >= box[3])


def test_no_raster_image_anywhere_in_a_poster(example_files, open_pdf):
    for path, pdf_bytes in example_files.items():
        document = PDFDocument(PDFParser(io.BytesIO(pdf_bytes)))
        for page in PDFPage.create_pages(document):
            assert "XObject" not in page.resources, path
    for path in COMBINED.values():  # every page of every format, inline images included
        with open_pdf(example_files[path]) as pdf:
            assert all(not page.images for page in pdf.pages), path


# --- text -------------------------------------------------------------------------------------


def test_a4_poster_says_exactly_this(registry, open_pdf):
    files = render_posters(registry)
    with open_pdf(files["posters/ubnd.pdf"]) as pdf:
        lines = pdf.pages[0].extract_text().splitlines()
    assert lines == [
        "Phường Long Thành Bắc",
        "Uỷ ban nhân dân",
        "UBND phường",
        "Long Thành Bắc",
        "(trước đây: UBND xã Long Thành Bắc)",
        "Quét mã để xem bản đồ, địa chỉ và số điện thoại",
        "longthanhbac.example.vn/ubnd/",
        "Điện thoại: 0276 3841 234",
        "Đường dây nóng: Công an 113 · Cấp cứu 115",
        "Thực hiện: Đoàn Thanh niên phường Long Thành Bắc · Cập nhật 28/11/2026",
    ]


@pytest.mark.parametrize("fmt", ["a4", "a5", "a6"])
def test_poster_text_is_the_registry_text_exactly_after_nfc(rendered, fmt, open_pdf):
    registry, files = rendered
    directory, lang = registry.directory, registry.directory.language
    with open_pdf(files[COMBINED[fmt]]) as pdf:
        for page, site in zip(pdf.pages, registry.sites, strict=True):
            text = page.extract_text()
            assert unicodedata.is_normalized("NFC", text)
            flat, joined = plain(text), "".join(text.split("\n"))
            expected = [
                directory.name, labels.kind_label(site.kind, lang), site.name,
                labels.label("scan_prompt", lang),
                *(f"{h.label} {h.phone.display}" for h in directory.hotlines),
                labels.format_date(directory.updated, lang),
            ]
            if directory.publisher:
                expected.append(directory.publisher)
            if site.phone:
                expected.append(f"{labels.label('phone', lang)}: {site.phone.display}")
            for value in expected:
                assert unicodedata.normalize("NFC", value) in flat, value
            assert site.url.removeprefix("https://") in joined
            assert "https://" not in text


def test_stickers_carry_name_call_to_action_url_and_phone(rendered, open_pdf):
    registry, files = rendered
    lang = registry.directory.language
    with open_pdf(files[COMBINED["stickers"]]) as pdf:
        texts = [plain(page.within_bbox(cell).extract_text())
                 for page in pdf.pages for cell in sticker_cells()]
    for site, text in zip(registry.sites, texts, strict=False):
        assert site.name in text
        assert labels.label("scan_prompt", lang) in text
        assert site.url.removeprefix("https://") in text.replace(" ", "")
        if site.phone:
            assert site.phone.display in text


def test_english_poster_uses_english_words(registry, open_pdf):
    english = dataclasses.replace(registry, directory=dataclasses.replace(
        registry.directory, language="en"))
    with open_pdf(render_posters(english)["posters/tram-y-te.pdf"]) as pdf:
        text = plain(pdf.pages[0].extract_text())
    for words_ in ("Health station", "Scan the code for the map, address and phone numbers",
                   "Phone: 1900 545481", "Hotlines: Công an 113", "Updated 28 November 2026",
                   "Published by: Đoàn Thanh niên"):
        assert words_ in text


# --- boxes ------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["a4", "a5", "a6"])
def test_text_stays_inside_the_page_margins(rendered, fmt, open_pdf):
    registry, files = rendered
    margin = FORMATS[fmt].margin
    with open_pdf(files[COMBINED[fmt]]) as pdf:
        for page in pdf.pages:
            for obj in page.chars + page.lines:
                assert obj["x0"] >= margin - 0.01 and obj["x1"] <= page.width - margin + 0.01
                assert obj["top"] >= margin - 0.01
                assert obj["bottom"] <= page.height - margin + 0.01


def test_sticker_text_stays_inside_its_sticker_beside_the_code(rendered, open_pdf):
    _, files = rendered
    inset = STICKER.margin
    with open_pdf(files[COMBINED["stickers"]]) as pdf:
        for page in pdf.pages:
            for x0, top, x1, bottom in sticker_cells():
                cell = page.crop((x0, top, x1, bottom))
                if not cell.rects:
                    continue
                _, module, (_, _, code_right, _) = symbol_grid(cell)
                for char in cell.chars:
                    assert char["x0"] >= code_right + 4 * module - 0.01
                    assert char["x1"] <= x1 - inset + 0.01
                    assert top + inset - 0.01 <= char["top"]
                    assert char["bottom"] <= bottom - inset + 0.01


def test_cut_marks_line_up_with_every_cut_and_stay_outside_every_sticker(example_files,
                                                                          open_pdf):
    cuts_x = {round(x, 2) for cell in sticker_cells() for x in (cell[0], cell[2])}
    cuts_y = {round(y, 2) for cell in sticker_cells() for y in (cell[1], cell[3])}
    with open_pdf(example_files[COMBINED["stickers"]]) as pdf:
        for page in pdf.pages:
            assert len(page.lines) == 2 * len(cuts_x) + 2 * len(cuts_y)
            for line in page.lines:
                vertical = line["x0"] == line["x1"]
                assert round(line["x0"] if vertical else line["top"], 2) in (
                    cuts_x if vertical else cuts_y)
                assert not any(_overlaps(line, cell) for cell in sticker_cells())


def test_the_long_name_wraps_whole_and_is_still_the_largest_text(crowded, crowded_files, open_pdf):
    for fmt in ("a4", "a5", "a6"):
        with open_pdf(crowded_files[COMBINED[fmt]]) as pdf:
            page = pdf.pages[0]
            largest = max(size(char) for char in page.chars)
            name_chars = [c for c in page.chars if size(c) == largest]
            assert "".join(c["text"] for c in name_chars).replace(" ", "") == \
                LONG_NAME.replace(" ", "")
            assert len({round(c["top"]) for c in name_chars}) >= 2, "wrapped on several lines"
            assert all(size(c) < largest for c in page.chars if c not in name_chars)


def test_the_name_is_the_largest_text_on_every_page(rendered, open_pdf):
    registry, files = rendered
    for fmt in ("a4", "a5", "a6"):
        with open_pdf(files[COMBINED[fmt]]) as pdf:
            for page, site in zip(pdf.pages, registry.sites, strict=True):
                largest = max(size(char) for char in page.chars)
                biggest = "".join(c["text"] for c in page.chars if size(c) == largest)
                assert biggest.replace(" ", "") == site.name.replace(" ", "")
                # Smaller print and a smaller code make room before the name shrinks below this.
                assert largest >= FORMATS[fmt].name_target


def test_fonts_are_embedded_and_only_ours(example_files):
    for path in (COMBINED["a4"], COMBINED["stickers"], "posters/a6/ubnd.pdf"):
        document = PDFDocument(PDFParser(io.BytesIO(example_files[path])))
        for page in PDFPage.create_pages(document):
            fonts = [resolve1(ref) for ref in resolve1(page.resources["Font"]).values()]
            assert fonts
            for font in fonts:
                assert font["BaseFont"].name.split("+")[-1].startswith("BeVietnamPro-")
                assert "FontFile2" in resolve1(font["FontDescriptor"])


# --- print rules ------------------------------------------------------------------------------


def test_a_url_too_long_for_stickers_is_a_build_error_with_the_fix():
    base = "https://" + "phuong-long-thanh-bac-" * 9 + "example.vn/"
    registry = make_registry(make_site("ubnd", url=base + "ubnd/", line=14), base_url=base)
    with pytest.raises(BuildError) as caught:
        render_posters(registry, ("stickers",))
    assert [format_problem(p, "en") for p in caught.value.problems] == [
        f"sites.yaml:14:1: error: the QR code of {base}ubnd/ on the sticker has 0.64 mm modules, "
        "below the minimum 0.75 mm; use a shorter base_url or id"
    ]


def test_every_print_rule_failure_is_reported_at_once():
    base = "https://" + "phuong-long-thanh-bac-" * 6 + "example.vn/"
    registry = make_registry(
        make_site("ubnd", url=base + "ubnd/", line=14),
        make_site("tram-y-te", url=base + "tram-y-te/", line=30),
        base_url=base,
    )
    with pytest.raises(BuildError) as caught:
        render_posters(registry, POSTER_FORMATS)
    found = [(p.line, p.code, p.args["format"]) for p in caught.value.problems]
    # 156 characters: version 11, 69 modules with the quiet zone, too many for every format.
    assert found == [(line, "qr_modules_too_small", fmt)
                     for line in (14, 30) for fmt in ("A4", "A5", "A6", "sticker")]
    assert format_problem(caught.value.problems[0], "vi") == (
        f"sites.yaml:14:1: error: mã QR của {base}ubnd/ trên A4 có ô 2.26 mm, "
        "nhỏ hơn mức tối thiểu 2.4 mm; hãy rút ngắn base_url hoặc id"
    )


def test_a_character_the_font_lacks_is_an_error_never_a_box():
    registry = make_registry(
        make_site("ubnd", name="Nhà văn hoá 😀 khu phố", line=9),
        make_site("chua", name="Chùa 福 Long", line=21),
        publisher="Đoàn phường №1",
    )
    with pytest.raises(BuildError) as caught:
        render_posters(registry, ("a4",))
    assert [format_problem(p, "vi") for p in caught.value.problems] == [
        'sites.yaml:1:1: error: phông chữ áp phích thiếu ký tự "№" (U+2116) trong '
        '"Đoàn phường №1"; hãy thay ký tự đó',
        'sites.yaml:9:1: error: phông chữ áp phích thiếu ký tự "😀" (U+1F600) trong '
        '"Nhà văn hoá 😀 khu phố"; hãy thay ký tự đó',
        'sites.yaml:21:1: error: phông chữ áp phích thiếu ký tự "福" (U+798F) trong '
        '"Chùa 福 Long"; hãy thay ký tự đó',
    ]


def test_every_word_qrdir_prints_is_in_the_font():
    ours = [text for words_ in labels.UI.values() for text in words_.values()]
    ours += [text for kinds in KIND_LABELS.values() for text in kinds.values()]
    ours += ["·", "(", ")", ":", "–"]
    assert [text for text in ours if missing_chars(text)] == []


def test_a_name_too_long_for_any_size_is_an_error_not_an_overflow():
    registry = make_registry(make_site("ubnd", name="Nhà văn hoá " * 60, line=7))
    with pytest.raises(BuildError) as caught:
        render_posters(registry, ("a6",))
    (problem,) = caught.value.problems
    assert (problem.line, problem.code, problem.args["format"]) == (7, "poster_text_too_long", "A6")


def test_an_id_named_like_a_combined_file_is_refused():
    registry = make_registry(make_site("all-a4", line=3))
    with pytest.raises(BuildError) as caught:
        render_posters(registry)
    assert [format_problem(p, "en") for p in caught.value.problems] == [
        'sites.yaml:3:1: error: id "all-a4" is the name of the combined file '
        "posters/all-a4.pdf; choose another id"
    ]


# --- determinism ------------------------------------------------------------------------------


def test_the_same_registry_gives_the_same_bytes(example, example_files):
    assert render_posters(example, POSTER_FORMATS) == example_files


def test_the_document_date_is_the_registry_date_whatever_the_clock(registry, monkeypatch):
    for epoch in (None, "1700000000"):
        if epoch is None:
            monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
        else:
            monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
        pdf = render_posters(registry)["posters/ubnd.pdf"]
        info = resolve1(PDFDocument(PDFParser(io.BytesIO(pdf))).info[0])
        assert info["CreationDate"] == info["ModDate"] == b"D:20261128000000+00'00'"
        assert info["Subject"] == b"https://longthanhbac.example.vn/ubnd/"


# --- fitting text -----------------------------------------------------------------------------


@settings(max_examples=60, deadline=None)
@given(
    text=st.text(alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạằẳẵắặ /-.", min_size=1,
                 max_size=120).filter(str.strip),
    width=st.floats(min_value=40, max_value=500),
)
def test_fit_never_cuts_or_overflows(text, width):
    style = TextStyle(BOLD, 30, 8, max_lines=0)
    paragraph = fit(words(text), style, width)
    assert paragraph is not None
    assert all(text_width(line, BOLD, paragraph.size) <= width for line in paragraph.lines)
    assert "".join("".join(paragraph.lines).split()) == "".join(text.split())


def test_fit_balances_a_centred_name():
    paragraph = fit(words("UBND phường Long Hoa"), TextStyle(BOLD, 46, 20, max_lines=0),
                    FORMATS["a4"].page[0] - 2 * FORMATS["a4"].margin - 10 * mm)
    assert paragraph.lines == ("UBND phường", "Long Hoa")


def test_a_url_breaks_after_a_slash_or_dash_rather_than_inside_a_word():
    style = TextStyle(BOLD, 10, 10, max_lines=4)
    url = "longthanhbac.example.vn/doan-thanh-nien-cong-san-ho-chi-minh/"
    width = text_width("longthanhbac.example.vn/do", BOLD, 10)
    lines = fit(words(url), style, width).lines
    assert lines[0] == "longthanhbac.example.vn/"
    assert len(lines) > 2 and "".join(lines) == url
    assert all(line[-1] in "/-" for line in lines)
