"""The yardstick for a cold build (issue 16): the unavoidable work, done the straightforward way.

    .venv/bin/python bench/probe.py --wards WARDS --out OUT [--jobs 2]

For every site of every ward registry ``WARDS/<stem>.yaml`` (as bench/generate.py writes them),
and nothing else:

1. reads the registry with ``yaml.load(..., Loader=yaml.CSafeLoader)`` (libyaml, no
   validation, no positions kept);
2. makes one QR matrix of the site's URL (``base_url`` + id + ``/``) with the ``qrcode``
   package as its documentation shows: ``qrcode.QRCode(error_correction=ERROR_CORRECT_Q,
   border=4)``, ``add_data``, ``make(fit=True)``, which picks the mask the usual way (all
   eight scored);
3. draws one one-page A4 poster with ReportLab: the site's name (Be Vietnam Pro Bold, wrapped
   with ``simpleSplit``), address (Regular, wrapped), phone and URL (Regular), and every dark
   module of the code as its own ``canvas.rect``; the fonts come from the
   ``fontpkg-be-vietnam-pro`` package through ``importlib.resources`` and are registered once
   per process as ``TTFont``, as qrdir/posters/fonts.py does, so each PDF embeds its own
   subsets; ReportLab's defaults otherwise (page compression on);
4. renders one HTML page from a small Jinja2 template (autoescape on) that prints the site's
   fields as they are: no phone formatting, no day names, no CSS;
5. writes ``OUT/<stem>/<id>/index.html`` and ``OUT/<stem>/<id>/poster.pdf``.

The wards are cut into chunks of consecutive wards (about four chunks per worker, so that the
two workers finish together) and handed to ``--jobs`` worker processes of a
``multiprocessing.Pool``, one chunk per task. No cache, no validation, no comparison with what
was there, no combined PDF, no PNG or SVG, no vCard, no search index, no atomic publishing.

Why it is the yardstick: every qrdir cold build has to do at least this for every site: parse
the registry, choose the code's mask (printed codes must keep their look), draw a poster that
embeds the font, render a page, write them. Whatever qrdir does beyond it (validation, PNG and
SVG codes, vCards, ``all-a4.pdf``, the cache, ``sites.json``, the province pages) has to be
paid for by doing the shared work better than the obvious way. bench/run.py times this script
as its own process tree, like the builds, so the interpreter's start-up and imports count on
both sides; the target is cold ≤ 1 × probe.
"""

from __future__ import annotations

import argparse
import importlib.resources
import multiprocessing
import unicodedata
from pathlib import Path

import jinja2
import qrcode
import qrcode.constants
import yaml
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

FONT_PACKAGE = "fontpkg_be_vietnam_pro"
REGULAR = "BeVietnamPro-Regular"
BOLD = "BeVietnamPro-Bold"
CHUNKS_PER_JOB = 4
QR_SIDE = 120 * mm  # the code's printed width, quiet zone included
MARGIN = 20 * mm

PAGE = """<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ site.name }} – {{ directory.name }}</title>
</head>
<body>
<p><a href="../">{{ directory.name }}</a></p>
<h1>{{ site.name }}</h1>
<p>{{ site.kind }}</p>
{% if site.formerly %}<p>{{ site.formerly | join("; ") }}</p>{% endif %}
<p>{{ site.address }}</p>
{% if site.location %}<p>{{ site.location }}</p>{% endif %}
{% if site.map_url %}<p><a href="{{ site.map_url }}">{{ site.map_url }}</a></p>{% endif %}
{% if site.phone %}<p><a href="tel:{{ site.phone }}">{{ site.phone }}</a></p>{% endif %}
{% if site.email %}<p><a href="mailto:{{ site.email }}">{{ site.email }}</a></p>{% endif %}
{% if site.website %}<p><a href="{{ site.website }}">{{ site.website }}</a></p>{% endif %}
{% if site.hours %}<table>
{% for days, value in site.hours.items() %}<tr><th>{{ days }}</th><td>{{ value }}</td></tr>
{% endfor %}</table>{% endif %}
{% if site.contacts %}<ul>
{% for contact in site.contacts %}<li>{{ contact.role }}: {{ contact.name }},
<a href="tel:{{ contact.phone }}">{{ contact.phone }}</a>, Zalo: {{ contact.zalo }}</li>
{% endfor %}</ul>{% endif %}
{% if site.services %}<ul>
{% for service in site.services %}<li>{{ service }}</li>{% endfor %}</ul>{% endif %}
{% if site.note %}<p>{{ site.note }}</p>{% endif %}
{% if site.verified %}<p>{{ site.verified }}</p>{% endif %}
<p>{{ url }}</p>
<footer><p>{{ directory.publisher }}</p><p>{{ directory.updated }}</p></footer>
</body>
</html>
"""

_template: jinja2.Template | None = None


def _page_template() -> jinja2.Template:
    """The page template, compiled once per process."""
    global _template
    if _template is None:
        environment = jinja2.Environment(loader=jinja2.DictLoader({"site.html": PAGE}),
                                         autoescape=True)
        _template = environment.get_template("site.html")
    return _template


def register_fonts() -> None:
    """Register the two poster weights once per process, from the font package."""
    if BOLD in pdfmetrics.getRegisteredFontNames():
        return
    for name in (REGULAR, BOLD):
        resource = importlib.resources.files(FONT_PACKAGE).joinpath("files", f"{name}.ttf")
        with importlib.resources.as_file(resource) as path:
            pdfmetrics.registerFont(TTFont(name, str(path)))


def qr_matrix(url: str) -> list[list[bool]]:
    """The code of ``url`` with qrcode's usual settings: level Q, 4-module quiet zone."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_Q, border=4)
    code.add_data(url)
    code.make(fit=True)
    return code.get_matrix()


def _nfc(text: object) -> str:
    return unicodedata.normalize("NFC", str(text))


def poster(site: dict, url: str, matrix: list[list[bool]], path: Path) -> None:
    """One A4 page: name, address, phone, URL, and the code's dark modules as rectangles."""
    width, height = A4
    canvas = Canvas(str(path), pagesize=A4)
    canvas.setTitle(_nfc(site["name"]))
    y = height - MARGIN
    canvas.setFont(BOLD, 28)
    for line in simpleSplit(_nfc(site["name"]), BOLD, 28, width - 2 * MARGIN):
        y -= 34
        canvas.drawString(MARGIN, y, line)
    canvas.setFont(REGULAR, 14)
    y -= 8
    for line in simpleSplit(_nfc(site["address"]), REGULAR, 14, width - 2 * MARGIN):
        y -= 18
        canvas.drawString(MARGIN, y, line)
    module = QR_SIDE / len(matrix)
    left, top = (width - QR_SIDE) / 2, y - 16
    for row, cells in enumerate(matrix):
        for col, dark in enumerate(cells):
            if dark:
                canvas.rect(left + col * module, top - (row + 1) * module, module, module,
                            stroke=0, fill=1)
    y = top - QR_SIDE - 24
    canvas.setFont(REGULAR, 16)
    canvas.drawCentredString(width / 2, y, url)
    if site.get("phone"):
        canvas.setFont(REGULAR, 18)
        canvas.drawCentredString(width / 2, y - 30, str(site["phone"]))
    canvas.showPage()
    canvas.save()


def build_ward(registry: Path, out: Path) -> int:
    """Everything for one ward's registry; how many sites it had."""
    data = yaml.load(registry.read_bytes(), Loader=yaml.CSafeLoader)
    directory, sites = data["directory"], data["sites"]
    template = _page_template()
    register_fonts()
    for site in sites:
        url = f"{directory['base_url']}{site['id']}/"
        folder = out / registry.stem / site["id"]
        folder.mkdir(parents=True, exist_ok=True)
        poster(site, url, qr_matrix(url), folder / "poster.pdf")
        page = template.render(site=site, directory=directory, url=url)
        (folder / "index.html").write_text(page, encoding="utf-8")
    return len(sites)


def _build_chunk(task: tuple[list[Path], Path]) -> int:
    registries, out = task
    return sum(build_ward(registry, out) for registry in registries)


def build(wards: Path, out: Path, jobs: int = 2) -> int:
    """Build every ward of ``wards`` into ``out`` in ``jobs`` processes; the number of sites."""
    registries = sorted(wards.glob("*.yaml"))
    size = max(1, len(registries) // (jobs * CHUNKS_PER_JOB))
    tasks = [(registries[i:i + size], out) for i in range(0, len(registries), size)]
    with multiprocessing.Pool(jobs) as pool:
        return sum(pool.imap_unordered(_build_chunk, tasks))


def outputs(out: Path) -> tuple[int, int]:
    """How many pages and posters a probe output holds (bench/run.py checks them)."""
    return len(list(out.glob("*/*/index.html"))), len(list(out.glob("*/*/poster.pdf")))


def main(argv: list[str] | None = None) -> None:
    """Parse the command line and build."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wards", type=Path, required=True, help="folder of <stem>.yaml")
    parser.add_argument("--out", type=Path, required=True, help="output folder")
    parser.add_argument("--jobs", type=int, default=2, help="worker processes (default 2)")
    args = parser.parse_args(argv)
    sites = build(args.wards, args.out, args.jobs)
    print(f"probe: {sites} sites in {args.out}")


if __name__ == "__main__":
    main()
