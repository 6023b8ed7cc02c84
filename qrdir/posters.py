"""Print-ready PDF posters: one page per site, its QR code as vector rectangles, and its text.

output.md "The A4 poster": readable from across a room and scannable from a step away. Every
format (see :mod:`qrdir.poster_formats`) prints the locality, the site's name as the largest
text, what to do (scan), the printed URL and the main phone number; the larger ones add the
kind, the directory's hotlines, the publisher and the date.

Print rules are checked before anything is drawn, for every site and format at once, and
reported together as one :class:`~qrdir.errors.BuildError`: modules too small to scan, a
character the font lacks, text that does not fit even in its smallest size. Output is the
same bytes for the same registry: ReportLab's invariant mode, and the document date is the
directory's ``updated`` date.
"""

from __future__ import annotations

import dataclasses
import io
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import FILL_NON_ZERO, Canvas

from qrdir import __version__, labels
from qrdir.errors import BuildError
from qrdir.fonts import REGULAR, missing_chars, register_fonts
from qrdir.layout import Paragraph, Piece, fit, words
from qrdir.model import Directory, Problem, Registry, Site
from qrdir.poster_formats import (
    CALL_TO_ACTION,
    FOOTER,
    FORMATS,
    HOTLINES,
    KIND,
    LOCALITY,
    LOCALITY_FORMERLY,
    NAME,
    NAME_FORMERLY,
    PHONE,
    STICKER,
    STICKER_COLUMNS,
    STICKER_ROWS,
    STICKER_SHEET,
    STICKER_SHEET_MARGIN,
    URL,
    PosterFormat,
)
from qrdir.qr import QUIET_ZONE, QrCode, dark_runs, site_codes
from qrdir.text import nfc

POSTER_FORMATS: tuple[str, ...] = tuple(FORMATS)
STICKERS_PER_SHEET = STICKER_COLUMNS * STICKER_ROWS
DIRECTORY_LINE = 1  # the model keeps no line for the directory section; it opens the file
RULE_WIDTH = 0.75  # points: a thin rule that still survives a copier
CUT_MARK_WIDTH = 0.3
CUT_MARK_GAP = 2 * mm  # cut marks stop this far short of the stickers
TEXT_SCALES = (1.0, 0.9, 0.8, 0.7)  # how far a crowded page sets its smaller text down
QR_SHRINK_STEP = 4 * mm  # then how the code shrinks, step by step
# posters/<id>.pdf must never overwrite these (ids are [a-z0-9-], so these are valid ids).
COMBINED_FILES = frozenset({"all-a4.pdf", "all-a5.pdf", "all-a6.pdf", "stickers-a4.pdf"})

Text = dict[str, list[Piece]]


@dataclass(frozen=True)
class TextOp:
    """Draw a paragraph with its first line's top at ``top``, centred on ``center``."""

    paragraph: Paragraph
    center: float
    top: float


@dataclass(frozen=True)
class QrOp:
    """Draw a QR code with its quiet zone's lower-left corner at (x, y)."""

    code: QrCode
    x: float
    y: float
    side: float


@dataclass(frozen=True)
class RuleOp:
    """Draw a horizontal rule."""

    x0: float
    x1: float
    y: float


Op = TextOp | QrOp | RuleOp


class _DoesNotFit(Exception):
    """A block of text that does not fit even in its smallest size."""

    def __init__(self, role: str):
        super().__init__(role)
        self.role = role


def render_posters(registry: Registry, formats: Sequence[str] = ("a4",)) -> dict[str, bytes]:
    """The poster PDFs of every requested format, keyed by path under the output folder.

    ``a4``: ``posters/<id>.pdf`` and ``posters/all-a4.pdf``; ``a5`` and ``a6``:
    ``posters/a5/<id>.pdf`` (``a6/``) and ``posters/all-a5.pdf`` (``all-a6.pdf``);
    ``stickers``: ``posters/stickers-a4.pdf``. Raises :class:`BuildError` when a print rule
    fails; ``ValueError`` for a format name not in :data:`POSTER_FORMATS`.
    """
    unknown = [name for name in formats if name not in FORMATS]
    if unknown:
        raise ValueError(f"unknown poster formats {unknown}; valid: {POSTER_FORMATS}")
    chosen = [FORMATS[name] for name in POSTER_FORMATS if name in formats]
    register_fonts()
    codes = site_codes(registry)
    texts = {site.id: poster_text(registry.directory, site) for site in registry.sites}
    layouts, problems = _check_and_lay_out(registry, chosen, codes, texts)
    if problems:
        raise BuildError(problems)
    files: dict[str, bytes] = {}
    for fmt in chosen:
        files.update(_format_files(registry, fmt, layouts[fmt.name]))
    return files


def poster_text(directory: Directory, site: Site) -> Text:
    """Every role of poster text a site has, as pieces to wrap (roles without content absent)."""
    lang = directory.language
    text: Text = {
        LOCALITY: words(directory.name),
        KIND: words(labels.kind_label(site.kind, lang)),
        NAME: words(site.name),
        CALL_TO_ACTION: words(labels.label("scan_prompt", lang)),
        URL: [Piece(printed_url(site.url))],
        FOOTER: _footer(directory),
    }
    formerly = labels.label("formerly", lang)
    if directory.formerly:
        text[LOCALITY_FORMERLY] = words(f"({formerly}: {', '.join(directory.formerly)})")
    if site.formerly:
        text[NAME_FORMERLY] = words(f"({formerly}: {', '.join(site.formerly)})")
    if site.phone:
        # The number stays on one line: a reader must not have to join it across a break.
        text[PHONE] = [Piece(f"{labels.label('phone', lang)}:"), Piece(site.phone.display)]
    if directory.hotlines:
        entries = [Piece(f"{h.label} {h.phone.display}", " · ") for h in directory.hotlines]
        text[HOTLINES] = [Piece(f"{labels.label('hotlines', lang)}:"), *entries]
    return {role: [Piece(nfc(p.text), p.joiner) for p in pieces] for role, pieces in text.items()}


def printed_url(url: str) -> str:
    """The URL as printed under the code for typing: without ``https://`` (output.md)."""
    return url.removeprefix("https://")


def _footer(directory: Directory) -> list[Piece]:
    lang = directory.language
    date = labels.format_date(directory.updated, lang)
    updated = Piece(f"{labels.label('updated', lang)} {date}")
    if not directory.publisher:
        return [updated]
    publisher = words(f"{labels.label('published_by', lang)}: {directory.publisher}")
    publisher[-1] = Piece(publisher[-1].text, " · ")
    return [*publisher, updated]


# --- print rules ------------------------------------------------------------------------------


def _check_and_lay_out(
    registry: Registry,
    formats: list[PosterFormat],
    codes: dict[str, QrCode],
    texts: dict[str, Text],
) -> tuple[dict[str, dict[str, list[Op]]], list[Problem]]:
    """Lay out every poster; every print-rule failure as a problem, in registry order."""
    problems = _glyph_problems(registry)
    layouts: dict[str, dict[str, list[Op]]] = {fmt.name: {} for fmt in formats}
    for site in registry.sites:
        if f"{site.id}.pdf" in COMBINED_FILES:
            problems.append(_problem(registry, site.line, "poster_id_reserved", id=site.id))
        for fmt in formats:
            code = codes[site.id]
            module_mm = fmt.qr_box / mm / code.size
            if module_mm < fmt.min_module_mm:
                problems.append(_problem(
                    registry, site.line, "qr_modules_too_small", url=site.url, format=fmt.label,
                    size_mm=f"{int(module_mm * 100) / 100:.2f}", min_mm=f"{fmt.min_module_mm:g}",
                ))
                continue
            try:
                layouts[fmt.name][site.id] = _lay_out(fmt, texts[site.id], code)
            except _DoesNotFit as failure:
                shown = " ".join(p.text for p in texts[site.id][failure.role])
                problems.append(_problem(registry, site.line, "poster_text_too_long",
                                         text=shown, format=fmt.label))
    return layouts, problems


def _glyph_problems(registry: Registry) -> list[Problem]:
    """A problem for each character of poster text the font lacks, at the value holding it."""
    directory = registry.directory
    values: list[tuple[str, int]] = [(directory.name, DIRECTORY_LINE)]
    values += [(former, DIRECTORY_LINE) for former in directory.formerly]
    values += [(hotline.label, DIRECTORY_LINE) for hotline in directory.hotlines]
    if directory.publisher:
        values.append((directory.publisher, DIRECTORY_LINE))
    for site in registry.sites:
        values += [(site.name, site.line), (site.url, site.line)]
        values += [(former, site.line) for former in site.formerly]
    problems, seen = [], set()
    for value, line in values:
        for char in missing_chars(nfc(value)):
            if (value, char) not in seen:
                seen.add((value, char))
                problems.append(_problem(registry, line, "glyph_missing", char=char,
                                         codepoint=f"U+{ord(char):04X}", text=value))
    return problems


def _problem(registry: Registry, line: int, code: str, **args: object) -> Problem:
    return Problem(registry.source, line, 1, "error", code, args)


# --- layout -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Space:
    """Vertical space in a column: fixed points plus ``spring`` shares of what is left over."""

    points: float = 0.0
    spring: float = 0.0


@dataclass(frozen=True)
class _QrSlot:
    """The QR code's place in a column."""

    code: QrCode
    side: float


@dataclass(frozen=True)
class _Rule:
    """A short horizontal rule centred in a column (it takes no height)."""

    half_width: float


_Item = Paragraph | _Space | _QrSlot | _Rule


def _lay_out(fmt: PosterFormat, text: Text, code: QrCode) -> list[Op]:
    """The drawing operations of one poster page (or one sticker cell at the origin).

    A page that is too full first sets its smaller text smaller, then its code smaller (never
    below the format's minimum module and symbol sizes): the code is what the poster is for.
    """
    lay_out = _lay_out_sticker if fmt.name == STICKER.name else _lay_out_page
    failure = None
    for qr_box in _qr_sizes(fmt, code):
        for scale in TEXT_SCALES:
            try:
                return lay_out(_shrunk(fmt, qr_box, scale), text, code)
            except _DoesNotFit as exc:
                failure = exc
    raise failure


def _qr_sizes(fmt: PosterFormat, code: QrCode) -> list[float]:
    """QR box sizes to try, largest first, down to the smallest the print rules allow."""
    symbol_share = (code.size - 2 * QUIET_ZONE) / code.size
    floor = max(code.size * fmt.min_module_mm * mm, fmt.min_symbol_mm * mm / symbol_share)
    sizes = [fmt.qr_box]
    while sizes[-1] - QR_SHRINK_STEP >= floor:
        sizes.append(sizes[-1] - QR_SHRINK_STEP)
    return sizes


def _shrunk(fmt: PosterFormat, qr_box: float, scale: float) -> PosterFormat:
    """``fmt`` with a smaller code and every text but the name set at ``scale`` of its size."""
    styles = {
        role: style if role == NAME else dataclasses.replace(
            style, size=max(style.min_size, style.size * scale))
        for role, style in fmt.styles.items()
    }
    return dataclasses.replace(fmt, qr_box=qr_box, styles=styles)


def _lay_out_page(fmt: PosterFormat, text: Text, code: QrCode) -> list[Op]:
    """A portrait page: who and what above the code, how to reach it below."""
    width, height = fmt.page
    column = width - 2 * fmt.margin
    gap = _Space(fmt.gap)
    rule = _Rule(width / 14)
    head = _blocks(fmt, text, (LOCALITY, LOCALITY_FORMERLY), column) + [gap, rule, gap]
    head += _blocks(fmt, text, (KIND,), column)
    tail = _blocks(fmt, text, (CALL_TO_ACTION, URL, PHONE), column)
    foot = _blocks(fmt, text, (HOTLINES, FOOTER), column)
    half_gap = _Space(fmt.gap / 2)
    name_formerly = _blocks(fmt, text, (NAME_FORMERLY,), column)
    if name_formerly:
        name_formerly.insert(0, half_gap)
    qr_slot = _QrSlot(code, fmt.qr_box)
    fixed = head + name_formerly + tail + foot + [qr_slot, gap, gap]
    name = _fit_flexible(fmt, text, NAME, column, height - 2 * fmt.margin - _height(fixed))
    # The quiet zone already sets the code apart; leftover space goes mostly below the phone,
    # between what this office is and the directory-wide lines at the foot.
    items = [*head, gap, name, *name_formerly, _Space(spring=1), qr_slot]
    items += [*tail, _Space(spring=2), gap, *foot]
    return _stack(items, width / 2, height - fmt.margin, height - 2 * fmt.margin)


def _lay_out_sticker(fmt: PosterFormat, text: Text, code: QrCode) -> list[Op]:
    """A landscape cell: the code on the left, the text in a column on its right."""
    width, height = fmt.page
    qr_x = fmt.margin / 2  # the quiet zone itself keeps the modules clear of the cut
    qr_op = QrOp(code, qr_x, (height - fmt.qr_box) / 2, fmt.qr_box)
    left, right = qr_x + fmt.qr_box, width - fmt.margin
    column = right - left
    gap = _Space(fmt.gap)
    head = _blocks(fmt, text, (LOCALITY,), column)
    tail = _blocks(fmt, text, (CALL_TO_ACTION, URL, PHONE), column)
    fixed = head + tail + [gap, gap]
    name = _fit_flexible(fmt, text, NAME, column, height - 2 * fmt.margin - _height(fixed))
    items = [_Space(spring=1), *head, gap, name, gap, *tail, _Space(spring=1)]
    ops = _stack(items, (left + right) / 2, height - fmt.margin, height - 2 * fmt.margin)
    return [qr_op, *ops]


def _blocks(fmt: PosterFormat, text: Text, roles: Sequence[str], width: float) -> list[_Item]:
    """Each role the format prints and the site has, fitted to ``width`` (a gap after each)."""
    items: list[_Item] = []
    for role in roles:
        if role in fmt.styles and role in text:
            paragraph = fit(text[role], fmt.styles[role], width)
            if paragraph is None:
                raise _DoesNotFit(role)
            items.append(paragraph)
    return items


def _fit_flexible(fmt: PosterFormat, text: Text, role: str, width: float, room: float) -> Paragraph:
    paragraph = fit(text[role], fmt.styles[role], width, max_height=room)
    if paragraph is None:
        raise _DoesNotFit(role)
    return paragraph


def _height(items: Sequence[_Item]) -> float:
    total = 0.0
    for item in items:
        if isinstance(item, Paragraph):
            total += item.height
        elif isinstance(item, _Space):
            total += item.points
        elif isinstance(item, _QrSlot):
            total += item.side
    return total


def _stack(items: Sequence[_Item], center: float, top: float, room: float) -> list[Op]:
    """Place ``items`` top to bottom from ``top``; springs share the height left over."""
    springs = sum(item.spring for item in items if isinstance(item, _Space))
    spare = room - _height(items)
    if spare < -0.01:  # the name was fitted to the room, so this is a programming error
        raise AssertionError(f"poster content overflows by {-spare:.1f} pt")
    share = spare / springs if springs else 0.0
    ops: list[Op] = []
    y = top
    for item in items:
        if isinstance(item, Paragraph):
            ops.append(TextOp(item, center, y))
            y -= item.height
        elif isinstance(item, _Space):
            y -= item.points + share * item.spring
        elif isinstance(item, _QrSlot):
            y -= item.side
            ops.append(QrOp(item.code, center - item.side / 2, y, item.side))
        else:
            ops.append(RuleOp(center - item.half_width, center + item.half_width, y))
    return ops


# --- drawing ----------------------------------------------------------------------------------


def _format_files(
    registry: Registry, fmt: PosterFormat, layouts: dict[str, list[Op]]
) -> dict[str, bytes]:
    """The files of one format: a PDF per site (not for stickers) and the combined PDF."""
    sites = registry.sites
    if fmt is STICKER:
        return {"posters/stickers-a4.pdf": _sticker_sheets(registry, layouts)}
    folder = "posters/" if fmt.name == "a4" else f"posters/{fmt.name}/"
    files = {}
    for site in sites:
        files[f"{folder}{site.id}.pdf"] = _pdf(
            registry, fmt.page, f"{site.name} – {registry.directory.name}", site.url,
            [lambda c, s=site: _draw(c, layouts[s.id])],
        )
    files[f"posters/all-{fmt.name}.pdf"] = _pdf(
        registry, fmt.page, f"{registry.directory.name} – {fmt.label}",
        registry.directory.base_url, [lambda c, s=site: _draw(c, layouts[s.id]) for site in sites],
    )
    return files


def _sticker_sheets(registry: Registry, layouts: dict[str, list[Op]]) -> bytes:
    """Every site's sticker once, 2 × 4 per A4 sheet in registry order, with cut marks."""
    sites = registry.sites
    sheets = [sites[i : i + STICKERS_PER_SHEET] for i in range(0, len(sites), STICKERS_PER_SHEET)]

    def draw_sheet(canvas: Canvas, sheet: Sequence[Site]) -> None:
        cell_w, cell_h = STICKER.page
        for index, site in enumerate(sheet):
            row, col = divmod(index, STICKER_COLUMNS)
            x = STICKER_SHEET_MARGIN + col * cell_w
            y = STICKER_SHEET[1] - STICKER_SHEET_MARGIN - (row + 1) * cell_h
            canvas.saveState()
            canvas.translate(x, y)
            _draw(canvas, layouts[site.id])
            canvas.restoreState()
        _draw_cut_marks(canvas)

    title = f"{registry.directory.name} – {STICKER.label}"
    pages = [lambda c, sheet=sheet: draw_sheet(c, sheet) for sheet in sheets]
    return _pdf(registry, STICKER_SHEET, title, registry.directory.base_url, pages)


def _pdf(
    registry: Registry, page: tuple[float, float], title: str, subject: str, pages
) -> bytes:
    """A PDF with one page per drawing function, the same bytes for the same registry."""
    directory = registry.directory
    out = io.BytesIO()
    # The initial font is ours too, so no unembedded Helvetica trips a print shop's preflight.
    canvas = Canvas(out, pagesize=page, invariant=1, lang=directory.language,
                    initialFontName=REGULAR)
    stamp = f"D:{directory.updated:%Y%m%d}000000+00'00'"
    canvas.setDateFormatter(lambda *_clock: stamp)  # the registry's date, never the clock
    canvas.setTitle(nfc(title))
    canvas.setAuthor(nfc(directory.publisher or directory.name))
    canvas.setSubject(nfc(subject))
    canvas.setCreator(f"qrdir {__version__}")
    for draw_page in pages:
        draw_page(canvas)
        canvas.showPage()
    canvas.save()
    return out.getvalue()


def _draw(canvas: Canvas, ops: Sequence[Op]) -> None:
    for op in ops:
        if isinstance(op, TextOp):
            _draw_text(canvas, op)
        elif isinstance(op, QrOp):
            _draw_qr(canvas, op.code, op.x, op.y, op.side)
        else:
            canvas.setLineWidth(RULE_WIDTH)
            canvas.line(op.x0, op.y, op.x1, op.y)


def _draw_text(canvas: Canvas, op: TextOp) -> None:
    paragraph = op.paragraph
    canvas.setFillGray(paragraph.style.gray)
    canvas.setFont(paragraph.style.font, paragraph.size)
    baseline = op.top - paragraph.ascent
    for line in paragraph.lines:
        canvas.drawCentredString(op.center, baseline, line)
        baseline -= paragraph.line_gap
    canvas.setFillGray(0)


def _draw_qr(canvas: Canvas, code: QrCode, x: float, y: float, side: float) -> None:
    """The dark modules as one filled path of whole-module rectangles, black on the white page.

    One path (not a rectangle per module) so viewers and RIPs leave no hairline seams.
    """
    module = side / code.size
    canvas.saveState()
    canvas.translate(x, y)
    canvas.scale(module, module)  # module coordinates: integers in the content stream
    canvas.setFillGray(0)
    path = canvas.beginPath()
    for run in dark_runs(code):
        path.rect(run.col, code.size - 1 - run.row, run.length, 1)
    canvas.drawPath(path, stroke=0, fill=1, fillMode=FILL_NON_ZERO)
    canvas.restoreState()


def _draw_cut_marks(canvas: Canvas) -> None:
    """Short lines in the sheet margin, in line with every cut; nothing crosses a sticker."""
    sheet_w, sheet_h = STICKER_SHEET
    cell_w, cell_h = STICKER.page
    margin = STICKER_SHEET_MARGIN
    canvas.setLineWidth(CUT_MARK_WIDTH)
    for col in range(STICKER_COLUMNS + 1):
        x = margin + col * cell_w
        canvas.line(x, 0, x, margin - CUT_MARK_GAP)
        canvas.line(x, sheet_h - margin + CUT_MARK_GAP, x, sheet_h)
    for row in range(STICKER_ROWS + 1):
        y = margin + row * cell_h
        canvas.line(0, y, margin - CUT_MARK_GAP, y)
        canvas.line(sheet_w - margin + CUT_MARK_GAP, y, sheet_w, y)
