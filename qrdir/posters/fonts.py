"""The poster font: Be Vietnam Pro, registered with ReportLab and embedded (subset) in every PDF.

output.md "The A4 poster": poster text is set in an embedded font that covers Vietnamese, and a
character the font lacks is a build error, never a silent box. The font files come from the
``fontpkg_be_vietnam_pro`` package through :mod:`importlib.resources`, so an installed wheel
finds them without any download.
"""

from __future__ import annotations

import functools
import importlib.resources
from types import ModuleType

FONT_PACKAGE = "fontpkg_be_vietnam_pro"

# ReportLab font name → file in the font package. One family, four weights.
REGULAR = "BeVietnamPro-Regular"
MEDIUM = "BeVietnamPro-Medium"
SEMIBOLD = "BeVietnamPro-SemiBold"
BOLD = "BeVietnamPro-Bold"
POSTER_FONTS: tuple[str, ...] = (REGULAR, MEDIUM, SEMIBOLD, BOLD)


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

    from qrdir.posters import remembered

    pdfmetrics = _pdfmetrics()
    remembered.install()  # the same PDF bytes, font objects made once per ward, not per PDF
    fonts = []
    for name in POSTER_FONTS:
        resource = importlib.resources.files(FONT_PACKAGE).joinpath("files", f"{name}.ttf")
        with importlib.resources.as_file(resource) as path:
            font = TTFont(name, str(path))  # reads the whole file; the path may go away after
        font.face.makeSubset = remembered.subsets(font.face.makeSubset)
        pdfmetrics.registerFont(font)
        fonts.append(font)
    return tuple(fonts)


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


@functools.lru_cache(maxsize=1024)  # asked for every line of every poster, at a few sizes
def ascent_descent(font: str, size: float) -> tuple[float, float]:
    """The font's ascent (positive) and descent (negative) at ``size``, in points."""
    register_fonts()
    return _pdfmetrics().getAscentDescent(font, size)
