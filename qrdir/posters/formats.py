"""The printed formats: page sizes, QR code sizes, print rules and type sizes of each.

Sizes are chosen for where each piece hangs and how far away it is read and scanned:

- ``a4``: the poster of output.md, on a wall, read from across the room. The QR box
  (quiet zone included) is 156 mm, so a typical code has 3–4 mm modules and is well over the
  10 cm output.md asks for; URLs up to 151 characters keep modules of at least 2.4 mm.
  Only a page crowded with text gets a smaller code, and never below these rules.
- ``a5``: the same poster half the size, for notice boards and doors; same 2.4 mm rule.
- ``a6``: a flat table card for a counter or an A6 acrylic stand, scanned from arm's length;
  modules of at least 1.2 mm.
- ``stickers``: A4 sheets of 2 × 4 stickers with cut marks, for doors, motorbikes and
  notice boxes, scanned from a hand's width; modules of at least 0.75 mm.
- ``share``: not paper but a 1080 × 1350 PNG for a Zalo or Facebook post (output.md 1.1), laid
  out like a page with one point drawn as one pixel; modules of at least 10 pixels, so the
  code still decodes after a chat app recompresses the image.

Beside the formats, :data:`DIRECTORY_POSTER` is the A4 poster of the directory itself.

The print rules (minimum module size) come from the brief of issue 4.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from reportlab.lib.pagesizes import A4, A5, A6
from reportlab.lib.units import mm

from qrdir.posters.fonts import BOLD, MEDIUM, REGULAR, SEMIBOLD
from qrdir.posters.text_fit import TextStyle

# Roles of poster text, top to bottom. A format prints the roles it has a style for.
LOCALITY = "locality"
LOCALITY_FORMERLY = "locality_formerly"
KIND = "kind"
NAME = "name"
NAME_FORMERLY = "name_formerly"
CALL_TO_ACTION = "call_to_action"
URL = "url"
PHONE = "phone"
HOTLINES = "hotlines"
FOOTER = "footer"


@dataclass(frozen=True)
class PosterFormat:
    """One printed format: a page (or a sticker cell on a sheet) and how it is set."""

    name: str  # the value of ``formats`` / ``--posters``
    label: str  # how messages name it
    page: tuple[float, float]  # width, height in points
    margin: float  # points of white kept clear at every page (or cell) edge
    qr_box: float  # side of the QR code with its quiet zone, points (its largest size)
    min_module_mm: float  # print rule: the smallest module a phone still reads at that distance
    min_symbol_mm: float  # a crowded page may shrink the code, never below this width
    styles: Mapping[str, TextStyle]  # type of each role it prints
    name_target: float  # the name's size worth shrinking other text and the code for, points
    gap: float  # the small fixed space between blocks of text, points
    image: bool = False  # a PNG to post (one point is one pixel), not a page to print


A4_POSTER = PosterFormat(
    name="a4",
    name_target=30,
    label="A4",
    page=A4,
    margin=14 * mm,
    qr_box=156 * mm,
    min_module_mm=2.4,
    min_symbol_mm=100,  # output.md: at least 10 cm wide
    gap=3 * mm,
    styles={
        LOCALITY: TextStyle(SEMIBOLD, 17, 11, max_lines=2),
        LOCALITY_FORMERLY: TextStyle(REGULAR, 11, 8, max_lines=2),
        KIND: TextStyle(MEDIUM, 17, 11, max_lines=2),
        NAME: TextStyle(BOLD, 46, 20, max_lines=0, leading=1.15),
        NAME_FORMERLY: TextStyle(REGULAR, 12, 8, max_lines=2),
        CALL_TO_ACTION: TextStyle(SEMIBOLD, 18, 12, max_lines=2),
        URL: TextStyle(MEDIUM, 17, 10, max_lines=2),
        PHONE: TextStyle(BOLD, 19, 13, max_lines=2),
        HOTLINES: TextStyle(REGULAR, 12, 8, max_lines=3),
        FOOTER: TextStyle(REGULAR, 9, 7, max_lines=2, gray=0.2),
    },
)

A5_POSTER = PosterFormat(
    name="a5",
    name_target=22,
    label="A5",
    page=A5,
    margin=10 * mm,
    qr_box=128 * mm,
    min_module_mm=2.4,
    min_symbol_mm=80,
    gap=2 * mm,
    styles={
        LOCALITY: TextStyle(SEMIBOLD, 12, 8, max_lines=2),
        LOCALITY_FORMERLY: TextStyle(REGULAR, 8.5, 6.5, max_lines=2),
        KIND: TextStyle(MEDIUM, 12, 8, max_lines=2),
        NAME: TextStyle(BOLD, 32, 14, max_lines=0, leading=1.15),
        NAME_FORMERLY: TextStyle(REGULAR, 9, 6.5, max_lines=2),
        CALL_TO_ACTION: TextStyle(SEMIBOLD, 13, 9, max_lines=2),
        URL: TextStyle(MEDIUM, 12, 8, max_lines=2),
        PHONE: TextStyle(BOLD, 13.5, 9.5, max_lines=2),
        HOTLINES: TextStyle(REGULAR, 9, 6.5, max_lines=3),
        FOOTER: TextStyle(REGULAR, 7, 6, max_lines=2, gray=0.2),
    },
)

A6_CARD = PosterFormat(
    name="a6",
    name_target=15,
    label="A6",
    page=A6,
    margin=7 * mm,
    qr_box=76 * mm,
    min_module_mm=1.2,
    min_symbol_mm=45,
    gap=1.5 * mm,
    styles={
        LOCALITY: TextStyle(SEMIBOLD, 9.5, 7, max_lines=2),
        LOCALITY_FORMERLY: TextStyle(REGULAR, 7, 5.5, max_lines=2),
        KIND: TextStyle(MEDIUM, 9.5, 7, max_lines=2),
        NAME: TextStyle(BOLD, 22, 10, max_lines=0, leading=1.15),
        NAME_FORMERLY: TextStyle(REGULAR, 7, 5.5, max_lines=2),
        CALL_TO_ACTION: TextStyle(SEMIBOLD, 9.5, 7, max_lines=2),
        URL: TextStyle(MEDIUM, 9, 6.5, max_lines=2),
        PHONE: TextStyle(BOLD, 10, 7.5, max_lines=2),
        HOTLINES: TextStyle(REGULAR, 7, 5.5, max_lines=3),
        FOOTER: TextStyle(REGULAR, 6, 5, max_lines=2, gray=0.2),
    },
)

# A sticker is one cell of a 2 × 4 grid on an A4 sheet; ``page`` is the cell.
STICKER_COLUMNS, STICKER_ROWS = 2, 4
STICKER_SHEET = A4
STICKER_SHEET_MARGIN = 12 * mm  # cut marks live here, outside every sticker
STICKER = PosterFormat(
    name="stickers",
    name_target=11,
    label="sticker",
    page=(
        (STICKER_SHEET[0] - 2 * STICKER_SHEET_MARGIN) / STICKER_COLUMNS,
        (STICKER_SHEET[1] - 2 * STICKER_SHEET_MARGIN) / STICKER_ROWS,
    ),
    margin=4 * mm,
    qr_box=50 * mm,
    min_module_mm=0.75,
    min_symbol_mm=40,
    gap=1.2 * mm,
    styles={
        LOCALITY: TextStyle(SEMIBOLD, 7.5, 5.5, max_lines=2),
        NAME: TextStyle(BOLD, 15, 7.5, max_lines=0, leading=1.15),
        CALL_TO_ACTION: TextStyle(MEDIUM, 7.5, 5.5, max_lines=3),
        URL: TextStyle(MEDIUM, 7.5, 5, max_lines=3, keep_words=False),
        PHONE: TextStyle(BOLD, 8.5, 6, max_lines=1),
    },
)

PIXEL_MM = mm  # a share image's "millimetre": the size rules below are in pixels
SHARE_IMAGE = PosterFormat(
    name="share",
    name_target=60,
    label="Zalo/Facebook",
    page=(1080, 1350),
    margin=64,
    qr_box=720,
    min_module_mm=10 / PIXEL_MM,  # 10 pixels a module
    min_symbol_mm=480 / PIXEL_MM,  # a code at least 480 pixels wide
    gap=18,
    image=True,
    styles={
        LOCALITY: TextStyle(SEMIBOLD, 40, 28, max_lines=2),
        NAME: TextStyle(BOLD, 84, 40, max_lines=0, leading=1.15),
        CALL_TO_ACTION: TextStyle(MEDIUM, 34, 26, max_lines=2),
        URL: TextStyle(MEDIUM, 40, 26, max_lines=2, keep_words=False),
        PHONE: TextStyle(BOLD, 50, 32, max_lines=2),
    },
)

FORMATS: dict[str, PosterFormat] = {
    f.name: f for f in (A4_POSTER, A5_POSTER, A6_CARD, STICKER, SHARE_IMAGE)
}

# The directory's own A4 poster (output.md 1.1): its title is set as the name, the kinds of
# office it lists take the place of a former name, and there is no phone of its own.
DIRECTORY_POSTER = PosterFormat(
    name="directory",
    label="A4",
    page=A4,
    margin=A4_POSTER.margin,
    qr_box=A4_POSTER.qr_box,
    min_module_mm=A4_POSTER.min_module_mm,
    min_symbol_mm=A4_POSTER.min_symbol_mm,
    gap=A4_POSTER.gap,
    name_target=A4_POSTER.name_target,
    styles={**A4_POSTER.styles,
            NAME: TextStyle(BOLD, 40, 20, max_lines=0, leading=1.15),
            NAME_FORMERLY: TextStyle(MEDIUM, 15, 9, max_lines=5)},
)
