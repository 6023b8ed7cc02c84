"""Every build option and every template reaches the output, through the cache as without it.

A cache key or an unchanged-ward record that leaves out one input keeps a stale output after
that input changes, and nothing else looks wrong. So each option (``--posters``, the contents
of the ``--templates`` folder, ``--lock``, ``-o``) and each built-in template, overridden with
a visible change, is changed in turn, with the cache of all the builds before; every rebuild
must be byte for byte a clean ``--no-cache`` build of a copy of the same folder, ledger
included, for a ward and for a province.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from qrdir.cli import main
from tests.build.test_publish import tree
from tests.conftest import REPO

REGISTRY = """directory:
  name: {name}
  region: Tỉnh Tây Ninh
  base_url: {base_url}
  language: vi
  hotlines:
    - {{label: Công an, phone: "113"}}
sites:
  - id: ubnd
    name: UBND {name}
    kind: ward_office
    address: Số 1 đường Phạm Hùng
    location: 11.2991, 106.1372
    phone: (0276) 3841 234
    hours:
      mon-fri: "07:00-11:30, 13:30-17:00"
  - id: tram-y-te
    name: Trạm Y tế {name}
    kind: health_station
    address: Số 5 đường Phạm Hùng
    location: 11.2995, 106.1375
retired:
  - {{id: tram-y-te-cu, moved_to: tram-y-te}}
  - {{id: kp-3, closed: Đã sáp nhập vào khu phố 2}}
"""
# Every template a build uses: a site with hours (open now), a moved and a closed id.
TEMPLATES = sorted(path.name for path in (REPO / "templates").glob("*.html"))
PROVINCE_ONLY = {"province.html", "province_search.js.html"}
# What the province's own page is made of (the shared search code is in fold.js.html).
PROVINCE_PAGE = PROVINCE_ONLY | {"base.html", "style.css.html", "fold.js.html"}


@dataclass
class Options:
    """One build's options; ``templates`` is the --templates folder's files (None: no option),
    and ``markers`` what each file overridden there shows."""

    posters: str | None = None
    templates: dict[str, str] | None = None
    lock: str | None = None
    output: str = "out"
    markers: dict[str, str] = field(default_factory=dict)

    def arguments(self, work: Path) -> list[str]:
        """The command line's options, with the files they name inside ``work``."""
        arguments = ["-o", str(work / self.output)]
        if self.posters is not None:
            arguments += ["--posters", self.posters]
        if self.templates is not None:
            arguments += ["--templates", str(work / "templates")]
        if self.lock is not None:
            arguments += ["--lock", str(work / self.lock)]
        return arguments


def overridden(name: str, marker: str) -> str:
    """The built-in template ``name`` changed so that ``marker`` shows wherever it is used."""
    text = (REPO / "templates" / name).read_text("utf-8")
    if name.endswith((".js.html", ".css.html")):  # inlined into the pages as they are
        changed = f"{text}\n/* {marker} */\n"
    elif text.startswith("{% extends"):  # only a block of a page's template reaches the page
        changed = text.replace("{% block body %}\n", f"{{% block body %}}\n<p>{marker}</p>\n", 1)
    else:  # base.html: before the block the pages fill
        changed = text.replace("{% block body %}", f"<p>{marker}</p>\n{{% block body %}}", 1)
    assert marker in changed, name
    return changed


def with_templates(*names: str, marker: str = "") -> Callable[[Options], Options]:
    """The change that overrides each of ``names``, marked with ``marker`` and its name."""
    def change(options: Options) -> Options:
        markers = {**options.markers, **{name: f"{marker}{name}" for name in names}}
        files = {**(options.templates or {}),
                 **{name: overridden(name, markers[name]) for name in names}}
        return replace(options, templates=files, markers=markers)
    return change


def without_template(name: str) -> Callable[[Options], Options]:
    """The change that deletes ``name`` from the --templates folder."""
    def change(options: Options) -> Options:
        return replace(options, templates={k: v for k, v in options.templates.items() if k != name},
                       markers={k: v for k, v in options.markers.items() if k != name})
    return change


def without_templates(options: Options) -> Options:
    """The build without --templates."""
    return replace(options, templates=None, markers={})


POSTERS = [
    ("--posters a5", lambda o: replace(o, posters="a5")),
    ("--posters a4,a6,stickers", lambda o: replace(o, posters="a4,a6,stickers")),
    ("no --posters", lambda o: replace(o, posters=None)),
]
TEMPLATES_FOLDER = [
    ("--templates with 404.html", with_templates("404.html", marker="Trang thứ nhất ")),
    ("a template edited", with_templates("404.html", marker="Trang thứ hai ")),
    ("a template added", with_templates("site.html", marker="Trang địa điểm ")),
    ("a template removed", without_template("404.html")),
    ("no --templates", without_templates),
]
WARD_CHANGES = [
    *POSTERS,
    *TEMPLATES_FOLDER,
    # One template at a time: each must reach the pages by itself.
    *[(f"{name} overridden", with_templates(name, marker="qrdir-test "))
      for name in TEMPLATES if name not in PROVINCE_ONLY],
    ("--lock other.lock", None),  # see the ward's test: it needs the ledger of the build
    ("-o out2", lambda o: replace(o, output="out2")),
]
# A province's wards are built as a ward is (above): here the templates of the province's own
# page one at a time, and the wards' all at once.
PROVINCE_CHANGES = [
    POSTERS[0],
    ("the wards' templates overridden", with_templates(
        *(name for name in TEMPLATES if name not in PROVINCE_PAGE), marker="qrdir-test ")),
    *[(f"{name} overridden", with_templates(name, marker="qrdir-test province "))
      for name in sorted(PROVINCE_PAGE)],
    ("no --templates", without_templates),
    ("-o out2", lambda o: replace(o, output="out2")),
]


def write_templates(folder: Path, files: dict[str, str] | None) -> None:
    """Make ``folder`` hold exactly ``files``."""
    shutil.rmtree(folder, ignore_errors=True)
    if files is not None:
        folder.mkdir()
        for name, text in files.items():
            (folder / name).write_text(text, "utf-8")


def build(source: Path, work: Path, options: Options, *cache: str) -> None:
    """``qrdir build`` of ``source`` with ``options`` and the cache options given."""
    jobs = ["-j", "1"] if source.is_dir() else []  # a worker process costs more than a ward
    result = CliRunner().invoke(main, ["build", str(source), *options.arguments(work), *jobs,
                                       *cache])
    assert result.exit_code == 0, result.stderr


def check_every_change(work: Path, source: Path, changes, ledgers: Callable[[Path], dict]):
    """Apply ``changes`` one after another to the build of ``source`` (inside ``work``), each
    rebuild with the shared cache compared to a clean build of a copy of ``work``."""
    cache = ["--cache", str(work.parent / "cache")]
    options = Options()
    build(source, work, options, *cache)
    for number, (name, change) in enumerate(changes):
        before = tree(work / options.output)
        options = change(options)
        write_templates(work / "templates", options.templates)
        twin = shutil.copytree(work, work.parent / f"clean-{number}",
                               ignore=shutil.ignore_patterns("out", "out2"))
        build(source, work, options, *cache)
        build(twin / source.relative_to(work), twin, options, "--no-cache")
        after = tree(work / options.output)
        assert after == tree(twin / options.output), name
        assert ledgers(work) == ledgers(twin), name
        if name != "-o out2":  # the same content in another folder
            assert after != before, f"{name}: the change did not show"
        for template, marker in options.markers.items():
            shown_in = province_page_or_any(work / options.output, source.is_dir(), template)
            assert any(marker.encode() in page.read_bytes() for page in shown_in), template


def province_page_or_any(output: Path, province: bool, template: str) -> list[Path]:
    """The pages a template's change must show in: the province's own page for those it is
    made of, else any page."""
    if province and template in PROVINCE_PAGE:
        return [output / "index.html"]
    return list(output.rglob("*.html"))


@pytest.fixture
def dated(monkeypatch):
    """A build date that does not move at midnight, for builds a test compares."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796083200")


def with_earlier_base_url(ledger: Path, copy: Path) -> None:
    """A copy of ``ledger`` under which the ward was first published at another address."""
    data = json.loads(ledger.read_text("utf-8"))
    data["base_urls"].insert(0, "https://cu.longhoa.example.vn/")
    copy.write_text(json.dumps(data, ensure_ascii=False, indent=2), "utf-8")


def test_every_option_and_template_reaches_a_wards_output_through_the_cache(tmp_path, dated):
    work = tmp_path / "ward"
    work.mkdir()
    registry = work / "sites.yaml"
    registry.write_text(REGISTRY.format(name="Phường Long Hoa",
                                        base_url="https://longhoa.example.vn/"), "utf-8")

    def other_ledger(options: Options) -> Options:  # it shows: redirects.txt appears
        with_earlier_base_url(work / "qrdir.lock", work / "other.lock")
        return replace(options, lock="other.lock")

    changes = [(name, change or other_ledger) for name, change in WARD_CHANGES]
    check_every_change(work, registry, changes,
                       lambda folder: {p.name: p.read_bytes() for p in folder.glob("*.lock")})
    assert (work / "out2" / "redirects.txt").is_file()


def test_every_option_and_template_reaches_a_provinces_output_through_the_cache(tmp_path,
                                                                              dated):
    work = tmp_path / "province"
    wards = work / "wards"
    wards.mkdir(parents=True)
    for stem, name in (("long-hoa", "Phường Long Hoa"), ("thanh-dien", "Xã Thanh Điền")):
        (wards / f"{stem}.yaml").write_text(
            REGISTRY.format(name=name, base_url=f"https://tayninh.example.vn/{stem}/"), "utf-8")
    check_every_change(work, wards, PROVINCE_CHANGES,
                       lambda folder: {p.name: p.read_bytes()
                                       for p in (folder / "wards").glob("*.lock")})
