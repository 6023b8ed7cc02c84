"""Print-ready PDF posters: one page per site, its QR code as vector rectangles, and its text.

output.md "The A4 poster": readable from across a room and scannable from a step away. Every
format (see :mod:`qrdir.posters.formats`) prints the locality, the site's name as the largest
text, what to do (scan), the printed URL and the main phone number; the larger ones add the
kind, the directory's hotlines, the publisher and the date.

Print rules are checked before anything is drawn, for every site and format at once, and
reported together as one :class:`~qrdir.errors.BuildError`: modules too small to scan, a
character the font lacks, text that does not fit even in its smallest size. Output is the
same bytes for the same registry: ReportLab's invariant mode, and the document date is the
directory's ``updated`` date.

A directory whose ``base_url`` is a name reserved for examples (:mod:`qrdir.registry.example_names`)
is sample data, such as ``qrdir init`` writes: every poster then carries "MẪU – KHÔNG IN"
across it (registry.md), so no one prints it by accident.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import functools
import io
import math
import os
from collections.abc import Iterator, Mapping, Sequence

from reportlab.lib.rl_accel import fp_str
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import FILL_NON_ZERO, Canvas

from qrdir import __version__, labels, paths
from qrdir.errors import BuildError
from qrdir.posters.fonts import (
    BOLD,
    REGULAR,
    ascent_descent,
    missing_chars,
    register_fonts,
    text_width,
)
from qrdir.posters.formats import (
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
from qrdir.posters.formats import DIRECTORY_POSTER as DIRECTORY_FORMAT
from qrdir.posters.geometry import DoesNotFit, Op, QrOp, Text, TextOp, lay_out
from qrdir.posters.printed import DIRECTORY_ID, printed_texts
from qrdir.posters.qr import QrCode, UrlTooLongError, dark_runs, qr_code, site_codes
from qrdir.posters.text_fit import Piece, words
from qrdir.registry.example_names import is_example_url
from qrdir.registry.model import Directory, Problem, Registry, Site
from qrdir.registry.text import nfc

# The formats printed on paper (PDFs); share images are pictures to post.
POSTER_FORMATS: tuple[str, ...] = tuple(name for name, fmt in FORMATS.items() if not fmt.image)
STICKERS_PER_SHEET = STICKER_COLUMNS * STICKER_ROWS
DIRECTORY_LINE = 1  # the model keeps no line for the directory section; it opens the file
RULE_WIDTH = 0.75  # points: a thin rule that still survives a copier
CUT_MARK_WIDTH = 0.3
CUT_MARK_GAP = 2 * mm  # cut marks stop this far short of the stickers
# registry.md: across every poster of sample data. In Vietnamese whatever the directory's
# language: these are the words the person at a Vietnamese print shop reads.
SAMPLE_MARK = "MẪU – KHÔNG IN"
SAMPLE_MARK_GRAY = 0.8  # light enough to read the text and scan the code through it
SAMPLE_MARK_SPAN = 0.78  # of the poster's diagonal: corner to corner, clear of the edges


def render_posters(registry: Registry, formats: Sequence[str] = ("a4",),
                   codes: Mapping[str, QrCode] | None = None) -> dict[str, bytes]:
    """The poster PDFs of every requested format, keyed by path under the output folder
    (:mod:`qrdir.paths`: a PDF per site, none for stickers, and one combined PDF; a PNG per
    site and none combined for share images). The directory's own are
    :func:`render_directory`'s.

    Raises :class:`BuildError` when a print rule fails; ``ValueError`` for a format name not
    in :data:`POSTER_FORMATS`. ``codes`` are the sites' QR codes by id when already known;
    else they are computed here.
    """
    unknown = [name for name in formats if name not in FORMATS]
    if unknown:
        raise ValueError(f"unknown poster formats {unknown}; valid: {tuple(FORMATS)}")
    chosen = [FORMATS[name] for name in FORMATS if name in formats]
    register_fonts()
    codes = site_codes(registry) if codes is None else codes
    texts = {site.id: poster_text(registry.directory, site) for site in registry.sites}
    layouts, problems = _check_and_lay_out(registry, chosen, codes, texts)
    if problems:
        raise BuildError(problems)
    files: dict[str, bytes] = {}
    for fmt in chosen:
        files.update(_format_files(registry, fmt, layouts[fmt.name]))
    return files


def render_directory(registry: Registry, formats: Sequence[str] = ("a4",),
                     code: QrCode | None = None) -> dict[str, bytes]:
    """The directory's own poster (``posters/directory.pdf``, whatever the formats) and, with
    ``share`` among ``formats``, its share image (``share/directory.png``): output.md 1.1.
    Their code opens the directory, ``base_url``. Raises :class:`BuildError` when its text
    does not fit. ``code`` is the code of ``base_url`` when already known."""
    register_fonts()
    chosen = [FORMATS[name] for name in FORMATS if name in formats]
    problems: list[Problem] = []
    layouts = _directory_layouts(registry, chosen, problems, code)
    if problems:
        raise BuildError(problems)
    return {paths.directory_poster(name): _directory_file(registry, name, ops)
            for name, ops in layouts.items()}


def render_bundles(registry: Registry, pending: Mapping[str, Sequence[str]],
                   codes: Mapping[str, QrCode] | None = None,
                   directory_code: QrCode | None = None) -> dict[str, bytes]:
    """The print bundles (output.md "What to print after a build"): for each printed format,
    the posters of the ids in ``pending[format]`` in registry order, as one PDF at
    :func:`qrdir.paths.print_bundle`. The id :data:`DIRECTORY_ID` stands for the directory's
    own poster (A4 only, last). No file for a format with nothing pending.
    """
    wanted = {name: set(ids) for name, ids in pending.items()
              if ids and not FORMATS[name].image}
    if not wanted:
        return {}
    register_fonts()
    codes = site_codes(registry) if codes is None else codes
    texts = {site.id: poster_text(registry.directory, site) for site in registry.sites}
    sample = is_example_url(registry.directory.base_url)
    files = {}
    for name in (name for name in FORMATS if name in wanted):
        fmt, ids = FORMATS[name], wanted[name]
        sites = [site for site in registry.sites if site.id in ids]
        layouts = {site.id: lay_out(fmt, texts[site.id], codes[site.id]) for site in sites}
        title = f"{registry.directory.name} – {paths.print_bundle(name)}"
        if fmt is STICKER:
            if sites:
                files[paths.print_bundle(name)] = _sticker_sheets(registry, layouts, sites,
                                                                  title)
            continue
        drawn = [(fmt, layouts[site.id]) for site in sites]
        if name == "a4" and DIRECTORY_ID in ids:
            code = directory_code or qr_code(registry.directory.base_url)
            drawn.append((DIRECTORY_FORMAT,
                          lay_out(DIRECTORY_FORMAT, directory_text(registry), code)))
        if drawn:
            pages = [lambda c, f=f, ops=ops: _draw_poster(c, f, ops, sample) for f, ops in drawn]
            files[paths.print_bundle(name)] = _pdf(registry, fmt.page, title,
                                                   registry.directory.base_url, pages)
    return files


def directory_text(registry: Registry) -> Text:
    """What the directory's own poster prints: the locality (and its former names), the title,
    the kinds of office listed, what to do, the URL of the directory, the hotlines and the
    publisher. No date: the code leads to the directory as it is now, whatever the date."""
    directory = registry.directory
    lang = directory.language
    kinds = list(dict.fromkeys(labels.kind_label(site.kind, lang) for site in registry.sites))
    text: Text = {
        LOCALITY: words(directory.name),
        NAME: words(labels.label("directory_title", lang)),
        NAME_FORMERLY: [Piece(kind, " · ") for kind in kinds],
        CALL_TO_ACTION: words(labels.label("directory_scan_prompt", lang)),
        URL: [Piece(printed_url(directory.base_url))],
    }
    if not kinds:
        del text[NAME_FORMERLY]
    formerly = labels.label("formerly", lang)
    if directory.formerly:
        text[LOCALITY_FORMERLY] = words(f"({formerly}: {', '.join(directory.formerly)})")
    if directory.hotlines:
        entries = [Piece(f"{h.label} {h.phone.display}", " · ") for h in directory.hotlines]
        text[HOTLINES] = [Piece(f"{labels.label('hotlines', lang)}:"), *entries]
    if directory.publisher:
        text[FOOTER] = words(f"{labels.label('published_by', lang)}: {directory.publisher}")
    return {role: [Piece(nfc(p.text), p.joiner) for p in pieces] for role, pieces in text.items()}


def _directory_layouts(registry: Registry, chosen: list[PosterFormat],
                       problems: list[Problem], code: QrCode | None) -> dict[str, list[Op]]:
    """The layouts of the directory's poster (always) and share image (with ``share``);
    a print-rule failure is added to ``problems``."""
    try:
        code = code or qr_code(registry.directory.base_url)
    except UrlTooLongError:
        return {}  # every site's URL is longer still: site_codes has said so
    text = directory_text(registry)
    layouts = {}
    targets = [("a4", DIRECTORY_FORMAT)]
    targets += [(fmt.name, _directory_share(fmt)) for fmt in chosen if fmt.image]
    for name, fmt in targets:
        try:
            layouts[name] = lay_out(fmt, text, code)
        except DoesNotFit as failure:
            shown = " ".join(p.text for p in text[failure.role])
            problems.append(_problem(registry, DIRECTORY_LINE, "poster_text_too_long",
                                     text=shown, format=fmt.label))
    return layouts


def _directory_share(fmt: PosterFormat) -> PosterFormat:
    """A share format that also prints the kinds listed (in the place of a former name)."""
    from qrdir.posters.text_fit import TextStyle

    return dataclasses.replace(fmt, styles={
        **fmt.styles, NAME_FORMERLY: TextStyle(fmt.styles[URL].font, 30, 22, max_lines=3)})


def _directory_file(registry: Registry, name: str, ops: list[Op]) -> bytes:
    sample = is_example_url(registry.directory.base_url)
    directory = registry.directory
    if FORMATS[name].image:
        from qrdir.posters.share import render_image

        return render_image(FORMATS[name].page, ops, SAMPLE_MARK if sample else None)
    title = f"{labels.label('directory_title', directory.language)} – {directory.name}"
    return _pdf(registry, DIRECTORY_FORMAT.page, title, directory.base_url,
                [lambda c: _draw_poster(c, DIRECTORY_FORMAT, ops, sample)])


def poster_text(directory: Directory, site: Site) -> Text:
    """Every role of poster text a site has, as pieces to wrap (roles without content absent)."""
    lang = directory.language
    text: Text = {
        LOCALITY: words(directory.name),
        KIND: words(labels.kind_label(site.kind, lang)),
        NAME: words(site.name),
        CALL_TO_ACTION: words(labels.label("scan_prompt", lang)),
        URL: [Piece(printed_url(site.url))],
        FOOTER: _footer(directory, site.printed_updated or directory.updated),
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


def _footer(directory: Directory, date: dt.date) -> list[Piece]:
    lang = directory.language
    updated = Piece(f"{labels.label('updated', lang)} {labels.format_date(date, lang)}")
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
        # A site's poster must never overwrite a combined PDF (ids are [a-z0-9-], so
        # "all-a4" is a valid id).
        own = [paths.site_poster(name, site.id) for name in FORMATS]
        if any(path in paths.combined_posters() for path in own):
            problems.append(_problem(registry, site.line, "poster_id_reserved", id=site.id))
        else:
            reserved = [path for path in own if path in paths.reserved_files()]
            if reserved:  # output.md 1.1: the directory's poster and image, the print bundles
                problems.append(_problem(registry, site.line, "poster_id_reserved_file",
                                         id=site.id, file=reserved[0]))
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
                layouts[fmt.name][site.id] = lay_out(fmt, texts[site.id], code)
            except DoesNotFit as failure:
                shown = " ".join(p.text for p in texts[site.id][failure.role])
                problems.append(_problem(registry, site.line, "poster_text_too_long",
                                         text=shown, format=fmt.label))
    return layouts, problems


def _glyph_problems(registry: Registry) -> list[Problem]:
    """A problem for each character of poster text the font lacks, at the value holding it."""
    problems, seen = [], set()
    for value, site in printed_texts(registry):
        for char in missing_chars(nfc(value)):
            if (value, char) not in seen:
                seen.add((value, char))
                line = site.line if site is not None else DIRECTORY_LINE
                problems.append(_problem(registry, line, "glyph_missing", char=char,
                                         codepoint=f"U+{ord(char):04X}", text=value))
    return problems


def _problem(registry: Registry, line: int, code: str, **args: object) -> Problem:
    return Problem(registry.source, line, 1, "error", code, args)


# --- drawing ----------------------------------------------------------------------------------


def _format_files(
    registry: Registry, fmt: PosterFormat, layouts: dict[str, list[Op]]
) -> dict[str, bytes]:
    """The files of one format: a PDF per site (not for stickers) and the combined PDF; for
    share images, a PNG per site."""
    sites = registry.sites
    if fmt is STICKER:
        return {paths.combined_poster(fmt.name): _sticker_sheets(registry, layouts)}
    sample = is_example_url(registry.directory.base_url)
    if fmt.image:
        from qrdir.posters.share import render_image  # Pillow only: no PDF here

        mark = SAMPLE_MARK if sample else None
        return {paths.site_poster(fmt.name, site.id): render_image(fmt.page, layouts[site.id],
                                                                    mark)
                for site in sites}
    files = {}
    for site in sites:
        files[paths.site_poster(fmt.name, site.id)] = _pdf(
            registry, fmt.page, f"{site.name} – {registry.directory.name}", site.url,
            [lambda c, s=site: _draw_poster(c, fmt, layouts[s.id], sample)],
            site.printed_updated,
        )
    files[paths.combined_poster(fmt.name)] = _pdf(
        registry, fmt.page, f"{registry.directory.name} – {fmt.label}",
        registry.directory.base_url,
        [lambda c, s=site: _draw_poster(c, fmt, layouts[s.id], sample) for site in sites],
    )
    return files


def _sticker_sheets(registry: Registry, layouts: dict[str, list[Op]],
                    sites: Sequence[Site] | None = None, title: str | None = None) -> bytes:
    """Every site's sticker once (or those of ``sites``), 2 × 4 per A4 sheet in registry order,
    with cut marks."""
    sites = registry.sites if sites is None else sites
    sheets = [sites[i : i + STICKERS_PER_SHEET] for i in range(0, len(sites), STICKERS_PER_SHEET)]
    sample = is_example_url(registry.directory.base_url)

    def draw_sheet(canvas: Canvas, sheet: Sequence[Site]) -> None:
        cell_w, cell_h = STICKER.page
        for index, site in enumerate(sheet):
            row, col = divmod(index, STICKER_COLUMNS)
            x = STICKER_SHEET_MARGIN + col * cell_w
            y = STICKER_SHEET[1] - STICKER_SHEET_MARGIN - (row + 1) * cell_h
            canvas.saveState()
            canvas.translate(x, y)
            _draw_poster(canvas, STICKER, layouts[site.id], sample)  # each sticker marked
            canvas.restoreState()
        _draw_cut_marks(canvas)

    title = title or f"{registry.directory.name} – {STICKER.label}"
    pages = [lambda c, sheet=sheet: draw_sheet(c, sheet) for sheet in sheets]
    return _pdf(registry, STICKER_SHEET, title, registry.directory.base_url, pages)


def _pdf(
    registry: Registry, page: tuple[float, float], title: str, subject: str, pages,
    date: dt.date | None = None,
) -> bytes:
    """A PDF with one page per drawing function, the same bytes for the same registry.

    Dated ``date`` (a single site's poster: when its printed text changed), else the
    directory's date.
    """
    directory = registry.directory
    out = io.BytesIO()
    # The initial font is ours too, so no unembedded Helvetica trips a print shop's preflight.
    with _environment_clock_hidden():
        canvas = Canvas(out, pagesize=page, invariant=1, lang=directory.language,
                        initialFontName=REGULAR)
    stamp = f"D:{date or directory.updated:%Y%m%d}000000+00'00'"
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


@contextlib.contextmanager
def _environment_clock_hidden() -> Iterator[None]:
    """Hide ``SOURCE_DATE_EPOCH`` from ReportLab while it starts a document.

    ReportLab seeds every PDF's ID with that variable when it is set. The output must depend on
    the registry and the ledger alone (output.md "Build guarantees"): the day a build runs
    decides only the dates the ledger records, never a poster's bytes.
    """
    saved = os.environ.pop("SOURCE_DATE_EPOCH", None)
    try:
        yield
    finally:
        if saved is not None:
            os.environ["SOURCE_DATE_EPOCH"] = saved


def _draw_poster(canvas: Canvas, fmt: PosterFormat, ops: Sequence[Op], sample: bool) -> None:
    """One poster, a page or a sticker, with the sample mark under it when ``sample``."""
    if sample:
        _draw_sample_mark(canvas, *fmt.page)
    _draw(canvas, ops)


def _draw_sample_mark(canvas: Canvas, width: float, height: float) -> None:
    """:data:`SAMPLE_MARK` along the diagonal of a ``width`` × ``height`` poster, light gray.

    Drawn before everything else, so it lies under the text and the code: the dark modules
    stay black and only light ones turn light gray, and the code still scans. That is on
    purpose: it leads to the sample address, a name that can never be reached, so a scan
    misleads no one, while ``qrdir verify`` and a phone held to the screen keep working on a
    new ward's first build. The mark, not an unreadable code, is what stops the printing.
    """
    size = SAMPLE_MARK_SPAN * math.hypot(width, height) / text_width(SAMPLE_MARK, BOLD, 1)
    ascent, descent = ascent_descent(BOLD, size)
    canvas.saveState()
    canvas.translate(width / 2, height / 2)
    canvas.rotate(math.degrees(math.atan2(height, width)))
    canvas.setFillGray(SAMPLE_MARK_GRAY)
    canvas.setFont(BOLD, size)
    canvas.drawCentredString(0, -(ascent + descent) / 2, SAMPLE_MARK)
    canvas.restoreState()


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
    canvas.drawPath(_modules_path(code), stroke=0, fill=1, fillMode=FILL_NON_ZERO)
    canvas.restoreState()


@dataclasses.dataclass(frozen=True)
class _PreparedPath:
    """A path whose operators are already written: what ``canvas.drawPath`` reads of a path.

    A code is drawn three times or more (its poster, the combined PDF, a print bundle), and
    ReportLab's ``rect`` formats each of its hundreds of rectangles anew every time.
    """

    code: str

    def getCode(self) -> str:  # noqa: N802 - ReportLab's name
        return self.code


@functools.lru_cache(maxsize=256)
def _modules_path(code: QrCode) -> _PreparedPath:
    """The dark runs of ``code`` as PDF rectangles in module units, written as a path from
    ``canvas.beginPath()`` writes them (``n``, then ``x y w h re`` in integers), so the bytes
    are the same."""
    rectangles = (f"{fp_str(run.col, code.size - 1 - run.row, run.length, 1)} re"
                  for run in dark_runs(code))
    return _PreparedPath(" ".join(["n", *rectangles]))


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
