"""The directory's own poster and the share images (output.md 1.1), read back the way people
meet them: the PDF text extracted by pdfplumber, every code decoded by zxing-cpp (PDFs rendered
by pypdfium2), the images at the size a chat app shows them after its own JPEG compression."""

from __future__ import annotations

import dataclasses
import io
import unicodedata

import pdfplumber
import pypdfium2
import pytest
import zxingcpp
from PIL import Image

from qrdir import paths
from qrdir.errors import BuildError
from qrdir.messages import format_problem
from qrdir.posters.formats import SHARE_IMAGE
from qrdir.posters.geometry import TextOp, lay_out
from qrdir.posters.qr import qr_code
from qrdir.posters.render import poster_text, render_directory, render_posters
from tests.conftest import BASE_URL, example_registry, make_registry, make_site


@pytest.fixture(scope="module")
def example():
    return example_registry()


@pytest.fixture(scope="module")
def shared(example):
    return {**render_posters(example, ("share",)), **render_directory(example, ("a4", "share"))}


def decode(image: Image.Image) -> list[str]:
    found = zxingcpp.read_barcodes(image.convert("L"), formats=zxingcpp.BarcodeFormat.QRCode)
    return [barcode.text for barcode in found]


def pdf_pages(data: bytes) -> list[Image.Image]:
    return [page.render(scale=150 / 72, grayscale=True).to_pil()
            for page in pypdfium2.PdfDocument(data)]


def test_the_directory_poster_says_exactly_this(registry):
    data = render_directory(registry)[paths.directory_poster()]
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert len(pdf.pages) == 1
        lines = pdf.pages[0].extract_text().splitlines()
    assert [unicodedata.normalize("NFC", line) for line in lines] == [
        "Phường Long Thành Bắc",
        "Danh bạ cơ quan, đơn vị",
        "Uỷ ban nhân dân · Trạm y tế",
        "Quét mã để xem địa chỉ, bản đồ và",
        "số điện thoại của các cơ quan, đơn vị",
        "longthanhbac.example.vn/",
        "Đường dây nóng: Công an 113 · Cấp cứu 115",
        "Thực hiện: Đoàn Thanh niên phường Long Thành Bắc",
    ]


def test_the_directory_poster_opens_the_directory_itself(example, shared):
    [page] = pdf_pages(shared["posters/directory.pdf"])
    assert decode(page) == [example.directory.base_url]


def test_the_directory_poster_is_the_only_file_without_share(example):
    assert set(render_directory(example)) == {"posters/directory.pdf"}


def test_every_share_image_is_1080_by_1350_and_opens_its_page(example, shared):
    expected = {paths.site_poster("share", site.id): site.url for site in example.sites}
    expected[paths.directory_poster("share")] = example.directory.base_url
    images = {path: data for path, data in shared.items() if path.startswith("share/")}
    assert set(images) == set(expected)
    for path, data in images.items():
        image = Image.open(io.BytesIO(data))
        assert image.size == (1080, 1350), path
        assert decode(image) == [expected[path]], path


def test_a_share_image_still_decodes_as_a_chat_app_shrinks_and_recompresses_it(example, shared):
    """Zalo and Facebook show a post's picture at about half size, as a low-quality JPEG."""
    for site in example.sites:
        image = Image.open(io.BytesIO(shared[paths.site_poster("share", site.id)]))
        small = image.resize((540, 675), Image.Resampling.BILINEAR)
        out = io.BytesIO()
        small.convert("RGB").save(out, format="JPEG", quality=35)
        assert decode(Image.open(out)) == [site.url], site.id


def test_a_share_image_prints_the_name_url_and_main_phone_in_the_poster_font(registry):
    """The text drawn is the layout's, whose widths the poster font measured; the words are
    the registry's exactly."""
    site = registry.sites[0]
    ops = lay_out(SHARE_IMAGE, poster_text(registry.directory, site), qr_code(site.url))
    lines = [line for op in ops if isinstance(op, TextOp) for line in op.paragraph.lines]
    assert " ".join(lines) == (
        "Phường Long Thành Bắc UBND phường Long Thành Bắc "
        "Quét mã để xem bản đồ, địa chỉ và số điện thoại "
        "longthanhbac.example.vn/ubnd/ Điện thoại: 0276 3841 234")
    fonts = {op.paragraph.style.font for op in ops if isinstance(op, TextOp)}
    assert fonts <= {"BeVietnamPro-Bold", "BeVietnamPro-SemiBold", "BeVietnamPro-Medium"}
    # Inside the image, clear of its edges.
    for op in ops:
        if isinstance(op, TextOp):
            assert op.top <= SHARE_IMAGE.page[1] - SHARE_IMAGE.margin + 0.01


def test_share_images_are_the_same_bytes_every_time(example, shared):
    again = render_posters(example, ("share",))
    assert all(again[path] == shared[path] for path in again)


def test_sample_data_share_images_are_marked_and_still_decode(example):
    base = "https://phuong-moi.example/"
    sample = dataclasses.replace(
        example, directory=dataclasses.replace(example.directory, base_url=base),
        sites=tuple(dataclasses.replace(site, url=f"{base}{site.id}/")
                    for site in example.sites[:2]))
    files = render_posters(sample, ("share",))
    real = render_posters(dataclasses.replace(example, sites=example.sites[:2]), ("share",))
    for site in sample.sites:
        image = Image.open(io.BytesIO(files[paths.site_poster("share", site.id)]))
        gray = sum(count for level, count in enumerate(image.histogram()) if 150 < level < 240)
        plain = Image.open(io.BytesIO(real[paths.site_poster("share", site.id)]))
        plain_gray = sum(count for level, count in enumerate(plain.histogram())
                         if 150 < level < 240)
        assert gray > plain_gray + 20_000  # a mark across the picture
        assert decode(image) == [site.url]


@pytest.mark.parametrize(("site_id", "file"), [
    ("directory", "posters/directory.pdf"),
    ("print-a4", "posters/print-a4.pdf"),
])
def test_an_id_named_like_a_file_qrdir_makes_is_refused(site_id, file):
    registry = make_registry(make_site(site_id, url=f"{BASE_URL}{site_id}/", line=3))
    with pytest.raises(BuildError) as caught:
        render_posters(registry)
    assert [format_problem(p, "en") for p in caught.value.problems] == [
        f'sites.yaml:3:1: error: id "{site_id}" is the name of the file {file} qrdir makes '
        "itself; choose another id"
    ]
