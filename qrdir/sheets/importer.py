"""A ward's spreadsheet → a tidy, commented registry (spec/import.md).

The header row is found, not assumed (title rows, blank rows and an STT column are skipped);
headers are matched ignoring case, marks and punctuation. One row per contact: a row whose site
name is blank (or merged down) adds a contact to the site above. Values are tidied the way a
clerk would: phone numbers get back the leading 0 Excel dropped, Zalo ticks become ``true``,
Vietnamese kind labels become kind codes. The YAML written is then validated by
:mod:`qrdir.registry.validate` like any registry, and every problem found in it is reported at the
spreadsheet cell the value came from. The file is written only when there is no error.

A file written by ``qrdir export`` carries the directory and the retired ids in sheets of their
own; any other spreadsheet needs ``--name`` and ``--base-url``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from openpyxl.utils import get_column_letter

from qrdir.build.files import write_atomically
from qrdir.errors import UsageError
from qrdir.messages import message
from qrdir.registry.model import KIND_LABELS
from qrdir.registry.text import fold
from qrdir.registry.validate import derive_id, parse_registry
from qrdir.sheets import cell_values
from qrdir.sheets.cell_values import words
from qrdir.sheets.exporter import DIRECTORY_SHEET, RETIRED_COLUMNS, RETIRED_SHEET
from qrdir.sheets.import_columns import column_roles
from qrdir.sheets.kept_comments import SiteComments, read_comments
from qrdir.sheets.legacy_text import TCVN3, VNI
from qrdir.sheets.spreadsheet import (
    Cell,
    Sheet,
    SheetProblem,
    SpreadsheetError,
    format_sheet_problem,
    read_spreadsheet,
)
from qrdir.sheets.yaml_writer import Value, YamlWriter

# import.md "Rows and columns": the headers recognised for each field, as cell_values.words.
HEADERS: dict[str, tuple[str, ...]] = {
    "number": ("stt", "tt", "so tt", "so thu tu", "no"),
    "id": ("ma", "id", "ma dia diem", "ma so"),
    "name": ("ten co quan", "ten don vi", "co quan", "don vi", "name", "ten", "ten dia diem",
             "dia diem", "co quan don vi", "ten co so", "site"),
    "kind": ("loai", "nhom", "kind", "loai hinh", "phan loai", "loai co quan"),
    "address": ("dia chi", "address", "d c", "dia chi tru so", "tru so"),
    "location": ("toa do", "vi tri", "location", "gps", "toa do gps"),
    "lat": ("vi do", "lat", "latitude"),
    "lon": ("kinh do", "lon", "lng", "long", "longitude"),
    "map_url": ("ban do", "link ban do", "google maps", "google map", "map", "maps", "map url",
                "lien ket ban do", "duong dan ban do"),
    "phone": ("dien thoai co quan", "sdt co quan", "phone", "so dien thoai co quan",
              "dt co quan", "dien thoai don vi", "sdt don vi", "dien thoai ban", "office phone"),
    "email": ("email", "e mail", "thu dien tu", "hop thu"),
    "website": ("website", "trang web", "web", "trang thong tin dien tu"),
    "hours": ("gio lam viec", "gio mo cua", "thoi gian lam viec", "hours", "opening hours"),
    "services": ("dich vu", "thu tuc", "services"),
    "note": ("ghi chu", "note", "notes"),
    "formerly": ("ten cu", "truoc day", "formerly", "ten goi cu"),
    "verified": ("ngay xac minh", "xac minh", "verified", "ngay kiem tra"),
    "contact_name": ("ho ten", "ho va ten", "nguoi lien he", "contact", "contact name",
                     "ten nguoi lien he", "ten can bo", "can bo"),
    "role": ("chuc vu", "chuc danh", "role"),
    "contact_phone": ("sdt", "so dien thoai", "di dong", "dien thoai", "mobile", "dt", "so dt",
                      "dtdd", "so di dong", "contact phone"),
    "zalo": ("zalo", "co zalo"),
}
_HEADER_FIELDS = {synonym: name for name, synonyms in HEADERS.items() for synonym in synonyms}
CONTACT_FIELDS = ("role", "contact_name", "contact_phone", "zalo")
# Shown in "no column for …" errors: the first headers of HEADERS, as people write them.
HEADER_EXAMPLES = {
    "name": '"Tên cơ quan", "Tên đơn vị", "Name"',
    "address": '"Địa chỉ", "Address"',
    "contact_name": '"Họ tên", "Người liên hệ", "Contact"',
    "role": '"Chức vụ", "Chức danh", "Role"',
    "contact_phone": '"SĐT", "Số điện thoại", "Di động"',
}
_MAX_HEADER_ROW = 30  # the header is near the top; below that, rows are data

_WEB = re.compile(r"https?://", re.IGNORECASE)
ENCODING_NAMES = {TCVN3: "TCVN3 (ABC)", VNI: "VNI"}


@dataclass(frozen=True)
class ImportReport:
    """What an import found and did; :meth:`lines` renders it for a person."""

    output: Path
    problems: tuple[SheetProblem, ...]
    converted: dict[str, tuple[str, ...]]  # encoding → the cells converted from it
    sites: int = 0
    contacts: int = 0
    written: bool = False
    dropped: tuple[tuple[str, int], ...] = ()  # (site id, comments) of sites no longer there

    def lines(self, lang: str) -> list[str]:
        """Every problem, the legacy conversions and the outcome, one line each."""
        lines = [format_sheet_problem(p, lang) for p in self.problems]
        for encoding, cells in self.converted.items():
            shown = ", ".join(cells[:12]) + (", …" if len(cells) > 12 else "")
            lines.append(message("import_converted", lang, count=len(cells),
                                 encoding=ENCODING_NAMES[encoding], cells=shown))
        if self.written and self.dropped:
            lines.append(message("import_comments_dropped", lang,
                                 count=sum(n for _, n in self.dropped),
                                 ids=", ".join(site_id for site_id, _ in self.dropped),
                                 output=str(self.output)))
        if self.written:
            lines.append(message("import_written", lang, sites=self.sites,
                                 contacts=self.contacts, output=str(self.output)))
        else:
            lines.append(message("import_not_written", lang, output=str(self.output)))
        return lines


def import_spreadsheet(path: Path, output: Path, *, sheet: str | None = None,
                       base_url: str | None = None, name: str | None = None,
                       overwrite: bool = False, lang: str = "vi") -> ImportReport:
    """Read the spreadsheet at ``path`` and, when it makes a valid registry, write ``output``.

    Raises :class:`~qrdir.errors.UsageError` for a missing file, an unknown ``sheet``, an
    existing ``output`` without ``overwrite``, or a directory the sheet and options leave
    incomplete. ``lang`` is the language of the comments written into the YAML.
    """
    path, output = Path(path), Path(output)
    if not path.is_file():
        raise UsageError("file_missing", path=str(path))
    if output.exists() and not overwrite:
        raise UsageError("import_output_exists", path=str(output))
    try:
        sheets = read_spreadsheet(path)
    except SpreadsheetError as exc:
        return ImportReport(output, (exc.problem,), {})
    # import.md: import --force keeps the comments of the YAML it replaces, site by site.
    kept = read_comments(output.read_bytes()) if output.is_file() else {}
    draft = _Draft(sheets, lang, kept)
    draft.build(sheet, base_url=base_url, name=name)
    converted = {enc: tuple(cells) for enc, cells in draft.converted.items()}
    if any(p.is_error for p in draft.problems):
        return ImportReport(output, tuple(draft.problems), converted)
    text = draft.writer.text()
    _registry, validation = parse_registry(text.encode("utf-8"), str(output))
    problems = draft.problems + [
        SheetProblem(draft.writer.where(p.line, path.name), p.severity, p.code, p.args)
        for p in validation
    ]
    written = not any(p.is_error for p in problems)
    if written:
        write_atomically(output, text.encode("utf-8"))
    return ImportReport(output, tuple(problems), converted, draft.site_count,
                        draft.contact_count, written, tuple(draft.writer.dropped().items()))


# --- headers -----------------------------------------------------------------------------------


def header_field(text: str) -> str | None:
    """The field a header names ("Số điện thoại (di động)" → contact_phone), or None."""
    key = words(text)
    if key in _HEADER_FIELDS:
        return _HEADER_FIELDS[key]
    # A recognised header followed by a qualifier: "Địa chỉ (khu phố)", "Tên cơ quan, đơn vị".
    prefixes = [s for s in _HEADER_FIELDS if key.startswith(s + " ")]
    return _HEADER_FIELDS[max(prefixes, key=len)] if prefixes else None


@dataclass(frozen=True)
class _Header:
    """Where the header is and which column holds which field."""

    last_row: int  # data starts below this row (1-based)
    fields: dict[str, int]  # field → column (1-based)
    titles: dict[int, str]  # column → the header text shown for it
    field_of: dict[int, str | None]  # column → the field its header names, even if taken


def _find_header(sheet: Sheet) -> _Header | None:
    """The row (or pair of rows, for a two-level header) naming the most distinct fields."""
    best, best_score = None, 1  # at least two fields make a header
    for index in range(min(len(sheet.rows), _MAX_HEADER_ROW)):
        options = [(sheet.rows[index],)]
        if index:
            options.append((sheet.rows[index - 1], sheet.rows[index]))
        for rows in options:
            header = _header_from(rows)
            score = len(set(header.fields) - {"number"})
            if score > best_score:  # the first of equals: the header comes before the data
                best, best_score = header, score
    return best


def _header_from(rows: tuple[tuple[Cell, ...], ...]) -> _Header:
    fields: dict[str, int] = {}
    titles: dict[int, str] = {}
    field_of: dict[int, str | None] = {}
    for column in range(1, len(rows[-1]) + 1):
        # In a two-level header the lower row names the column, unless only the upper one does.
        cells = [row[column - 1] for row in reversed(rows) if row[column - 1].text]
        named = [(header_field(c.text), c.text) for c in cells]
        found = next(((f, t) for f, t in named if f), (None, cells[0].text if cells else ""))
        titles[column], field_of[column] = found[1], found[0]
        if found[0] and found[0] not in fields:
            fields[found[0]] = column
    return _Header(rows[-1][0].row, fields, titles, field_of)


# --- the draft registry ------------------------------------------------------------------------


class _Draft:
    """Sheets → problems, counts and the YAML text of the registry, in one pass."""

    def __init__(self, sheets: list[Sheet], lang: str,
                 kept: dict[str, SiteComments] | None = None):
        self.sheets = sheets
        self.lang = lang
        self.problems: list[SheetProblem] = []
        self.converted: dict[str, list[str]] = {}
        self.writer = YamlWriter(kept)
        self.site_count = self.contact_count = 0

    def warn(self, where: str, code: str, **args: object) -> None:
        self.problems.append(SheetProblem(where, "warning", code, args))

    def error(self, where: str, code: str, **args: object) -> None:
        self.problems.append(SheetProblem(where, "error", code, args))

    def build(self, wanted: str | None, *, base_url: str | None, name: str | None) -> None:
        sheet, header = self._choose(wanted)
        if header is None:
            self.error(sheet.where(), "import_no_header")
            return
        self._note_legacy(sheet)
        directory = self._directory(base_url=base_url, name=name)
        retired = self._retired()
        sites = _Rows(self, sheet, header).sites()
        if any(p.is_error for p in self.problems):
            return
        source = sheet.where()
        self.writer.header(message("import_yaml_source", self.lang, source=source),
                           message("import_yaml_check", self.lang))
        self.writer.directory(directory)
        self.writer.sites(sites)
        self.writer.retired(retired)
        self.site_count = len(sites)
        self.contact_count = sum(len(site["contacts"].value) for site in sites
                                 if "contacts" in site)

    def _choose(self, wanted: str | None) -> tuple[Sheet, _Header | None]:
        """The named sheet, else the first whose header is recognisable."""
        if wanted is not None:
            for sheet in self.sheets:
                if sheet.name == wanted or fold(sheet.name) == fold(wanted):
                    return sheet, _find_header(sheet)
            raise UsageError("import_no_sheet", sheet=wanted,
                             sheets=", ".join(s.name for s in self.sheets))
        data_sheets = [s for s in self.sheets if s.name not in (DIRECTORY_SHEET, RETIRED_SHEET)]
        for sheet in data_sheets:
            header = _find_header(sheet)
            if header is not None:
                return sheet, header
        return next((s for s in data_sheets if not s.is_empty()), self.sheets[0]), None

    def _note_legacy(self, sheet: Sheet) -> None:
        for encoding, cells in sheet.converted().items():
            self.converted[encoding] = [sheet.cell_name(cells[0]), *(c.ref for c in cells[1:])]
        for cell, repair in sheet.doubtful:
            self.warn(sheet.where(cell), "import_legacy_doubtful", value=cell.text,
                      encoding=ENCODING_NAMES[repair.possible], reading=repair.possible_text)

    def _directory(self, *, base_url: str | None, name: str | None) -> dict[str, Value]:
        """The directory from ``qrdir export``'s sheet, with the options taking precedence."""
        found: dict[str, Value] = {}
        sheet = next((s for s in self.sheets if s.name == DIRECTORY_SHEET), None)
        for row in sheet.rows[1:] if sheet else ():
            key, value = row[0].text, row[1] if len(row) > 1 else None
            if key and value is not None and value.text:
                found[key] = Value(_directory_value(key, value.text), sheet.where(value))
        if name:
            found["name"] = Value(name.strip(), "--name")
        if base_url:
            found["base_url"] = Value(base_url.strip(), "--base-url")
        missing = [option for key, option in (("name", "--name"), ("base_url", "--base-url"))
                   if key not in found]
        if missing:
            raise UsageError("import_needs_directory", options=" ".join(missing))
        return found

    def _retired(self) -> list[dict[str, Value]]:
        sheet = next((s for s in self.sheets if s.name == RETIRED_SHEET), None)
        entries = []
        for row in sheet.rows[1:] if sheet else ():
            entry = {key: Value(cell.text, sheet.where(cell))
                     for key, cell in zip(RETIRED_COLUMNS, row, strict=False) if cell.text}
            if entry:
                entries.append(entry)
        return entries


def _directory_value(key: str, text: str) -> object:
    """A directory value from the export's sheet: lists one per line, hotlines "label: phone",
    the date day first as the export writes it (28/11/2026 → 2026-11-28)."""
    if key == "updated":
        return cell_values.iso_date(text)
    if key == "formerly":
        return cell_values.lines(text)
    if key == "hotlines":
        hotlines = []
        for line in cell_values.lines(text):
            label, _, phone = line.rpartition(":")
            hotlines.append({"label": label.strip(), "phone": phone.strip()})
        return hotlines
    return text


class _Rows:
    """The data rows of one sheet → sites with their contacts, in the sheet's order."""

    def __init__(self, draft: _Draft, sheet: Sheet, header: _Header):
        self.draft, self.sheet, self.header = draft, sheet, header
        # The cells, not only the headers, decide which column is read for which field:
        # "Điện thoại" and "SĐT" are both phones by their words (import_columns.py).
        self.roles = column_roles(header.field_of, sheet.rows[header.last_row:])
        self.columns = dict(self.roles.fields)
        self.columns.pop("number", None)

    def sites(self) -> list[dict[str, Value]]:
        self._report_columns()
        if self.roles.unclear is not None:
            self._report_unclear_phones()
            return []
        rows = self.sheet.rows[self.header.last_row:]
        self._check_required(rows)
        if any(p.is_error for p in self.draft.problems):
            return []
        groups: list[tuple[dict[str, Cell], list[dict[str, Cell]]]] = []
        for row in rows:
            self._add_row(row, groups)
        return [_Site(self, site, contacts).values() for site, contacts in groups]

    def _report_columns(self) -> None:
        used = set(self.roles.fields.values())
        first_row = self.header.last_row
        for column, title in self.header.titles.items():
            if column in used:
                continue
            has_data = any(row[column - 1].text for row in self.sheet.rows[first_row:])
            cell = self.sheet.rows[first_row - 1][column - 1]
            letter = get_column_letter(column)
            if column in self.roles.repeats:
                self.draft.warn(self.sheet.where(cell), "import_column_duplicate", header=title,
                                column=letter, first=get_column_letter(self.roles.repeats[column]))
            elif column in self.roles.unused:
                self.draft.warn(self.sheet.where(cell), "import_column_unused", header=title,
                                column=letter, used=get_column_letter(self.roles.unused[column]))
            elif (title or has_data) and column not in (self.roles.unclear or ()):
                self.draft.warn(self.sheet.where(cell), "import_column_ignored", header=title,
                                column=letter)

    def _report_unclear_phones(self) -> None:
        """Two phone columns the cells cannot tell apart: ask, rather than guess whose is whose."""
        first, second = self.roles.unclear
        header_row = self.sheet.rows[self.header.last_row - 1]
        self.draft.error(self.sheet.where(header_row[second - 1]), "import_phone_columns_unclear",
                         first=get_column_letter(first), first_header=self.header.titles[first],
                         second=get_column_letter(second),
                         second_header=self.header.titles[second])

    def _check_required(self, rows) -> None:
        required = ["name", "address"]
        contact_columns = [self.columns[name] for name in ("contact_name", "role", "contact_phone")
                           if name in self.columns]
        # Contacts are optional (registry.md): empty contact columns, as export writes for a
        # ward that lists no person, ask for nothing; a contact partly filled in asks for all.
        if any(row[column - 1].text for row in rows for column in contact_columns):
            required += ["contact_name", "role", "contact_phone"]
        for name in required:
            column = self.columns.get(name)
            if column is None or not any(row[column - 1].text for row in rows):
                self.draft.error(self.sheet.where(), "import_required_missing",
                                 headers=HEADER_EXAMPLES[name])

    def _add_row(self, row, groups) -> None:
        cells = {name: row[column - 1] for name, column in self.columns.items()
                 if row[column - 1].text}
        fresh = {name: cell for name, cell in cells.items() if not cell.inherited}
        if not fresh:
            return  # blank, or only the rest of cells merged down from the row above
        if self._is_heading(fresh):
            first = next(iter(fresh.values()))
            self.draft.warn(self.sheet.where(first), "import_row_skipped", row=first.row,
                            text=first.text)
            return
        site_cells = {k: c for k, c in cells.items() if k not in CONTACT_FIELDS}
        contact = {k: c for k, c in cells.items() if k in CONTACT_FIELDS}
        if groups and self._continues(groups[-1][0], site_cells):
            self._merge_site(groups[-1][0], site_cells)
        elif "name" in site_cells:
            groups.append((site_cells, []))
        else:
            self.draft.error(self.sheet.where(row[0]), "import_no_site_above", row=row[0].row)
            return
        if any(not cell.inherited for cell in contact.values()):
            self._check_contact(row, contact)
            groups[-1][1].append(contact)

    def _check_contact(self, row: tuple[Cell, ...], contact: dict[str, Cell]) -> None:
        """A contact needs a role, a name and a number: name the empty cell, not a YAML key."""
        for key in ("role", "contact_name", "contact_phone"):
            if key in self.columns and key not in contact:
                empty = row[self.columns[key] - 1]
                self.draft.error(self.sheet.where(empty), "import_contact_incomplete",
                                 header=self.header.titles[self.columns[key]])

    @staticmethod
    def _is_heading(fresh: dict[str, Cell]) -> bool:
        """A title, section or note row: one text, in one cell or across one merged range."""
        cells = list(fresh.values())
        if len({c.text for c in cells}) != 1:
            return False
        if len(cells) == 1:
            # A title, a section ("KHỐI ĐOÀN THỂ") or a signature under the table
            # ("Người lập biểu"); a lone number still goes through, to be reported.
            return next(iter(fresh)) not in ("phone", "contact_phone")
        return cells[0].merged_from is not None and all(
            c.merged_from == cells[0].merged_from for c in cells)

    @staticmethod
    def _continues(site: dict[str, Cell], cells: dict[str, Cell]) -> bool:
        """A blank site name continues the site above; so does the same name (and id) again."""
        if "name" not in cells:
            return True
        same_id = "id" not in cells or "id" not in site or cells["id"].text == site["id"].text
        return cells["name"].text == site["name"].text and same_id

    def _merge_site(self, site: dict[str, Cell], cells: dict[str, Cell]) -> None:
        for key, cell in cells.items():
            if key not in site:
                site[key] = cell  # given on a later row of the same site
            elif cell.text != site[key].text and not cell.inherited:
                self.draft.warn(self.sheet.where(cell), "import_site_conflict", value=cell.text,
                                kept=site[key].text, first=site[key].ref)


class _Site:
    """One site's cells → its registry values in registry.md's order, each with its cell."""

    def __init__(self, rows: _Rows, cells: dict[str, Cell], contacts: list[dict[str, Cell]]):
        self.draft, self.cells, self.contact_rows = rows.draft, cells, contacts
        self.where = rows.sheet.where

    def values(self) -> dict[str, Value]:
        cells, values = self.cells, {}
        name = cells["name"]
        if "id" in cells:
            values["id"] = self._text(cells["id"])
        elif derive_id(name.text):
            # Written out so that later edits of the name never move a printed code's page.
            values["id"] = Value(derive_id(name.text), self.where(name))
        values["name"] = self._text(name)
        values["kind"] = self._kind()
        if "address" in cells:
            values["address"] = self._text(cells["address"])
        for key, value in (("location", self._location()), ("map_url", self._map_url())):
            if value is not None:
                values[key] = value
        if "phone" in cells:
            values["phone"] = self._phone(cells["phone"])
        if "email" in cells:
            values["email"] = self._link(cells["email"], "mailto:")
        if "website" in cells:
            values["website"] = self._link(cells["website"])
        if "hours" in cells:
            hours = cells["hours"]
            parsed = cell_values.parse_hours(hours.text)
            values["hours"] = Value(hours.text if parsed is None else parsed, self.where(hours))
        if self.contact_rows:
            values["contacts"] = Value([contact for row in self.contact_rows
                                        for contact in self._contacts(row)], self.where(name))
        if "services" in cells:
            values["services"] = self._list(cells["services"])
        if "note" in cells:
            values["note"] = self._text(cells["note"], single_line=False)
        if "formerly" in cells:
            values["formerly"] = self._list(cells["formerly"])
        if "verified" in cells:
            verified = cells["verified"]
            values["verified"] = Value(cell_values.iso_date(verified.text), self.where(verified))
        return values

    def _text(self, cell: Cell, *, single_line: bool = True) -> Value:
        # A line break typed in a name or address (Alt+Enter) is only layout: one space.
        text = " ".join(cell.text.split()) if single_line else cell.text
        return Value(text, self.where(cell), _legacy_comment(cell))

    def _list(self, cell: Cell) -> Value:
        items = cell_values.lines(cell.text)
        return Value(items if len(items) > 1 else items[0], self.where(cell),
                     _legacy_comment(cell))

    def _link(self, cell: Cell, prefix: str = "") -> Value:
        """A URL or address: the text when it is one, else the cell's hyperlink ("Xem bản đồ")."""
        text = cell.text
        if cell.link and not (_WEB.match(text) or "@" in text):
            text = cell.link.removeprefix(prefix)
        return Value(text, self.where(cell))

    def _map_url(self) -> Value | None:
        if "map_url" in self.cells:
            return self._link(self.cells["map_url"])
        position = self.cells.get("location")
        if position is not None and _WEB.match(position.text):
            return Value(position.text, self.where(position))  # a map link where the position goes
        return None

    def _location(self) -> Value | None:
        """One "lat, lon" column, or Vĩ độ + Kinh độ columns; decimal commas become points."""
        cells = self.cells
        if "location" in cells and not _WEB.match(cells["location"].text):
            cell = cells["location"]
            text = cell.text
            if ";" in text:  # "11,2991; 106,1372": the comma is the decimal mark in Vietnam
                text = ", ".join(part.strip().replace(",", ".") for part in text.split(";"))
            return Value(text, self.where(cell))
        if "lat" in cells and "lon" in cells:
            lat, lon = (cells[key].text.replace(",", ".") for key in ("lat", "lon"))
            return Value(f"{lat}, {lon}", self.where(cells["lat"]))
        return None

    def _phone(self, cell: Cell) -> Value:
        """The office's number in national display form, the leading 0 restored.

        A further number in the cell cannot go to a person (import.md: a phone never moves
        from an office to a person), so it is reported and kept as a comment beside the phone.
        """
        first, *others = cell_values.phone_numbers(cell.text)
        if not others:
            return Value(first, self.where(cell))
        shown = ", ".join(others)
        self.draft.warn(self.where(cell), "import_site_phone_extra", kept=first, others=shown)
        return Value(first, self.where(cell), message("import_yaml_phone_extra", self.draft.lang,
                                                      cell=cell.ref, numbers=shown))

    def _kind(self) -> Value:
        """The kind column's label or code; without one, a guess from the name, reported."""
        lang, cell = self.draft.lang, self.cells.get("kind")
        if cell is not None:
            kind = cell_values.kind_code(cell.text) or cell.text  # else the validator explains
            label = KIND_LABELS[kind][lang] if kind in KIND_LABELS else None
            return Value(kind, self.where(cell), label)
        name = self.cells["name"]
        guess = cell_values.guess_kind(name.text)
        if guess is None:
            self.draft.warn(self.where(name), "import_kind_unknown", name=name.text)
            return Value("other", self.where(name), message("import_yaml_kind_unknown", lang))
        self.draft.warn(self.where(name), "import_kind_guessed", name=name.text, kind=guess)
        return Value(guess, self.where(name),
                     message("import_yaml_kind_guessed", lang, label=KIND_LABELS[guess][lang]))

    def _contacts(self, cells: dict[str, Cell]) -> list[dict[str, Value]]:
        """The row's contact; a further number in its phone cell is a further contact of the
        same person, just below, so no number the clerk wrote is lost (import.md).
        """
        person: dict[str, Value] = {}
        if "role" in cells:
            person["role"] = self._text(cells["role"])
        if "contact_name" in cells:
            person["name"] = self._text(cells["contact_name"])
        if "contact_phone" not in cells:
            return [person]
        phone_cell = cells["contact_phone"]
        numbers = cell_values.phone_numbers(phone_cell.text)
        if len(numbers) > 1:
            self.draft.warn(self.where(phone_cell), "import_phone_extra", kept=numbers[0],
                            others=", ".join(numbers[1:]))
        contacts = []
        for number in numbers:
            contact = dict(person, phone=Value(number, self.where(phone_cell)))
            zalo = self._zalo(cells["zalo"], number, numbers) if "zalo" in cells else None
            if zalo is not None:
                contact["zalo"] = zalo
            contacts.append(contact)
        return contacts

    def _zalo(self, cell: Cell, number: str, numbers: list[str]) -> Value | None:
        """Whether ``number``, one of the row's ``numbers``, has Zalo: x, có, yes, ✓ → true (for
        the numbers a tick belongs to); không, no → nothing; the number itself again → true.
        """
        answer = cell_values.yes_no(cell.text)
        if answer is not None:
            ticked = answer and number in cell_values.zalo_numbers(numbers)
            return Value("true", self.where(cell)) if ticked else None
        written = cell_values.phone_text(cell.text)
        if written == number:
            return Value("true", self.where(cell))
        if written in numbers or number != numbers[0]:
            return None  # another of the person's numbers; anything else is said once, below
        if written != cell.text.strip():
            self.draft.warn(self.where(cell), "import_zalo_other_number", value=cell.text)
            return None
        return Value(cell.text, self.where(cell))  # the validator says what is wrong with it


def _legacy_comment(cell: Cell) -> str | None:
    if not cell.legacy:
        return None
    return f"{ENCODING_NAMES[cell.legacy]}: {cell.ref}"
