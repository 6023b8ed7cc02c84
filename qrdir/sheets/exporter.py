"""The registry as a formatted .xlsx, for ward staff who prefer a spreadsheet (spec/import.md).

Sheet "Danh bạ" holds one row per contact (a site without contacts gets one row); a site's own
columns are filled on its first row only, which is how ``qrdir import`` reads continuation rows.
Sheet "Thông tin chung" holds the directory (key, value) and sheet "Mã đã bỏ" the retired ids,
so that ``qrdir import`` of an exported file gives back the same registry: every field of every
site and contact, the directory and the retired ids.

The bytes are deterministic: the workbook's dates are the registry's ``updated`` date and the
zip entries carry a fixed timestamp, so the same registry always exports the same file.
Each file records a digest of its cells (:mod:`qrdir.sheets.export_mark`), so that a later
export never overwrites a workbook a person edited since, nor any file qrdir did not write,
without --force.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.comments import Comment
from openpyxl.packaging.core import DocumentProperties
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.xml.functions import tostring

from qrdir.build.files import write_atomically
from qrdir.errors import MessageError, RegistryError
from qrdir.registry.model import DAYS, KIND_LABELS, KINDS, DayHours, Problem, Registry, Site
from qrdir.registry.schema import CONTACT, DIRECTORY, SITE
from qrdir.registry.validate import load_registry
from qrdir.sheets import export_mark

CONTACTS_SHEET = "Danh bạ"
DIRECTORY_SHEET = "Thông tin chung"
RETIRED_SHEET = "Mã đã bỏ"
HELP_SHEET = "Hướng dẫn"  # what each column holds, and the lists the drop-downs offer
RETIRED_COLUMNS = ("id", "moved_to", "closed")
# (header, registry field); every header is one qrdir import recognises. Widths fit the content.
COLUMNS: tuple[tuple[str, str], ...] = (
    ("Mã", "id"),
    ("Tên cơ quan", "name"),
    ("Loại", "kind"),
    ("Địa chỉ", "address"),
    ("Toạ độ", "location"),
    ("Bản đồ", "map_url"),
    ("Điện thoại cơ quan", "phone"),
    ("Email", "email"),
    ("Website", "website"),
    ("Giờ làm việc", "hours"),
    ("Dịch vụ", "services"),
    ("Ghi chú", "note"),
    ("Tên cũ", "formerly"),
    ("Ngày xác minh", "verified"),
    ("Chức vụ", "role"),
    ("Họ tên", "contact_name"),
    ("SĐT", "contact_phone"),
    ("Zalo", "zalo"),
)
_RETIRED_HEADERS = ("Mã đã bỏ", "Chuyển đến mã", "Đã đóng: lời nhắn")
_DIRECTORY_HEADERS = ("Khoá", "Giá trị", "Ý nghĩa")
_MULTILINE = frozenset({"name", "address", "hours", "services", "note", "formerly", "role"})
_BOLD = Font(bold=True)
_HEADER_FILL = PatternFill("solid", start_color="FFE8EEF4")
_ID_FILL = PatternFill("solid", start_color="FFFCE4C4")  # the id: not to be changed once printed
_YES, _NO = "có", "không"  # registry.md: Zalo true/false as Vietnamese staff write it
# The rows a drop-down covers: every row a ward will ever fill, not only those exported.
_LAST_ROW = 5000
_HELP_HEADERS = ("Cột", "Bắt buộc", "Ý nghĩa", "", "Loại (danh sách)", "Zalo")
# Column widths fit the longest line of a column's cells, in characters, within these bounds.
MIN_WIDTH, MAX_WIDTH = 8, 60
# import.md: "the id column locked or marked 'do not change once printed'".
ID_WARNING = {
    "vi": "KHÔNG ĐỔI mã sau khi đã in áp phích: mã quyết định đường dẫn trong mã QR. Địa điểm "
          "mới có thể để trống, qrdir tự đặt mã từ tên.",
    "en": "DO NOT CHANGE an id once its poster is printed: the id is the path in the QR code. "
          "A new site may leave it blank; qrdir derives it from the name.",
}
_SITE_BORDER = Border(top=Side(style="thin", color="FF9AA5B1"))
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_ZIP_EPOCH = dt.datetime(*_ZIP_TIME)
_CORE_PROPERTIES = "docProps/core.xml"
_CUSTOM_PROPERTIES = "docProps/custom.xml"


@dataclass(frozen=True)
class ExportResult:
    """What ``qrdir export`` did, for the command line to report."""

    output: Path
    sites: int
    rows: int
    warnings: tuple[Problem, ...]
    written: bool = True  # False: the workbook there already held exactly this


def export_registry(registry_path: Path, output: Path, *, force: bool = False) -> ExportResult:
    """Validate ``registry_path``, then write it to ``output`` as .xlsx (nothing on errors).

    An existing ``output`` is overwritten only when it is a qrdir export nobody edited since,
    or with ``force``; otherwise :class:`~qrdir.errors.MessageError` says how to keep the edits.
    """
    registry, problems = load_registry(registry_path)
    if registry is None:
        raise RegistryError(problems)
    data, digest = _render(registry)
    output = Path(output)
    written = _may_write(output, digest, registry_path, force)
    if written:
        write_atomically(output, data)
    rows = sum(max(1, len(site.contacts)) for site in registry.sites)
    return ExportResult(output, len(registry.sites), rows, tuple(problems), written)


def _may_write(output: Path, digest: str, registry_path: Path, force: bool) -> bool:
    """Whether to write ``output``; refuses (import.md) to overwrite edits without ``force``."""
    state, recorded = export_mark.export_state(output)
    if state == export_mark.UNEDITED and recorded == digest:
        return False  # the same cells already: leave the file, and Excel's own touches, alone
    if force or state in (export_mark.MISSING, export_mark.UNEDITED):
        return True
    raise MessageError(f"export_output_{state}", path=str(output), file=_shell_word(output),
                       registry=_shell_word(registry_path))


def _shell_word(path: Path) -> str:
    """A path as typed in the command the message suggests: quoted when it has spaces, in
    double quotes, which Windows' cmd and PowerShell understand as well as a Unix shell.
    """
    text = str(path)
    return text if re.fullmatch(r"[\w./:\\-]+", text) else f'"{text}"'


def render_workbook(registry: Registry) -> bytes:
    """The registry as .xlsx bytes: contacts, directory and retired sheets, formatted."""
    return _render(registry)[0]


def _render(registry: Registry) -> tuple[bytes, str]:
    """The workbook's bytes, and the digest of its cells that they record (export_mark.py)."""
    workbook = Workbook()
    _contacts_sheet(workbook.active, registry)
    _directory_sheet(workbook.create_sheet(DIRECTORY_SHEET), registry)
    _retired_sheet(workbook.create_sheet(RETIRED_SHEET), registry)
    _help_sheet(workbook.create_sheet(HELP_SHEET), registry)
    _drop_downs(workbook[CONTACTS_SHEET], len(KINDS))
    for sheet in workbook.worksheets:
        fit_widths(sheet)
    # A placeholder, so that openpyxl writes the custom properties part with its content type
    # and relationship; _deterministic puts the digest in it.
    workbook.custom_doc_props = export_mark.digest_properties("")
    buffer = io.BytesIO()
    workbook.save(buffer)
    # The digest of the cells as a reader sees them, the way export_state will read them back.
    digest = export_mark.cells_digest(load_workbook(io.BytesIO(buffer.getvalue())))
    return _deterministic(buffer.getvalue(), registry.directory.updated, digest), digest


# registry.md 1.1 "Written the way Vietnamese staff write": the day names of a notice board.
DAY_NAMES: dict[str, str] = dict(zip(DAYS, ("Thứ 2", "Thứ 3", "Thứ 4", "Thứ 5", "Thứ 6", "Thứ 7",
                                            "Chủ nhật"), strict=True))
CLOSED = "Nghỉ"


def format_hours(hours: tuple[DayHours, ...]) -> str:
    """Opening hours as a clerk writes them on the notice board, one group of days after another:
    "Thứ 2 - Thứ 6: 7:00-11:30, 13:30-17:00; Thứ 7: 7:00-11:00; Chủ nhật: Nghỉ".

    Runs wrap around the week as registry.md allows: Saturday to Monday is "Thứ 7 - Thứ 2".
    Every reader of a registry (registry.md 1.1) and ``qrdir import`` read it back exactly.
    """
    runs = [group for _, days in groupby(hours, key=lambda day: day.intervals)
            for group in _consecutive(list(days))]
    if len(runs) > 1 and runs[0][0].day == DAYS[0] and runs[-1][-1].day == DAYS[-1] and (
            runs[0][0].intervals == runs[-1][-1].intervals):
        runs = [runs[-1] + runs[0]] + runs[1:-1]
    groups = []
    for run in runs:
        days = DAY_NAMES[run[0].day]
        if len(run) > 1:
            days += f" - {DAY_NAMES[run[-1].day]}"
        intervals = run[0].intervals
        groups.append(f"{days}: " + (", ".join(_clock(i.start) + "-" + _clock(i.end)
                                               for i in intervals) if intervals else CLOSED))
    return "; ".join(groups)


def _clock(minutes: int) -> str:
    """A time as clerks write it, hour without a leading zero: 7:00, 13:30, 24:00."""
    return f"{minutes // 60}:{minutes % 60:02d}"


def format_date(date: dt.date) -> str:
    """A date day first, as Vietnamese staff write it (registry.md 1.1): 28/11/2026."""
    return f"{date.day:02d}/{date.month:02d}/{date.year}"


def _consecutive(days: list[DayHours]) -> list[list[DayHours]]:
    """Split days listed in week order into runs of neighbouring weekdays."""
    groups: list[list[DayHours]] = []
    for day in days:
        if groups and DAYS.index(day.day) == DAYS.index(groups[-1][-1].day) + 1:
            groups[-1].append(day)
        else:
            groups.append([day])
    return groups


# --- sheets ------------------------------------------------------------------------------------


def _contacts_sheet(ws, registry: Registry) -> None:
    ws.title = CONTACTS_SHEET
    _header(ws, [title for title, _ in COLUMNS])
    lang = registry.directory.language
    id_header = ws.cell(1, _column("id"))
    id_header.fill = _ID_FILL
    id_header.comment = Comment(ID_WARNING[lang], "qrdir", width=300, height=110)
    for site in registry.sites:
        site_values = _site_values(site, lang)
        people = site.contacts or (None,)
        for index, contact in enumerate(people):
            row = ws.max_row + 1
            for column, (_, key) in enumerate(COLUMNS, start=1):
                value = site_values.get(key) if index == 0 else None
                if contact is not None and key in ("role", "contact_name", "contact_phone",
                                                   "zalo"):
                    value = _contact_value(contact, key)
                cell = ws.cell(row, column, value)
                cell.alignment = Alignment(vertical="top", wrap_text=key in _MULTILINE)
                if key in ("phone", "contact_phone"):
                    cell.number_format = "@"  # text: Excel must not drop the leading 0
                if key == "verified":
                    # text, day first: Excel set to another locale must not read it month first
                    cell.number_format = "@"
                if index == 0:
                    cell.border = _SITE_BORDER


def _site_values(site: Site, lang: str) -> dict[str, object]:
    values = {
        "id": site.id,
        "name": site.name,
        "kind": KIND_LABELS[site.kind][lang],
        "address": site.address,
        "location": f"{site.location.lat!r}, {site.location.lon!r}" if site.location else None,
        "map_url": site.map_url,
        "phone": site.phone.display if site.phone else None,
        "email": site.email,
        "website": site.website,
        "hours": format_hours(site.hours) if site.hours else None,
        "services": "\n".join(site.services) or None,
        "note": site.note,
        "formerly": "\n".join(site.formerly) or None,
        "verified": format_date(site.verified) if site.verified else None,
    }
    return {key: value for key, value in values.items() if value is not None}


def _contact_value(contact, key: str) -> str | None:
    if key == "role":
        return contact.role
    if key == "contact_name":
        return contact.name
    if key == "contact_phone":
        return contact.phone.display
    return _YES if contact.zalo else _NO


def _directory_sheet(ws, registry: Registry) -> None:
    directory = registry.directory
    _header(ws, _DIRECTORY_HEADERS)
    help_texts = {f.key: f.help.get(directory.language, "") for f in DIRECTORY}
    values = {
        "name": directory.name,
        "region": directory.region,
        "base_url": directory.base_url,
        "publisher": directory.publisher,
        "language": directory.language,
        "updated": format_date(directory.updated) if directory.updated else None,
        "hotlines": "\n".join(f"{h.label}: {h.phone.display}" for h in directory.hotlines),
        "formerly": "\n".join(directory.formerly),
        "posters": ", ".join(directory.posters),
        "deploy": directory.deploy,
    }
    for key, value in values.items():
        if value:
            ws.append([key, value, help_texts.get(key, "")])
            ws.cell(ws.max_row, 2).alignment = Alignment(wrap_text=True, vertical="top")


def _column(key: str) -> int:
    """The 1-based column of the contacts sheet holding ``key``."""
    return [field for _, field in COLUMNS].index(key) + 1


def _help_sheet(ws, registry: Registry) -> None:
    """What each column of the contacts sheet holds (from the schema's help), and the lists
    the drop-downs offer: the kinds' labels in the registry's language, and có/không."""
    lang = registry.directory.language
    _header(ws, _HELP_HEADERS)
    help_of = {f.key: f for f in SITE} | {"role": CONTACT[0], "contact_name": CONTACT[1],
                                          "contact_phone": CONTACT[2], "zalo": CONTACT[3]}
    for title, key in COLUMNS:
        declared = help_of[key]
        meaning = ID_WARNING[lang] if key == "id" else declared.help.get(lang, "")
        ws.append([title, _YES if declared.required else "", meaning])
        ws.cell(ws.max_row, 3).alignment = Alignment(wrap_text=True, vertical="top")
    for row, kind in enumerate(KINDS, start=2):
        ws.cell(row, 5, KIND_LABELS[kind][lang])
    ws.cell(2, 6, _YES)
    ws.cell(3, 6, _NO)


def _drop_downs(ws, kinds: int) -> None:
    """Lists to choose from (data validation) for kind and Zalo, on every row a ward may fill;
    the lists live on the help sheet, since a kind's label may hold a comma."""
    quoted = f"'{HELP_SHEET}'"
    for key, source in (("kind", f"{quoted}!$E$2:$E${kinds + 1}"), ("zalo", f"{quoted}!$F$2:$F$3")):
        letter = get_column_letter(_column(key))
        validation = DataValidation(type="list", formula1=f"={source}", allow_blank=True,
                                    showErrorMessage=True)
        validation.add(f"{letter}2:{letter}{_LAST_ROW}")
        ws.add_data_validation(validation)


def _retired_sheet(ws, registry: Registry) -> None:
    _header(ws, _RETIRED_HEADERS)
    for entry in registry.retired:
        ws.append([entry.id, entry.moved_to, entry.closed])


def _header(ws, titles) -> None:
    """A bold, shaded, frozen header row with an autofilter."""
    for column, title in enumerate(titles, start=1):
        cell = ws.cell(1, column, title)
        cell.font = _BOLD
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(vertical="center", wrap_text=True)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(titles))}1"


def fit_widths(ws) -> None:
    """Each column as wide as its longest line (header included), within MIN_WIDTH..MAX_WIDTH.

    A line is counted in characters after NFC, so "Trạm y tế" is 9 wide whether its marks were
    typed as one code point or several; 2 more for the cell's margins. Longer text wraps.
    """
    longest: dict[int, int] = {}
    for row in ws.iter_rows():
        for cell in row:
            if cell.value is None:
                continue
            lines = unicodedata.normalize("NFC", str(cell.value)).splitlines() or [""]
            longest[cell.column] = max(longest.get(cell.column, 0), *map(len, lines))
    for column, length in longest.items():
        width = min(MAX_WIDTH, max(MIN_WIDTH, length + 2))
        ws.column_dimensions[get_column_letter(column)].width = width


def _deterministic(data: bytes, updated: dt.date | None, digest: str) -> bytes:
    """The same .xlsx without the wall clock: every zip entry dated 1980-01-01, and the document
    properties (which openpyxl stamps with the time of saving) dated the registry's ``updated``
    (1980-01-01 too when it has none); the custom properties record ``digest``.
    """
    moment = dt.datetime.combine(updated, dt.time()) if updated else _ZIP_EPOCH
    properties = DocumentProperties(creator="qrdir", created=moment, modified=moment)
    replaced = {_CORE_PROPERTIES: tostring(properties.to_tree()),
                _CUSTOM_PROPERTIES: tostring(export_mark.digest_properties(digest).to_tree())}
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, _ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            content = replaced.get(info.filename) or source.read(info.filename)
            target.writestr(entry, content)
    return out.getvalue()
