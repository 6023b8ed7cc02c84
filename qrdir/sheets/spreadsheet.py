"""Reading a ward's spreadsheet (.xlsx, or .csv as Excel saves it) into cells that know their place.

Every cell keeps its sheet and reference (``Sheet1!D14``) so problems can point at it
(import.md), its value as text (numbers without Excel's ".0", dates as ``YYYY-MM-DD``) and its
hyperlink. Merged cells are filled: every cell of a merged range reads the range's value, the
way a person sees it. Text typed in TCVN3 or VNI is converted here
(:mod:`qrdir.sheets.legacy_text`), with the cell's font, its column and its row as evidence.

CSV files are read as UTF-8 (with or without a byte-order mark), UTF-16 (Excel's "Unicode
text"), or the ANSI code page Excel wrote: Windows-1258 on a Vietnamese Windows, Windows-1252 on
a Western one. cp1258 writes tone marks as combining characters, so all text is normalised to NFC.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from qrdir.errors import QrdirError
from qrdir.messages import SEVERITY_WORDS, message
from qrdir.registry.text import nfc
from qrdir.sheets.legacy_text import Repair, is_certainly_unicode, repair, vietnamese_score

_ZIP_MAGIC = b"PK\x03\x04"
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Excel 97–2003 .xls (and other Office files)
_TEXT_SUFFIXES = (".csv", ".tsv", ".txt")
_EXCEL_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.]*")


@dataclass(frozen=True)
class SheetProblem:
    """A problem in a spreadsheet; ``where`` is ``file``, ``file:Sheet`` or ``file:Sheet!D14``."""

    where: str
    severity: str  # "error" or "warning"
    code: str
    args: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


def format_sheet_problem(problem: SheetProblem, lang: str) -> str:
    """One ``contacts.xlsx:Sheet1!D14: error: message`` line (import.md)."""
    text = message(problem.code, lang, **problem.args)
    return f"{problem.where}: {SEVERITY_WORDS[problem.severity]}: {text}"


class SpreadsheetError(QrdirError):
    """The file cannot be read as a spreadsheet at all; nothing was imported."""

    def __init__(self, problem: SheetProblem):
        super().__init__(problem.code)
        self.problem = problem


@dataclass(frozen=True)
class Cell:
    """One cell as a person sees it, with where it is."""

    row: int  # 1-based, as Excel numbers rows
    column: int  # 1-based: A is 1
    text: str = ""  # "" when empty; NFC, legacy text converted, outer spaces removed
    link: str | None = None  # the hyperlink's target, when the cell has one
    merged_from: tuple[int, int] | None = None  # (row, column) of its merged range's first cell
    legacy: str | None = None  # the encoding the text was converted from, if any
    font: str | None = field(default=None, compare=False)  # evidence for legacy text

    @property
    def ref(self) -> str:
        """The cell's reference, e.g. ``D14``."""
        return f"{get_column_letter(self.column)}{self.row}"

    @property
    def inherited(self) -> bool:
        """The cell shows the value of a range merged down from a row above."""
        return self.merged_from is not None and self.merged_from[0] < self.row

    @property
    def merged_copy(self) -> bool:
        """The cell shows the value of a merged range that starts at another cell."""
        return self.merged_from is not None and self.merged_from != (self.row, self.column)


@dataclass(frozen=True)
class Sheet:
    """One sheet: every row padded to the same width, and the legacy conversions it holds."""

    file: str  # the file name shown in messages
    name: str
    rows: tuple[tuple[Cell, ...], ...]
    # Cells left as typed that may be legacy text as well (see _repair_legacy).
    doubtful: tuple[tuple[Cell, Repair], ...] = ()

    @property
    def quoted_name(self) -> str:
        """The sheet's name as Excel writes it in a reference: ``Sheet1``, ``'Danh bạ'``."""
        if _EXCEL_NAME.fullmatch(self.name):
            return self.name
        return "'{}'".format(self.name.replace("'", "''"))

    def cell_name(self, cell: Cell) -> str:
        """``Sheet1!D14``: the cell as Excel names it."""
        return f"{self.quoted_name}!{cell.ref}"

    def where(self, cell: Cell | None = None) -> str:
        """``file:Sheet`` or ``file:Sheet!D14``, for messages (import.md)."""
        return f"{self.file}:" + (self.cell_name(cell) if cell else self.quoted_name)

    def converted(self) -> dict[str, list[Cell]]:
        """The cells converted from each legacy encoding, in sheet order (merged copies once)."""
        found: dict[str, list[Cell]] = {}
        for row in self.rows:
            for cell in row:
                if cell.legacy and not cell.merged_copy:
                    found.setdefault(cell.legacy, []).append(cell)
        return found

    def is_empty(self) -> bool:
        return not any(cell.text for row in self.rows for cell in row)


def read_spreadsheet(path: Path, display_name: str | None = None) -> list[Sheet]:
    """Every sheet of the .xlsx or .csv file at ``path``; SpreadsheetError if unreadable."""
    name = display_name or path.name
    data = path.read_bytes()
    if data.startswith(_ZIP_MAGIC):
        sheets = _read_xlsx(data, name)
    elif data.startswith(_OLE2_MAGIC):
        raise SpreadsheetError(SheetProblem(name, "error", "import_old_xls"))
    elif path.suffix.lower() in _TEXT_SUFFIXES and (
        b"\x00" not in data or data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    ):
        sheets = [_read_csv(data, name, path.stem)]
    else:
        raise SpreadsheetError(SheetProblem(name, "error", "import_not_spreadsheet"))
    if all(sheet.is_empty() for sheet in sheets):
        raise SpreadsheetError(SheetProblem(name, "error", "import_empty"))
    return sheets


# --- .xlsx -------------------------------------------------------------------------------------


def _read_xlsx(data: bytes, name: str) -> list[Sheet]:
    try:
        # data_only: a formula cell reads as the value Excel last showed for it.
        workbook = load_workbook(io.BytesIO(data), data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds for a damaged file
        raise SpreadsheetError(SheetProblem(name, "error", "import_not_spreadsheet")) from exc
    return [_read_worksheet(ws, name) for ws in workbook.worksheets]


def _read_worksheet(ws, file: str) -> Sheet:
    merged = {}
    for merge in ws.merged_cells.ranges:
        for row in range(merge.min_row, merge.max_row + 1):
            for column in range(merge.min_col, merge.max_col + 1):
                merged[row, column] = (merge.min_row, merge.min_col)
    last_row, last_column = _used_extent(ws, merged)
    rows = []
    for row in range(1, last_row + 1):
        cells = []
        for column in range(1, last_column + 1):
            top, left = merged.get((row, column), (row, column))
            source = ws.cell(top, left)
            cell = _xlsx_cell(source, row, column)
            if (row, column) in merged:
                cell = replace(cell, merged_from=(top, left))
            cells.append(cell)
        rows.append(tuple(cells))
    return _repair_legacy(Sheet(file, ws.title, tuple(rows)))


def _used_extent(ws, merged: dict) -> tuple[int, int]:
    """The last row and column holding a value (Excel's own extent counts formatted blanks)."""
    last_row = last_column = 0
    for row in ws.iter_rows():
        for cell in row:
            if cell.value is not None and str(cell.value).strip():
                last_row, last_column = max(last_row, cell.row), max(last_column, cell.column)
    for row, column in merged:
        if last_row and row <= last_row:
            last_column = max(last_column, column)
    return last_row, last_column


def _xlsx_cell(source, row: int, column: int) -> Cell:
    value = source.value
    link = source.hyperlink.target if source.hyperlink is not None else None
    if isinstance(value, str):
        return _text_cell(row, column, value, font=source.font.name if source.font else None,
                          link=link)
    return Cell(row, column, _value_text(value), link=link)


def _value_text(value: object) -> str:
    """A non-text cell value as a person reads it: 913456789, 11.2991, 2026-11-20, true."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value).strip()


def _text_cell(row: int, column: int, value: str, *, font: str | None = None,
               link: str | None = None) -> Cell:
    return Cell(row, column, nfc(value).strip(), link=link, font=font)


def _repair_legacy(sheet: Sheet) -> Sheet:
    """Convert the sheet's TCVN3 and VNI cells, in two passes.

    The first pass converts what a cell proves by itself (:func:`~qrdir.sheets.legacy_text.repair`).
    The second lets each column's certain conversions (else the sheet's) settle the rest: a tie
    between the two encodings, and text that is not Vietnamese as typed but is once decoded.
    Cells that read as Vietnamese both ways are left as typed; in a column holding legacy text
    they are listed as doubtful for a person to check ("Khu phè" / "Khu phố"). Rows holding
    certain Unicode text (typed later, "Trưởng") take no evidence from their column, so an
    ordinary "Võ" there is never questioned.
    """
    first = {(c.row, c.column): repair(c.text, c.font)
             for row in sheet.rows for c in row if c.text and not c.merged_copy}
    by_column: dict[int, Counter] = {}
    for (_, column), fixed in first.items():
        if fixed.encoding and not fixed.tie:
            by_column.setdefault(column, Counter())[fixed.encoding] += 1
    in_sheet = sum(by_column.values(), Counter())
    unicode_rows = {c.row for row in sheet.rows for c in row if is_certainly_unicode(c.text)}
    fixes, doubtful = {}, []
    for (row, column), fixed in first.items():
        usual = (by_column.get(column) or in_sheet).most_common(1)
        if row in unicode_rows or not usual:
            fixes[row, column] = fixed
            continue
        if fixed.tie or not fixed.encoding:
            cell = sheet.rows[row - 1][column - 1]
            fixed = repair(cell.text, cell.font, prefer=usual[0][0])
        fixes[row, column] = fixed
        if fixed.possible in by_column.get(column, ()):
            doubtful.append((row, column))
    rows = tuple(tuple(_repaired(cell, fixes) for cell in row) for row in sheet.rows)
    return replace(sheet, rows=rows, doubtful=tuple(
        (rows[row - 1][column - 1], fixes[row, column]) for row, column in sorted(doubtful)))


def _repaired(cell: Cell, fixes: dict) -> Cell:
    """The cell with its converted text; a merged copy takes its range's first cell's."""
    fixed = fixes.get(cell.merged_from or (cell.row, cell.column))
    if fixed is None or not fixed.encoding:
        return cell
    return replace(cell, text=fixed.text, legacy=fixed.encoding)


# --- .csv --------------------------------------------------------------------------------------


def _read_csv(data: bytes, name: str, sheet_name: str) -> Sheet:
    text = _decode_csv(data, name)
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text)))
    width = max((len(row) for row in rows), default=0)
    cells = tuple(
        tuple(_text_cell(r, c, row[c - 1] if c <= len(row) else "") for c in range(1, width + 1))
        for r, row in enumerate(rows, start=1)
    )
    while cells and not any(cell.text for cell in cells[-1]):
        cells = cells[:-1]
    # Excel shows a CSV in a sheet named after the file, so that is the name in messages.
    return _repair_legacy(Sheet(name, sheet_name, cells))


def _decode_csv(data: bytes, name: str) -> str:
    """UTF-8 (± BOM) or UTF-16 with a BOM; else the ANSI code page Excel wrote, NFC.

    Excel's plain "CSV" is Windows-1258 on a Vietnamese Windows and Windows-1252 on a Western
    one (where the TCVN3 and VNI fonts were often used); the reading with more Vietnamese words
    (as typed or through a legacy table) is the one.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _decoded(data, "utf-16", name)
    if data.startswith(codecs.BOM_UTF8):
        return _decoded(data, "utf-8-sig", name)
    try:
        return nfc(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    readings = []
    for encoding in ("cp1258", "cp1252"):
        try:
            readings.append(nfc(data.decode(encoding)))
        except UnicodeDecodeError:
            continue
    if not readings:
        raise SpreadsheetError(SheetProblem(name, "error", "import_csv_encoding"))
    return max(readings, key=vietnamese_score)  # the first (cp1258) on a tie


def _decoded(data: bytes, encoding: str, name: str) -> str:
    try:
        return nfc(data.decode(encoding))
    except UnicodeDecodeError as exc:
        raise SpreadsheetError(SheetProblem(name, "error", "import_csv_encoding")) from exc


def _delimiter(text: str) -> str:
    """The separator Excel used: "," or, where the decimal mark is a comma, ";" (or a tab)."""
    sample = "\n".join(text.splitlines()[:20])
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t").delimiter
    except csv.Error:
        return max(",;\t", key=lambda d: sample.count(d)) if sample else ","
