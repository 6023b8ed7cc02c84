"""The poster fast paths give the bytes the straightforward ones give (issue 16).

Printed posters must not change because the build got faster: the QR path written once per
code, the font subsets made once per set of characters and their compression remembered are
each compared here with ReportLab doing the work itself, on a generated province's ward.
"""

from __future__ import annotations

import io

import pytest
from reportlab.pdfbase import pdfdoc
from reportlab.pdfgen.canvas import FILL_NON_ZERO, Canvas

from bench.generate import make_province, registry_text
from qrdir.posters import fonts, qr, render
from qrdir.posters.printed import printed_registry
from qrdir.registry.validate import parse_registry


@pytest.fixture(scope="module")
def ward():
    """A generated ward of about twenty sites, as a build prints it."""
    text = registry_text(make_province(sites=40, wards=2, seed=16)[0])
    registry, problems = parse_registry(text.encode("utf-8"), "ward.yaml")
    assert registry is not None, problems
    return printed_registry(registry), qr.site_codes(registry)


def straightforward_qr(canvas: Canvas, code: qr.QrCode, x: float, y: float, side: float) -> None:
    """The QR code drawn a rectangle at a time with ReportLab's path object."""
    module = side / code.size
    canvas.saveState()
    canvas.translate(x, y)
    canvas.scale(module, module)
    canvas.setFillGray(0)
    path = canvas.beginPath()
    for run in qr.dark_runs(code):
        path.rect(run.col, code.size - 1 - run.row, run.length, 1)
    canvas.drawPath(path, stroke=0, fill=1, fillMode=FILL_NON_ZERO)
    canvas.restoreState()


def test_the_prepared_qr_path_writes_what_reportlabs_path_writes(ward):
    _, codes = ward
    for code in codes.values():
        prepared, plain = Canvas(io.BytesIO()), Canvas(io.BytesIO())
        render._draw_qr(prepared, code, 12.5, 30, 100)
        straightforward_qr(plain, code, 12.5, 30, 100)
        assert prepared._code == plain._code


def test_posters_are_the_same_bytes_with_and_without_the_remembered_subsets(ward, monkeypatch):
    printed, codes = ward
    remembered = render.render_posters(printed, ("a4", "a5", "stickers"), codes)
    remembered_again = render.render_posters(printed, ("a4", "a5", "stickers"), codes)
    for font in fonts.register_fonts():  # ReportLab's own subsetting and compression
        monkeypatch.setattr(font.face, "makeSubset",
                            type(font.face).makeSubset.__get__(font.face))
    monkeypatch.setattr(pdfdoc.PDFZCompress, "encode",
                        type(pdfdoc.PDFZCompress).encode.__get__(pdfdoc.PDFZCompress))
    assert render.render_posters(printed, ("a4", "a5", "stickers"), codes) == remembered
    assert remembered_again == remembered


def test_a_subset_is_made_once_for_the_same_characters_in_the_same_order():
    made = []
    subsets = fonts._remembered_subsets(lambda codes: made.append(codes) or bytes(codes))
    assert subsets([65, 66]) == subsets([65, 66]) == b"AB"
    assert subsets([66, 65]) == b"BA"
    assert made == [[65, 66], [66, 65]]
