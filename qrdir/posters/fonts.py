"""The poster font: Be Vietnam Pro, registered with ReportLab and embedded (subset) in every PDF.

output.md "The A4 poster": poster text is set in an embedded font that covers Vietnamese, and a
character the font lacks is a build error, never a silent box. The font files come from the
``fontpkg_be_vietnam_pro`` package through :mod:`importlib.resources`, so an installed wheel
finds them without any download.
"""

from __future__ import annotations

import functools
import importlib.resources
from collections.abc import Callable
from types import ModuleType

FONT_PACKAGE = "fontpkg_be_vietnam_pro"

# ReportLab font name → file in the font package. One family, four weights.
REGULAR = "BeVietnamPro-Regular"
MEDIUM = "BeVietnamPro-Medium"
SEMIBOLD = "BeVietnamPro-SemiBold"
BOLD = "BeVietnamPro-Bold"
POSTER_FONTS: tuple[str, ...] = (REGULAR, MEDIUM, SEMIBOLD, BOLD)
_FONT_FILE_BYTES = 12_000  # a subset of this font is 20–60 KB; a poster's drawing under 10 KB


@functools.cache
def _pdfmetrics() -> ModuleType:
    """ReportLab's font registry, imported on first use: every command reads the poster
    formats, which name these fonts, but only a build that draws a poster needs ReportLab,
    a tenth of a second to import."""
    from reportlab.pdfbase import pdfmetrics

    return pdfmetrics


@functools.cache
def register_fonts() -> tuple:
    """Register the poster fonts with ReportLab once per process; the registered TTFonts."""
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics = _pdfmetrics()
    _remember_compressed_fonts()
    fonts = []
    for name in POSTER_FONTS:
        resource = importlib.resources.files(FONT_PACKAGE).joinpath("files", f"{name}.ttf")
        with importlib.resources.as_file(resource) as path:
            font = TTFont(name, str(path))  # reads the whole file; the path may go away after
        font.face.makeSubset = _remembered_subsets(font.face.makeSubset)
        pdfmetrics.registerFont(font)
        fonts.append(font)
    return tuple(fonts)


def _remembered_subsets(make_subset: Callable[[list[int]], bytes]
                        ) -> Callable[[list[int]], bytes]:
    """``make_subset`` remembering its last results, by the characters asked for.

    Every PDF embeds the subset of each weight it uses, and many PDFs of a ward use the same
    characters in a weight (the locality, the call to scan, the footer): a subset is the same
    bytes for the same characters in the same order, so it is made once.
    """
    remembered = functools.lru_cache(maxsize=128)(lambda codes: make_subset(list(codes)))
    return lambda subset: remembered(tuple(subset))


def _remember_compressed_fonts() -> None:
    """Make ReportLab's Flate filter remember what it compressed last, for font files.

    The subsets :func:`_remembered_subsets` gives again are compressed again in every PDF that
    embeds them, a third of a poster's time. zlib gives the same bytes for the same input, so
    the remembered result is exactly what compressing again would give. Only inputs the size
    of a font file are remembered; a page's drawing is compressed once anyway.
    """
    from reportlab.pdfbase import pdfdoc

    compress = pdfdoc.PDFZCompress.encode
    remembered = functools.lru_cache(maxsize=64)(compress)
    pdfdoc.PDFZCompress.encode = lambda data: (
        remembered(data) if isinstance(data, bytes) and len(data) >= _FONT_FILE_BYTES
        else compress(data))


@functools.cache
def _covered_codepoints() -> frozenset[int]:
    """Code points every poster weight has a glyph for."""
    maps = [set(font.face.charToGlyph) for font in register_fonts()]
    return frozenset(set.intersection(*maps))


def missing_chars(text: str) -> list[str]:
    """The characters of ``text`` the poster font cannot draw, each once, in order of use.

    White space is never drawn as such (lines are wrapped on it), so it is not checked.
    """
    covered = _covered_codepoints()
    missing: list[str] = []
    for char in text:
        if not char.isspace() and ord(char) not in covered and char not in missing:
            missing.append(char)
    return missing


def text_width(text: str, font: str, size: float) -> float:
    """Width of ``text`` in points when set in ``font`` at ``size``."""
    register_fonts()
    return _pdfmetrics().stringWidth(text, font, size)


def ascent_descent(font: str, size: float) -> tuple[float, float]:
    """The font's ascent (positive) and descent (negative) at ``size``, in points."""
    register_fonts()
    return _pdfmetrics().getAscentDescent(font, size)
