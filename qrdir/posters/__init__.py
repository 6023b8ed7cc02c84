"""The printed half of the output: QR codes, posters, table cards and sticker sheets.

Owns what a poster shows (``printed``: the one printed view, which also drives the poster cache
key, the glyph check and the reprint advice), the QR matrix and its SVG/PNG images (``qr``),
the printed formats (``formats``: one table entry per format, with its paths), the page
geometry (``geometry``), fitting text into a box (``text_fit``), the embedded font (``fonts``)
and drawing the PDFs (``render``).

Deliberately imports nothing here: ReportLab is slow to import, and ``printed`` is needed by
builds that draw no poster. A new poster format is one entry in ``formats.FORMATS``.
"""
