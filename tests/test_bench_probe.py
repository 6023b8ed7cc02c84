"""The benchmark's yardstick (bench/probe.py) and the runner's output checks (bench/run.py).

The benchmark is not part of the suite; these keep its measuring sticks honest: the probe
really makes a page and a scannable poster per site, and the runner's comparison of outputs
tells a rewritten file from a changed one.
"""

from __future__ import annotations

import os

import pypdfium2
import yaml
import zxingcpp

from bench import probe, run
from tests.test_bench_generator import generator


def test_the_probe_makes_a_page_and_a_scannable_poster_per_site(tmp_path):
    generator.write_registries(generator.make_province(sites=20, wards=2), tmp_path / "wards")
    assert probe.build(tmp_path / "wards", tmp_path / "out", jobs=2) == 20
    assert probe.outputs(tmp_path / "out") == (20, 20)
    for registry in sorted((tmp_path / "wards").glob("*.yaml")):
        data = yaml.safe_load(registry.read_text(encoding="utf-8"))
        for site in data["sites"]:
            folder = tmp_path / "out" / registry.stem / site["id"]
            url = f"{data['directory']['base_url']}{site['id']}/"
            page = (folder / "index.html").read_text(encoding="utf-8")
            assert f"<p>{url}</p>" in page
            (pdf_page,) = pypdfium2.PdfDocument(folder / "poster.pdf")
            image = pdf_page.render(scale=1, grayscale=True).to_pil()
            found = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)
            assert [code.text for code in found] == [url]


def test_the_runner_tells_a_rewritten_file_from_a_changed_one(tmp_path):
    for name, text in (("a", "same"), ("b", "old"), ("c", "gone")):
        (tmp_path / name).write_text(text)
    before = run.output_state(tmp_path)
    later = before["a"].mtime_ns + 10**9  # a coarse file-system clock may not have moved yet
    (tmp_path / "a").write_text("same")  # written again, same bytes
    (tmp_path / "b").write_text("newer")
    for name in ("a", "b"):
        os.utime(tmp_path / name, ns=(later, later))
    (tmp_path / "c").unlink()
    os.mkdir(tmp_path / "d")
    (tmp_path / "d" / "e").write_text("added")
    after = run.output_state(tmp_path, before)
    assert run.differing(before, after) == ["b", "c", os.path.join("d", "e")]
    assert run.rewritten(before, after) == ["a", "b", os.path.join("d", "e")]
    assert run.differing(after, run.output_state(tmp_path, after)) == []
