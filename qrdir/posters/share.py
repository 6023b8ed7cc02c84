"""Share images: a poster's layout drawn as a 1080 × 1350 PNG for a Zalo or Facebook post.

output.md 1.1 (``--posters share``): the name, the code (decodable at that size), the printed
URL and the main phone. The layout is :mod:`qrdir.posters.geometry`'s, computed in points for
a page of 1080 × 1350 points, and drawn here with one point as one pixel, in the poster font
(Be Vietnam Pro, the same files ReportLab embeds), so widths measured for the layout are the
widths drawn. The code's modules are whole pixels, black on white, so no resampling blurs
them; the same layout gives the same bytes.
"""

from __future__ import annotations

import functools
import importlib.resources
import io
import math
from collections.abc import Sequence

from PIL import Image, ImageDraw, ImageFont

from qrdir.posters.fonts import BOLD, FONT_PACKAGE
from qrdir.posters.geometry import Op, QrOp, TextOp
from qrdir.posters.qr import dark_runs

RULE_PIXELS = 3
SAMPLE_MARK_GRAY = 205  # of 255: as light as the posters' sample mark


@functools.cache
def _font_bytes(name: str) -> bytes:
    return importlib.resources.files(FONT_PACKAGE).joinpath("files", f"{name}.ttf").read_bytes()


@functools.cache
def _font(name: str, size: float) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(io.BytesIO(_font_bytes(name)), size)


def render_image(page: tuple[float, float], ops: Sequence[Op], sample_mark: str | None) -> bytes:
    """One share image of ``page`` pixels from a poster layout; ``sample_mark`` across it
    (under everything else) when the directory is sample data."""
    width, height = (round(side) for side in page)
    image = Image.new("L", (width, height), 255)
    if sample_mark:
        _draw_sample_mark(image, sample_mark)
    draw = ImageDraw.Draw(image)
    for op in ops:
        if isinstance(op, TextOp):
            paragraph = op.paragraph
            font = _font(paragraph.style.font, paragraph.size)
            fill = round(255 * paragraph.style.gray)
            baseline = op.top - paragraph.ascent
            for line in paragraph.lines:
                draw.text((op.center, height - baseline), line, font=font, fill=fill,
                          anchor="ms")
                baseline -= paragraph.line_gap
        elif isinstance(op, QrOp):
            _draw_code(draw, op, height)
        else:
            y = round(height - op.y)
            draw.rectangle([round(op.x0), y - RULE_PIXELS // 2, round(op.x1),
                            y + RULE_PIXELS // 2], fill=0)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=False)
    return out.getvalue()


def _draw_code(draw: ImageDraw.ImageDraw, op: QrOp, height: int) -> None:
    """The code with whole-pixel modules, centred in the box the layout gave it."""
    code = op.code
    module = max(1, math.floor(op.side / code.size))
    side = module * code.size
    left = round(op.x + (op.side - side) / 2)
    top = round(height - op.y - op.side + (op.side - side) / 2)
    draw.rectangle([left, top, left + side - 1, top + side - 1], fill=255)
    for run in dark_runs(code):
        x = left + run.col * module
        y = top + run.row * module
        draw.rectangle([x, y, x + run.length * module - 1, y + module - 1], fill=0)


def _draw_sample_mark(image: Image.Image, text: str) -> None:
    """``text`` along the image's diagonal in light gray (registry.md: sample data is marked)."""
    width, height = image.size
    diagonal = math.hypot(width, height)
    probe = _font(BOLD, 100)
    size = 100 * 0.78 * diagonal / probe.getlength(text)
    font = _font(BOLD, round(size))
    band = Image.new("L", (round(diagonal), round(size * 1.6)), 0)
    ImageDraw.Draw(band).text((band.width / 2, band.height / 2), text, font=font, fill=255,
                              anchor="mm")
    band = band.rotate(math.degrees(math.atan2(height, width)), expand=True,
                       resample=Image.Resampling.BICUBIC)
    mask = band.crop(((band.width - width) // 2, (band.height - height) // 2,
                      (band.width - width) // 2 + width, (band.height - height) // 2 + height))
    image.paste(SAMPLE_MARK_GRAY, (0, 0), mask)
