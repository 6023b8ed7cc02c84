"""What qrdir makes ReportLab remember between the PDFs of one build: same bytes, made once.

A cold build writes three PDFs per site (its poster, its page of the combined PDF, its page of
the print bundle), and ReportLab makes every font object of every PDF from scratch: the subset
of each weight, its ToUnicode map, their Flate compression, and the arrays of glyph widths,
formatted number by number. Many PDFs of a ward use the same characters in a weight (the
locality, the call to scan, the footer), so most of that work is repeated.

Everything remembered here is a pure function of what it is remembered by: a subset of the
characters asked for in their order, a map of its subset, zlib's output of its input, an
array's text of its numbers. So a PDF is byte for byte what ReportLab alone makes;
``tests/posters/test_fast_paths.py`` checks it against ReportLab's own functions, which each
wrapper keeps as ``__wrapped__``.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

_FONT_FILE_BYTES = 12_000  # a subset of the poster font is 20–60 KB; a poster's drawing < 10 KB
_CMAP_START = "/CIDInit"  # how ReportLab's ToUnicode maps begin
_NUMBER_TYPES = (int, float)


@functools.cache
def install() -> None:
    """Make ReportLab remember its font maps, compression and number arrays (once a process)."""
    from reportlab.lib.rl_accel import fp_str
    from reportlab.pdfbase import pdfdoc, ttfonts

    make_map, compress = ttfonts.makeToUnicodeCMap, pdfdoc.PDFZCompress.encode
    format_array = pdfdoc.PDFArray.format
    remembered_map = functools.lru_cache(maxsize=128)(
        lambda name, codes: make_map(name, list(codes)))
    remembered_compression = functools.lru_cache(maxsize=128)(compress)

    @functools.lru_cache(maxsize=256)
    def formatted_numbers(numbers: tuple[float, ...], multiline: object) -> bytes:
        # ReportLab formats a number as fp_str's ASCII text; given that text as bytes, its
        # array formatter only joins it, exactly as it would have joined the numbers.
        array = pdfdoc.PDFArray([fp_str(number).encode("ascii") for number in numbers])
        array.multiline = multiline
        return format_array(array, None)

    @functools.wraps(make_map)
    def to_unicode_map(name: str, subset: list[int]) -> str:
        return remembered_map(name, tuple(subset))

    @functools.wraps(compress)
    def compressed(data: bytes | str) -> bytes:
        return remembered_compression(data) if _is_font_object(data) else compress(data)

    @functools.wraps(format_array)
    def array_text(self, document, IND=b"\n "):  # noqa: N803 - ReportLab's signature
        sequence = self.sequence
        if IND == b"\n " and sequence and all(type(e) in _NUMBER_TYPES for e in sequence):
            return formatted_numbers(tuple(sequence), self.multiline)  # glyph widths, boxes
        return format_array(self, document, IND)

    ttfonts.makeToUnicodeCMap = to_unicode_map
    pdfdoc.PDFZCompress.encode = compressed
    pdfdoc.PDFArray.format = array_text


def subsets(make_subset: Callable[[list[int]], bytes]) -> Callable[[list[int]], bytes]:
    """``make_subset`` (a font face's) remembering its last results, by the characters asked
    for: a subset is the same bytes for the same characters in the same order."""
    remembered = functools.lru_cache(maxsize=128)(lambda codes: make_subset(list(codes)))

    @functools.wraps(make_subset)
    def subset(codes: list[int]) -> bytes:
        return remembered(tuple(codes))

    return subset


def _is_font_object(data: bytes | str) -> bool:
    """A font file (bytes, the size of a subset) or a ToUnicode map (text), not a drawing."""
    if isinstance(data, bytes):
        return len(data) >= _FONT_FILE_BYTES
    return data.startswith(_CMAP_START)
