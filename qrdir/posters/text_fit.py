"""Fitting poster text into a box: wrap, then shrink, never cut.

output.md "The A4 poster": the site's name is wrapped and never cut or overflowing. Every
block of poster text goes through :func:`fit`: it tries the preferred size first and steps down
to the style's smallest size, first without breaking inside a word, then (for URLs and other
long words) breaking after ``/``, ``-`` or ``.``, and finally between any two characters. When
nothing fits, :func:`fit` says so (``None``) and the caller reports a build error: text is
never drawn outside its box.
"""

from __future__ import annotations

import functools
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass

from qrdir.posters.fonts import ascent_descent, text_width

SIZE_STEP = 0.5  # points between the sizes fit() tries
BREAK_AFTER = "/-._"  # where a long word (a URL) breaks, best first: a reader sees it go on


@dataclass(frozen=True)
class TextStyle:
    """How one block of poster text is set, and how far it may shrink to fit."""

    font: str
    size: float  # preferred (largest) size in points
    min_size: float  # the smallest size still readable where the block is read
    max_lines: int = 1  # 0: as many lines as the height allows
    leading: float = 1.2  # line spacing, as a multiple of the size
    gray: float = 0.0  # 0 is black; text stays dark enough for a black-and-white copier
    keep_words: bool = True  # False: break a long word (a URL) before shrinking the type


@dataclass(frozen=True)
class Piece:
    """A run of text kept on one line when it fits; ``joiner`` goes between it and the next."""

    text: str
    joiner: str = " "


@dataclass(frozen=True)
class Paragraph:
    """Text fitted into a width: its lines and the size they are set at."""

    lines: tuple[str, ...]
    style: TextStyle
    size: float

    @property
    def ascent(self) -> float:
        """From the top of the box to the first baseline."""
        return ascent_descent(self.style.font, self.size)[0]

    @property
    def line_gap(self) -> float:
        """From one baseline to the next."""
        return self.size * self.style.leading

    @property
    def height(self) -> float:
        """From the top of the first line's ascent to the bottom of the last line's descent."""
        ascent, descent = ascent_descent(self.style.font, self.size)
        return ascent - descent + self.line_gap * (len(self.lines) - 1)


def words(text: str) -> list[Piece]:
    """Plain text as pieces that may break at any white space."""
    return [Piece(word) for word in text.split()]


def fit(
    pieces: Sequence[Piece], style: TextStyle, width: float, max_height: float | None = None
) -> Paragraph | None:
    """The largest setting of ``pieces`` within ``width`` (and ``max_height``), or ``None``.

    A setting that keeps every word whole wins over a larger one that breaks a word, unless
    the style says otherwise (``keep_words=False``: a URL in a narrow column reads better
    broken after a ``/`` than set in tiny type).
    """
    return _fit(tuple(pieces), style, width, max_height)


@functools.lru_cache(maxsize=4096)
def _fit(pieces: tuple[Piece, ...], style: TextStyle, width: float,
         max_height: float | None) -> Paragraph | None:
    """:func:`fit`, remembered: a ward's posters set the same locality, call to scan and
    footer again and again, each poster is laid out for its own PDF and for a print bundle,
    and a setting is tried at every size from the largest down."""
    smallest = wrap(pieces, style.font, style.min_size, width, break_words=True)
    if not _fits(smallest, style, style.min_size, width, max_height):
        return None  # smaller type only ever fits more, so no larger size can fit either
    for break_words in (False, True) if style.keep_words else (True,):
        size = style.size
        while size >= style.min_size:
            lines = wrap(pieces, style.font, size, width, break_words=break_words)
            if lines is not None and _fits(lines, style, size, width, max_height):
                if not break_words and len(lines) > 1:
                    lines = _balanced(pieces, style.font, size, width, len(lines))
                return Paragraph(tuple(lines), style, size)
            size -= SIZE_STEP
    return None


def _balanced(pieces: Sequence[Piece], font: str, size: float, width: float, count: int):
    """The same number of lines, as even as they go: the narrowest width that still needs no
    more lines (a centred name reads "UBND phường / Long Hoa", not "UBND phường Long / Hoa")."""
    narrow, wide = 0.0, width
    for _ in range(16):
        middle = (narrow + wide) / 2
        lines = wrap(pieces, font, size, middle, break_words=False)
        if lines is not None and len(lines) <= count:
            wide = middle
        else:
            narrow = middle
    return wrap(pieces, font, size, wide, break_words=False)


def _fits(
    lines: list[str], style: TextStyle, size: float, width: float, max_height: float | None
) -> bool:
    if style.max_lines and len(lines) > style.max_lines:
        return False
    if any(text_width(line, style.font, size) > width for line in lines):
        return False
    return max_height is None or Paragraph(tuple(lines), style, size).height <= max_height


def wrap(
    pieces: Sequence[Piece], font: str, size: float, width: float, *, break_words: bool
) -> list[str] | None:
    """Greedy line breaking of ``pieces``; ``None`` if a word would have to break and may not.

    A piece too wide for a line of its own is split into its words, and a word too wide for
    a line is broken (when ``break_words``) at the best place that fits.
    """

    def fits(text: str) -> bool:
        return text_width(text, font, size) <= width

    lines: list[str] = []
    current, joiner = "", ""
    queue = deque(pieces)
    while queue:
        piece = queue.popleft()
        candidate = current + joiner + piece.text if current else piece.text
        if fits(candidate):
            current, joiner = candidate, piece.joiner
        elif current:
            lines.append(current)
            current, joiner = "", ""
            queue.appendleft(piece)
        elif " " in piece.text:
            parts = piece.text.split()
            split = [Piece(part) for part in parts[:-1]] + [Piece(parts[-1], piece.joiner)]
            queue.extendleft(reversed(split))
        elif break_words:
            head, tail = _break_word(piece.text, fits)
            lines.append(head)
            queue.appendleft(Piece(tail, piece.joiner))
        else:
            return None
    if current:
        lines.append(current)
    return lines


def _break_word(word: str, fits) -> tuple[str, str]:
    """Split a word too wide for a line: after a break character if one fits, else anywhere."""
    longest = 1  # at least one character per line, so wrapping always ends
    while longest < len(word) and fits(word[: longest + 1]):
        longest += 1
    for mark in BREAK_AFTER:  # best first: "longhoa.example.vn/" + "kp-long-hai/"
        end = word.rfind(mark, 0, longest) + 1
        if end:
            return word[:end], word[end:]
    return word[:longest], word[longest:]
