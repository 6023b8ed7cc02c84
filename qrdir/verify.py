"""``qrdir verify``: decode every printed code with an independent decoder and follow it.

cli.md: verify decodes every QR code in the posters and images and checks each leads to a page
in the output. Poster pages are rendered with pypdfium2, SVGs are rasterised here from their
rectangles, and everything is decoded by zxing-cpp, never by our own encoder. Both come from
the optional extra ``qrdir[verify]`` and are imported only when verify runs.

A code passes when its URL starts with the output's ``base_url`` (read from ``sites.json``) and
``<rest>index.html`` exists in the folder. A file named after a site (``posters/<id>.pdf``,
``posters/a5/<id>.pdf``, ``qr/<id>.png``, ``share/<id>.png``, …) must also lead to that site's
own page. Each poster page holds exactly one code, a sticker sheet one per sticker. The
directory's poster and share image, and the print bundles (output.md 1.1), are checked the same
way: their codes must lead to a page of the output (the directory's, ``index.html``).
"""

from __future__ import annotations

import io
import json
import os
import re
import shlex
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from PIL import Image, ImageDraw, UnidentifiedImageError

from qrdir import paths
from qrdir.errors import MessageError, UsageError
from qrdir.posters.render import STICKERS_PER_SHEET

RENDER_DPI = 150  # a sticker's 0.75 mm module is still 4 pixels
SVG_PIXELS_PER_MODULE = 8
STICKER_SHEETS = paths.combined_poster("stickers")
STICKER_BUNDLE = paths.print_bundle("stickers")  # the stickers waiting: 1 to 8 a sheet


@dataclass(frozen=True)
class VerifyFailure:
    """One thing wrong with a printed code: where (file, 1-based page) and a catalogue message."""

    file: str  # relative POSIX path in the output folder
    page: int | None  # page of a PDF; None for an image
    code: str  # key of qrdir.messages
    args: dict = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class VerifyReport:
    """What :func:`verify_output` looked at, for the one-line summary."""

    files: int
    codes: int
    failures: tuple[VerifyFailure, ...]


def verify_output(output_dir: Path) -> list[VerifyFailure]:
    """Every failure found in ``output_dir``'s posters and QR images (empty: all good)."""
    return list(check_output(output_dir).failures)


def check_output(output_dir: Path) -> VerifyReport:
    """Decode and follow every code in ``output_dir``; counts and failures.

    Raises :class:`UsageError` when the folder is missing or not a qrdir output, and
    :class:`MessageError` when the optional decoder is not installed.
    """
    decoder = _Decoder()
    output_dir = Path(output_dir)
    if not output_dir.is_dir():
        raise UsageError("file_missing", path=str(output_dir))
    base_url, site_count = _read_sites_json(output_dir)
    checker = _Checker(output_dir, base_url)
    files = 0
    for path in _printed_files(output_dir):
        relative = path.relative_to(output_dir).as_posix()
        files += 1
        if path.suffix == ".pdf":
            checker.pdf(relative, decoder, site_count)
        else:
            checker.image(relative, decoder)
    return VerifyReport(files, checker.codes, tuple(checker.failures))


def is_output(folder: Path) -> bool:
    """Whether ``folder`` is a built output (it has the open data ``sites.json``)."""
    return (Path(folder) / paths.SITES_JSON).is_file()


def install_command(platform: str = os.name, python: str = sys.executable) -> str:
    """The command installing the decoder into the Python running qrdir, quoted for its shell.

    A bare ``pip`` may be another Python's (or none, outside a virtual environment).
    """
    if platform == "nt":
        python = f'"{python}"' if " " in python else python
    else:
        python = shlex.quote(python)
    return f'{python} -m pip install "qrdir[verify]"'


def _read_sites_json(output_dir: Path) -> tuple[str, int]:
    """The ``base_url`` and the number of sites, from the output's open data (output.md)."""
    try:
        data = json.loads((output_dir / paths.SITES_JSON).read_text(encoding="utf-8"))
        return str(data["directory"]["base_url"]), len(data["sites"])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise UsageError("verify_not_output", path=str(output_dir)) from exc


def _printed_files(output_dir: Path) -> list[Path]:
    share = paths.site_poster("share", "*")  # share images (output.md 1.1), the directory's too
    found = [*output_dir.glob(f"{paths.POSTERS}/**/*.pdf"), *output_dir.glob(share),
             *(path for kind in paths.QR_IMAGE_KINDS
               for path in output_dir.glob(paths.qr_image("*", kind)))]
    return sorted(found, key=lambda p: p.relative_to(output_dir).as_posix())


class _Decoder:
    """zxing-cpp and pypdfium2, imported lazily: they are the optional extra ``qrdir[verify]``."""

    def __init__(self):
        try:
            import pypdfium2
            import zxingcpp
        except ImportError as exc:
            raise MessageError("verify_needs_extra", command=install_command()) from exc
        self._pdfium = pypdfium2
        self._zxing = zxingcpp

    def decode(self, image: Image.Image) -> list[str]:
        """The text of every QR code found in ``image``."""
        qr_only = self._zxing.BarcodeFormat.QRCode
        found = self._zxing.read_barcodes(image.convert("L"), formats=qr_only)
        return [barcode.text for barcode in found]

    def pdf_pages(self, data: bytes) -> list[Image.Image]:
        """Each page of a PDF rendered in grey at :data:`RENDER_DPI`; ValueError if unreadable."""
        try:
            document = self._pdfium.PdfDocument(data)
        except self._pdfium.PdfiumError as exc:
            raise ValueError("not a PDF") from exc
        return [page.render(scale=RENDER_DPI / 72, grayscale=True).to_pil() for page in document]


class _Checker:
    """Follows decoded URLs into the output folder and collects failures."""

    def __init__(self, output_dir: Path, base_url: str):
        self.output_dir = output_dir
        self.base_url = base_url
        self.failures: list[VerifyFailure] = []
        self.codes = 0

    def pdf(self, relative: str, decoder: _Decoder, site_count: int) -> None:
        try:
            pages = decoder.pdf_pages((self.output_dir / relative).read_bytes())
        except ValueError:
            self._fail(relative, None, "verify_unreadable", kind="PDF")
            return
        for number, image in enumerate(pages, start=1):
            expected = 1
            texts = decoder.decode(image)
            if relative == STICKER_SHEETS:
                expected = min(STICKERS_PER_SHEET, site_count - STICKERS_PER_SHEET * (number - 1))
            elif relative == STICKER_BUNDLE and 1 <= len(texts) <= STICKERS_PER_SHEET:
                expected = len(texts)  # the bundle holds only the stickers waiting
            self._codes(relative, number, texts, expected)

    def image(self, relative: str, decoder: _Decoder) -> None:
        data = (self.output_dir / relative).read_bytes()
        try:
            image = svg_image(data) if relative.endswith(".svg") else _png_image(data)
        except ValueError:
            kind = "SVG" if relative.endswith(".svg") else "PNG"
            self._fail(relative, None, "verify_unreadable", kind=kind)
            return
        self._codes(relative, None, decoder.decode(image), 1)

    def _codes(self, relative: str, page: int | None, texts: list[str], expected: int) -> None:
        self.codes += len(texts)
        if len(texts) != expected:
            self._fail(relative, page, "verify_code_count", found=len(texts), expected=expected)
        for text in texts:
            self._follow(relative, page, text)

    def _follow(self, relative: str, page: int | None, url: str) -> None:
        if not url.startswith(self.base_url):
            self._fail(relative, page, "verify_foreign_url", url=url, base_url=self.base_url)
            return
        rest = url[len(self.base_url):]
        target = PurePosixPath(rest, "index.html")
        if ".." in target.parts or not (self.output_dir / target).is_file():
            self._fail(relative, page, "verify_missing_page", url=url, page=str(target))
            return
        site_id = paths.site_of(relative)
        if site_id is not None and url != self.base_url + site_id + "/":
            self._fail(relative, page, "verify_wrong_site", url=url,
                       expected=self.base_url + site_id + "/")

    def _fail(self, relative: str, page: int | None, code: str, /, **args: object) -> None:
        self.failures.append(VerifyFailure(relative, page, code, args))


def _png_image(data: bytes) -> Image.Image:
    try:
        image = Image.open(io.BytesIO(data))
        image.load()
    except (UnidentifiedImageError, OSError, SyntaxError) as exc:
        raise ValueError("not a PNG") from exc
    return image


_PATH_TOKEN = re.compile(r"[MmHhVvZz]|-?\d+(?:\.\d+)?")


def svg_image(data: bytes, scale: int = SVG_PIXELS_PER_MODULE) -> Image.Image:
    """Rasterise a QR SVG of rectilinear shapes (``rect`` elements and ``M/H/V/Z`` paths).

    Enough for codes drawn as module-aligned rectangles, like qrdir's own; raises
    ``ValueError`` for anything it cannot read.
    """
    try:
        root = ET.fromstring(data)
        left, top, width, height = (float(v) for v in root.attrib["viewBox"].split())
    except (ET.ParseError, KeyError, ValueError) as exc:
        raise ValueError("not an SVG") from exc
    image = Image.new("L", (round(width * scale), round(height * scale)), 255)
    draw = ImageDraw.Draw(image)

    def pixel(x: float, y: float) -> tuple[float, float]:
        return (x - left) * scale, (y - top) * scale

    for element in root.iter():
        tag = element.tag.rsplit("}", 1)[-1]
        fill = 255 if element.get("fill", "#000").lower() in ("#fff", "#ffffff", "white") else 0
        try:
            if tag == "rect":
                x, y = float(element.get("x", 0)), float(element.get("y", 0))
                w, h = float(element.get("width", 0)), float(element.get("height", 0))
                polygons = [[(x, y), (x + w, y), (x + w, y + h), (x, y + h)]]
            elif tag == "path":
                polygons = _path_polygons(element.get("d", ""))
            else:
                continue
        except (IndexError, ValueError) as exc:
            raise ValueError("unsupported SVG shape") from exc
        for polygon in polygons:
            _fill(draw, [pixel(x, y) for x, y in polygon], fill)
    return image


def _fill(draw: ImageDraw.ImageDraw, points: list[tuple[float, float]], fill: int) -> None:
    """Fill a polygon; a rectangle exactly (Pillow's polygon would add a pixel on two sides)."""
    xs, ys = {x for x, _ in points}, {y for _, y in points}
    if len(points) == 4 and len(xs) == 2 and len(ys) == 2:
        (x0, x1), (y0, y1) = sorted(xs), sorted(ys)
        draw.rectangle([round(x0), round(y0), round(x1) - 1, round(y1) - 1], fill=fill)
    else:
        draw.polygon(points, fill=fill)


def _path_polygons(d: str) -> list[list[tuple[float, float]]]:
    """The closed polygons of a path made of M, H, V and Z commands (absolute or relative)."""
    if _PATH_TOKEN.sub("", d).strip(" ,\t\r\n"):
        raise ValueError("unsupported path data")
    tokens = _PATH_TOKEN.findall(d)
    polygons, current = [], []
    x = y = 0.0
    index = 0
    while index < len(tokens):
        command = tokens[index]
        index += 1
        if command in "Zz":
            if current:
                polygons.append(current)
            current = []
        elif command in "Mm":
            dx, dy = float(tokens[index]), float(tokens[index + 1])
            index += 2
            x, y = (x + dx, y + dy) if command == "m" else (dx, dy)
            current = [(x, y)]
        elif command in "Hh":
            value = float(tokens[index])
            index += 1
            x = x + value if command == "h" else value
            current.append((x, y))
        elif command in "Vv":
            value = float(tokens[index])
            index += 1
            y = y + value if command == "v" else value
            current.append((x, y))
        else:
            raise ValueError("unsupported path data")
    return polygons
