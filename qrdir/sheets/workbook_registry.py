"""A workbook kept as the registry (import.md "A workbook as the registry") → the positioned node
tree :mod:`qrdir.registry.validate` reads, so that ``qrdir check danh-ba.xlsx`` applies exactly
the rules and messages of ``sites.yaml``, each problem at its sheet and cell
(``danh-ba.xlsx:'Danh bạ'!D14: error: …``).

The layout is the one :mod:`qrdir.sheets.exporter` writes: sheet "Danh bạ" with one row per
contact, a site's columns on its first row and blank on the rows of its further contacts;
sheet "Thông tin chung" with the directory as (key, value) rows; optionally sheet "Mã đã bỏ" with
the retired ids. Unlike ``qrdir import``, nothing is guessed: a cell's text is the value, read by
the field's type. Only what a spreadsheet program does to values is undone: a phone it stored
as a number gets its leading 0 back, a date it recognised is written day first again, a Zalo
tick (x, ✓) means yes, and a list cell (services, former names) holds one item per line.

The workbook is opened read-only with cached values (formulas as last computed), which keeps a
2,000-row workbook well under a second (``bench/workbook.py``).
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from qrdir.registry.model import Problem, Registry
from qrdir.registry.validate import validate_tree
from qrdir.sheets import cell_values
from qrdir.sheets.exporter import (
    CONTACTS_SHEET,
    DIRECTORY_SHEET,
    RETIRED_COLUMNS,
    RETIRED_SHEET,
)
from qrdir.sheets.importer import header_field
from qrdir.sheets.spreadsheet import Sheet

_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"

# The columns of the contacts sheet, by the registry field they hold (the keys header_field
# gives), in schema order; the contact columns name the contact's own keys.
SITE_COLUMNS = ("id", "name", "kind", "address", "location", "map_url", "phone", "email",
                "website", "hours", "services", "note", "formerly", "verified")
CONTACT_COLUMNS = {"role": "role", "contact_name": "name", "contact_phone": "phone",
                   "zalo": "zalo"}
_REQUIRED_SITE = ("name", "kind", "address")
_REQUIRED_CONTACT = ("role", "name", "phone")
_LISTS = frozenset({"services", "formerly"})
_PHONES = frozenset({"phone", "contact_phone"})
_REQUIRED_DIRECTORY = ("name", "base_url")
# Headers qrdir import knows that have no place in a registry workbook: quietly skipped.
_SKIPPED = frozenset({"number"})


class CellMark:
    """Where a value was read: PyYAML's mark (0-based line and column: the cell's row and
    column) and the cell as Excel names it, which :func:`qrdir.registry.reader.cell` finds."""

    def __init__(self, sheet: str, row: int, column: int):
        self.line, self.column, self.index = row - 1, column - 1, 0
        self.cell = f"{sheet}!{get_column_letter(column)}{row}"


class _Sheet:
    """One sheet's cell values (as text) by row, and where each came from."""

    def __init__(self, ws, name: str):
        self.name = name
        self.quoted = Sheet("", name, ()).quoted_name
        if ws.max_row is None or ws.max_column is None:  # a writer that left out the size
            ws.reset_dimensions()
        self.rows = [tuple(row) for row in ws.iter_rows(values_only=True)]

    def mark(self, row: int, column: int) -> CellMark:
        return CellMark(self.quoted, row, column)

    def scalar(self, text: str, row: int, column: int) -> ScalarNode:
        mark = self.mark(row, column)
        return ScalarNode(_STR, text, mark, mark)

    def cell(self, row: int, column: int) -> str:
        return self.mark(row, column).cell


def parse_workbook(data: bytes, source: str) -> tuple[Registry | None, list[Problem]]:
    """Validate a registry workbook's bytes; ``source`` is the file name used in messages."""
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        return None, [Problem(source, 1, 1, "error", "workbook_unreadable", {})]
    try:
        reading = _Reading(book, source)
        root = reading.root()
    finally:
        book.close()
    order = {sheet: index for index, sheet in enumerate(reading.sheet_order)}
    return validate_tree(root, reading.problems, source, order=lambda p: (
        order.get(p.cell.rpartition("!")[0], -1), p.line, p.col))


def updated_cell(data: bytes) -> tuple[int, int, str] | None:
    """The row, column and name of the directory sheet's ``updated`` value cell, if any."""
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        return None
    try:
        if DIRECTORY_SHEET not in book.sheetnames:
            return None
        sheet = _Sheet(book[DIRECTORY_SHEET], DIRECTORY_SHEET)
    finally:
        book.close()
    for row, values in enumerate(sheet.rows[1:], start=2):
        if _text(_at(values, 1)) == "updated":
            return row, 2, sheet.cell(row, 2)
    return None


class _Reading:
    """The workbook's sheets → the node tree of a registry, and the problems only a workbook has."""

    def __init__(self, book, source: str):
        self.book, self.source = book, source
        self.problems: list[Problem] = []
        self.sheet_order: list[str] = []

    def problem(self, sheet: _Sheet, row: int, column: int, severity: str, code: str,
                **args: object) -> None:
        self.problems.append(Problem(self.source, row, column, severity, code, args,
                                     sheet.cell(row, column)))

    def sheet(self, name: str) -> _Sheet | None:
        if name not in self.book.sheetnames:
            return None
        sheet = _Sheet(self.book[name], name)
        self.sheet_order.append(sheet.quoted)
        return sheet

    def root(self) -> Node | None:
        names = self.book.sheetnames
        if CONTACTS_SHEET not in names or DIRECTORY_SHEET not in names:
            self.problems.append(Problem(self.source, 1, 1, "error", "workbook_not_registry", {
                "contacts": CONTACTS_SHEET, "directory": DIRECTORY_SHEET}))
            return None
        directory_sheet = self.sheet(DIRECTORY_SHEET)
        contacts_sheet = self.sheet(CONTACTS_SHEET)
        retired_sheet = self.sheet(RETIRED_SHEET)
        sites = self.sites(contacts_sheet)
        if sites is None:
            return None
        pairs = [(_key("directory", directory_sheet.mark(1, 1)), self.directory(directory_sheet)),
                 (_key("sites", sites.start_mark), sites)]
        if retired_sheet is not None:
            retired = self.retired(retired_sheet)
            if retired.value:
                pairs.append((_key("retired", retired.start_mark), retired))
        mark = contacts_sheet.mark(1, 1)
        return MappingNode(_MAP, pairs, mark, mark)

    # --- the directory ------------------------------------------------------------------------

    def directory(self, sheet: _Sheet) -> MappingNode:
        """(key, value) rows; a blank value leaves an optional key out, as a blank cell does."""
        pairs = []
        for row, values in enumerate(sheet.rows[1:], start=2):
            key = _text(_at(values, 1))
            value = _text(_at(values, 2), key)
            if not key and not value:
                continue
            if not value and key not in _REQUIRED_DIRECTORY:
                continue
            pairs.append((_key(key, sheet.mark(row, 1)), _directory_value(sheet, key, value, row)))
        mark = sheet.mark(1, 1)
        return MappingNode(_MAP, pairs, mark, mark)

    # --- the sites ----------------------------------------------------------------------------

    def sites(self, sheet: _Sheet) -> SequenceNode | None:
        """One site per row naming a site; the rows below with only contact cells add contacts."""
        columns = self.columns(sheet)
        if columns is None:
            return None
        sites: list[tuple[int, dict[str, tuple[str, int]], list]] = []
        for row, values in enumerate(sheet.rows[1:], start=2):
            cells = {field: (text, column) for column, field in columns.items()
                     if (text := _text(_at(values, column), field))}
            if not cells:
                continue
            if not sites or any(field in SITE_COLUMNS for field in cells):
                sites.append((row, {f: c for f, c in cells.items() if f in SITE_COLUMNS}, []))
            contact = {f: c for f, c in cells.items() if f in CONTACT_COLUMNS}
            if contact:
                sites[-1][2].append((row, contact))
        where = {field: column for column, field in columns.items()}
        nodes = [self.site(sheet, row, cells, contacts, where)
                 for row, cells, contacts in sites]
        mark = sheet.mark(2, 1)
        return SequenceNode(_SEQ, nodes, mark, mark)

    def columns(self, sheet: _Sheet) -> dict[int, str] | None:
        """Column → field, from the header row; an unknown header is a warning, a field in two
        columns an error (which of the two would be published?)."""
        header = sheet.rows[0] if sheet.rows else ()
        columns: dict[int, str] = {}
        seen: dict[str, int] = {}
        for column, title in enumerate(header, start=1):
            text = _text(title)
            if not text:
                continue
            field = header_field(text)
            if field in _SKIPPED:
                continue
            if field not in SITE_COLUMNS and field not in CONTACT_COLUMNS:
                self.problem(sheet, 1, column, "warning", "workbook_column_ignored", header=text)
                continue
            if field in seen:
                self.problem(sheet, 1, column, "error", "workbook_column_twice", header=text,
                             first=get_column_letter(seen[field]))
                continue
            seen[field] = column
            columns[column] = field
        for field in _REQUIRED_SITE:
            if field not in seen:
                self.problem(sheet, 1, 1, "error", "workbook_column_missing",
                             header=_EXPORT_HEADERS[field])
        if any(p.is_error for p in self.problems):
            return None
        return columns

    def site(self, sheet: _Sheet, row: int, cells: dict, contacts: list,
             where: dict[str, int]) -> MappingNode:
        pairs = []
        for field in SITE_COLUMNS:
            if field in cells:
                text, column = cells[field]
            elif field in _REQUIRED_SITE:
                text, column = "", where[field]  # "… is empty" at the cell to fill in
            else:
                continue
            pairs.append((_key(field, sheet.mark(row, column)),
                          _value(sheet, field, text, row, column)))
        if contacts:
            nodes = [self.contact(sheet, contact_row, contact, where)
                     for contact_row, contact in contacts]
            pairs.append((_key("contacts", nodes[0].start_mark),
                          SequenceNode(_SEQ, nodes, nodes[0].start_mark, nodes[0].start_mark)))
        # The site itself is placed at its location cell: the one problem about a whole site is
        # "no location or map link" (registry.md), to be fixed there.
        mark = sheet.mark(row, where.get("location", where["name"]))
        return MappingNode(_MAP, pairs, mark, mark)

    def contact(self, sheet: _Sheet, row: int, cells: dict, where: dict[str, int]) -> MappingNode:
        pairs = []
        for column_field, key in CONTACT_COLUMNS.items():
            if column_field in cells:
                text, column = cells[column_field]
            elif key in _REQUIRED_CONTACT and column_field in where:
                text, column = "", where[column_field]
            else:
                continue
            if key == "zalo" and cell_values.yes_no(text) is True:
                text = "true"  # import.md: a tick (x, ✓) in the Zalo column means yes
            pairs.append((_key(key, sheet.mark(row, column)),
                          sheet.scalar(text, row, column)))
        mark = pairs[0][1].start_mark if pairs else sheet.mark(row, 1)
        return MappingNode(_MAP, pairs, mark, mark)

    # --- retired ids ----------------------------------------------------------------------------

    def retired(self, sheet: _Sheet) -> SequenceNode:
        entries = []
        for row, values in enumerate(sheet.rows[1:], start=2):
            texts = [_text(_at(values, column)) for column in range(1, len(RETIRED_COLUMNS) + 1)]
            if not any(texts):
                continue
            pairs = [(_key(key, sheet.mark(row, column)), sheet.scalar(text, row, column))
                     for column, (key, text) in enumerate(zip(RETIRED_COLUMNS, texts,
                                                              strict=True), start=1)
                     if text or key == "id"]
            mark = sheet.mark(row, 1)
            entries.append(MappingNode(_MAP, pairs, mark, mark))
        mark = sheet.mark(2, 1)
        return SequenceNode(_SEQ, entries, mark, mark)


# The header the export writes for each required column, for "add the column" messages.
_EXPORT_HEADERS = {"name": "Tên cơ quan", "kind": "Loại", "address": "Địa chỉ"}


def _key(name: str, mark: CellMark) -> ScalarNode:
    return ScalarNode(_STR, name, mark, mark)


def _at(values: tuple, column: int) -> object:
    return values[column - 1] if column <= len(values) else None


def _value(sheet: _Sheet, field: str, text: str, row: int, column: int) -> Node:
    """A site cell's node: a list cell one item per line, any other cell one value."""
    if field in _LISTS:
        items = [sheet.scalar(line, row, column) for line in cell_values.lines(text)]
        mark = sheet.mark(row, column)
        return SequenceNode(_SEQ, items, mark, mark) if items else sheet.scalar("", row, column)
    return sheet.scalar(text, row, column)


def _directory_value(sheet: _Sheet, key: str, text: str, row: int) -> Node:
    """A directory value as the export writes it: lists one per line, hotlines "label: phone"."""
    mark = sheet.mark(row, 2)
    if key == "formerly" and text:
        return SequenceNode(_SEQ, [sheet.scalar(line, row, 2)
                                   for line in cell_values.lines(text)], mark, mark)
    if key == "hotlines" and text:
        hotlines = []
        for line in cell_values.lines(text):
            label, colon, phone = line.rpartition(":")
            pairs = [(_key("label", mark), sheet.scalar(label.strip(), row, 2))] if colon else []
            pairs.append((_key("phone", mark), sheet.scalar(phone.strip(), row, 2)))
            hotlines.append(MappingNode(_MAP, pairs, mark, mark))
        return SequenceNode(_SEQ, hotlines, mark, mark)
    return sheet.scalar(text, row, 2)


def _text(value: object, field: str | None = None) -> str:
    """A cell value as the text a person sees, with what the spreadsheet program did undone:
    a phone stored as a number gets its leading 0 back, a recognised date is day first again."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value if value.strip() else ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime | dt.date):
        day = value.date() if isinstance(value, dt.datetime) else value
        return f"{day.day:02d}/{day.month:02d}/{day.year}"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value)
    if field in _PHONES:
        return cell_values.phone_text(text)
    return text
