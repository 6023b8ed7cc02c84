"""A workbook kept as the registry (import.md): check and build read danh-ba.xlsx directly, by the
rules of sites.yaml, each problem at its sheet and cell."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from qrdir.cli import main
from qrdir.registry.validate import load_registry
from qrdir.sheets.exporter import CONTACTS_SHEET, DIRECTORY_SHEET, RETIRED_SHEET, render_workbook
from tests.conftest import EXAMPLE_LEDGER, EXAMPLE_REGISTRY
from tests.sheets.test_export import TRICKY_REGISTRY

EPOCH = "1764547200"  # 2025-12-01, Vietnam time


def run(*args: object, lang: str = "en"):
    env = {"QRDIR_LANG": lang, "SOURCE_DATE_EPOCH": EPOCH}
    return CliRunner().invoke(main, [str(a) for a in args], env=env)


def exported(yaml_path: Path, folder: Path, name: str = "danh-ba.xlsx") -> Path:
    """The workbook ``qrdir export`` writes for the registry at ``yaml_path``."""
    registry, problems = load_registry(yaml_path)
    assert registry is not None, problems
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(render_workbook(registry))
    return path


def edited(path: Path, **cells: object) -> Path:
    """The workbook at ``path`` with cells of the contacts sheet changed (``Q3="0913 45"``); a key
    ``Sheet__A1`` changes a cell of another sheet (``Thông tin chung`` as ``info``)."""
    book = openpyxl.load_workbook(path)
    sheets = {"info": DIRECTORY_SHEET, "retired": RETIRED_SHEET}
    for ref, value in cells.items():
        sheet, _, cell = ref.rpartition("__")
        book[sheets.get(sheet, CONTACTS_SHEET)][cell] = value
    book.save(path)
    return path


def column_of(header: str) -> str:
    """The letter of the contacts sheet's column headed ``header`` in the export."""
    from qrdir.sheets.exporter import COLUMNS

    titles = [title for title, _ in COLUMNS]
    return openpyxl.utils.get_column_letter(titles.index(header) + 1)


@pytest.fixture
def workbook(tmp_path) -> Path:
    return exported(EXAMPLE_REGISTRY, tmp_path / "ward")


def files(output: Path) -> dict[str, str]:
    return {p.relative_to(output).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(output.rglob("*")) if p.is_file()}


# --- the same registry ------------------------------------------------------------------------


@pytest.mark.parametrize("source", ["example", "tricky"])
def test_the_exported_workbook_builds_the_same_bytes_as_its_yaml(tmp_path, source):
    yaml_folder = tmp_path / "yaml"
    yaml_folder.mkdir()
    yaml_path = yaml_folder / "sites.yaml"
    if source == "example":
        shutil.copy(EXAMPLE_REGISTRY, yaml_path)
        shutil.copy(EXAMPLE_LEDGER, yaml_folder / "qrdir.lock")
    else:
        yaml_path.write_text(TRICKY_REGISTRY, encoding="utf-8")
    book = exported(yaml_path, tmp_path / "book")
    if source == "example":
        shutil.copy(EXAMPLE_LEDGER, book.with_suffix(".lock"))
    from_yaml = run("build", yaml_path, "-o", yaml_folder / "output", "--no-cache")
    from_book = run("build", book, "-o", book.parent / "output", "--no-cache")
    assert from_yaml.exit_code == 0, from_yaml.output
    assert from_book.exit_code == 0, from_book.output
    assert files(book.parent / "output") == files(yaml_folder / "output")
    # its ledger is danh-ba.lock beside it, the same as the YAML's qrdir.lock
    assert book.with_suffix(".lock").read_bytes() == (yaml_folder / "qrdir.lock").read_bytes()
    assert not (book.parent / "qrdir.lock").exists()


def test_the_workbook_reads_as_the_same_registry(tmp_path):
    yaml_path = tmp_path / "sites.yaml"
    yaml_path.write_text(TRICKY_REGISTRY, encoding="utf-8")
    book = exported(yaml_path, tmp_path)
    from_yaml, _ = load_registry(yaml_path)
    from_book, problems = load_registry(book)
    assert from_book is not None, problems
    assert from_book.without_positions() == from_yaml.without_positions()


def test_check_names_the_workbook_and_counts_its_sites(workbook):
    result = run("check", workbook)
    assert result.exit_code == 0, result.output
    assert "danh-ba.xlsx" in result.output


# --- problems at their cells ------------------------------------------------------------------


def _check_error(book: Path, expected: str, lang: str = "en") -> None:
    """``check`` and ``build`` both fail with ``expected`` (exit 1) and write nothing."""
    expected = expected.replace("danh-ba.xlsx", str(book), 1)
    before = {p.name for p in book.parent.iterdir()}
    result = run("check", book, lang=lang)
    assert result.exit_code == 1, result.output
    assert expected in result.output.splitlines(), result.output
    result = run("build", book, "-o", book.parent / "output", "--no-cache", lang=lang)
    assert result.exit_code == 1, result.output
    assert expected in result.output.splitlines(), result.output
    assert {p.name for p in book.parent.iterdir()} == before  # no output, no ledger


def test_a_bad_phone_is_reported_at_its_cell(workbook):
    column = column_of("SĐT")
    edited(workbook, **{f"{column}3": "0913 45"})
    _check_error(workbook, f"danh-ba.xlsx:'Danh bạ'!{column}3: error: phone \"0913 45\" is missing "
                 "digits: it has 6, but a number beginning 09 has 10 (like 0913 456 789); copy "
                 "the whole number again")


def test_a_blank_required_cell_is_reported_where_to_fill_it_in(workbook):
    column = column_of("Loại")
    edited(workbook, **{f"{column}2": None})
    _check_error(workbook, f"danh-ba.xlsx:'Danh bạ'!{column}2: error: \"kind\" is empty; fill it "
                 "in or delete the line")


def test_an_unknown_kind_in_vietnamese(workbook):
    column = column_of("Loại")
    edited(workbook, **{f"{column}2": "Trạm ytế"})
    result = run("check", workbook, lang="vi")
    assert result.exit_code == 1
    assert result.output.startswith(f"{workbook}:'Danh bạ'!{column}2: error: ")
    assert "Trạm y tế" in result.output


def test_a_bad_base_url_is_reported_on_the_directory_sheet(workbook):
    book = openpyxl.load_workbook(workbook)
    rows = [row[0].value for row in book[DIRECTORY_SHEET].iter_rows()]
    row = rows.index("base_url") + 1
    edited(workbook, **{f"info__B{row}": "ftp://phuong.vn/"})
    _check_error(workbook, f"danh-ba.xlsx:'Thông tin chung'!B{row}: error: base_url "
                 "\"ftp://phuong.vn/\" is not a web address; only links starting with http:// "
                 "or https:// are accepted")


def test_a_repeated_id_names_the_row_of_the_first(workbook):
    book = openpyxl.load_workbook(workbook)
    ids = [(cell.row, cell.value) for cell in book[CONTACTS_SHEET]["A"][1:] if cell.value]
    (first_row, first_id), (second_row, _) = ids[0], ids[1]
    edited(workbook, **{f"A{second_row}": first_id})
    result = run("check", workbook)
    assert result.exit_code == 1
    assert (f"{workbook}:'Danh bạ'!A{second_row}: error: id \"{first_id}\" is already used by "
            f"the site on line {first_row}") in result.output


def test_problems_come_sheet_by_sheet_in_registry_order(workbook):
    book = openpyxl.load_workbook(workbook)
    rows = [row[0].value for row in book[DIRECTORY_SHEET].iter_rows()]
    edited(workbook, **{"Q2": "12", f"info__B{rows.index('base_url') + 1}": "nowhere"})
    lines = run("check", workbook).output.splitlines()
    assert [line[len(str(workbook)) + 1:].split("!")[0] for line in lines[:2]] == [
        "'Thông tin chung'", "'Danh bạ'"]


def test_a_phone_stored_as_a_number_gets_its_zero_back(workbook):
    column = column_of("SĐT")
    edited(workbook, **{f"{column}3": 913456000})
    registry, problems = load_registry(workbook)
    assert registry is not None, problems
    phones = [c.phone.display for site in registry.sites for c in site.contacts]
    assert "0913 456 000" in phones


def test_a_contact_row_adds_to_the_site_above(workbook):
    book = openpyxl.load_workbook(workbook)
    sheet = book[CONTACTS_SHEET]
    first_site = sheet["B2"].value
    contacts_before = len(load_registry(workbook)[0].sites[0].contacts)
    sheet.insert_rows(3)
    sheet[f"{column_of('Chức vụ')}3"] = "Văn thư"
    sheet[f"{column_of('Họ tên')}3"] = "Lê Thị Ba"
    sheet[f"{column_of('SĐT')}3"] = "0988 123 456"
    sheet[f"{column_of('Zalo')}3"] = "x"
    book.save(workbook)
    registry, problems = load_registry(workbook)
    assert registry is not None, problems
    site = registry.sites[0]
    assert site.name == first_site
    assert len(site.contacts) == contacts_before + 1
    added = [c for c in site.contacts if c.name == "Lê Thị Ba"][0]
    assert added.zalo and added.phone.display == "0988 123 456"


def test_an_unknown_column_is_a_warning_and_a_field_twice_an_error(workbook):
    edited(workbook, T1="Lưu ý riêng")
    result = run("check", workbook)
    assert result.exit_code == 0, result.output
    assert (f"{workbook}:'Danh bạ'!T1: warning: the column \"Lưu ý riêng\" is not part of "
            "the registry and is not published; if it is one of its columns, spell the header "
            "as qrdir export writes it") in result.output.splitlines()
    edited(workbook, T1="Địa chỉ")
    _check_error(workbook, "danh-ba.xlsx:'Danh bạ'!T1: error: the column \"Địa chỉ\" holds the "
                 f"same field as column {column_of('Địa chỉ')}; keep only one")


def test_a_missing_column(workbook):
    column = column_of("Địa chỉ")
    book = openpyxl.load_workbook(workbook)
    book[CONTACTS_SHEET].delete_cols(openpyxl.utils.column_index_from_string(column))
    book.save(workbook)
    _check_error(workbook, "danh-ba.xlsx:'Danh bạ'!A1: error: the sheet has no \"Địa chỉ\" "
                 "column; add it to the header row")


def test_a_workbook_in_another_layout_points_to_import(tmp_path):
    book = openpyxl.Workbook()
    book.active.append(["Tên cơ quan", "Địa chỉ"])
    path = tmp_path / "danh-ba.xlsx"
    book.save(path)
    _check_error(path, "danh-ba.xlsx:1:1: error: this workbook is not in the layout qrdir export "
                 "writes (it needs the sheets \"Danh bạ\" and \"Thông tin chung\"); turn it into "
                 "a registry with qrdir import")


def test_a_file_that_is_no_workbook(tmp_path):
    path = tmp_path / "danh-ba.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    _check_error(path, "danh-ba.xlsx:1:1: error: this workbook cannot be read; open it in Excel "
                 "or LibreOffice and save it again as an Excel Workbook (.xlsx)")


def test_a_retired_id_without_its_target(workbook):
    edited(workbook, retired__A2="kp-cu", retired__B2="khong-co")
    _check_error(workbook, "danh-ba.xlsx:'Mã đã bỏ'!B2: error: moved_to \"khong-co\" is not the "
                 "id of any site in sites")


# --- a province mixing YAML and workbooks -------------------------------------------------------


def test_a_province_mixes_yaml_and_workbook_wards(tmp_path):
    wards = tmp_path / "wards"
    wards.mkdir()
    first = wards / "long-hoa.yaml"
    first.write_text(TRICKY_REGISTRY.replace("https://example.vn/ward",
                                             "https://tinh.example.vn/long-hoa/"), encoding="utf-8")
    second = tmp_path / "second.yaml"
    second.write_text(TRICKY_REGISTRY.replace("https://example.vn/ward",
                                              "https://tinh.example.vn/hoa-thanh/"),
                      encoding="utf-8")
    exported(second, wards, "hoa-thanh.xlsx")
    (wards / "~$hoa-thanh.xlsx").write_bytes(b"Excel's lock file")
    result = run("build", wards, "-o", tmp_path / "output", "--no-cache")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "output" / "hoa-thanh" / "index.html").is_file()
    assert (wards / "hoa-thanh.lock").is_file() and (wards / "long-hoa.lock").is_file()
    shutil.copy(second, wards / "hoa-thanh.yaml")
    result = run("build", wards, "-o", tmp_path / "output", "--no-cache")
    assert result.exit_code == 2
    assert '"hoa-thanh.xlsx" and "hoa-thanh.yaml" are both the registry of the ward ' \
           '"hoa-thanh"; keep one' in result.output


# --- made for editing (import.md) ----------------------------------------------------------------


def test_kind_and_zalo_are_chosen_from_lists(workbook):
    from qrdir.registry.model import KIND_LABELS, KINDS
    from qrdir.sheets.exporter import HELP_SHEET

    book = openpyxl.load_workbook(workbook)
    sheet = book[CONTACTS_SHEET]
    lists = {str(v.sqref): v.formula1 for v in sheet.data_validations.dataValidation}
    kind, zalo = column_of("Loại"), column_of("Zalo")
    assert lists == {f"{kind}2:{kind}5000": f"='{HELP_SHEET}'!$E$2:$E$13",
                     f"{zalo}2:{zalo}5000": f"='{HELP_SHEET}'!$F$2:$F$3"}
    offered = book[HELP_SHEET]
    assert [offered[f"E{row}"].value for row in range(2, 14)] == [
        KIND_LABELS[k]["vi"] for k in KINDS]
    assert [offered["F2"].value, offered["F3"].value] == ["có", "không"]
    # every exported value is one the list offers
    values = [cell.value for cell in sheet[zalo][1:] if cell.value]
    assert values and set(values) <= {"có", "không"}
    kinds = {cell.value for cell in sheet[kind][1:] if cell.value}
    assert kinds <= {KIND_LABELS[k]["vi"] for k in KINDS}


def test_the_id_column_says_not_to_change_a_printed_id_and_the_help_sheet_explains(workbook):
    from qrdir.sheets.exporter import COLUMNS, HELP_SHEET

    book = openpyxl.load_workbook(workbook)
    assert book[CONTACTS_SHEET]["A1"].value == "Mã"
    assert "KHÔNG ĐỔI mã sau khi đã in áp phích" in book[CONTACTS_SHEET]["A1"].comment.text
    explained = [row[0].value for row in book[HELP_SHEET].iter_rows(min_row=2)
                 if row[0].value]
    assert explained == [title for title, _ in COLUMNS]


def test_posters_and_deploy_survive_the_workbook(tmp_path):
    yaml_path = tmp_path / "sites.yaml"
    yaml_path.write_text(TRICKY_REGISTRY.replace(
        "  language: en\n",
        "  language: en\n  posters: [a4, stickers]\n  deploy: file:///srv/www/ward\n"),
        encoding="utf-8")
    book = exported(yaml_path, tmp_path)
    registry, problems = load_registry(book)
    assert registry is not None, problems
    assert registry.directory.posters == ("a4", "stickers")
    assert registry.directory.deploy == "file:///srv/www/ward"


def test_a_stale_updated_is_reported_at_its_cell(workbook):
    """dates.py's warning points at the directory sheet's ``updated`` cell, not at 1:1, and so
    does its annotation in a GitHub Actions log (row 9, column B)."""
    edited(workbook, info__A9="updated", info__B9="01/12/2025")
    built = run("build", workbook, "-o", workbook.parent / "output")  # the ledger, dated EPOCH
    assert built.exit_code == 0, built.output
    # A week later the clerk changes a phone but not the date.
    edited(workbook, **{f"{column_of('SĐT')}3": "0913 000 111"})
    env = {"QRDIR_LANG": "en", "SOURCE_DATE_EPOCH": str(int(EPOCH) + 7 * 86400)}
    result = CliRunner().invoke(main, ["check", str(workbook)], env=env)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == (
        f"{workbook}:'Thông tin chung'!B9: warning: updated: 2025-12-01 is older than the latest "
        "change (2025-12-08: ubnd), so pages show a wrong date; delete the updated line so each "
        "page shows the date it changed, or set it to 2025-12-08")
    annotated = CliRunner().invoke(main, ["check", str(workbook), "--format", "github"], env=env)
    assert f"::warning file={workbook},line=9,col=2::updated: 2025-12-01 is older" in (
        annotated.output)


def test_deploy_reads_its_target_from_the_workbook_or_takes_to(tmp_path):
    """``qrdir deploy danh-ba.xlsx``: directory.deploy from the directory sheet, or --to."""
    www, other = tmp_path / "www", tmp_path / "other"
    yaml_path = tmp_path / "sites.yaml"
    yaml_path.write_text(EXAMPLE_REGISTRY.read_text(encoding="utf-8").replace(
        "directory:\n", f"directory:\n  deploy: file://{www}\n", 1), encoding="utf-8")
    book = exported(yaml_path, tmp_path / "ward")
    output = tmp_path / "output"
    built = run("build", book, "-o", output)
    assert built.exit_code == 0, built.output
    served = {p.relative_to(output).as_posix(): p.read_bytes()
              for p in output.rglob("*") if p.is_file()}
    total = sum(len(data) for data in served.values())

    result = run("deploy", book, "-o", output)
    assert result.exit_code == 0, result.output
    assert result.stderr == (f"deployed to file://{www}: {len(served)} files uploaded "
                             f"({total} bytes), 0 deleted, 0 unchanged\n")
    assert {p.relative_to(www).as_posix(): p.read_bytes()
            for p in www.rglob("*") if p.is_file()} == served

    result = run("deploy", book, "-o", output, "--to", f"file://{other}")
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith(f"deployed to file://{other}: {len(served)} files uploaded")
    assert sorted(p.name for p in other.iterdir()) == sorted(p.name for p in output.iterdir())
