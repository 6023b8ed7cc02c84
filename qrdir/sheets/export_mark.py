"""The mark ``qrdir export`` leaves in a workbook, so that a later export never overwrites edits.

import.md: export "never overwrites a workbook that is newer than the registry it came from, or
that was edited since the last export, without ``--force``". Times cannot tell: a copy, a sync
or an unchanged save in Excel all make a file newer. So the export records what it wrote: a
SHA-256 of the cell values of every sheet, in a custom document property (File → Properties →
Custom in Excel and LibreOffice, which both keep it on saving). A workbook whose cells no longer
match its recorded digest was edited; one without the property is not a qrdir export, or went
through a program that dropped it, and counts as edited too: the safe side.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.packaging.custom import CustomPropertyList, StringProperty
from openpyxl.workbook import Workbook

DIGEST_PROPERTY = "qrdir-export-sha256"

# What is at the output path, as export_state sees it.
MISSING, FOREIGN, EDITED, UNEDITED = "missing", "foreign", "edited", "unedited"


def cells_digest(book: Workbook) -> str:
    """SHA-256 of every sheet's name and cell values (blank cells at the ends left out, since
    Excel and LibreOffice may keep formatted blanks there).
    """
    sheets = [[sheet.title, _values(sheet)] for sheet in book.worksheets]
    text = json.dumps(sheets, ensure_ascii=False, default=_iso)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def digest_properties(digest: str) -> CustomPropertyList:
    """The custom document properties that record ``digest``."""
    properties = CustomPropertyList()
    properties.append(StringProperty(name=DIGEST_PROPERTY, value=digest))
    return properties


def export_state(path: Path) -> tuple[str, str | None]:
    """What is at ``path`` (MISSING, FOREIGN, EDITED or UNEDITED) and the digest it records."""
    if not path.exists():
        return MISSING, None
    try:
        book = load_workbook(path)
    except Exception:  # noqa: BLE001 - openpyxl raises many kinds for what is not a workbook
        return FOREIGN, None
    recorded = next((p.value for p in book.custom_doc_props if p.name == DIGEST_PROPERTY), None)
    if recorded is None:
        return FOREIGN, None
    return (UNEDITED if cells_digest(book) == recorded else EDITED), recorded


def _values(sheet) -> list[list[object]]:
    rows = []
    for row in sheet.iter_rows(values_only=True):
        values = list(row)
        while values and values[-1] is None:
            values.pop()
        rows.append(values)
    while rows and not rows[-1]:
        rows.pop()
    return rows


def _iso(value: object) -> str:
    """Dates and times as ISO text; anything else JSON lacks (a duration, an array formula a
    person typed) as its text: it only has to differ from what the export wrote.
    """
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)
