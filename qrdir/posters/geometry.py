"""Where everything goes on a poster page or a sticker: pure geometry, no drawing.

A page is a column stacked top to bottom: who publishes (locality), what the place is (kind,
name), the code, how to reach it (call to action, URL, phone), and the directory-wide lines at
the foot (hotlines, publisher and date). A sticker puts the code on the left and a shorter
column on its right. The name takes the room the other blocks leave, so it is the largest
text that fits (output.md "The A4 poster": wrapped, never cut or overflowing).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.units import mm

from qrdir.posters.formats import (
    CALL_TO_ACTION,
    FOOTER,
    HOTLINES,
    KIND,
    LOCALITY,
    LOCALITY_FORMERLY,
    NAME,
    NAME_FORMERLY,
    PHONE,
    STICKER,
    URL,
    PosterFormat,
)
from qrdir.posters.qr import QUIET_ZONE, QrCode
from qrdir.posters.text_fit import Paragraph, Piece, fit

TEXT_SCALES = (1.0, 0.9, 0.8, 0.7)  # how far a crowded page sets its smaller text down
QR_SHRINK_STEP = 4 * mm  # then how the code shrinks, step by step

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


class DoesNotFit(Exception):
    """A block of text that does not fit even in its smallest size."""

    def __init__(self, role: str):
        super().__init__(role)
        self.role = role


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


def lay_out(fmt: PosterFormat, text: Text, code: QrCode) -> list[Op]:
    """The drawing operations of one poster page (or one sticker cell at the origin).

    A page too full to set the name at least at the format's ``name_target`` sets its smaller
    text and its code smaller, a step of each in turn (the code never below the format's
    minimum module and symbol sizes); only when even that fails does the name go below its
    target, down to its smallest size. The name is what a passer-by reads first, the code what
    the poster is for, and the small print still has to be read.
    """
    lay_out = _lay_out_sticker if fmt.name == STICKER.name else _lay_out_page
    name_style = fmt.styles[NAME]
    failure = None
    for name_floor in (fmt.name_target, name_style.min_size):
        with_floor = dataclasses.replace(fmt, styles={
            **fmt.styles, NAME: dataclasses.replace(name_style, min_size=name_floor)})
        for qr_box, scale in _shrink_steps(_qr_sizes(fmt, code)):
            try:
                return lay_out(_shrunk(with_floor, qr_box, scale), text, code)
            except DoesNotFit as exc:
                failure = exc
    raise failure


def _shrink_steps(qr_sizes: list[float]) -> list[tuple[float, float]]:
    """(QR box, text scale) pairs, least shrinking first; on a tie the text gives way first."""
    steps = [(i, j) for i in range(len(qr_sizes)) for j in range(len(TEXT_SCALES))]
    steps.sort(key=lambda step: (step[0] + step[1], step[0]))
    return [(qr_sizes[i], TEXT_SCALES[j]) for i, j in steps]


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
                raise DoesNotFit(role)
            items.append(paragraph)
    return items


def _fit_flexible(fmt: PosterFormat, text: Text, role: str, width: float, room: float) -> Paragraph:
    paragraph = fit(text[role], fmt.styles[role], width, max_height=room)
    if paragraph is None:
        raise DoesNotFit(role)
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
