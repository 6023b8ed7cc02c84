"""Which column of a sheet is read for which field, when headers alone cannot tell (import.md).

A header names a field (:func:`qrdir.sheets.importer.header_field`), and two headers may name
the same one: "Điện thoại" and "SĐT" are both, by their words, a contact's phone. import.md
"Rows and columns" lets the cells decide, never the order of the headers alone:

- a column is dropped as a duplicate only when its header names the same field as an earlier
  column's and its cells are in fact equal to it (phones compared as numbers, so 913456789
  equals "0913 456 789"); "Điện thoại cơ quan" and "SĐT" are never duplicates, whatever they hold;
- of two phone columns, both are kept: the one among the site's columns, or whose value repeats
  on every row of a site, or that holds landlines, is the site's phone, the other the contact's.
  When that evidence is even, the sheet is reported rather than guessed, because a guess would
  give a person's mobile to the office or the office's landline to a person.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from qrdir.sheets.cell_values import is_mobile, phone_text, split_numbers
from qrdir.sheets.spreadsheet import Cell

PHONE_FIELDS = ("phone", "contact_phone")
PERSON_FIELDS = ("role", "contact_name", "zalo")  # the columns of a contact, besides its phone

Rows = Sequence[tuple[Cell, ...]]


@dataclass(frozen=True)
class ColumnRoles:
    """The column read for each field, and why the other recognised columns are not read."""

    fields: dict[str, int]  # field → column (1-based)
    repeats: dict[int, int]  # column not read → the earlier column whose cells it repeats
    unused: dict[int, int]  # column not read → the column read for its field (other cells)
    unclear: tuple[int, int] | None = None  # two phone columns the cells cannot tell apart


def column_roles(field_of: dict[int, str | None], rows: Rows) -> ColumnRoles:
    """Decide which column holds each field from the headers' fields and the data ``rows``."""
    fields: dict[str, int] = {}
    repeats: dict[int, int] = {}
    unused: dict[int, int] = {}
    phones: list[int] = []
    for field, columns in _by_field(field_of).items():
        kept = []
        for column in columns:
            same = next((k for k in kept if _same_cells(rows, k, column, field)), None)
            if same is None:
                kept.append(column)
            else:
                repeats[column] = same
        if field in PHONE_FIELDS:
            phones += kept  # placed below, together: the headers alone do not say whose
        else:
            fields[field] = kept[0]
            unused.update({column: kept[0] for column in kept[1:]})
    unclear = _place_phones(sorted(phones), field_of, rows, fields, unused)
    return ColumnRoles(fields, repeats, unused, unclear)


def _by_field(field_of: dict[int, str | None]) -> dict[str, list[int]]:
    """The columns each header field names, in sheet order."""
    columns: dict[str, list[int]] = {}
    for column in sorted(field_of):
        if field_of[column] is not None:
            columns.setdefault(field_of[column], []).append(column)
    return columns


def _same_cells(rows: Rows, first: int, second: int, field: str) -> bool:
    """Every data row holds the same value in both columns (phones compared as numbers)."""
    def value(cell: Cell) -> str:
        return phone_text(cell.text) if field in PHONE_FIELDS else cell.text

    return all(value(row[first - 1]) == value(row[second - 1]) for row in rows)


def _place_phones(columns: list[int], field_of: dict[int, str | None], rows: Rows,
                  fields: dict[str, int], unused: dict[int, int]) -> tuple[int, int] | None:
    """Put the phone columns into ``fields`` (and the rest into ``unused``); the pair the cells
    cannot tell apart, if any.
    """
    site = [c for c in columns if field_of[c] == "phone"]
    person = [c for c in columns if field_of[c] == "contact_phone"]
    if not any(field_of[c] in ("role", "contact_name") for c in field_of):
        # A list of offices, without people: every number there is an office's.
        site, person = site + person, []
    elif not site and len(person) > 1:
        chosen = _site_phone_column(person[0], person[1], field_of, rows)
        if chosen is None:
            return person[0], person[1]
        site, person = [chosen], [c for c in person if c != chosen]
    for field, candidates in (("phone", site), ("contact_phone", person)):
        if candidates:
            fields[field] = candidates[0]
            unused.update({column: candidates[0] for column in candidates[1:]})
    return None


def _site_phone_column(first: int, second: int, field_of: dict[int, str | None],
                       rows: Rows) -> int | None:
    """Of two phone columns, the site's: the one more of import.md's three signs point to."""
    signs: tuple[Callable[[int], float], ...] = (
        lambda column: _beside_site_columns(column, field_of),
        lambda column: _repeats_within_sites(column, field_of, rows),
        lambda column: _office_number_share(column, rows),
    )
    score = 0
    for sign in signs:
        a, b = sign(first), sign(second)
        score += (a > b) - (a < b)
    return None if score == 0 else first if score > 0 else second


def _beside_site_columns(column: int, field_of: dict[int, str | None]) -> bool:
    """The nearest recognised column to the left is one of the site's ("Địa chỉ | Điện thoại");
    people read a row left to right, so a number follows what it belongs to.
    """
    for left in range(column - 1, 0, -1):
        field = field_of.get(left)
        if field not in (None, "number"):
            return field not in PHONE_FIELDS + PERSON_FIELDS
    return False


def _repeats_within_sites(column: int, field_of: dict[int, str | None], rows: Rows) -> bool:
    """No site has two different numbers in this column on its rows (blank rows aside)."""
    name = min((c for c, field in field_of.items() if field == "name"), default=None)
    if name is None:
        return False
    numbers: dict[int, set[str]] = {}  # site (by its first row) → the numbers on its rows
    for site, row in zip(_site_of_rows(rows, name), rows, strict=True):
        if site is not None and row[column - 1].text:
            numbers.setdefault(site, set()).add(phone_text(row[column - 1].text))
    return all(len(found) <= 1 for found in numbers.values())


def _site_of_rows(rows: Rows, name: int) -> list[int | None]:
    """For each row, the index of the row that starts its site: a new name starts a site, a
    blank (or merged-down) name continues the one above, as the importer reads them.
    """
    starts: list[int | None] = []
    site = None
    for index, row in enumerate(rows):
        cell = row[name - 1]
        if cell.text and not cell.inherited and (site is None
                                                 or cell.text != rows[site][name - 1].text):
            site = index
        starts.append(site)
    return starts


def _office_number_share(column: int, rows: Rows) -> float:
    """The share of the column's numbers that are landlines (or 1800/1900 and short numbers),
    which an office has and a person rarely does.
    """
    kinds = [is_mobile(split_numbers(row[column - 1].text)[0])
             for row in rows if split_numbers(row[column - 1].text)]
    numbers = [mobile for mobile in kinds if mobile is not None]
    return sum(not mobile for mobile in numbers) / len(numbers) if numbers else 0.0
