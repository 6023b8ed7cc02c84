"""qr/<id>.svg and qr/<id>.png read back as module grids and decoded by zxing-cpp."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET

import pytest
import qrcode
import zxingcpp
from PIL import Image

from qrdir.errors import BuildError
from qrdir.messages import format_problem
from qrdir.posters import qr
from tests.conftest import BASE_URL, make_registry, make_site

SVG = "{http://www.w3.org/2000/svg}"


def reference_matrix(url: str) -> list[list[bool]]:
    """The matrix straight from the qrcode package: level Q, 4-module border."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_Q, border=4)
    code.add_data(url.encode("utf-8"))
    code.make(fit=True)
    return [[bool(cell) for cell in row] for row in code.get_matrix()]


@pytest.fixture(scope="module")
def images() -> dict[str, bytes]:
    registry = make_registry(
        make_site(),
        make_site("tram-y-te", name="Trạm Y tế phường Long Thành Bắc", kind="health_station"),
        make_site("kp-" + "long-thanh-bac-" * 4 + "x", name="Khu phố có mã rất dài"),
    )
    return qr.render_qr_images(qr.site_codes(registry))


def site_urls(images: dict[str, bytes]) -> dict[str, str]:
    ids = sorted({path.split("/")[1].rsplit(".", 1)[0] for path in images})
    return {site_id: BASE_URL + site_id + "/" for site_id in ids}


def svg_grid(data: bytes) -> list[list[bool]]:
    """Rebuild the module grid from the SVG's path of ``M x y h n v 1 h -n z`` rectangles."""
    root = ET.fromstring(data)
    left, top, width, height = (int(v) for v in root.attrib["viewBox"].split())
    assert (left, top) == (0, 0) and width == height
    grid = [[False] * width for _ in range(height)]
    (path,) = root.iter(f"{SVG}path")
    for x, y, n in re.findall(r"M(\d+) (\d+)h(\d+)v1h-\3z", path.attrib["d"]):
        for col in range(int(x), int(x) + int(n)):
            assert not grid[int(y)][col], "rectangles overlap"
            grid[int(y)][col] = True
    assert re.sub(r"M(\d+) (\d+)h(\d+)v1h-\3z", "", path.attrib["d"]) == ""
    return grid


def png_grid(data: bytes, size: int) -> list[list[bool]]:
    """Rebuild the grid from the PNG, checking every module is one flat colour."""
    image = Image.open(io.BytesIO(data))
    px = image.width // size
    grid = []
    for row in range(size):
        cells = []
        for col in range(size):
            box = (col * px, row * px, (col + 1) * px, (row + 1) * px)
            low, high = image.crop(box).getextrema()
            assert low == high, f"module {row},{col} is not one colour"
            cells.append(low == 0)
        grid.append(cells)
    return grid


def test_every_site_gets_an_svg_and_a_png(images):
    ids = site_urls(images)
    assert sorted(images) == sorted(f"qr/{i}.{ext}" for i in ids for ext in ("png", "svg"))


def test_svg_modules_are_exactly_the_qrcode_matrix(images):
    for site_id, url in site_urls(images).items():
        data = images[f"qr/{site_id}.svg"]
        assert svg_grid(data) == reference_matrix(url)
        root = ET.fromstring(data)
        assert root.attrib["shape-rendering"] == "crispEdges"
        assert root.find(f"{SVG}title").text == url
        background = root.find(f"{SVG}rect")
        assert background.attrib["fill"] == "#fff"
        assert background.attrib["width"] == root.attrib["viewBox"].split()[2]
        assert [p.attrib["fill"] for p in root.iter(f"{SVG}path")] == ["#000"]


def test_png_modules_are_exactly_the_qrcode_matrix_at_ten_pixels_or_more(images):
    for site_id, url in site_urls(images).items():
        matrix = reference_matrix(url)
        image = Image.open(io.BytesIO(images[f"qr/{site_id}.png"]))
        assert image.mode in ("1", "L")
        assert image.width == image.height == len(matrix) * qr.PNG_MODULE_PX
        assert qr.PNG_MODULE_PX >= 10
        assert png_grid(images[f"qr/{site_id}.png"], len(matrix)) == matrix


def test_quiet_zone_is_four_white_modules(images):
    for site_id in site_urls(images):
        grid = svg_grid(images[f"qr/{site_id}.svg"])
        size = len(grid)
        border = [grid[r][c] for r in range(size) for c in range(size)
                  if min(r, c) < 4 or max(r, c) >= size - 4]
        assert not any(border)
        assert grid[4][4], "the finder pattern starts right after the quiet zone"


def test_zxing_decodes_png_and_svg_to_the_exact_url(images):
    for site_id, url in site_urls(images).items():
        png = Image.open(io.BytesIO(images[f"qr/{site_id}.png"])).convert("L")
        grid = svg_grid(images[f"qr/{site_id}.svg"])
        svg = Image.new("L", (len(grid), len(grid)), 255)
        svg.putdata([0 if dark else 255 for row in grid for dark in row])
        svg = svg.resize((len(grid) * 6, len(grid) * 6), Image.Resampling.NEAREST)
        for image in (png, svg):
            decoded = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)
            assert [b.text for b in decoded] == [url]
            assert decoded[0].ec_level == "Q"


def test_rendering_twice_gives_the_same_bytes():
    registry = make_registry()
    # No process-wide memory: the codes and images are computed afresh each time.
    first = qr.render_qr_images(qr.site_codes(registry))
    assert qr.render_qr_images(qr.site_codes(registry)) == first


def test_a_url_too_long_for_any_qr_code_is_a_build_error_not_a_traceback():
    base = "https://" + "a" * 2000 + ".example.vn/"
    site = make_site("ubnd", url=base + "ubnd/", line=12)
    with pytest.raises(BuildError) as caught:
        qr.site_codes(make_registry(site, base_url=base))
    (problem,) = caught.value.problems
    assert format_problem(problem, "en") == (
        f"sites.yaml:12:1: error: the address {site.url} is {len(site.url)} characters long, "
        "too long for a QR code; use a shorter base_url or id"
    )


def png_before(code: qr.QrCode) -> bytes:
    """render_png as it was first written: the bytes every published qr/<id>.png has."""
    size = code.size
    gray = bytes(0 if dark else 255 for row in code.modules for dark in row)
    small = Image.frombytes("L", (size, size), gray)
    scale = size * qr.PNG_MODULE_PX
    big = small.resize((scale, scale), Image.Resampling.NEAREST)
    out = io.BytesIO()
    big.convert("1", dither=Image.Dither.NONE).save(out, format="PNG", optimize=False)
    return out.getvalue()


def test_png_bytes_are_those_of_the_first_implementation():
    sites = ("ubnd", "kp-3", "tram-y-te", "truong-thcs-nguyen-du")
    urls = [BASE_URL + f"{site}/" for site in sites]
    urls += [BASE_URL + "dia-diem-" * n + "/" for n in range(1, 180, 6)]  # versions 4 to 40
    codes = [qr.qr_code(url) for url in urls]
    assert len({code.size for code in codes}) > 10
    for code in codes:
        assert qr.render_png(code) == png_before(code), code.url
