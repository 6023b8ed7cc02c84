"""qrdir import on spreadsheets as ward clerks keep them, built here with openpyxl (import.md)."""

from __future__ import annotations

import unicodedata
import zipfile
from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.styles import Font

from qrdir.cli import main
from qrdir.registry.model import Contact
from qrdir.registry.phones import parse_phone
from qrdir.registry.validate import load_registry, parse_registry
from qrdir.sheets.importer import header_field

BASE_URL = "https://longthanhbac.example.vn/"
DIRECTORY_OPTIONS = ("--name", "Phường Long Thành Bắc", "--base-url", BASE_URL)
HEADER = ["STT", "Tên cơ quan", "Loại", "Địa chỉ", "Họ và tên", "Chức vụ", "SĐT", "Zalo"]


def invoke(*args: str, lang: str = "en"):
    return CliRunner().invoke(main, [str(a) for a in args], env={"QRDIR_LANG": lang})


def workbook(rows: list[list], *, merges: tuple[str, ...] = (), fonts: dict[str, str] = None,
             title: str = "Sheet1") -> openpyxl.Workbook:
    """A one-sheet workbook: ``rows`` from A1, merged ranges, and fonts by cell."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    for merged in merges:
        sheet.merge_cells(merged)
    for ref, font in (fonts or {}).items():
        sheet[ref].font = Font(name=font)
    return book


def import_book(tmp_path: Path, book: openpyxl.Workbook, *args: str, name: str = "danh-ba.xlsx",
                lang: str = "en"):
    """Save ``book`` and run ``qrdir import`` on it; the result and the registry path."""
    source = tmp_path / name
    book.save(source)
    output = tmp_path / "sites.yaml"
    result = invoke("import", source, "-o", output, *args, lang=lang)
    return result, output


def loaded(path: Path):
    registry, problems = load_registry(path)
    assert registry is not None, problems
    return registry


def messy_ward_book() -> openpyxl.Workbook:
    """A contact list as it travels between ward offices: every mess import.md names."""
    rows = [
        ["DANH BẠ ĐIỆN THOẠI CÁC CƠ QUAN PHƯỜNG LONG THÀNH BẮC"],
        ["(Cập nhật tháng 11/2026)"],
        [],
        HEADER + ["Ngày sinh"],
        [1, "UBND phường Long Thành Bắc", "Uỷ ban nhân dân", "Khu phố Long Trung",
         "Nguyễn Văn An", "Chủ tịch UBND phường", 913456789, "x", "1970"],
        [None, None, None, None, "Trần Thị Bích", "Phó Chủ tịch UBND phường", "0988.123.456",
         None, None],
        [2, "Tr¹m Y tÕ ph\u00adêng Long Thµnh B¾c", "Tr¹m y tÕ", "Khu phè Long Trung",
         "NguyÔn ThÞ H\u00adêng", "Tr¹m tr\u00adëng", 2763841234, "có", None],
        [3, "Công an phường Long Thành Bắc", "police", "Khu phố Long Hải", "Lê Văn Tâm",
         "Trưởng Công an phường", 84903221457, "✓", None],
        [None, None, None, None, "Võ Minh Khôi", "Phó Trưởng Công an", "0378 112 233", "không",
         None],
    ]
    fonts = {ref: ".VnTime" for ref in ("B7", "C7", "D7", "E7", "F7")}
    merges = ("A1:I1", "A2:I2", "A5:A6", "B5:B6", "C5:C6", "D5:D6", "A8:A9", "B8:B9", "C8:C9",
              "D8:D9")
    return workbook(rows, merges=merges, fonts=fonts)


def test_a_messy_ward_spreadsheet_becomes_a_valid_registry(tmp_path):
    result, output = import_book(tmp_path, messy_ward_book(), *DIRECTORY_OPTIONS)
    assert result.exit_code == 0, result.stderr
    registry = loaded(output)
    assert [s.name for s in registry.sites] == [
        "UBND phường Long Thành Bắc",
        "Trạm Y tế phường Long Thành Bắc",
        "Công an phường Long Thành Bắc",
    ]
    ubnd, health, police = registry.sites
    assert (ubnd.kind, health.kind, police.kind) == ("ward_office", "health_station", "police")
    assert ubnd.contacts == (
        Contact("Chủ tịch UBND phường", "Nguyễn Văn An", parse_phone("0913456789"), zalo=True),
        Contact("Phó Chủ tịch UBND phường", "Trần Thị Bích", parse_phone("0988123456")),
    )
    assert health.address == "Khu phố Long Trung"
    assert health.contacts == (
        Contact("Trạm trưởng", "Nguyễn Thị Hường", parse_phone("02763841234"), zalo=True),
    )
    assert [(c.phone.e164, c.zalo) for c in police.contacts] == [
        ("+84903221457", True), ("+84378112233", False)]
    no_map = "warning: the site has neither location nor map_url; residents scanning the " \
        "code expect a map"
    assert result.stderr.splitlines() == [
        'danh-ba.xlsx:Sheet1!I4: warning: column I "Ngày sinh" is not part of the registry '
        "and is ignored",
        f"danh-ba.xlsx:Sheet1!B5: {no_map}",
        f"danh-ba.xlsx:Sheet1!B7: {no_map}",
        f"danh-ba.xlsx:Sheet1!B8: {no_map}",
        "converted 5 cells from TCVN3 (ABC) to Unicode, check them: Sheet1!B7, C7, D7, E7, F7",
        f"wrote 3 sites and 5 contacts to {output}; read it through, then run qrdir check",
    ]


def test_the_written_yaml_is_tidy_commented_and_in_sheet_order(tmp_path):
    _, output = import_book(tmp_path, messy_ward_book(), *DIRECTORY_OPTIONS, lang="vi")
    text = output.read_text(encoding="utf-8")
    assert text.startswith("# Danh bạ nhập từ danh-ba.xlsx:Sheet1 bằng qrdir import.\n")
    assert "        phone: 0913 456 789\n" in text  # national display form, leading 0 restored
    assert "        phone: 0276 3841 234\n" in text
    # A value with a comment after it is quoted, so the comment cannot have cut it.
    assert '    name: "Trạm Y tế phường Long Thành Bắc"  # TCVN3 (ABC): B7\n' in text
    assert '    kind: "health_station"  # Trạm y tế\n' in text
    assert text.index("ubnd-phuong") < text.index("tram-y-te") < text.index("cong-an")
    assert "\n\n  - id: tram-y-te-phuong-long-thanh-bac\n" in text  # a blank line between sites


# import.md "Rows and columns": each header of the table, as people write it.
HEADER_EXAMPLES = {
    "name": ("Tên cơ quan", "Tên đơn vị", "Cơ quan", "Đơn vị", "Name"),
    "kind": ("Loại", "Nhóm", "Kind"),
    "address": ("Địa chỉ", "Address"),
    "location": ("Tọa độ", "Toạ độ", "Vị trí", "Location"),
    "lat": ("Vĩ độ", "Lat"),
    "lon": ("Kinh độ", "Lon"),
    "map_url": ("Bản đồ", "Link bản đồ", "Google Maps", "Map"),
    "phone": ("Điện thoại cơ quan", "SĐT cơ quan", "Điện thoại bàn", "Phone"),
    "contact_name": ("Họ tên", "Họ và tên", "Người liên hệ", "Contact"),
    "role": ("Chức vụ", "Chức danh", "Role"),
    "contact_phone": ("SĐT", "Số điện thoại", "Di động", "Điện thoại di động", "ĐTDĐ", "Số ĐT",
                      "Điện thoại", "Mobile"),
    "zalo": ("Zalo",),
    "id": ("Mã", "ID"),
}


def _without_marks(text: str) -> str:
    stripped = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    return "".join(ch for ch in stripped if not unicodedata.combining(ch))


@pytest.mark.parametrize(("field", "header"), [
    (field, written)
    for field, headers in HEADER_EXAMPLES.items()
    for header in headers
    for written in {header, _without_marks(header), header.upper(), header.lower(),
                    _without_marks(header).upper(), header + " (*)", header + ":"}
])
def test_every_header_of_the_spec_is_recognised_with_or_without_marks(field, header):
    assert header_field(header) == field


def test_headers_without_marks_in_capitals_import_the_same(tmp_path):
    rows = [["TEN CO QUAN", "LOAI", "DIA CHI", "HO TEN", "CHUC VU", "SO DIEN THOAI"],
            ["Trạm Y tế phường", "Trạm y tế", "Khu phố Long Trung", "Nguyễn Thị Hường",
             "Trạm trưởng", "0276 3841 234"]]
    result, output = import_book(tmp_path, workbook(rows), *DIRECTORY_OPTIONS)
    assert result.exit_code == 0, result.stderr
    site = loaded(output).sites[0]
    assert (site.kind, site.contacts[0].name) == ("health_station", "Nguyễn Thị Hường")


def _legacy_book(rows: list[list], font: str) -> openpyxl.Workbook:
    book = workbook(rows)
    for row in book.active.iter_rows(min_row=2):
        for cell in row:
            cell.font = Font(name=font)
    return book


def test_a_tcvn3_sheet_is_converted_exactly(tmp_path):
    rows = [["Tªn c¬ quan", "Lo¹i", "§Þa chØ", "Hä tªn", "Chøc vô", "S§T"],
            ["Tr¹m Y tÕ ph\u00adêng Long Thµnh B¾c", "Tr¹m y tÕ", "Khu phè Long Trung",
             "NguyÔn ThÞ H\u00adêng", "Tr¹m tr\u00adëng", "0276 3841 234"],
            ["§¶ng uû ph\u00adêng Long Thµnh B¾c", "§¶ng uû", "Khu phè Long Trung",
             "TrÇn V¨n B×nh", "BÝ th\u00ad §¶ng uû", "0913 456 789"]]
    result, output = import_book(tmp_path, _legacy_book(rows, ".VnTime"), "--name",
                                 "Ph\u00adêng Long Thµnh B¾c", "--base-url", BASE_URL)
    assert result.exit_code == 0, result.stderr
    health, party = loaded(output).sites
    assert (health.name, health.kind, health.address) == (
        "Trạm Y tế phường Long Thành Bắc", "health_station", "Khu phố Long Trung")
    assert (health.contacts[0].name, health.contacts[0].role) == ("Nguyễn Thị Hường",
                                                                  "Trạm trưởng")
    assert (party.name, party.contacts[0].name, party.contacts[0].role) == (
        "Đảng uỷ phường Long Thành Bắc", "Trần Văn Bình", "Bí thư Đảng uỷ")
    assert "converted 16 cells from TCVN3 (ABC) to Unicode, check them: Sheet1!A1," in result.stderr


def test_a_vni_sheet_is_converted_exactly(tmp_path):
    rows = [["Teân cô quan", "Loaïi", "Ñòa chæ", "Hoï teân", "Chöùc vuï", "SÑT"],
            ["Traïm Y teá phöôøng Long Thaønh Baéc", "Traïm y teá", "Khu phoá Long Trung",
             "Nguyeãn Thò Höôøng", "Traïm tröôûng", "0276 3841 234"]]
    result, output = import_book(tmp_path, _legacy_book(rows, "VNI-Times"), *DIRECTORY_OPTIONS)
    assert result.exit_code == 0, result.stderr
    site = loaded(output).sites[0]
    assert (site.name, site.kind, site.address) == (
        "Trạm Y tế phường Long Thành Bắc", "health_station", "Khu phố Long Trung")
    assert (site.contacts[0].name, site.contacts[0].role) == ("Nguyễn Thị Hường", "Trạm trưởng")
    assert "converted 11 cells from VNI to Unicode, check them: Sheet1!A1," in result.stderr


VOWELS = "aăâeêioôơuưy"
TONES = ("", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323")
EVERY_LETTER = " ".join(unicodedata.normalize("NFC", v + t) for v in VOWELS for t in TONES) + " đ"


def test_a_unicode_sheet_with_every_letter_and_tone_is_left_untouched(tmp_path):
    notes = [EVERY_LETTER, EVERY_LETTER.upper(),
             "Tiếp công dân sáng thứ Năm; mang theo CCCD (bản gốc) — xin cảm ơn!",
             "Office hours: Mon–Fri, 7:00–17:00. Café «Hòa Bình» ½ km; Müller & Söhne."]
    rows = [["Tên cơ quan", "Loại", "Địa chỉ", "Ghi chú", "Họ tên", "Chức vụ", "SĐT"]] + [
        [f"Tổ dân phố số {i}", "Khu phố, ấp", "Đường Lê Lợi, Tô Hiến Thành, Bà Chiểu", note,
         "Lê Thị Bé Tô", "Tổ trưởng", "0913 456 789"]
        for i, note in enumerate(notes, start=1)
    ]
    result, output = import_book(tmp_path, workbook(rows), *DIRECTORY_OPTIONS)
    assert result.exit_code == 0, result.stderr
    assert "converted" not in result.stderr and "TCVN3" not in result.stderr
    assert [s.note for s in loaded(output).sites] == notes
    assert "TCVN3" not in output.read_text(encoding="utf-8").split("\n", 3)[3]


CSV_ROWS = [
    ["Tên cơ quan", "Loại", "Địa chỉ", "Họ tên", "Chức vụ", "SĐT", "Zalo"],
    ["Trạm Y tế phường Long Thành Bắc", "Trạm y tế", "Khu phố Long Trung", "Nguyễn Thị Hường",
     "Trạm trưởng", "913456789", "x"],
    ["", "", "", "Đặng Văn Ưng", "Y sĩ", "0988 123 456", ""],
]


def _cp1258(text: str) -> bytes:
    """Text as Excel on Vietnamese Windows saves it: cp1258 letters, tones as combining marks."""
    tones = "\u0300\u0301\u0303\u0309\u0323"
    out = []
    for ch in text:
        parts = unicodedata.normalize("NFD", ch)
        tone = "".join(p for p in parts if p in tones)
        out.append(unicodedata.normalize("NFC", "".join(p for p in parts if p not in tones)) + tone)
    data = "".join(out).encode("cp1258")
    assert unicodedata.normalize("NFC", data.decode("cp1258")) != data.decode("cp1258")
    return data


@pytest.mark.parametrize(("encoding", "delimiter"), [
    ("utf-8", ","), ("utf-8-sig", ","), ("cp1258", ","), ("utf-8-sig", ";")])
def test_csv_as_excel_saves_it(tmp_path, encoding, delimiter):
    text = "\r\n".join(delimiter.join(row) for row in CSV_ROWS) + "\r\n"
    data = _cp1258(text) if encoding == "cp1258" else text.encode(encoding)
    source = tmp_path / "danh-ba.csv"
    source.write_bytes(data)
    result = invoke("import", source, "-o", tmp_path / "sites.yaml", *DIRECTORY_OPTIONS)
    assert result.exit_code == 0, result.stderr
    site = loaded(tmp_path / "sites.yaml").sites[0]
    assert site.name == "Trạm Y tế phường Long Thành Bắc"
    assert [(c.name, c.phone.display, c.zalo) for c in site.contacts] == [
        ("Nguyễn Thị Hường", "0913 456 789", True), ("Đặng Văn Ưng", "0988 123 456", False)]


def test_a_tcvn3_csv_is_converted_by_its_words_alone(tmp_path):
    text = ("Tªn c¬ quan,Lo¹i,§Þa chØ,Hä tªn,Chøc vô,S§T\r\n"
            "Tr¹m Y tÕ ph\u00adêng,Tr¹m y tÕ,Khu phè Long Trung,NguyÔn ThÞ H\u00adêng,"
            "Tr¹m tr\u00adëng,0276 3841 234\r\n")
    source = tmp_path / "cu.csv"
    source.write_bytes(text.encode("cp1252"))
    result = invoke("import", source, "-o", tmp_path / "sites.yaml", *DIRECTORY_OPTIONS)
    assert result.exit_code == 0, result.stderr
    site = loaded(tmp_path / "sites.yaml").sites[0]
    assert (site.name, site.contacts[0].name) == ("Trạm Y tế phường", "Nguyễn Thị Hường")
    # "Khu phè" is Vietnamese both ways: without a font only a person can tell.
    assert site.address == "Khu phè Long Trung"
    assert ('cu.csv:cu!C2: warning: "Khu phè Long Trung" may be TCVN3 (ABC) text for '
            '"Khu phố Long Trung"; left as typed, check it') in result.stderr.splitlines()


BAD_FILES = {
    "notes.xlsx": (b"just some notes, not a workbook", "notes.xlsx: error: this is not a "
                   "readable .xlsx or .csv spreadsheet"),
    "photo.csv": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "photo.csv: error: this is not a "
                  "readable .xlsx or .csv spreadsheet"),
    "old.xls": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504), "old.xls: error: this is an "
                "old Excel 97-2003 (.xls) file"),
    "empty.csv": (b"", "empty.csv: error: the spreadsheet is empty"),
}


def _zip_that_is_not_a_workbook() -> bytes:
    import io

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hello")
    return buffer.getvalue()


@pytest.mark.parametrize("name", [*BAD_FILES, "archive.xlsx", "blank.xlsx", "list.xlsx"])
def test_bad_files_give_a_clear_error_and_write_nothing(tmp_path, name):
    source = tmp_path / name
    if name in BAD_FILES:
        source.write_bytes(BAD_FILES[name][0])
        expected = BAD_FILES[name][1]
    elif name == "archive.xlsx":
        source.write_bytes(_zip_that_is_not_a_workbook())
        expected = "archive.xlsx: error: this is not a readable .xlsx or .csv spreadsheet"
    elif name == "blank.xlsx":
        openpyxl.Workbook().save(source)
        expected = "blank.xlsx: error: the spreadsheet is empty"
    else:
        workbook([["Danh sách"], ["một", "hai"], ["ba", "bốn"]]).save(source)
        expected = "list.xlsx:Sheet1: error: no header row found"
    result = invoke("import", source, "-o", tmp_path / "sites.yaml", *DIRECTORY_OPTIONS)
    assert result.exit_code == 1
    first, last = result.stderr.splitlines()[0], result.stderr.splitlines()[-1]
    assert first.startswith(expected)
    assert last == (f"{tmp_path / 'sites.yaml'} was not written because of the errors; "
                    "fix the spreadsheet and run again")
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]


def test_a_wrong_value_is_reported_at_its_cell_and_nothing_is_written(tmp_path):
    rows = [HEADER] + [[i, f"Tổ dân phố số {i}", "Khu phố, ấp", "Khu phố Long Trung",
                        "Lê Văn Tâm", "Tổ trưởng", "0913 456 789", ""] for i in range(1, 13)]
    rows[12][6] = "0913 45"
    rows[5][6] = 1688123456  # an 11-digit mobile from before 2018, stored as a number
    result, output = import_book(tmp_path, workbook(rows), *DIRECTORY_OPTIONS,
                                 name="contacts.xlsx")
    assert result.exit_code == 1
    assert [line for line in result.stderr.splitlines() if ": error: " in line] == [
        'contacts.xlsx:Sheet1!G6: error: phone "01688123456" is an old 11-digit mobile number '
        '(renumbered in 2018); its new number is "0388 123 456"',
        'contacts.xlsx:Sheet1!G13: error: phone "0913 45" is missing digits: it has 6, but a '
        "number beginning 09 has 10 (like 0913 456 789); copy the whole number again",
    ]
    assert not output.exists()


def test_a_required_column_missing_from_every_row_is_an_error(tmp_path):
    rows = [["Tên cơ quan", "Họ tên", "Chức vụ", "SĐT"],
            ["UBND phường", "Nguyễn Văn An", "Chủ tịch", "0913 456 789"]]
    result, output = import_book(tmp_path, workbook(rows), *DIRECTORY_OPTIONS)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        'danh-ba.xlsx:Sheet1: error: a required column ("Địa chỉ", "Address") is missing, '
        "or empty on every row")
    assert not output.exists()


def test_without_directory_options_it_is_wrong_usage(tmp_path):
    result, output = import_book(tmp_path, messy_ward_book(), "--name", "Phường Long Hoa")
    assert result.exit_code == 2
    assert "add --base-url," in result.stderr
    assert not output.exists()


def test_an_existing_registry_is_never_overwritten_without_force(tmp_path):
    output = tmp_path / "sites.yaml"
    output.write_text("# my edits\n", encoding="utf-8")
    result, _ = import_book(tmp_path, messy_ward_book(), *DIRECTORY_OPTIONS)
    assert result.exit_code == 2
    assert output.read_text(encoding="utf-8") == "# my edits\n"
    forced, _ = import_book(tmp_path, messy_ward_book(), *DIRECTORY_OPTIONS, "--force")
    assert forced.exit_code == 0
    assert loaded(output).sites


def test_an_unknown_sheet_is_wrong_usage_and_a_named_sheet_is_read(tmp_path):
    book = messy_ward_book()
    book.create_sheet("Ghi chú").append(["Tên cơ quan", "Địa chỉ"])
    result, _ = import_book(tmp_path, book, *DIRECTORY_OPTIONS, "--sheet", "Trang 2")
    assert result.exit_code == 2
    assert 'there is no sheet "Trang 2"; the sheets are: Sheet1, Ghi chú' in result.stderr
    named, output = import_book(tmp_path, book, *DIRECTORY_OPTIONS, "--sheet", "Sheet1")
    assert named.exit_code == 0 and len(loaded(output).sites) == 3


def test_kinds_from_labels_codes_and_names(tmp_path):
    rows = [["Tên cơ quan", "Loại", "Địa chỉ"],
            ["Trường Tiểu học Long Thành Bắc", "Trường học", "Khu phố Long Trung"],
            ["Ban Chỉ huy Quân sự", "QUAN SU", "Khu phố Long Hải"],
            ["Bưu điện văn hoá", "post_office", "Khu phố Long Trung"],
            ["Nhà văn hoá khu phố", "", "Khu phố Long Hải"],
            ["Điểm sinh hoạt", "", "Khu phố Long Hải"]]
    result, output = import_book(tmp_path, workbook(rows), *DIRECTORY_OPTIONS)
    assert result.exit_code == 0, result.stderr
    assert [s.kind for s in loaded(output).sites] == [
        "school", "military", "post_office", "culture", "other"]
    assert result.stderr.splitlines()[:2] == [
        'danh-ba.xlsx:Sheet1!A5: warning: the kind of "Nhà văn hoá khu phố" was guessed from '
        "its name as culture; check it",
        'danh-ba.xlsx:Sheet1!A6: warning: the kind of "Điểm sinh hoạt" is unknown, so it is '
        "written as other; fix its kind",
    ]


def test_an_unknown_kind_label_is_reported_at_its_cell(tmp_path):
    rows = [["Tên cơ quan", "Loại", "Địa chỉ"], ["Trạm xá", "Trạm xá", "Khu phố Long Hải"]]
    result, output = import_book(tmp_path, workbook(rows), *DIRECTORY_OPTIONS)
    assert result.exit_code == 1
    assert result.stderr.startswith('danh-ba.xlsx:Sheet1!B2: error: kind "Trạm xá" is not valid')
    assert not output.exists()


def test_position_from_two_columns_map_links_and_vietnamese_hours(tmp_path):
    rows = [["Tên cơ quan", "Loại", "Địa chỉ", "Vĩ độ", "Kinh độ", "Bản đồ", "Giờ làm việc"],
            ["UBND phường", "UBND", "Khu phố Long Trung", "11,2991", 106.1372, "Xem bản đồ",
             "Thứ 2 - Thứ 6: sáng 7h00 - 11h30, chiều 13h30 - 17h00\nThứ 7: 7h - 11h\nCN: nghỉ"]]
    book = workbook(rows)
    book.active["F2"].hyperlink = "https://maps.app.goo.gl/abc123"
    result, output = import_book(tmp_path, book, *DIRECTORY_OPTIONS)
    assert result.exit_code == 0, result.stderr
    site = loaded(output).sites[0]
    assert (site.location.lat, site.location.lon) == (11.2991, 106.1372)
    assert site.map_url == "https://maps.app.goo.gl/abc123"
    hours = {day.day: [str(i) for i in day.intervals] for day in site.hours}
    assert hours == {"mon": ["07:00-11:30", "13:30-17:00"], "tue": ["07:00-11:30", "13:30-17:00"],
                     "wed": ["07:00-11:30", "13:30-17:00"], "thu": ["07:00-11:30", "13:30-17:00"],
                     "fri": ["07:00-11:30", "13:30-17:00"], "sat": ["07:00-11:00"], "sun": []}


@pytest.mark.parametrize(("mark", "zalo"), [
    ("x", True), ("X", True), ("có", True), ("Có", True), ("yes", True), ("✓", True),
    ("0913 456 789", True), ("", False), ("không", False), ("no", False)])
def test_zalo_markers(tmp_path, mark, zalo):
    rows = [HEADER, [1, "UBND phường", "UBND", "Khu phố Long Trung", "Nguyễn Văn An", "Chủ tịch",
                     "0913456789", mark]]
    result, output = import_book(tmp_path, workbook(rows), *DIRECTORY_OPTIONS)
    assert result.exit_code == 0, result.stderr
    assert loaded(output).sites[0].contacts[0].zalo is zalo


def test_section_and_signature_rows_and_several_numbers_in_a_cell(tmp_path):
    rows = [HEADER,
            ["I", "KHỐI ĐẢNG, CHÍNH QUYỀN"],
            [1, "UBND phường", "UBND", "Khu phố Long Trung", "Nguyễn Văn An", "Chủ tịch",
             "0913 456 789 / 0276 3841 234", "x"],
            [],
            [None, None, None, None, "Người lập biểu"],
            [None, None, None, None, "Phạm Thị Thu Hà"]]
    result, output = import_book(tmp_path, workbook(rows, merges=("B2:H2",)), *DIRECTORY_OPTIONS)
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines()[:4] == [
        'danh-ba.xlsx:Sheet1!B2: warning: row 2 holds only "KHỐI ĐẢNG, CHÍNH QUYỀN" and is '
        "skipped as a heading or note",
        'danh-ba.xlsx:Sheet1!E5: warning: row 5 holds only "Người lập biểu" and is skipped as a '
        "heading or note",
        'danh-ba.xlsx:Sheet1!E6: warning: row 6 holds only "Phạm Thị Thu Hà" and is skipped as '
        "a heading or note",
        'danh-ba.xlsx:Sheet1!G3: warning: the cell holds several numbers; "0913 456 789" is '
        'written for this person and "0276 3841 234" as a further contact of the same name just '
        "below; check them",
    ]
    # import.md: both numbers kept; the Zalo tick belongs to the mobile, not the landline.
    contacts = loaded(output).sites[0].contacts
    assert contacts == (
        Contact("Chủ tịch", "Nguyễn Văn An", parse_phone("0913 456 789"), zalo=True),
        Contact("Chủ tịch", "Nguyễn Văn An", parse_phone("0276 3841 234"), zalo=False),
    )


def test_an_incomplete_contact_is_reported_at_its_empty_cell(tmp_path):
    rows = [HEADER, [1, "UBND phường", "UBND", "Khu phố Long Trung", "Nguyễn Văn An", "Chủ tịch",
                     "0913 456 789"],
            [None, None, None, None, "Trần Thị Bích", None, "0988 123 456"]]
    result, output = import_book(tmp_path, workbook(rows), *DIRECTORY_OPTIONS)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        'danh-ba.xlsx:Sheet1!F3: error: the contact on this row has no "Chức vụ"; fill in this '
        "cell (every contact needs a role, a name and a phone number)")
    assert not output.exists()


def test_values_yaml_would_misread_are_quoted_and_come_back_as_text(tmp_path):
    rows = [["Mã", "Tên cơ quan", "Loại", "Địa chỉ", "Điện thoại cơ quan", "Ghi chú"],
            ["no", "Null", "Công an", "2026-11-28", 113, "true: #1\nline two"]]
    result, output = import_book(tmp_path, workbook(rows), *DIRECTORY_OPTIONS)
    assert result.exit_code == 0, result.stderr
    site = loaded(output).sites[0]
    assert (site.id, site.name, site.address, site.phone.national, site.note) == (
        "no", "Null", "2026-11-28", "113", "true: #1\nline two")
    text = output.read_text(encoding="utf-8")
    assert "    name: 'Null'\n" in text and "    phone: '113'\n" in text


def test_import_twice_writes_the_same_bytes(tmp_path):
    _, first = import_book(tmp_path, messy_ward_book(), *DIRECTORY_OPTIONS)
    data = first.read_bytes()
    again, _ = import_book(tmp_path, messy_ward_book(), *DIRECTORY_OPTIONS, "--force")
    assert again.exit_code == 0 and first.read_bytes() == data


FIXTURE_REUSED = HealthCheck.function_scoped_fixture  # each example overwrites its files
CELL_TEXT = st.text(alphabet=st.sampled_from(list(
    "aăâbcdđeêghiklmnoôơpqrstuưvxyAĐƯ àáảãạ µ¸¶·¹¨»¾ñöôøùû0123456789 .,;:/-+()#'\"\n✓x")),
    max_size=24)
CELL = st.one_of(st.none(), CELL_TEXT, st.integers(-10, 10**12), st.floats(allow_nan=False),
                 st.booleans())


# Two phone columns ("Điện thoại", "SĐT") too: their roles are decided by what the cells hold.
@pytest.mark.parametrize("header", [HEADER, [
    "STT", "Tên cơ quan", "Địa chỉ", "Điện thoại", "Chức vụ", "Họ tên", "SĐT", "Zalo"]])
@settings(max_examples=25, deadline=None, suppress_health_check=[FIXTURE_REUSED])
@given(st.lists(st.lists(CELL, min_size=8, max_size=8), min_size=1, max_size=6))
def test_any_cell_values_give_messages_never_a_traceback(tmp_path, header, rows):
    result, output = import_book(tmp_path, workbook([header, *rows]), *DIRECTORY_OPTIONS,
                                 "--force")
    assert result.exit_code in (0, 1), result.exception
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.stderr.strip().splitlines()[-1].startswith(("wrote ", str(output)))


@settings(max_examples=25, deadline=None, suppress_health_check=[FIXTURE_REUSED])
@given(st.binary(max_size=300))
def test_any_bytes_as_csv_give_messages_never_a_traceback(tmp_path, data):
    source = tmp_path / "x.csv"
    source.write_bytes(data)
    result = invoke("import", source, "-o", tmp_path / "out.yaml", *DIRECTORY_OPTIONS, "--force")
    assert result.exit_code in (0, 1), result.exception
    assert result.exception is None or isinstance(result.exception, SystemExit)


# --- an office's landline and each person's mobile, in two phone columns (import.md) ------------

CLERK_HEADER = ["STT", "Tên cơ quan", "Địa chỉ", "Điện thoại", "Chức vụ", "Họ tên", "SĐT"]
CLERK_OFFICES = [  # (name, address, landline, [(role, name, mobile)])
    ("UBND phường Long Thành Bắc", "Khu phố Long Trung", "0276 3841 234",
     [("Chủ tịch UBND phường", "Nguyễn Văn An", "0913 456 789"),
      ("Phó Chủ tịch UBND phường", "Trần Thị Bích", "0988 123 456")]),
    ("Trạm Y tế phường Long Thành Bắc", "Khu phố Long Hải", "0276 3841 567",
     [("Trạm trưởng", "Nguyễn Thị Hường", "0378 112 233"),
      ("Y sĩ", "Đặng Văn Ưng", "0903 221 457")]),
]


def clerk_book(mobile_header: str, layout: str) -> openpyxl.Workbook:
    """The clerk's contact list: one row per contact, the office's landline in "Điện thoại".

    ``layout``: "one" contact per office; "merged", several, the office's cells merged down;
    "repeated", several, the office's cells typed again on every row.
    """
    rows, merges = [CLERK_HEADER[:-1] + [mobile_header]], []
    for number, (name, address, landline, people) in enumerate(CLERK_OFFICES, start=1):
        first = len(rows) + 1
        for index, (role, person, mobile) in enumerate(people[:1] if layout == "one" else people):
            office = [number, name, address, landline]
            if index and layout == "merged":
                office = [None] * 4
            rows.append(office + [role, person, mobile])
        if layout == "merged":
            merges += [f"{column}{first}:{column}{len(rows)}" for column in "ABCD"]
    return workbook(rows, merges=tuple(merges))


def parsed(output: Path):
    """The written registry, read back by qrdir's own validator."""
    registry, problems = parse_registry(output.read_bytes(), str(output))
    assert registry is not None, problems
    return registry


def imported(tmp_path: Path, book: openpyxl.Workbook, lang: str = "en"):
    """Import ``book``, which must succeed: its messages, and the registry read back."""
    result, output = import_book(tmp_path, book, *DIRECTORY_OPTIONS, "--force", lang=lang)
    assert result.exit_code == 0, result.stderr
    return result.stderr.splitlines(), parsed(output)


@pytest.mark.parametrize("layout", ["one", "merged", "repeated"])
@pytest.mark.parametrize("mobile_header", ["SĐT", "Di động", "Điện thoại di động"])
def test_a_clerks_list_keeps_the_office_landline_and_each_persons_mobile(tmp_path, mobile_header,
                                                                         layout):
    lines, registry = imported(tmp_path, clerk_book(mobile_header, layout))
    assert not [line for line in lines if "column" in line]
    sites = registry.sites
    assert [(site.name, site.phone.display) for site in sites] == [
        (name, landline) for name, _, landline, _ in CLERK_OFFICES]
    contacts = [[(c.role, c.name, c.phone.display) for c in site.contacts] for site in sites]
    assert contacts == [people[:1] if layout == "one" else people
                        for _, _, _, people in CLERK_OFFICES]


@pytest.mark.parametrize("copy", ["0913 456 789", 913456789])
def test_a_column_the_clerk_copied_is_dropped_as_a_duplicate_of_its_original(tmp_path, copy):
    # "Di động" repeats "SĐT" cell for cell (913456789 is 0913 456 789 that Excel stored as a
    # number); "Điện thoại" is still the office's landline, not a third copy.
    rows = [CLERK_HEADER + ["Di động"],
            [1, "UBND phường", "Khu phố Long Trung", "0276 3841 234", "Chủ tịch",
             "Nguyễn Văn An", "0913 456 789", copy]]
    lines, registry = imported(tmp_path, workbook(rows))
    assert lines[0] == (
        'danh-ba.xlsx:Sheet1!H1: warning: column H "Di động" repeats column G and is ignored')
    site = registry.sites[0]
    assert (site.phone.display, site.contacts[0].phone.display) == ("0276 3841 234",
                                                                    "0913 456 789")


def test_two_equal_phone_columns_keep_one_and_warn_in_both_languages(tmp_path):
    rows = [["STT", "Tên cơ quan", "Địa chỉ", "Chức vụ", "Họ tên", "Điện thoại", "SĐT"],
            [1, "UBND phường", "Khu phố Long Trung", "Chủ tịch", "Nguyễn Văn An", 913456789,
             "0913 456 789"],
            [None, None, None, "Phó Chủ tịch", "Trần Thị Bích", "0988.123.456", "0988 123 456"]]
    for lang, warning in (
            ("en", 'column G "SĐT" repeats column F and is ignored'),
            ("vi", 'cột G "SĐT" trùng nội dung với cột F nên bị bỏ qua')):
        lines, registry = imported(tmp_path, workbook(rows), lang=lang)
        assert lines[0] == f"danh-ba.xlsx:Sheet1!G1: warning: {warning}"
        site = registry.sites[0]
        assert site.phone is None
        assert [c.phone.display for c in site.contacts] == ["0913 456 789", "0988 123 456"]


def test_a_cell_with_two_phones_keeps_both(tmp_path):
    rows = [CLERK_HEADER,
            [1, "UBND phường", "Khu phố Long Trung", "0276 3841 234 - 0276 3841 235",
             "Chủ tịch", "Nguyễn Văn An", "0276 3841 236 - 0913 456 789"]]
    lines, registry = imported(tmp_path, workbook(rows))
    assert [line for line in lines if "several numbers" in line] == [
        'danh-ba.xlsx:Sheet1!D2: warning: the cell holds several numbers; "0276 3841 234" is the '
        'office\'s phone and "0276 3841 235" is not in the registry (only noted beside it): if '
        "residents should call it, add it as a contact",
        'danh-ba.xlsx:Sheet1!G2: warning: the cell holds several numbers; "0276 3841 236" is '
        'written for this person and "0913 456 789" as a further contact of the same name just '
        "below; check them",
    ]
    site = registry.sites[0]
    assert site.phone.display == "0276 3841 234"
    written = (tmp_path / "sites.yaml").read_text(encoding="utf-8")
    assert "    phone: \"0276 3841 234\"  # cell D2 also holds: 0276 3841 235\n" in written
    assert site.contacts == (
        Contact("Chủ tịch", "Nguyễn Văn An", parse_phone("0276 3841 236")),
        Contact("Chủ tịch", "Nguyễn Văn An", parse_phone("0913 456 789")),
    )


def test_phone_columns_the_cells_cannot_tell_apart_are_an_error(tmp_path):
    # Both columns after the people's, both mobiles, one person per office: whose is whose?
    rows = [["Tên cơ quan", "Địa chỉ", "Chức vụ", "Họ tên", "Điện thoại", "SĐT"],
            ["UBND phường", "Khu phố Long Trung", "Chủ tịch", "Nguyễn Văn An", "0913 456 789",
             "0988 123 456"]]
    for lang, error in (
            ("en", 'cannot tell which of columns E "Điện thoại" and F "SĐT" is the office\'s '
                   'phone and which the contact\'s; rename the office\'s column "Điện thoại cơ '
                   'quan"'),
            ("vi", 'không rõ cột E "Điện thoại" hay cột F "SĐT" là điện thoại của cơ quan, cột '
                   'nào là của người liên hệ; hãy đổi tiêu đề cột của cơ quan thành "Điện thoại '
                   'cơ quan"')):
        result, output = import_book(tmp_path, workbook(rows), *DIRECTORY_OPTIONS, lang=lang)
        assert result.exit_code == 1
        assert result.stderr.splitlines()[0] == f"danh-ba.xlsx:Sheet1!F1: error: {error}"
        assert not output.exists()


def test_a_second_address_column_with_other_values_is_named_not_called_a_duplicate(tmp_path):
    rows = [["Tên cơ quan", "Địa chỉ", "Họ tên", "Chức vụ", "SĐT", "Địa chỉ (cũ)"],
            ["UBND phường", "Khu phố Long Trung", "Nguyễn Văn An", "Chủ tịch", "0913 456 789",
             "Ấp Long Trung"]]
    lines, registry = imported(tmp_path, workbook(rows))
    assert lines[0] == (
        'danh-ba.xlsx:Sheet1!F1: warning: column F "Địa chỉ (cũ)" is the same kind of column as '
        "B but holds other values; only column B is read, so column F is ignored: move what "
        "should be kept into column B")
    assert registry.sites[0].address == "Khu phố Long Trung"


def test_an_office_whose_only_number_is_its_heads_keeps_it_for_both(tmp_path):
    # The headers say whose each column is; equal cells make neither one a duplicate.
    rows = [["Tên cơ quan", "Địa chỉ", "Điện thoại cơ quan", "Chức vụ", "Họ tên", "SĐT"],
            ["Chi hội Người cao tuổi", "Khu phố Long Hải", "0913 456 789", "Chi hội trưởng",
             "Lê Văn Tâm", "0913 456 789"]]
    lines, registry = imported(tmp_path, workbook(rows))
    assert not [line for line in lines if "repeats" in line]
    site = registry.sites[0]
    assert (site.phone.display, site.contacts[0].phone.display) == ("0913 456 789",
                                                                    "0913 456 789")


def test_phones_are_refused_on_import_with_the_same_reasons_at_their_cells(tmp_path):
    rows = [CLERK_HEADER,
            [1, "UBND phường", "Khu phố Long Trung", "0276 3841 234 - 12", "Chủ tịch",
             "Nguyễn Văn An", "0913 456 78"],
            [2, "Trạm Y tế", "Khu phố Long Hải", "(066) 3842 115", "Trạm trưởng",
             "Nguyễn Thị Hường", "0378 112 233"],
            [3, "Công an phường", "Khu phố Long Hải", 663842116, "Trưởng Công an",
             "Lê Văn Cường", "0903 221 457 máy lẻ 5"]]
    result, output = import_book(tmp_path, workbook(rows), *DIRECTORY_OPTIONS, lang="en")
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if ": error: " in line]
    assert errors == [
        'danh-ba.xlsx:Sheet1!D2: error: phone "0276 3841 234 - 12" carries the extension 12; '
        'write only the number "0276 3841 234" in phone and put the extension in the site\'s '
        'note (e.g. "Extension 12")',
        'danh-ba.xlsx:Sheet1!G2: error: phone "0913 456 78" is missing digits: it has 9, but a '
        "number beginning 09 has 10 (like 0913 456 789); copy the whole number again",
        'danh-ba.xlsx:Sheet1!D3: error: phone "(066) 3842 115" is a landline written with its '
        "old area code (every province's code changed in 2017); its new number is "
        '"0276 3842 115"',
        'danh-ba.xlsx:Sheet1!D4: error: phone "0663842116" is a landline written with its old '
        "area code (every province's code changed in 2017); its new number is "
        '"0276 3842 116"',
        'danh-ba.xlsx:Sheet1!G4: error: phone "0903 221 457 máy lẻ 5" carries the extension 5; '
        'write only the number "0903 221 457" in phone and put the extension in the site\'s '
        'note (e.g. "Extension 5")',
    ]
    assert not output.exists()


# --- import --force keeps a person's comments (import.md "A workbook as the registry") -----------

_COMMENTED_ROWS = [
    HEADER,
    [1, "UBND phường Long Thành Bắc", "Uỷ ban nhân dân", "Khu phố Long Trung", "Nguyễn Văn An",
     "Chủ tịch", "0913456789", "x"],
    [2, "Trạm Y tế phường", "Trạm y tế", "Khu phố Long Hải", "Lê Thị Hoa", "Trạm trưởng",
     "0988123456", None],
    [3, "Công an phường", "police", "Khu phố Long Hải", "Lê Văn Tâm", "Trưởng Công an",
     "0903221457", None],
]


def _comment_by_hand(output: Path) -> None:
    """What a clerk adds to the imported YAML: comments above sites and after fields."""
    text = output.read_text(encoding="utf-8")
    for old, new in (
        ("  - id: ubnd-phuong-long-thanh-bac\n",
         "  # Trụ sở mới từ 2026\n  #\n  - id: ubnd-phuong-long-thanh-bac\n"),
        ("    address: Khu phố Long Trung\n",
         "    address: Khu phố Long Trung  # hỏi bảo vệ ở cổng\n"),
        ('    kind: "ward_office"  # People\'s Committee\n',
         '    kind: "ward_office"  # đã xác minh\n'),
        ("  - id: tram-y-te-phuong\n", "  # sắp sáp nhập\n  - id: tram-y-te-phuong\n"),
        ("    name: Trạm Y tế phường\n", '    name: "Trạm Y tế phường"  # tên cũ\n'),
        ("  - id: cong-an-phuong\n", "  # trực 24/7\n  - id: cong-an-phuong\n"),
        ("    name: Công an phường\n    kind: \"police\"  # Police\n    address: Khu phố Long Hải\n"
         "    contacts:\n",
         "    name: Công an phường\n    kind: \"police\"  # Police\n    address: Khu phố Long Hải\n"
         "    contacts:  # gọi trưởng trước\n"),
    ):
        assert old in text, old
        text = text.replace(old, new)
    output.write_text(text, encoding="utf-8")


def test_import_force_keeps_the_comments_of_sites_that_still_exist(tmp_path):
    result, output = import_book(tmp_path, workbook(_COMMENTED_ROWS), *DIRECTORY_OPTIONS)
    assert result.exit_code == 0, result.stderr
    _comment_by_hand(output)
    # The clerk edits the spreadsheet: a new phone for the chairman, the health station gone.
    edited = [row[:] for row in _COMMENTED_ROWS if row[0] != 2]
    edited[1][6] = "0913000111"
    result, output = import_book(tmp_path, workbook(edited), *DIRECTORY_OPTIONS, "--force")
    assert result.exit_code == 0, result.stderr
    assert output.read_text(encoding="utf-8").split("\nsites:\n", 1)[1] == (
        "  # Trụ sở mới từ 2026\n"
        "  #\n"
        "  - id: ubnd-phuong-long-thanh-bac\n"
        "    name: UBND phường Long Thành Bắc\n"
        '    kind: "ward_office"  # đã xác minh # People\'s Committee\n'
        '    address: "Khu phố Long Trung"  # hỏi bảo vệ ở cổng\n'
        "    contacts:\n"
        "      - role: Chủ tịch\n"
        "        name: Nguyễn Văn An\n"
        "        phone: 0913 000 111\n"
        "        zalo: true\n"
        "\n"
        "  # trực 24/7\n"
        "  - id: cong-an-phuong\n"
        "    name: Công an phường\n"
        '    kind: "police"  # Police\n'
        "    address: Khu phố Long Hải\n"
        "    contacts:  # gọi trưởng trước\n"
        "      - role: Trưởng Công an\n"
        "        name: Lê Văn Tâm\n"
        "        phone: 0903 221 457\n"
    )
    assert result.stderr.splitlines()[-2] == (
        f"2 comments (#) in {output} belonged to sites no longer in the spreadsheet and were "
        "dropped: tram-y-te-phuong")


def test_the_comments_kept_change_nothing_the_registry_says(tmp_path):
    """The YAML with the kept comments reads back as exactly the registry imported without."""
    _, output = import_book(tmp_path, workbook(_COMMENTED_ROWS), *DIRECTORY_OPTIONS)
    _comment_by_hand(output)
    result, output = import_book(tmp_path, workbook(_COMMENTED_ROWS), *DIRECTORY_OPTIONS,
                                 "--force")
    assert result.exit_code == 0, result.stderr
    with_comments = output.read_text(encoding="utf-8")
    assert "# hỏi bảo vệ ở cổng" in with_comments and "# sắp sáp nhập" in with_comments
    output.unlink()
    result, output = import_book(tmp_path, workbook(_COMMENTED_ROWS), *DIRECTORY_OPTIONS)
    assert result.exit_code == 0, result.stderr
    without = output.read_text(encoding="utf-8")
    assert "hỏi bảo vệ" not in without
    kept, kept_problems = parse_registry(with_comments.encode("utf-8"), "sites.yaml")
    plain, plain_problems = parse_registry(without.encode("utf-8"), "sites.yaml")
    # Only the line each site starts on moves, by the comment lines above it.
    assert [site.line for site in kept.sites] == [12, 23, 33]
    assert [site.line for site in plain.sites] == [10, 20, 29]
    assert replace(kept, sites=tuple(replace(s, line=0) for s in kept.sites)) == replace(
        plain, sites=tuple(replace(s, line=0) for s in plain.sites))
    assert [(p.code, p.args) for p in kept_problems] == [(p.code, p.args) for p in plain_problems]


def test_import_force_in_vietnamese_says_how_many_comments_were_dropped(tmp_path):
    _, output = import_book(tmp_path, workbook(_COMMENTED_ROWS), *DIRECTORY_OPTIONS)
    _comment_by_hand(output)
    result, output = import_book(tmp_path, workbook(_COMMENTED_ROWS[:2]), *DIRECTORY_OPTIONS,
                                 "--force", lang="vi")
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines()[-2] == (
        f"4 ghi chú (#) trong {output} thuộc địa điểm không còn trong bảng tính nên đã bỏ: "
        "cong-an-phuong, tram-y-te-phuong")
