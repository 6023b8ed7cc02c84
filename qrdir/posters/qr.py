"""QR codes: the module matrix of each site's URL, and the bare code as SVG and PNG.

output.md "The QR code": the code of site ``<id>`` encodes exactly ``site.url`` (``B<id>/``),
uses error correction level Q (posters live on walls: dust, glare, rain), keeps a quiet zone
of 4 modules, and is drawn black on white as module-aligned vector rectangles. The ``qrcode``
package only computes the matrix; every image here is drawn by qrdir itself, so the bytes do
not depend on which of qrcode's optional image factories happen to be installed.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Mapping
from dataclasses import dataclass
from html import escape
from typing import NamedTuple

import qrcode
import qrcode.constants
import qrcode.exceptions
import qrcode.util
from PIL import Image

from qrdir import paths
from qrdir.errors import BuildError
from qrdir.posters import qr_mask
from qrdir.registry.model import Problem, Registry

ERROR_CORRECTION = qrcode.constants.ERROR_CORRECT_Q
QUIET_ZONE = 4  # modules of white around the symbol (ISO/IEC 18004 asks for at least 4)
PNG_MODULE_PX = 10  # pixels per module in qr/<id>.png: crisp in a chat group or a social post

Modules = tuple[tuple[bool, ...], ...]

_GRAY = bytes.maketrans(b"\x00\x01", b"\xff\x00")  # bytes(row) to gray: dark black, light white


@dataclass(frozen=True)
class QrCode:
    """The module matrix of one URL, quiet zone included (``True`` is a dark module)."""

    url: str
    modules: Modules

    def __hash__(self) -> int:
        # The URL decides the matrix: hashing it, not the thousand modules, keeps the caches
        # keyed by a code (its runs, its drawn path) cheap. Equality still compares both.
        return hash(self.url)

    @property
    def size(self) -> int:
        """Modules per side, quiet zone included."""
        return len(self.modules)


class Run(NamedTuple):
    """A horizontal run of dark modules: drawn as one rectangle, so no seams appear inside it.

    A named tuple: a code has hundreds of runs, made half again as fast as a dataclass's."""

    row: int
    col: int
    length: int


class UrlTooLongError(ValueError):
    """The URL does not fit in any QR code version at the chosen error correction level."""

    def __init__(self, url: str):
        super().__init__(f"URL of {len(url)} characters does not fit in a QR code")
        self.url = url


def qr_code(url: str) -> QrCode:
    """The QR code of ``url``: smallest version that fits, level Q, 4-module quiet zone.

    Raises :class:`UrlTooLongError` when no version fits (qrcode itself raises a bare
    ``ValueError`` or ``DataOverflowError`` then, depending on how far over the limit it is).
    """
    return _make_code(url)


def _make_code(url: str) -> QrCode:
    # qrcode's own make(fit=True) up to the codewords; the mask and the layout are qr_mask's,
    # which returns exactly qrcode's get_matrix() (tests/posters/test_qr_mask.py)
    code = qrcode.QRCode(error_correction=ERROR_CORRECTION, border=QUIET_ZONE)
    code.add_data(url.encode("utf-8"))
    try:
        code.best_fit()  # make(fit=True) runs it twice; the second finds the same version
        codewords = qrcode.util.create_data(code.version, code.error_correction, code.data_list)
    except (ValueError, qrcode.exceptions.DataOverflowError) as exc:
        raise UrlTooLongError(url) from exc
    modules = qr_mask.modules(code.version, code.error_correction, codewords, QUIET_ZONE)
    return QrCode(url=url, modules=modules)


def site_codes(registry: Registry) -> dict[str, QrCode]:
    """Every site's code by id; a :class:`BuildError` naming each URL too long to encode."""
    codes: dict[str, QrCode] = {}
    problems: list[Problem] = []
    for site in registry.sites:
        try:
            codes[site.id] = qr_code(site.url)
        except UrlTooLongError:
            problems.append(
                Problem(registry.source, site.line, 1, "error", "qr_url_too_long",
                        {"url": site.url, "length": len(site.url)})
            )
    if problems:
        raise BuildError(problems)
    return codes


@functools.lru_cache(maxsize=1024)  # each code is drawn several times: SVG, poster, all-a4
def dark_runs(code: QrCode) -> tuple[Run, ...]:
    """The dark modules as maximal horizontal runs, row by row, left to right."""
    runs = []
    for row, cells in enumerate(code.modules):
        col = 0
        while col < len(cells):
            if not cells[col]:
                col += 1
                continue
            start = col
            while col < len(cells) and cells[col]:
                col += 1
            runs.append(Run(row, start, col - start))
    return tuple(runs)


def render_svg(code: QrCode) -> bytes:
    """The code as SVG: one path of module-aligned rectangles on a white square.

    Integer module coordinates in the viewBox and ``crispEdges`` keep renderers from drawing
    hairline gaps between neighbouring modules.
    """
    size = code.size
    path = "".join(f"M{r.col} {r.row}h{r.length}v1h-{r.length}z" for r in dark_runs(code))
    pixels = size * PNG_MODULE_PX
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" '
        f'width="{pixels}" height="{pixels}" shape-rendering="crispEdges" role="img">\n'
        f"<title>{escape(code.url, quote=False)}</title>\n"
        f'<rect width="{size}" height="{size}" fill="#fff"/>\n'
        f'<path fill="#000" d="{path}"/>\n'
        "</svg>\n"
    ).encode()


def render_png(code: QrCode) -> bytes:
    """The code as a 1-bit PNG, :data:`PNG_MODULE_PX` pixels per module, same bytes every time."""
    size = code.size
    gray = b"".join(map(bytes, code.modules)).translate(_GRAY)
    small = Image.frombytes("L", (size, size), gray)
    scale = size * PNG_MODULE_PX
    big = small.resize((scale, scale), Image.Resampling.NEAREST)
    out = io.BytesIO()
    big.convert("1", dither=Image.Dither.NONE).save(out, format="PNG", optimize=False)
    return out.getvalue()


def render_qr_images(codes: Mapping[str, QrCode]) -> dict[str, bytes]:
    """Every site's code as SVG and PNG, at :func:`qrdir.paths.qr_image` (output.md).

    ``codes``: the sites' codes by id (:func:`site_codes`; a build computes them once, for
    these images and the posters).
    """
    files: dict[str, bytes] = {}
    for site_id, code in codes.items():
        files[paths.qr_image(site_id, "svg")] = render_svg(code)
        files[paths.qr_image(site_id, "png")] = render_png(code)
    return files
