"""qrdir export: the registry as a formatted .xlsx that qrdir import reads back unchanged."""

from __future__ import annotations

import datetime as dt
import io
import unicodedata
from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl.packaging.custom import CustomPropertyList
from openpyxl.utils import get_column_letter

from qrdir.registry.model import DAYS, DayHours, Interval, Registry
from qrdir.registry.validate import load_registry, parse_registry
from qrdir.sheets import cell_values
from qrdir.sheets.exporter import (
    COLUMNS,
    CONTACTS_SHEET,
    DIRECTORY_SHEET,
    HELP_SHEET,
    MAX_WIDTH,
    MIN_WIDTH,
    RETIRED_SHEET,
    fit_widths,
    format_hours,
    render_workbook,
)
from qrdir.sheets.importer import header_field
from tests.conftest import EXAMPLE_REGISTRY
from tests.sheets.test_import import invoke

# Every field the spreadsheet carries, with values YAML or Excel could get wrong.
TRICKY_REGISTRY = """\
directory:
  name: Ward "No" 1
  region: Thị xã Hoà Thành, tỉnh Tây Ninh
  base_url: https://example.vn/ward
  publisher: Đoàn Thanh niên phường
  language: en
  updated: 2026-11-28
  hotlines:
    - {label: "Công an: trực ban", phone: "113"}
    - {label: Tổng đài, phone: 1900 1096}
  formerly: [Xã Long Thành Bắc, "Thị trấn Hoà Thành"]
sites:
  - id: "113"
    name: "Null"
    kind: police
    address: "2026-11-28"
    location: -8.5, 106.1
    map_url: https://maps.app.goo.gl/abc?x=1&y=2
    phone: 1900 545481
    email: a@b.vn
    website: http://example.vn/#top
    hours:
      sat-mon: "00:00-24:00"
      wed: "07:00-11:30, 13:30-17:00"
      thu: closed
    contacts:
      - {role: "Trưởng: ca 1", name: "1:20", phone: "+84 913 456 789", zalo: yes}
      - {role: Phó, name: Lê Bá Tô, phone: (0276) 3841 234}
    services: ["~", "Chứng thực: bản sao", "#1"]
    note: "Dòng một\\nDòng hai: 'trích'"
    formerly: UBND xã
    verified: 2026-01-02
  - name: Trạm Y tế
    kind: health_station
    address: Khu phố Long Trung
retired:
  - {id: cu-1, moved_to: "113"}
  - {id: cu-2, closed: "Đã sáp nhập: xem danh bạ"}
"""


def _comparable(registry: Registry) -> Registry:
    """The registry without the registry file's own name and line numbers."""
    return replace(
        registry, source="",
        sites=tuple(replace(site, line=0) for site in registry.sites),
        retired=tuple(replace(entry, line=0) for entry in registry.retired),
    )


def _round_trip(tmp_path: Path, registry: Registry) -> Registry:
    workbook = tmp_path / "sites.xlsx"
    workbook.write_bytes(render_workbook(registry))
    result = invoke("import", workbook, "-o", tmp_path / "back.yaml")
    assert result.exit_code == 0, result.stderr
    back, problems = load_registry(tmp_path / "back.yaml")
    assert back is not None, problems
    return back


def test_round_trip_of_a_registry_with_every_field_is_identity(tmp_path):
    registry, problems = parse_registry(TRICKY_REGISTRY.encode("utf-8"))
    assert registry is not None, problems
    assert _comparable(_round_trip(tmp_path, registry)) == _comparable(registry)


def test_round_trip_of_the_example_registry_is_identity(tmp_path):
    registry, problems = load_registry(EXAMPLE_REGISTRY)
    assert registry is not None, problems
    assert _comparable(_round_trip(tmp_path, registry)) == _comparable(registry)


def test_round_trip_of_a_registry_built_from_the_model_is_identity(tmp_path, registry):
    assert _comparable(_round_trip(tmp_path, registry)) == _comparable(registry)


def test_round_trip_of_a_ward_that_lists_no_person_is_identity(tmp_path, registry):
    """Contacts are optional: the empty contact columns export writes ask for nothing back."""
    without_contacts = replace(registry, sites=tuple(replace(site, contacts=())
                                                     for site in registry.sites))
    assert _comparable(_round_trip(tmp_path, without_contacts)) == _comparable(without_contacts)


def _open(registry: Registry) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(render_workbook(registry)))


def test_the_spreadsheet_is_formatted_for_people(registry):
    book = _open(registry)
    assert book.sheetnames == [CONTACTS_SHEET, DIRECTORY_SHEET, RETIRED_SHEET, HELP_SHEET]
    sheet = book[CONTACTS_SHEET]
    header = [cell.value for cell in sheet[1]]
    assert header == [title for title, _ in COLUMNS]
    assert all(cell.font.bold for cell in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:{sheet.cell(1, len(COLUMNS)).column_letter}1"
    widths = [sheet.column_dimensions[c.column_letter].width for c in sheet[1]]
    assert all(MIN_WIDTH <= width <= MAX_WIDTH for width in widths)
    # One row per contact; a site without contacts still has its row.
    assert sheet.max_row == 1 + sum(max(1, len(site.contacts)) for site in registry.sites)
    column = [field for _, field in COLUMNS].index("contact_phone")
    phones = [row[column] for row in sheet.iter_rows(2)]
    assert all(cell.number_format == "@" for cell in phones)
    assert phones[0].value == "0913 456 789"  # text, as Vietnamese people write it


# registry.md 1.1: the workbook is written the way a ward's clerk writes, not in English codes.
CLERK_REGISTRY = """\
directory:
  name: Phường Long Hoa
  base_url: https://longhoa.example.vn/
  updated: 2026-11-28
sites:
  - id: tram-y-te
    name: Trạm Y tế phường Long Hoa
    kind: health_station
    address: Khu phố Long Trung
    hours:
      mon-fri: "07:00-11:30, 13:30-17:00"
      sat: "07:00-11:00"
      sun: closed
    contacts:
      - {role: Trạm trưởng, name: Lê Thị Hoa, phone: 0913 456 789}
    verified: 2026-01-02
"""


def test_the_workbook_holds_hours_dates_and_kinds_as_a_clerk_writes_them(tmp_path):
    registry, problems = parse_registry(CLERK_REGISTRY.encode("utf-8"))
    assert registry is not None, problems
    book = _open(registry)
    fields = [field for _, field in COLUMNS]
    row = {field: cell for field, cell in zip(fields, book[CONTACTS_SHEET][2], strict=True)}
    assert row["hours"].value == (
        "Thứ 2 - Thứ 6: 7:00-11:30, 13:30-17:00; Thứ 7: 7:00-11:00; Chủ nhật: Nghỉ")
    assert row["kind"].value == "Trạm y tế"
    # Day first, and kept as text: Excel in another locale must not turn it month first.
    assert (row["verified"].value, row["verified"].number_format) == ("02/01/2026", "@")
    directory = {r[0].value: r[1].value for r in book[DIRECTORY_SHEET].iter_rows(min_row=2)}
    assert directory["updated"] == "28/11/2026"
    assert _comparable(_round_trip(tmp_path, registry)) == _comparable(registry)


# Any week of opening hours: each day unlisted, closed, or some intervals in order.
_MINUTES = st.lists(st.integers(0, 24 * 60), min_size=2, max_size=6, unique=True).map(sorted)
_DAY_HOURS = st.one_of(st.none(), st.just(()), _MINUTES.map(
    lambda points: tuple(Interval(a, b) for a, b in zip(points[::2], points[1::2], strict=False))))
WEEKS = st.lists(_DAY_HOURS, min_size=7, max_size=7).map(
    lambda week: tuple(DayHours(day, hours) for day, hours in zip(DAYS, week, strict=True)
                       if hours is not None)).filter(bool)


def _hours_read(hours_yaml: str) -> tuple[DayHours, ...]:
    registry, problems = parse_registry(
        "directory: {name: P, base_url: https://p.example.vn/}\nsites:\n"
        f"  - {{name: A, kind: other, address: B, hours: {hours_yaml}}}\n".encode())
    assert registry is not None, problems
    return registry.sites[0].hours


@settings(max_examples=60, deadline=None)
@given(WEEKS)
def test_the_clerks_hours_read_back_exactly_in_a_registry_and_on_import(hours):
    text = format_hours(hours)
    assert _hours_read(f'"{text}"') == hours  # one notice-board line in sites.yaml
    cells = cell_values.parse_hours(text)  # what qrdir import makes of the cell
    assert cells is not None, text
    assert _hours_read("{" + ", ".join(f'"{k}": "{v}"' for k, v in cells.items()) + "}") == hours


@pytest.mark.parametrize(("title", "field"), [(title, field) for title, field in COLUMNS])
def test_every_exported_header_is_one_import_recognises(title, field):
    assert header_field(title) == field


def test_export_is_deterministic(registry, monkeypatch):
    first = render_workbook(registry)
    # openpyxl stamps the time of saving; a later second must not change a byte.
    later = dt.datetime.now() + dt.timedelta(days=400)
    monkeypatch.setattr("openpyxl.writer.excel.datetime", _Clock(later))
    assert render_workbook(registry) == first
    properties = openpyxl.load_workbook(io.BytesIO(first)).properties
    assert properties.modified == dt.datetime.combine(registry.directory.updated, dt.time())


class _Clock:
    """Stands in for the ``datetime`` module openpyxl reads the time of saving from."""

    def __init__(self, now: dt.datetime):
        self.datetime = type("datetime", (), {"now": staticmethod(lambda tz=None: now)})
        self.timezone = dt.timezone


def test_export_command_writes_the_spreadsheet(tmp_path):
    output = tmp_path / "sites.xlsx"
    result = invoke("export", EXAMPLE_REGISTRY, "-o", output)
    assert result.exit_code == 0, result.stderr
    registry, _ = load_registry(EXAMPLE_REGISTRY)
    rows = sum(max(1, len(site.contacts)) for site in registry.sites)
    assert result.stderr.endswith(f"wrote {len(registry.sites)} sites ({rows} rows) to {output}\n")
    assert openpyxl.load_workbook(output)[CONTACTS_SHEET].max_row == rows + 1


def test_export_of_a_registry_with_errors_writes_nothing(tmp_path):
    broken = tmp_path / "sites.yaml"
    broken.write_text(TRICKY_REGISTRY.replace("phone: 1900 545481", "phone: 0913 45"),
                      encoding="utf-8")
    result = invoke("export", broken, "-o", tmp_path / "sites.xlsx")
    assert result.exit_code == 1
    assert 'phone "0913 45" is missing digits: it has 6' in result.stderr
    assert not (tmp_path / "sites.xlsx").exists()


# --- never overwriting a workbook a person edited (import.md) -----------------------------------

def _export(registry: Path, output: Path, *args: str, lang: str = "en"):
    return invoke("export", registry, "-o", output, *args, lang=lang)


def _edit_a_cell(path: Path) -> None:
    book = openpyxl.load_workbook(path)
    book[CONTACTS_SHEET]["Q2"] = "0988 123 456"  # the clerk corrects a mobile in Excel
    book.save(path)


def _add_a_row(path: Path) -> None:
    book = openpyxl.load_workbook(path)
    book[CONTACTS_SHEET].append([None, None, None, None, None, None, None, None, None, None,
                                 None, None, None, None, "Phó Chủ tịch", "Lê Văn Tâm",
                                 "0903 221 457"])
    book.save(path)


def _add_a_sheet(path: Path) -> None:
    book = openpyxl.load_workbook(path)
    book.create_sheet("Ghi chú").append(["Gọi lại anh Tâm trước thứ Sáu"])
    book.save(path)


@pytest.mark.parametrize("edit", [_edit_a_cell, _add_a_row, _add_a_sheet])
def test_a_workbook_edited_since_the_last_export_is_never_overwritten_without_force(tmp_path,
                                                                                    edit):
    output = tmp_path / "sites.xlsx"
    assert _export(EXAMPLE_REGISTRY, output).exit_code == 0
    edit(output)
    edited = output.read_bytes()
    for lang, refusal in (
            ("en", f'"{output}" was edited since it was last exported; qrdir export does not '
                   "overwrite it, so no edit is lost. To keep the edits, import it into the "
                   f"registry first: qrdir import {output} -o {EXAMPLE_REGISTRY} --force; to "
                   "discard them, add --force"),
            ("vi", f'"{output}" đã được sửa sau lần xuất trước; qrdir export không ghi đè để khỏi '
                   "mất phần đã sửa. Muốn giữ phần sửa, hãy nhập nó vào danh bạ trước: qrdir "
                   f"import {output} -o {EXAMPLE_REGISTRY} --force; muốn bỏ phần sửa, thêm "
                   "--force")):
        result = _export(EXAMPLE_REGISTRY, output, lang=lang)
        assert result.exit_code == 1
        assert result.stderr == refusal + "\n"
        assert output.read_bytes() == edited
        assert sorted(p.name for p in tmp_path.iterdir()) == ["sites.xlsx"]
    forced = _export(EXAMPLE_REGISTRY, output, "--force")
    assert forced.exit_code == 0, forced.stderr
    assert forced.stderr.endswith(f"to {output}\n")
    fresh = tmp_path / "fresh" / "sites.xlsx"
    assert _export(EXAMPLE_REGISTRY, fresh).exit_code == 0
    assert output.read_bytes() == fresh.read_bytes()


def test_exporting_twice_without_edits_leaves_the_workbook_untouched(tmp_path):
    output = tmp_path / "sites.xlsx"
    assert _export(EXAMPLE_REGISTRY, output).exit_code == 0
    before = output.stat()
    data = output.read_bytes()
    registry, _ = load_registry(EXAMPLE_REGISTRY)
    rows = sum(max(1, len(site.contacts)) for site in registry.sites)
    for lang, said in (
            ("en", f"{output} already holds these {len(registry.sites)} sites ({rows} rows) and "
                   "is left untouched"),
            ("vi", f"{output} đã có đúng {len(registry.sites)} địa điểm ({rows} dòng) này nên "
                   "được để nguyên")):
        again = _export(EXAMPLE_REGISTRY, output, lang=lang)
        assert again.exit_code == 0, again.stderr
        assert again.stderr.splitlines()[-1] == said
    after = output.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    assert output.read_bytes() == data


def test_an_unedited_export_is_overwritten_when_the_registry_changed(tmp_path):
    registry = tmp_path / "sites.yaml"
    registry.write_text(TRICKY_REGISTRY, encoding="utf-8")
    output = tmp_path / "sites.xlsx"
    assert _export(registry, output).exit_code == 0
    # Opened and saved without a change (as Excel does on closing): the bytes differ, the cells
    # do not, so it is still the workbook qrdir wrote.
    openpyxl.load_workbook(output).save(output)
    registry.write_text(TRICKY_REGISTRY.replace("phone: 1900 545481", "phone: 0276 3841 234"),
                        encoding="utf-8")
    result = _export(registry, output)
    assert result.exit_code == 0, result.stderr
    assert result.stderr.endswith(f"wrote 2 sites (3 rows) to {output}\n")
    column = [field for _, field in COLUMNS].index("phone") + 1
    assert openpyxl.load_workbook(output)[CONTACTS_SHEET].cell(2, column).value == "0276 3841 234"


def _a_wards_own_workbook(path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.append(["Tên cơ quan", "Địa chỉ", "Điện thoại"])
    book.active.append(["UBND phường", "Khu phố Long Trung", "0276 3841 234"])
    book.save(path)


def _an_export_whose_mark_was_dropped(path: Path) -> None:
    # A program that keeps the cells but drops the custom document properties.
    path.write_bytes(render_workbook(load_registry(EXAMPLE_REGISTRY)[0]))
    book = openpyxl.load_workbook(path)
    book.custom_doc_props = CustomPropertyList()
    book.save(path)


def _notes_named_like_a_workbook(path: Path) -> None:
    path.write_text("số điện thoại cần gọi lại\n", encoding="utf-8")


@pytest.mark.parametrize("foreign", [
    _a_wards_own_workbook, _an_export_whose_mark_was_dropped, _notes_named_like_a_workbook])
def test_a_file_qrdir_did_not_export_is_never_overwritten_without_force(tmp_path, foreign):
    output = tmp_path / "danh bạ.xlsx"
    foreign(output)
    data = output.read_bytes()
    for lang, refusal in (
            ("en", f'"{output}" is not a workbook qrdir export wrote (or the program that saved '
                   "it dropped qrdir's mark), so qrdir export does not overwrite it. Choose "
                   "another name with -o; to keep what it holds, import it first: qrdir import "
                   f'"{output}" -o {EXAMPLE_REGISTRY} --force; to overwrite it, add --force'),
            ("vi", f'"{output}" không phải bảng tính qrdir export đã ghi (hoặc chương trình lưu '
                   "nó đã bỏ dấu của qrdir), nên qrdir export không ghi đè. Chọn tên khác với -o; "
                   "muốn giữ nội dung của nó, hãy nhập trước: qrdir import "
                   f'"{output}" -o {EXAMPLE_REGISTRY} --force; muốn ghi đè, thêm --force')):
        result = _export(EXAMPLE_REGISTRY, output, lang=lang)
        assert result.exit_code == 1
        assert result.stderr == refusal + "\n"
        assert output.read_bytes() == data
        assert [p.name for p in tmp_path.iterdir()] == ["danh bạ.xlsx"]
    forced = _export(EXAMPLE_REGISTRY, output, "--force")
    assert forced.exit_code == 0, forced.stderr
    assert openpyxl.load_workbook(output).sheetnames == [CONTACTS_SHEET, DIRECTORY_SHEET,
                                                         RETIRED_SHEET, HELP_SHEET]


def test_column_widths_fit_the_longest_line_counting_vietnamese_letters_once():
    book = openpyxl.Workbook()
    sheet = book.active
    decomposed = unicodedata.normalize("NFD", "Trạm y tế phường")  # 16 letters, 22 code points
    sheet.append(["x", decomposed, "a" * 100, "Địa chỉ", None])
    sheet.append([None, "ngắn", None, "Khu phố 1\nKhu phố Long Trung, phường Long Thành Bắc"])
    fit_widths(sheet)
    widths = {letter: sheet.column_dimensions[letter].width for letter in "ABCD"}
    # At least 8; letters with marks count once (16 + 2); at most 60; the longest line (41 + 2).
    assert widths == {"A": 8, "B": 18, "C": 60, "D": 43}


def test_the_exported_columns_fit_their_content(registry):
    sheet = _open(registry)[CONTACTS_SHEET]
    width = {field: sheet.column_dimensions[get_column_letter(index)].width
             for index, (_, field) in enumerate(COLUMNS, start=1)}
    assert width["zalo"] == MIN_WIDTH  # "Zalo", "không"
    assert width["id"] == min(MAX_WIDTH, max(len(s.id) for s in registry.sites) + 2)
    assert width["contact_phone"] == max(len(c.phone.display) for s in registry.sites
                                         for c in s.contacts) + 2
