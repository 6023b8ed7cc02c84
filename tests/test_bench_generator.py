"""The benchmark's province generator: deterministic, valid, and as varied as it claims.

The benchmark itself (bench/run.py) is not part of the suite; these tests only keep its input
honest: a generated province must pass ``qrdir check`` the way a ward's own file would.
"""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import sys
import unicodedata

import pytest
from click.testing import CliRunner

from qrdir.cli import main
from qrdir.registry.model import KINDS
from tests.conftest import REPO

GENERATE = REPO / "bench" / "generate.py"


def _load_generator():
    spec = importlib.util.spec_from_file_location("bench_generate", GENERATE)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while it loads
    spec.loader.exec_module(module)
    return module


generator = _load_generator()


def generate(out, *extra: str) -> dict[str, bytes]:
    """Run the generator as the benchmark does; every file written, by relative path."""
    subprocess.run([sys.executable, str(GENERATE), "--sites", "40", "--wards", "4",
                    "--out", str(out / "wards"), *extra], check=True)
    return {p.relative_to(out).as_posix(): p.read_bytes()
            for p in sorted(out.rglob("*")) if p.is_file()}


def test_generator_is_deterministic(tmp_path):
    first = generate(tmp_path / "a", "--hugo", str(tmp_path / "a" / "hugo"))
    second = generate(tmp_path / "b", "--hugo", str(tmp_path / "b" / "hugo"))
    assert first == second
    assert sum(name.startswith("wards/") for name in first) == 4
    assert sum(name.startswith("hugo/content/") and not name.endswith("_index.md")
               for name in first) == 40


def test_a_different_seed_gives_a_different_province(tmp_path):
    assert generate(tmp_path / "a") != generate(tmp_path / "b", "--seed", "7")


def test_generated_province_checks_clean(tmp_path):
    files = generate(tmp_path)
    result = CliRunner().invoke(main, ["check", str(tmp_path / "wards")])
    assert result.exit_code == 0, result.stderr
    (summary,) = result.stderr.splitlines()  # no warnings: every site has a place on a map
    assert summary.endswith("; cảnh báo: 0")
    for name, data in files.items():
        stem = name.removeprefix("wards/").removesuffix(".yaml")
        assert f"base_url: https://tayninh.example.vn/{stem}/\n" in data.decode("utf-8")


def test_province_has_the_variety_it_promises():
    province = generator.make_province(sites=600, wards=30)
    sites = [site for ward in province for site in ward.sites]
    assert len(sites) == 600
    assert {site["kind"] for site in sites} == set(KINDS)
    for ward in province:
        ids = [site["id"] for site in ward.sites]
        assert len(ids) == len(set(ids))
        assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", i) and len(i) <= 20 for i in ids)
    texts = [site["name"] for site in sites] + [site["address"] for site in sites]
    nfd = [text for text in texts if unicodedata.normalize("NFC", text) != text]
    assert 0 < len(nfd) < len(texts) / 10  # a few typed with combining marks, most precomposed
    contacts = [contact for site in sites for contact in site["contacts"]]
    assert {len(site["contacts"]) for site in sites} >= {0, 8}
    phones = [contact["phone"] for contact in contacts] + [s["phone"] for s in sites
                                                           if "phone" in s]
    styles = {re.sub(r"\d", "9", phone) for phone in phones}
    assert {"9999 999 999", "9999.999.999", "9999-999-999", "+99 999 999 999", "99999999999",
            "9999999999", "(9999) 9999 999", "9999 9999 999", "9999.9999.999",
            "+99 999 9999 999"} <= styles  # registry.md "Phone numbers": every style listed
    assert {contact["zalo"] for contact in contacts} == set(generator.ZALO_YES + generator.ZALO_NO)
    assert {type(site.get("location")).__name__ for site in sites} == {"str", "list", "dict",
                                                                        "NoneType"}
    for site in sites:
        if "location" in site:
            lat, lon = _position(site["location"])
            assert 10.9 <= lat <= 11.6 and 105.8 <= lon <= 106.4


def _position(location) -> tuple[float, float]:
    if isinstance(location, str):
        lat, lon = location.split(",")
        return float(lat), float(lon)
    if isinstance(location, dict):
        return location["lat"], location["lon"]
    return location[0], location[1]


@pytest.mark.skipif(shutil.which("hugo") is None, reason="Hugo is only needed for the benchmark")
def test_hugo_builds_the_same_pages_offline(tmp_path):
    generate(tmp_path, "--hugo", str(tmp_path / "hugo"))
    subprocess.run(["hugo", "--quiet", "-s", str(tmp_path / "hugo"), "-d",
                    str(tmp_path / "public")], check=True, timeout=60)
    pages = sorted((tmp_path / "public").glob("*/*/index.html"))
    assert len(pages) == 40
    qrdir_ids = {(ward.stem, site["id"]) for ward in generator.make_province(40, 4)
                 for site in ward.sites}
    assert {(page.parent.parent.name, page.parent.name) for page in pages} == qrdir_ids
    text = pages[0].read_text(encoding="utf-8")
    assert 'href="tel:&#43;84' in text or 'href="tel:+84' in text
    assert '<script type="application/ld+json">' in text


@pytest.mark.skipif(shutil.which("hugo") is None, reason="Hugo is only needed for the benchmark")
def test_the_plain_hugo_layout_prints_the_fields_as_written(tmp_path):
    generate(tmp_path, "--hugo-plain", str(tmp_path / "plain"))
    subprocess.run(["hugo", "--quiet", "-s", str(tmp_path / "plain"), "-d",
                    str(tmp_path / "public")], check=True, timeout=60)
    pages = sorted((tmp_path / "public").glob("*/*/index.html"))
    assert len(pages) == 40
    assert len(list((tmp_path / "public").glob("*/index.html"))) == 4  # the ward indexes
    site = generator.make_province(40, 4)[0].sites[0]
    text = (tmp_path / "public" / generator.make_province(40, 4)[0].stem / site["id"]
            / "index.html").read_text(encoding="utf-8")
    assert "<style>" in text  # qrdir's CSS, as in the other layouts
    assert f"<h1>{unicodedata.normalize('NFC', site['name'])}</h1>" in text
    assert "ld+json" not in text
