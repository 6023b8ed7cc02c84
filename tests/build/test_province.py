"""Province builds: a folder of wards, built in parallel, incrementally, byte for byte."""

from __future__ import annotations

import json
import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from qrdir.build.incremental import BuildCache
from qrdir.build.kill_points import ENVIRONMENT_VARIABLE, INTERRUPT_VARIABLE
from qrdir.build.province import build_province
from qrdir.cli import main
from tests.build.test_publish import (
    INTERRUPTED_AFTER_PUBLISHING,
    ctrl_c_as_at_a_terminal,
    qrdir_env,
    tree,
)
from tests.conftest import EXAMPLE_REGISTRY, REPO, SERVABLE, modes_under
from tests.test_cli import BAD_EPOCH, everything_under, run_qrdir

WARDS = {"long-hoa": "Phường Long Hoa", "hoa-thanh": "Phường Hoà Thành",
         "thanh-dien": "Xã Thanh Điền"}


def make_wards(folder: Path, sites: int | None = None) -> Path:
    """Three wards made from the example registry (its first ``sites`` sites, or all of them)."""
    wards = folder / "wards"
    wards.mkdir(parents=True)
    example = EXAMPLE_REGISTRY.read_text("utf-8")
    if sites is not None:
        head, *entries = example.split("\nretired:")[0].split("\n  - id: ")
        example = "\n  - id: ".join([head, *entries[:sites]]) + "\n"
    for stem, name in WARDS.items():
        text = example.replace("https://longhoa.example.vn/", f"https://tayninh.example.vn/{stem}/")
        (wards / f"{stem}.yaml").write_text(text.replace("name: Phường Long Hoa", f"name: {name}"),
                                            "utf-8")
    return wards


@pytest.fixture
def wards(tmp_path) -> Path:
    return make_wards(tmp_path)


def test_each_ward_gets_its_folder_ledger_and_posters(wards, tmp_path):
    result = build_province(wards, tmp_path / "out", jobs=2)
    assert result.sites == 45 and len(result.wards) == 3
    for stem in WARDS:
        assert (tmp_path / "out" / stem / "tram-y-te" / "index.html").is_file()
        assert (tmp_path / "out" / stem / "posters" / "all-a4.pdf").is_file()
        assert json.loads((wards / f"{stem}.lock").read_text("utf-8"))["base_urls"] == [
            f"https://tayninh.example.vn/{stem}/"]


def test_province_page_lists_every_ward_and_indexes_every_site(wards, tmp_path):
    build_province(wards, tmp_path / "out")
    page = BeautifulSoup((tmp_path / "out" / "index.html").read_text("utf-8"), "html5lib")
    links = {a["href"]: a.get_text() for a in page.select("a.name")}
    assert links == {f"{stem}/index.html": name for stem, name in WARDS.items()}
    shard = json.loads((tmp_path / "out" / "search" / "tr.json").read_text("utf-8"))
    assert ["thanh-dien", "tram-y-te", "Trạm Y tế phường Long Hoa", "Xã Thanh Điền"] in [
        row[:4] for row in shard]
    assert len((tmp_path / "out" / "index.html").read_bytes()) < 30_000


def test_a_templates_folder_overrides_the_province_page_too(tmp_path):
    wards, templates = make_wards(tmp_path, sites=2), tmp_path / "templates"
    templates.mkdir()
    build = ["build", str(wards), "-o", str(tmp_path / "out"), "--templates", str(templates)]
    assert CliRunner().invoke(main, build).exit_code == 0
    builtin = (REPO / "templates" / "province.html").read_text("utf-8")
    (templates / "province.html").write_text(builtin.replace(
        "{% block body %}\n", '{% block body %}\n<p class="notice">Trang đang thử nghiệm</p>\n'),
        "utf-8")
    result = CliRunner().invoke(main, build)  # the cache of the first build is still there
    assert result.exit_code == 0, result.stderr
    page = BeautifulSoup((tmp_path / "out" / "index.html").read_text("utf-8"), "html5lib")
    assert [p.get_text() for p in page.select("p.notice")] == ["Trang đang thử nghiệm"]
    assert page.select("a.name")  # the rest of the page as before
    clean = CliRunner().invoke(main, ["build", str(wards), "-o", str(tmp_path / "clean"),
                                      "--templates", str(templates), "--no-cache"])
    assert clean.exit_code == 0 and tree(tmp_path / "clean") == tree(tmp_path / "out")


# Names a registry may hold that would break a page if they reached it unescaped.
HOSTILE_WARD = 'Phường <script>alert("x")</script> Cổ'
HOSTILE_FORMERLY = "Xã &lt;b&gt; 'Mới' & Cũ"
HOSTILE_REGION = 'Tỉnh "Tây" <Ninh> & Co'
HOSTILE_SITE = "UBND <img src=x onerror=alert(1)> \"Hoà\" & &amp;"


def test_hostile_ward_and_site_names_reach_the_province_pages_as_text(tmp_path):
    wards = make_wards(tmp_path, sites=2)
    # JSON strings are YAML double-quoted strings. The region is every ward's, so the
    # province page's title too.
    every_ward = [("region: Tỉnh Tây Ninh", f"region: {json.dumps(HOSTILE_REGION)}"),
                  ("name: UBND phường Long Hoa", f"name: {json.dumps(HOSTILE_SITE)}")]
    long_hoa = [("name: Phường Long Hoa", f"name: {json.dumps(HOSTILE_WARD)}"),
                ("- Phường Long Thành Bắc, thị xã Hoà Thành", f"- {json.dumps(HOSTILE_FORMERLY)}")]
    for registry in wards.glob("*.yaml"):
        text = registry.read_text("utf-8")
        for old, new in every_ward + (long_hoa if registry.stem == "long-hoa" else []):
            assert old in text
            text = text.replace(old, new, 1)
        registry.write_text(text, "utf-8")
    build_province(wards, tmp_path / "out", cache=BuildCache(None))
    page = BeautifulSoup((tmp_path / "out" / "index.html").read_bytes(), "html5lib")
    assert page.h1.get_text() == HOSTILE_REGION
    assert page.title.get_text().startswith(HOSTILE_REGION + " – ")
    long_hoa = page.find("a", href="long-hoa/index.html").find_parent("li")
    assert long_hoa.select_one("a.name").get_text() == HOSTILE_WARD
    assert long_hoa["data-s"] == (
        'phuong <script>alert("x")</script> co xa &lt;b&gt; \'moi\' & cu')
    assert f"{HOSTILE_FORMERLY})" in long_hoa.get_text()
    assert f"{HOSTILE_REGION} · 2 " in long_hoa.get_text()
    assert len(page.find_all("script")) == 1 and not page.find_all("img")  # the search only
    rows = [row for shard in (tmp_path / "out" / "search").glob("*.json")
            for row in json.loads(shard.read_text("utf-8"))]
    assert {row[2] for row in rows if row[1] == "ubnd"} == {HOSTILE_SITE}
    assert {row[3] for row in rows if row[0] == "long-hoa"} == {HOSTILE_WARD}


def test_a_ward_whose_base_url_does_not_match_its_folder_stops_everything(wards, tmp_path):
    registry = wards / "hoa-thanh.yaml"
    registry.write_text(registry.read_text("utf-8").replace("/hoa-thanh/", "/hoathanh/"), "utf-8")
    result = CliRunner().invoke(main, ["build", str(wards), "-o", str(tmp_path / "out")],
                                env={"QRDIR_LANG": "en"})
    assert result.exit_code == 1
    assert result.stderr == (
        f'{registry}:8:13: error: base_url "https://tayninh.example.vn/hoathanh/" must end with '
        '"/hoa-thanh/": this ward\'s pages live in the province\'s hoa-thanh/ folder\n'
        f"nothing was built: nothing was written to {tmp_path / 'out'}\n")
    assert not (tmp_path / "out").exists()
    assert not list(wards.glob("*.lock"))


@pytest.mark.parametrize("updated", [True, False], ids=["updated", "no-updated"])
def test_a_province_built_with_a_bad_source_date_epoch_is_wrong_usage(tmp_path, updated):
    wards = make_wards(tmp_path, sites=3)
    if not updated:
        for registry in wards.glob("*.yaml"):
            text = registry.read_text("utf-8")
            registry.write_text(text.replace("\n  updated: 2026-11-28\n", "\n"), "utf-8")
    before = everything_under(tmp_path)
    result = run_qrdir("build", "wards", "-o", "out", "-j", "2", cwd=tmp_path,
                       SOURCE_DATE_EPOCH="abc")
    assert (result.returncode, result.stderr, result.stdout) == (2, BAD_EPOCH, "")
    assert everything_under(tmp_path) == before


def test_a_ward_registry_gone_missing_stops_a_parallel_build_as_wrong_usage(tmp_path):
    """The worker's usage error reaches the command line as one, after the others staged."""
    wards = make_wards(tmp_path, sites=3)
    (wards / "long-xuan.yaml").symlink_to(tmp_path / "unmounted-share" / "long-xuan.yaml")
    result = run_qrdir("build", "wards", "-o", "out", "-j", "2", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == 'file "wards/long-xuan.yaml" not found; check the name and folder\n'
    assert not (tmp_path / "out").exists()  # the three wards staged were discarded
    assert not list(wards.glob("*.lock"))


def test_problems_of_wards_built_in_parallel_are_reported_together(wards, tmp_path):
    for stem in ("hoa-thanh", "thanh-dien"):
        registry = wards / f"{stem}.yaml"
        text = registry.read_text("utf-8")
        registry.write_text(text.replace("phone: 0913 456 789", "phone: 0913 45", 1), "utf-8")
    result = run_qrdir("build", str(wards), "-o", str(tmp_path / "out"), "-j", "2",
                       cwd=tmp_path)
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if ": error: " in line]
    assert [line.split(":")[0] for line in errors] == [
        str(wards / "hoa-thanh.yaml"), str(wards / "thanh-dien.yaml")]
    assert all('phone "0913 45"' in line for line in errors)
    assert not (tmp_path / "out").exists()
    assert not list(wards.glob("*.lock"))


def test_parallel_build_is_identical_to_a_serial_one(wards, tmp_path):
    build_province(wards, tmp_path / "serial", jobs=1)
    for lock in wards.glob("*.lock"):
        lock.unlink()
    build_province(wards, tmp_path / "parallel", jobs=2)
    assert tree(tmp_path / "serial") == tree(tmp_path / "parallel")


def test_a_province_is_the_same_bytes_from_any_process_hash_seed_or_cache(tmp_path):
    """Three processes with three hash seeds: serially with a cache, again into a new folder
    from what the first one cached, and in parallel without a cache; one set of bytes."""
    wards = make_wards(tmp_path / "cached", sites=3)
    shutil.copytree(wards, tmp_path / "clean" / "wards")
    cache = ["--cache", str(tmp_path / "cache")]
    runs = [("1", wards, tmp_path / "cached" / "out", "-j", "1", *cache),
            ("2", wards, tmp_path / "cached" / "again", "-j", "1", *cache),
            ("3", tmp_path / "clean" / "wards", tmp_path / "clean" / "out", "-j", "2",
             "--no-cache")]
    for seed, folder, output, *options in runs:
        subprocess.run([sys.executable, "-m", "qrdir", "build", str(folder), "-o", str(output),
                        *options], check=True, capture_output=True,
                       env={**qrdir_env(), "PYTHONHASHSEED": seed})
    first = tree(tmp_path / "cached" / "out")
    assert first == tree(tmp_path / "cached" / "again") == tree(tmp_path / "clean" / "out")
    assert len(first) > 40
    assert ({p.name: p.read_bytes() for p in wards.glob("*.lock")}
            == {p.name: p.read_bytes() for p in (tmp_path / "clean" / "wards").glob("*.lock")})


def test_a_province_built_under_a_private_umask_is_servable_as_built(tmp_path, private_umask):
    wards = make_wards(tmp_path, sites=3)
    result = CliRunner().invoke(main, ["build", str(wards), "-o", str(tmp_path / "out"),
                                       "-j", "2"])
    assert result.exit_code == 0, result.stderr
    assert modes_under(tmp_path / "out") == SERVABLE
    assert {oct(lock.stat().st_mode & 0o777) for lock in wards.glob("*.lock")} == {"0o644"}


def test_a_province_an_older_qrdir_left_unreadable_is_servable_after_the_next_build(tmp_path):
    wards = make_wards(tmp_path, sites=3)
    build_province(wards, tmp_path / "out", jobs=1)
    out = tmp_path / "out"
    shard = min((out / "search").glob("*.json"))
    for path, mode in ((shard, 0o600), (out / "search", 0o700), (out / "index.html", 0o600),
                       (out / "long-hoa", 0o700)):
        path.chmod(mode)  # what an older qrdir left: mkstemp's and mkdtemp's private modes
    build_province(wards, out, jobs=1, cache=BuildCache(None))
    assert modes_under(out) == SERVABLE


def test_a_province_folder_a_team_shares_stays_group_writable(tmp_path):
    wards = make_wards(tmp_path, sites=3)
    (tmp_path / "out").mkdir()
    (tmp_path / "out").chmod(0o2775)  # the province's IT staff publish from it together
    build_province(wards, tmp_path / "out", jobs=1)
    assert oct((tmp_path / "out").stat().st_mode & 0o7777) == "0o2775"


@pytest.mark.parametrize(("variable", "stopped_with"), [
    (ENVIRONMENT_VARIABLE, -signal.SIGKILL),
    (INTERRUPT_VARIABLE, 130),  # Ctrl-C: and the person is told the output changed
])
def test_a_province_stopped_between_wards_leaves_each_ward_old_or_new(tmp_path, variable,
                                                                      stopped_with):
    """A kill or Ctrl-C after the first ward is swapped in: it is new, the others and the
    province page are old, every ward whole; the next build finishes the job."""
    old_wards = make_wards(tmp_path / "old", sites=2)
    command = [sys.executable, "-m", "qrdir", "build", "-j", "1", "--no-cache"]
    subprocess.run([*command, str(old_wards), "-o", str(tmp_path / "old" / "out")], env=qrdir_env(),
                   check=True, capture_output=True)
    wards = shutil.copytree(old_wards, tmp_path / "wards")
    for registry in wards.glob("*.yaml"):  # a new name for every ward: every page changes
        text = re.sub(r"(?m)^  name: (.*)$", r"  name: \1 mới", registry.read_text("utf-8"),
                      count=1)
        registry.write_text(text, "utf-8")
    new_wards = shutil.copytree(wards, tmp_path / "new" / "wards")
    subprocess.run([*command, str(new_wards), "-o", str(tmp_path / "new" / "out")], env=qrdir_env(),
                   check=True, capture_output=True)
    old, new = tree(tmp_path / "old" / "out"), tree(tmp_path / "new" / "out")
    shutil.copytree(tmp_path / "old" / "out", tmp_path / "out")
    killed = subprocess.run([*command, str(wards), "-o", str(tmp_path / "out")],
                            env={**qrdir_env(), "QRDIR_LANG": "en", variable: "between-wards"},
                            capture_output=True, text=True, preexec_fn=ctrl_c_as_at_a_terminal)
    assert killed.returncode == stopped_with, killed.stderr
    if stopped_with == 130:
        assert killed.stderr == INTERRUPTED_AFTER_PUBLISHING
    first = sorted(WARDS)[0]  # wards are published in file-name order
    expected = {path: digest for path, digest in old.items()
                if not path.startswith(f"{first}/")}
    expected.update({path: digest for path, digest in new.items() if path.startswith(f"{first}/")})
    # The wards not yet swapped in leave their staged folders, hidden, until the next build.
    served = {path: digest for path, digest in tree(tmp_path / "out").items()
              if not path.startswith(".")}
    assert served == expected and expected not in (old, new)
    finished = subprocess.run([*command, str(wards), "-o", str(tmp_path / "out")], env=qrdir_env(),
                              capture_output=True)
    assert finished.returncode == 0, finished.stderr
    assert tree(tmp_path / "out") == new


@pytest.mark.parametrize(("variable", "stopped_with"), [
    (ENVIRONMENT_VARIABLE, -signal.SIGKILL),
    (INTERRUPT_VARIABLE, 130),
])
def test_a_province_stopped_while_publishing_its_own_pages_leaves_them_old_or_new(
        tmp_path, variable, stopped_with):
    """The province pages go through the ward's publishing path: staged and flushed first, so
    a kill or Ctrl-C once every ward is published leaves the old province pages whole (the
    search shards included) beside the new wards, and the next build finishes the job."""
    command = [sys.executable, "-m", "qrdir", "build", "-j", "1", "--no-cache"]
    wards = make_wards(tmp_path, sites=2)
    subprocess.run([*command, str(wards), "-o", str(tmp_path / "out")], env=qrdir_env(),
                   check=True, capture_output=True)
    old = tree(tmp_path / "out")
    for registry in wards.glob("*.yaml"):  # a new site name in every ward: new search shards
        registry.write_text(registry.read_text("utf-8").replace(
            "name: UBND phường Long Hoa\n", "name: UBND phường Long Hoa Đông\n"), "utf-8")
    clean = shutil.copytree(wards, tmp_path / "clean" / "wards")
    subprocess.run([*command, str(clean), "-o", str(tmp_path / "clean" / "out")],
                   env=qrdir_env(), check=True, capture_output=True)
    new = tree(tmp_path / "clean" / "out")
    killed = subprocess.run([*command, str(wards), "-o", str(tmp_path / "out")],
                            env={**qrdir_env(), "QRDIR_LANG": "en", variable: "beside-staged"},
                            capture_output=True, text=True, preexec_fn=ctrl_c_as_at_a_terminal)
    assert killed.returncode == stopped_with, killed.stderr
    if stopped_with == 130:
        assert killed.stderr == INTERRUPTED_AFTER_PUBLISHING
    def own(path: str) -> bool:  # the province's own files, beside the ward folders
        return "/" not in path or path.startswith("search/")

    assert {p for p in new if own(p)} != {p for p in old if own(p)}  # new search shards
    expected = {**{p: d for p, d in old.items() if own(p)},
                **{p: d for p, d in new.items() if not own(p)}}
    # The staged province pages stay, hidden, until the next build.
    served = {p: d for p, d in tree(tmp_path / "out").items() if not p.startswith(".")}
    assert served == expected
    finished = subprocess.run([*command, str(wards), "-o", str(tmp_path / "out")],
                              env=qrdir_env(), capture_output=True)
    assert finished.returncode == 0, finished.stderr
    assert tree(tmp_path / "out") == new


EDITS = st.lists(st.tuples(st.sampled_from(sorted(WARDS)),
                           st.sampled_from(["phone", "name", "add", "hours", "none"])),
                 min_size=1, max_size=3)


@settings(max_examples=4, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(edits=EDITS)
@example(edits=[("long-hoa", "add"), ("thanh-dien", "phone")])  # every run adds a site
def test_incremental_rebuild_equals_a_clean_build(tmp_path_factory, edits):
    folder = tmp_path_factory.mktemp("province")
    wards = make_wards(folder, sites=14)
    cache = BuildCache(folder / "cache")
    build_province(wards, folder / "out", cache=cache)
    for stem, edit in edits:
        _edit(wards / f"{stem}.yaml", edit)
    build_province(wards, folder / "out", cache=cache)
    for stem in {stem for stem, edit in edits if edit == "add"}:
        assert (folder / "out" / stem / "moi" / "index.html").is_file()
        assert "moi" in (folder / "out" / "search" / "di.json").read_text("utf-8")
    clean = folder / "clean"
    shutil.copytree(wards, clean / "wards")
    build_province(clean / "wards", clean / "out", cache=BuildCache(None))
    assert tree(folder / "out") == tree(clean / "out")


def test_a_rebuild_stages_only_the_wards_that_changed(tmp_path, monkeypatch):
    """A province rebuild after one ward's edit finds the others unchanged from two files and
    a record each, without a worker (or even a call) to stage them."""
    from qrdir.build import province

    wards = make_wards(tmp_path, sites=2)
    cache = BuildCache(tmp_path / "cache")
    build_province(wards, tmp_path / "out", cache=cache, jobs=1)
    _edit(wards / "long-hoa.yaml", "phone")
    staged = []
    stage_ward = province._stage_ward

    def counted(ward, **options):
        staged.append(ward.stem)
        return stage_ward(ward, **options)

    monkeypatch.setattr(province, "_stage_ward", counted)
    build_province(wards, tmp_path / "out", cache=cache, jobs=1)
    assert staged == ["long-hoa"]
    clean = tmp_path / "clean"
    shutil.copytree(wards, clean / "wards")
    build_province(clean / "wards", clean / "out", cache=BuildCache(None), jobs=1)
    assert tree(tmp_path / "out") == tree(clean / "out")


def _edit(registry: Path, edit: str) -> None:
    text = registry.read_text("utf-8")
    replacements = {
        "phone": ("phone: 0913 456 789", "phone: 0913 456 788"),
        "name": ("name: Văn phòng khu phố Long Thới", "name: Văn phòng khu phố Long Thới mới"),
        "hours": ('mon-sat: "07:00-11:30, 13:30-17:30"', 'mon-fri: "07:00-11:30, 13:30-17:30"'),
        "add": ("\nsites:\n", "\nsites:\n  - {id: moi, name: Điểm mới, kind: other, address: Số 9,"
                              " location: '11.3, 106.1'}\n"),
        "none": ("", ""),
    }
    old, new = replacements[edit]
    if new not in text:  # each edit once: a second "add" would repeat the id
        assert old in text, edit  # an edit that finds nothing to change would test nothing
        registry.write_text(text.replace(old, new, 1), "utf-8")


def test_words_in_most_sites_are_not_shard_keys():
    from qrdir.build.outline import outline_of
    from qrdir.build.province_pages import COMMON_WORD_SITES, search_shards
    from tests.conftest import make_registry, make_site

    sites = [make_site(f"s{i}", name=f"Phường số {i}", formerly=())
             for i in range(COMMON_WORD_SITES + 1)]
    sites.append(make_site("pho", name="Phòng khám", formerly=()))
    shards, common = search_shards([("w", outline_of(make_registry(*sites, formerly=())))])
    assert "phuong" in common and "so" in common
    assert [row[1] for row in shards["ph"]] == ["pho"]  # "phong" and the ward's own name


def test_the_province_root_tells_crawlers_every_wards_sitemap(tmp_path):
    wards = make_wards(tmp_path, sites=2)
    cache = BuildCache(tmp_path / "cache")
    build_province(wards, tmp_path / "out", jobs=1, cache=cache)
    robots = (tmp_path / "out" / "robots.txt").read_text("utf-8")
    sitemaps = sorted(line.removeprefix("Sitemap: ") for line in robots.splitlines()
                      if line.startswith("Sitemap: "))
    expected = sorted(json.loads((ward / "sites.json").read_text("utf-8"))["directory"]["base_url"]
                      + "sitemap.xml" for ward in (tmp_path / "out").iterdir()
                      if (ward / "sites.json").is_file())
    assert sitemaps == expected and len(expected) == len(list(wards.glob("*.yaml")))
    assert "User-agent: *\nAllow: /\n" in robots
    (tmp_path / "out" / "robots.txt").unlink()  # a file removed by hand is written again
    build_province(wards, tmp_path / "out", jobs=1, cache=cache)
    assert (tmp_path / "out" / "robots.txt").read_text("utf-8") == robots
