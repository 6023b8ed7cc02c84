"""Simulated phone photos of printed pages, for decoding tests.

A scanner app (Zalo's, the camera's) looks at a preview of about 1280 pixels across a field of
view of about 65°, so a page photographed from ``distance_m`` metres is seen at roughly
``1280 / (2 · distance · tan 32.5°)`` pixels per metre. On top of that resolution the photo
gets what real walls and cheap phones add: a tilted camera (perspective), a rotated hand, a
soft focus, grey lighting on a dusty sheet, sensor noise and heavy JPEG compression.
"""

from __future__ import annotations

import io
import math
import random
from dataclasses import dataclass

import pypdfium2
from PIL import Image, ImageEnhance, ImageFilter

PREVIEW_PIXELS = 1280
FIELD_OF_VIEW_DEG = 65.0


@dataclass(frozen=True)
class Shot:
    """How a page is photographed."""

    distance_m: float
    rotate_deg: float = 10.0
    keystone: float = 0.06  # how much narrower the far edge looks (a camera below the poster)
    blur_px: float = 0.8
    contrast: float = 0.55  # 1 is black on white; less is a grey wall in dim light
    noise: int = 20  # ± grey levels of sensor noise
    jpeg_quality: int = 30
    seed: int = 4


def pixels_per_mm(distance_m: float) -> float:
    """Preview pixels per millimetre of a page ``distance_m`` metres from the phone."""
    field_mm = 2 * distance_m * 1000 * math.tan(math.radians(FIELD_OF_VIEW_DEG / 2))
    return PREVIEW_PIXELS / field_mm


def photograph(pdf: bytes, page_index: int, shot: Shot) -> Image.Image:
    """The page as a phone's scanner would see it."""
    scale = pixels_per_mm(shot.distance_m) * 25.4 / 72  # PDF points → preview pixels
    page = pypdfium2.PdfDocument(pdf)[page_index]
    image = page.render(scale=scale, grayscale=True).to_pil().convert("L")
    image = _keystone(image, shot.keystone)
    image = image.rotate(shot.rotate_deg, resample=Image.Resampling.BICUBIC, expand=True,
                         fillcolor=128)
    image = image.filter(ImageFilter.GaussianBlur(shot.blur_px))
    image = ImageEnhance.Contrast(image).enhance(shot.contrast)
    image = _noisy(image, shot.noise, shot.seed)
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=shot.jpeg_quality)
    return Image.open(io.BytesIO(out.getvalue())).convert("L")


def _keystone(image: Image.Image, amount: float) -> Image.Image:
    """Perspective of a camera held below the page: the top edge looks narrower."""
    width, height = image.size
    inset = width * amount / 2
    # QUAD maps this source quadrilateral (upper left, lower left, lower right, upper right)
    # onto the whole output, so a wider top in the source is a narrower top in the photo.
    quad = (-inset, 0, 0, height, width, height, width + inset, 0)
    return image.transform(image.size, Image.Transform.QUAD, quad,
                           resample=Image.Resampling.BICUBIC, fillcolor=128)


def _noisy(image: Image.Image, amount: int, seed: int) -> Image.Image:
    rng = random.Random(seed)
    noise = rng.randbytes(image.width * image.height)
    pixels = image.tobytes()
    shifted = bytes(
        min(255, max(0, value + (n % (2 * amount + 1)) - amount))
        for value, n in zip(pixels, noise, strict=True)
    )
    return Image.frombytes("L", image.size, shifted)
