"""The issued-codes ledger: every printed code keeps leading somewhere true (output.md)."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qrdir.build.ward import build
from qrdir.cli import main
from qrdir.errors import RegistryError
from qrdir.messages import format_problem
from qrdir.registry.ledger import Ledger, SiteStamps, Stamp, read_ledger, write_ledger

HEAD = """directory:
  name: Phường Long Hoa
  base_url: {base_url}
  updated: 2026-11-28
"""


def registry_text(sites: dict[str, str], retired: str = "", base_url="https://longhoa.example.vn/"):
    """A registry of ``{id: name}`` sites, with an optional ``retired:`` block."""
    entries = "".join(
        f"  - id: {site_id}\n    name: {name}\n    kind: quarter_office\n"
        f"    address: {name}, phường Long Hoa\n    location: 11.30, 106.13\n"
        for site_id, name in sites.items()
    )
    return HEAD.format(base_url=base_url) + "sites:\n" + entries + (
        "retired:\n" + retired if retired else "")


@pytest.fixture
def ward(tmp_path):
    """A ward folder: write a registry, build it, return the result or the problems."""

    class Ward:
        registry = tmp_path / "sites.yaml"
        output = tmp_path / "output"
        lock = tmp_path / "qrdir.lock"

        def build(self, text: str):
            self.registry.write_text(text, encoding="utf-8")
            return build(self.registry, self.output)

        def cli(self, *args: str):
            return CliRunner().invoke(main, [*args, str(self.registry)],
                                      env={"QRDIR_LANG": "en"})

    return Ward()


def page(output: Path, site_id: str) -> BeautifulSoup:
    return BeautifulSoup((output / site_id / "index.html").read_text("utf-8"), "html5lib")


def test_first_build_records_every_id_and_the_base_url(ward):
    ward.build(registry_text({"kp-1": "Khu phố 1", "kp-2": "Khu phố 2"}))
    data = json.loads(ward.lock.read_text("utf-8"))
    assert data["base_urls"] == ["https://longhoa.example.vn/"]
    assert sorted(data["ids"]) == ["kp-1", "kp-2"]
    assert data["ids"]["kp-1"] == "2026-11-28"


def test_dropping_a_printed_id_fails_and_says_how_to_retire_it(ward):
    ward.build(registry_text({"kp-1": "Khu phố 1", "kp-2": "Khu phố 2"}))
    before = {p: p.read_bytes() for p in ward.output.rglob("*") if p.is_file()}
    ward.registry.write_text(registry_text({"kp-1": "Khu phố 1"}), encoding="utf-8")
    result = ward.cli("build", "-o", str(ward.output), "--lock", str(ward.lock))
    lock_lines = ward.lock.read_text().splitlines()
    line = next(number for number, text in enumerate(lock_lines, 1) if '"kp-2"' in text)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{ward.lock}:{line}:5: error: id \"kp-2\" was published")
    assert "- {id: kp-2, moved_to: NEW-ID}" in result.stderr
    assert "- {id: kp-2, closed: REASON}" in result.stderr
    assert {p: p.read_bytes() for p in ward.output.rglob("*") if p.is_file()} == before
    assert ward.cli("check").exit_code == 1  # check reads the ledger too


def ledger_line(lock: Path, site_id: str) -> int:
    """The line an error about ``site_id`` points at: its entry in the ledger's "ids"."""
    lines = lock.read_text("utf-8").splitlines()
    return next(number for number, text in enumerate(lines, 1) if f'"{site_id}"' in text)


def test_every_dropped_id_is_reported_at_its_own_line(ward):
    ward.build(registry_text({"kp-1": "Khu phố 1", "kp-2": "Khu phố 2", "kp-3": "Khu phố 3"}))
    ward.registry.write_text(registry_text({"kp-2": "Khu phố 2"}), encoding="utf-8")
    result = ward.cli("check")
    located = [f"{ward.lock}:{ledger_line(ward.lock, site_id)}:5: error: id \"{site_id}\" "
               "was published" for site_id in ("kp-1", "kp-3")]
    errors = [line for line in result.stderr.splitlines() if ": error: " in line]
    assert result.exit_code == 1
    assert [line[:len(start)] for line, start in zip(errors, located, strict=True)] == located


def test_rename_forwards_the_old_url(ward):
    ward.build(registry_text({"kp-long-hai-cu": "Khu phố Long Hải"}))
    ward.build(registry_text({"kp-long-hai": "Khu phố Long Hải"},
                             "  - {id: kp-long-hai-cu, moved_to: kp-long-hai}\n"))
    old = page(ward.output, "kp-long-hai-cu")
    refresh = old.find("meta", attrs={"http-equiv": "refresh"})["content"]
    assert refresh == "0; url=../kp-long-hai/index.html"
    assert old.find("link", rel="canonical")["href"] == "https://longhoa.example.vn/kp-long-hai/"
    assert any("kp-long-hai/" in a["href"] for a in old.find_all("a"))
    assert (ward.output / "kp-long-hai" / "index.html").is_file()


def test_merge_forwards_both_old_urls(ward):
    ward.build(registry_text({"tram-a": "Trạm Y tế A", "tram-b": "Trạm Y tế B"}))
    ward.build(registry_text({"tram-y-te": "Trạm Y tế phường Long Hoa"},
                             "  - {id: tram-a, moved_to: tram-y-te}\n"
                             "  - {id: tram-b, moved_to: tram-y-te}\n"))
    for old_id in ("tram-a", "tram-b"):
        canonical = page(ward.output, old_id).find("link", rel="canonical")["href"]
        assert canonical == "https://longhoa.example.vn/tram-y-te/"


def test_closed_site_says_so_and_links_to_the_directory(ward):
    ward.build(registry_text({"kp-1": "Khu phố 1", "kp-2": "Khu phố 2"}))
    ward.build(registry_text({"kp-1": "Khu phố 1"},
                             "  - {id: kp-2, closed: Đã sáp nhập vào khu phố 1}\n"))
    closed = page(ward.output, "kp-2")
    assert "Đã sáp nhập vào khu phố 1" in closed.get_text()
    assert any(a["href"] == "../index.html" for a in closed.find_all("a"))


def test_base_url_change_is_announced_and_redirects_written(ward):
    ward.build(registry_text({"kp-1": "Khu phố 1"}))
    ward.registry.write_text(registry_text({"kp-1": "Khu phố 1"},
                                           base_url="https://qr.longhoa.example.vn/"), "utf-8")
    result = ward.cli("build", "-o", str(ward.output))
    assert result.exit_code == 0
    assert "warning: base_url changed from https://longhoa.example.vn/ to " \
           "https://qr.longhoa.example.vn/" in result.stderr
    assert (ward.output / "redirects.txt").read_text("utf-8") == (
        "https://longhoa.example.vn/ https://qr.longhoa.example.vn/\n"
        "https://longhoa.example.vn/kp-1/ https://qr.longhoa.example.vn/kp-1/\n"
    )
    data = json.loads(ward.lock.read_text("utf-8"))
    assert data["base_urls"] == ["https://longhoa.example.vn/", "https://qr.longhoa.example.vn/"]


def test_redirects_forward_moved_and_closed_ids_as_well_as_sites(ward):
    ward.build(registry_text({"kp-1": "Khu phố 1", "kp-2": "Khu phố 2", "kp-3": "Khu phố 3"}))
    retired = "  - {id: kp-2, moved_to: kp-1}\n  - {id: kp-3, closed: Đã sáp nhập}\n"
    ward.build(registry_text({"kp-1": "Khu phố 1"}, retired))
    ward.build(registry_text({"kp-1": "Khu phố 1"}, retired,
                             base_url="https://qr.longhoa.example.vn/"))
    assert (ward.output / "redirects.txt").read_text("utf-8") == (
        "https://longhoa.example.vn/ https://qr.longhoa.example.vn/\n"
        "https://longhoa.example.vn/kp-1/ https://qr.longhoa.example.vn/kp-1/\n"
        "https://longhoa.example.vn/kp-2/ https://qr.longhoa.example.vn/kp-1/\n"
        "https://longhoa.example.vn/kp-3/ https://qr.longhoa.example.vn/kp-3/\n"
    )
    assert (ward.output / "kp-3" / "index.html").is_file()  # where the closed id leads


def tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def served_orphan_line(output: Path, site_id: str) -> str:
    return (f"{output / site_id / 'index.html'}:1:1: error: the page of id \"{site_id}\" is on "
            "the web (its QR code may be printed) but the id is no longer in")


def test_deleting_an_ids_line_from_the_ledger_by_hand_still_protects_its_page(ward):
    ward.build(registry_text({"kp-1": "Khu phố 1", "kp-2": "Khu phố 2"}))
    lines = ward.lock.read_text("utf-8").splitlines(keepends=True)
    ward.lock.write_text("".join(line for line in lines if not line.startswith('    "kp-1": "')),
                         encoding="utf-8")
    ward.registry.write_text(registry_text({"kp-2": "Khu phố 2"}), encoding="utf-8")
    before = tree(ward.output)
    for command in ("check", "build"):
        result = ward.cli(command, "-o", str(ward.output))
        assert result.exit_code == 1, command
        assert result.stderr.startswith(served_orphan_line(ward.output, "kp-1")), command
        assert "- {id: kp-1, moved_to: NEW-ID}" in result.stderr
    assert tree(ward.output) == before


def test_a_lost_ledger_still_protects_every_page_the_output_serves(ward):
    ward.build(registry_text({"kp-1": "Khu phố 1", "kp-2": "Khu phố 2", "kp-3": "Khu phố 3"},
                             ))
    ward.build(registry_text({"kp-1": "Khu phố 1", "kp-2": "Khu phố 2"},
                             "  - {id: kp-3, closed: Đã sáp nhập vào khu phố 2}\n"))
    ward.lock.unlink()
    ward.registry.write_text(registry_text({"kp-1": "Khu phố 1"}), encoding="utf-8")
    before = tree(ward.output)
    result = ward.cli("build", "-o", str(ward.output))
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if ": error: " in line]
    assert [line.split(": error: ")[0] for line in errors] == [
        f"{ward.output / 'kp-2' / 'index.html'}:1:1", f"{ward.output / 'kp-3' / 'index.html'}:1:1"]
    assert tree(ward.output) == before
    assert not ward.lock.exists()


def test_a_page_the_output_serves_is_published_again_when_kept(ward):
    ward.build(registry_text({"kp-1": "Khu phố 1", "kp-2": "Khu phố 2"}))
    ward.lock.unlink()
    result = ward.cli("build", "-o", str(ward.output))
    assert result.exit_code == 0, result.output
    assert sorted(json.loads(ward.lock.read_text("utf-8"))["ids"]) == ["kp-1", "kp-2"]


def test_damaged_ledger_is_a_clear_error(ward):
    ward.build(registry_text({"kp-1": "Khu phố 1"}))
    ward.lock.write_text("{not json", encoding="utf-8")
    result = ward.cli("check")
    assert result.exit_code == 1
    assert result.stderr == (f"the ledger \"{ward.lock}\" is damaged or was edited by hand; "
                             "restore it from where it is kept (e.g. git)\n")


@pytest.mark.parametrize("digest", ["", "A1B2C3D4E5F6", "a1b2c3d4e5f", "a1b2c3d4e5f6a", 12])
def test_a_ledger_whose_printed_record_was_edited_by_hand_is_a_clear_error(ward, digest):
    """A digest in the printed record that is not twelve lower-case hex digits is not one
    qrdir wrote: the ledger is refused as damaged, not read with a digest nothing matches."""
    ward.build(registry_text({"kp-1": "Khu phố 1"}))
    ledger = json.loads(ward.lock.read_text("utf-8"))
    ledger["printed"] = {"kp-1": {"a4": digest}}
    ward.lock.write_text(json.dumps(ledger), encoding="utf-8")
    result = ward.cli("check")
    assert result.exit_code == 1
    assert "is damaged or was edited by hand" in result.stderr


# --- random edit sequences: no issued URL is ever left without a page ---------------------

EDITS = st.lists(st.sampled_from(["add", "rename", "close", "merge", "rename-name"]),
                 min_size=1, max_size=5)


@settings(max_examples=12, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(edits=EDITS)
def test_random_edits_never_orphan_an_issued_url(tmp_path_factory, edits):
    folder = tmp_path_factory.mktemp("edits")
    registry, output = folder / "sites.yaml", folder / "output"
    sites = {"kp-1": "Khu phố 1", "kp-2": "Khu phố 2"}
    retired: list[str] = []
    counter = 3
    issued: set[str] = set()
    for edit in ["start", *edits]:
        if edit == "add":
            sites[f"kp-{counter}"] = f"Khu phố {counter}"
        elif edit == "rename" and sites:
            old_id = next(iter(sites))
            sites[f"kp-{counter}"] = sites.pop(old_id)
            retired.append(f"  - {{id: {old_id}, moved_to: kp-{counter}}}\n")
        elif edit == "close" and len(sites) > 1:
            old_id = next(iter(sites))
            del sites[old_id]
            retired.append(f"  - {{id: {old_id}, closed: Đã đóng cửa}}\n")
        elif edit == "merge" and len(sites) > 1:
            old_id, target = list(sites)[:2]
            del sites[old_id]
            retired.append(f"  - {{id: {old_id}, moved_to: {target}}}\n")
        elif edit == "rename-name":
            first = next(iter(sites))
            sites[first] = sites[first] + " mới"
        counter += 1
        # A moved_to target that was itself retired later must forward to a live site.
        retired = [_retarget(entry, sites) for entry in retired]
        registry.write_text(registry_text(sites, "".join(retired)), encoding="utf-8")
        try:
            build(registry, output)
        except RegistryError as exc:
            pytest.fail("\n".join(format_problem(p, "en") for p in exc.problems))
        issued |= set(json.loads((folder / "qrdir.lock").read_text("utf-8"))["ids"])
        for site_id in issued:
            assert (output / site_id / "index.html").is_file(), (edit, site_id)


def _retarget(entry: str, sites: dict[str, str]) -> str:
    match = re.search(r"moved_to: ([a-z0-9-]+)", entry)
    if match and match[1] not in sites:
        return entry.replace(match[0], f"moved_to: {next(iter(sites))}")
    return entry


# --- where the ledger is, and what it says where ---------------------------------------------


def test_a_ledger_named_with_lock_is_the_one_read_and_written(ward, tmp_path):
    # cli.md --lock: a ward that keeps its ledger elsewhere; the folder of the registry gets none.
    lock = tmp_path / "ward.lock"
    ward.registry.write_text(registry_text({"kp-1": "Khu phố 1", "kp-2": "Khu phố 2"}), "utf-8")
    assert ward.cli("build", "-o", str(ward.output), "--lock", str(lock)).exit_code == 0
    assert sorted(json.loads(lock.read_text("utf-8"))["ids"]) == ["kp-1", "kp-2"]
    assert not ward.lock.exists()
    ward.registry.write_text(registry_text({"kp-1": "Khu phố 1"}), "utf-8")
    result = ward.cli("check", "--lock", str(lock))
    assert result.exit_code == 1
    assert result.stderr.startswith(f'{lock}:9:5: error: id "kp-2" was published')


def lock_line(lock: Path, needle: str) -> int:
    return next(n for n, text in enumerate(lock.read_text("utf-8").splitlines(), 1)
                if needle in text)


def test_a_dropped_id_is_pointed_at_on_its_own_line(ward):
    ward.build(registry_text({"kp-1": "Khu phố 1", "kp-2": "Khu phố 2", "kp-3": "Khu phố 3"}))
    ward.registry.write_text(registry_text({"kp-2": "Khu phố 2", "kp-3": "Khu phố 3"}), "utf-8")
    line = lock_line(ward.lock, '"kp-1": "')
    result = ward.cli("check")
    assert result.stderr.startswith(f'{ward.lock}:{line}:5: error: id "kp-1" was published')


@pytest.mark.parametrize(("edit", "line_of_kp_1"), [
    # A blank line added at the top by hand: the id is still found on its line.
    (lambda text: "\n" + text, lambda lock: lock_line(lock, '"kp-1": "')),
    # Reformatted with a space before each colon, the id is not found as qrdir writes it: the
    # message points at the file rather than at a wrong line.
    (lambda text: text.replace('": ', '" : '), lambda lock: 1),
])
def test_a_dropped_id_in_a_ledger_laid_out_by_hand(ward, edit, line_of_kp_1):
    ward.build(registry_text({"kp-1": "Khu phố 1", "kp-2": "Khu phố 2", "kp-3": "Khu phố 3"}))
    ward.lock.write_text(edit(ward.lock.read_text("utf-8")), encoding="utf-8")
    ward.registry.write_text(registry_text({"kp-2": "Khu phố 2", "kp-3": "Khu phố 3"}), "utf-8")
    result = ward.cli("check")
    assert result.stderr.startswith(f'{ward.lock}:{line_of_kp_1(ward.lock)}:5: error: '
                                    'id "kp-1" was published')


def test_a_changed_base_url_is_announced_at_the_ledgers_base_urls_line(ward):
    ward.build(registry_text({"kp-1": "Khu phố 1"}))
    ward.registry.write_text(registry_text({"kp-1": "Khu phố 1"},
                                           base_url="https://qr.longhoa.example.vn/"), "utf-8")
    line = lock_line(ward.lock, '"base_urls"')
    result = ward.cli("check")
    assert result.stderr.startswith(f"{ward.lock}:{line}:3: warning: base_url changed from "
                                    "https://longhoa.example.vn/ to https://qr.longhoa.example.vn/")


def test_check_without_an_output_folder_looks_at_no_folder(ward, monkeypatch):
    # A page-like folder where check happens to run (an old copy of the output, say) is not the
    # output: without -o, only the ledger says what was issued.
    ward.build(registry_text({"kp-1": "Khu phố 1"}))
    stray = ward.registry.parent / "kp-9"
    stray.mkdir()
    (stray / "index.html").write_text("<p>Khu phố 9</p>", encoding="utf-8")
    monkeypatch.chdir(ward.registry.parent)
    result = ward.cli("check")
    assert result.exit_code == 0, result.stderr
    assert "kp-9" not in result.stderr


# --- redirects.txt after a change of base URL --------------------------------------------------

OLD, NEW = "https://longhoa.example.vn/", "https://qr.longhoa.example.vn/"


def test_redirects_lead_every_printed_url_to_where_its_site_is_now(ward):
    ward.build(registry_text({"kp-1": "Khu phố 1", "kp-2": "Khu phố 2", "kp-3": "Khu phố 3"}))
    ward.build(registry_text({"kp-1": "Khu phố 1", "kp-4": "Khu phố 4"},
                             "  - {id: kp-2, moved_to: kp-1}\n"
                             "  - {id: kp-3, closed: Đã sáp nhập vào khu phố 1}\n",
                             base_url=NEW))
    # A moved id leads to its new site; a closed one to its own page, which says so; kp-4, new
    # today, gets a line too, so redirects.txt does not change when the same registry is rebuilt.
    expected = (f"{OLD} {NEW}\n{OLD}kp-1/ {NEW}kp-1/\n{OLD}kp-2/ {NEW}kp-1/\n"
                f"{OLD}kp-3/ {NEW}kp-3/\n{OLD}kp-4/ {NEW}kp-4/\n")
    assert (ward.output / "redirects.txt").read_text("utf-8") == expected
    ward.build(ward.registry.read_text("utf-8") + "\n")
    assert (ward.output / "redirects.txt").read_text("utf-8") == expected


def test_moving_back_to_an_earlier_base_url_redirects_the_one_in_between(ward):
    ward.build(registry_text({"kp-1": "Khu phố 1"}))
    ward.build(registry_text({"kp-1": "Khu phố 1"}, base_url=NEW))
    ward.build(registry_text({"kp-1": "Khu phố 1"}, base_url=OLD))
    redirects = (ward.output / "redirects.txt").read_text("utf-8")
    assert redirects == f"{NEW} {OLD}\n{NEW}kp-1/ {OLD}kp-1/\n"


# --- the ledger file itself ----------------------------------------------------------------------


def test_the_ledger_file_is_one_id_a_line_with_its_urls_as_typed(tmp_path):
    # output.md: the ward commits qrdir.lock; it must read and diff well, an internationalised
    # base URL as the ward typed it, and a new ward's ledger without sites as an empty record.
    path = tmp_path / "qrdir.lock"
    ledger = Ledger(ids={"tram-y-te": "2026-11-28", "ubnd": "2026-11-20"},
                    base_urls=("https://phường-long-hoa.vn/",))
    write_ledger(ledger, path)
    assert path.read_text("utf-8") == """{
  "version": 2,
  "comment": "qrdir: every code ever published. Commit it with the registry; do not edit.",
  "base_urls": [
    "https://phường-long-hoa.vn/"
  ],
  "ids": {
    "tram-y-te": "2026-11-28",
    "ubnd": "2026-11-20"
  },
  "directory_changed": null,
  "changed": {}
}
"""
    assert read_ledger(path) == ledger


IDS = st.from_regex(r"\A[a-z0-9]{1,6}(-[a-z0-9]{1,6}){0,2}\Z")
DAYS = st.dates().map(dt.date.isoformat)
STAMPS = st.builds(Stamp, DAYS, st.from_regex(r"\A[0-9a-f]{12}\Z"))


@settings(max_examples=50, deadline=None)
@given(ids=st.dictionaries(IDS, DAYS, max_size=4),
       base_urls=st.lists(st.sampled_from(["https://longhoa.example.vn/", "https://qr.vn/",
                                           "https://phường-long-hoa.vn/"]), unique=True),
       changed=st.dictionaries(IDS, st.builds(SiteStamps, STAMPS, STAMPS), max_size=4),
       directory=st.none() | STAMPS)
def test_any_ledger_reads_back_exactly_as_written(tmp_path_factory, ids, base_urls, changed,
                                                  directory):
    path = tmp_path_factory.mktemp("lock") / "qrdir.lock"
    ledger = Ledger(ids, tuple(base_urls), changed, directory)
    write_ledger(ledger, path)
    assert read_ledger(path) == ledger
