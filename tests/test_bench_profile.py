"""bench/profile_summary.py: a py-spy raw profile read back into own, total and area shares."""

from __future__ import annotations

from bench import profile_summary

RAW = """\
process 1:"qrdir build";<module> (qrdir:8);build (qrdir/cli.py:257);idle (x.py:1) 1
process 1:"qrdir build";process 2:"qrdir build";<module> (qrdir:8);_pdf (qrdir/posters/render.py:410);Canvas.save (reportlab/pdfgen/canvas.py:1);PDFStreamFilterZCompress.encode (reportlab/pdfbase/pdfdoc.py:752) 6
process 1:"qrdir build";process 2:"qrdir build";<module> (qrdir:8);_pdf (qrdir/posters/render.py:411);Canvas.save (reportlab/pdfgen/canvas.py:1);format (reportlab/pdfbase/pdfdoc.py:74) 2
process 1:"qrdir build";process 2:"qrdir build";<module> (qrdir:8);QRCode.best_mask_pattern (qrcode/main.py:1);lost_point (qrcode/util.py:2);lost_point (qrcode/util.py:3) 3
"""  # noqa: E501 (py-spy writes a stack on one line)


def test_own_total_and_areas_add_up():
    summary = profile_summary.summarise(profile_summary.parse(RAW.splitlines()), top=10)
    assert summary.samples == 12
    assert summary.processes == {"process 2": 11, "process 1": 1}
    assert summary.own[0] == ("PDFStreamFilterZCompress.encode (reportlab/pdfbase/pdfdoc.py)", 6)
    # Lines of a function are merged; a recursive function counts once per sample.
    total = dict(summary.total)
    assert total["_pdf (qrdir/posters/render.py)"] == 8
    assert total["lost_point (qrcode/util.py)"] == 3
    assert "<module> (qrdir)" not in total  # the trunk: on every sample
    assert dict(summary.areas) == {"zlib (PDF stream compression)": 6,
                                   "QR mask selection (qrcode)": 3,
                                   "posters: ReportLab save, other": 2,
                                   "process pool, other": 1}
    text = profile_summary.report(summary, command="qrdir build")
    assert "50.0 %        6  zlib (PDF stream compression)" in text
