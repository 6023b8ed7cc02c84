"""The "Cập nhật" date on pages and posters: the date what each shows last changed.

registry.md 1.1: without ``updated``, each page shows its own site's last-change date, kept in
the ledger; with ``updated`` set before a change, a warning. Dates are Vietnam time, from
``SOURCE_DATE_EPOCH`` when set.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pdfplumber
import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner

from qrdir.build.publish import snapshot
from qrdir.cli import main
from qrdir.errors import UsageError
from qrdir.messages import format_problem
from qrdir.registry import dates
from qrdir.registry.check import check
from qrdir.registry.ledger import Ledger, SiteStamps, Stamp
from tests.build.test_publish import tree
from tests.conftest import EXAMPLE_REGISTRY, make_registry, make_site

REGISTRY = """\
directory:
  name: Phường Long Hoa
  base_url: https://longhoa.example.vn/
{updated}
  hotlines:
    - {{label: Công an phường, phone: "{hotline}"}}
sites:
  - id: ubnd
    name: UBND phường Long Hoa
    kind: ward_office
    address: Số 1 đường Phạm Hùng, phường Long Hoa
    location: 11.2991, 106.1372
    phone: {office_phone}
    contacts:
      - role: Trưởng khu phố
        name: Nguyễn Văn An
        phone: {mobile}
  - id: tram-y-te
    name: Trạm Y tế phường Long Hoa
    kind: health_station
    address: Khu phố Long Trung, phường Long Hoa
    location: 11.30, 106.14
    phone: 0276 3842 115
{retired}"""


def epoch(day: int) -> str:
    """SOURCE_DATE_EPOCH for noon of ``day`` November 2026 in Vietnam."""
    moment = dt.datetime(2026, 11, day, 12, tzinfo=dates.VIETNAM_TIME)
    return str(int(moment.timestamp()))


class Ward:
    """A ward folder built through the command line on a chosen day."""

    def __init__(self, root: Path):
        self.root = root
        self.registry = root / "sites.yaml"
        self.output = root / "output"

    def write(self, updated: str = "", office_phone: str = "0276 3841 234",
              mobile: str = "0913 456 789", hotline: str = "113", retired: str = "") -> None:
        self.registry.write_text(REGISTRY.format(
            updated=updated, office_phone=office_phone, mobile=mobile, hotline=hotline,
            retired=retired), encoding="utf-8")

    def build(self, day: int, *args: str):
        result = CliRunner().invoke(
            main, ["build", str(self.registry), "-o", str(self.output), *args],
            env={"QRDIR_LANG": "en", "SOURCE_DATE_EPOCH": epoch(day)})
        assert result.exit_code == 0, result.output
        return result

    def shown_date(self, page: str) -> str:
        soup = BeautifulSoup((self.output / page).read_text("utf-8"), "html5lib")
        footer = next(p.get_text() for p in soup.find_all("p") if "Cập nhật" in p.get_text())
        return footer.split(":", 1)[1].strip()

    def poster_text(self, site_id: str) -> str:
        with pdfplumber.open(self.output / "posters" / f"{site_id}.pdf") as pdf:
            return pdf.pages[0].extract_text()


@pytest.fixture
def ward(tmp_path) -> Ward:
    return Ward(tmp_path)


def test_a_phone_changed_on_the_30th_shows_the_30th_on_its_page_only(ward):
    ward.write()
    ward.build(28)
    ward.write(mobile="0913 999 999")
    ward.build(30)
    assert ward.shown_date("ubnd/index.html") == "30/11/2026"
    assert ward.shown_date("tram-y-te/index.html") == "28/11/2026"
    assert ward.shown_date("index.html") == "30/11/2026"
    sitemap = (ward.output / "sitemap.xml").read_text("utf-8")
    assert "<loc>https://longhoa.example.vn/ubnd/</loc><lastmod>2026-11-30</lastmod>" in sitemap
    assert ("<loc>https://longhoa.example.vn/tram-y-te/</loc><lastmod>2026-11-28</lastmod>"
            in sitemap)


def test_a_contact_phone_change_leaves_the_poster_and_its_date_alone(ward):
    ward.write()
    ward.build(28)
    poster = (ward.output / "posters" / "ubnd.pdf").read_bytes()
    ward.write(mobile="0913 999 999")
    ward.build(30)
    assert (ward.output / "posters" / "ubnd.pdf").read_bytes() == poster
    assert "Cập nhật 28/11/2026" in ward.poster_text("ubnd")


def test_a_main_phone_change_dates_the_poster_too(ward):
    ward.write()
    ward.build(28)
    ward.write(office_phone="0276 3841 999")
    ward.build(30)
    assert "Cập nhật 30/11/2026" in ward.poster_text("ubnd")
    assert "Cập nhật 28/11/2026" in ward.poster_text("tram-y-te")


def test_rebuilding_another_day_without_edits_changes_no_file(ward):
    ward.write()
    ward.build(28)
    before = snapshot(ward.output)
    lock = (ward.root / "qrdir.lock").read_bytes()
    ward.build(30)
    ward.build(30, "--no-cache")
    assert (ward.root / "qrdir.lock").read_bytes() == lock
    assert ward.shown_date("ubnd/index.html") == "28/11/2026"
    assert {path: size for path, (size, _) in snapshot(ward.output).items()} == {
        path: size for path, (size, _) in before.items()}


def test_the_same_registry_and_ledger_give_the_same_bytes_on_any_day(ward, tmp_path):
    ward.write()
    ward.build(28)
    ward.write(mobile="0913 999 999")
    ward.build(30)
    copy = Ward(tmp_path / "copy")
    copy.root.mkdir()
    for name in ("sites.yaml", "qrdir.lock"):
        (copy.root / name).write_bytes((ward.root / name).read_bytes())
    copy.build(5, "--no-cache")  # another day, another machine: the ledger decides the dates
    for path in sorted(ward.output.rglob("*")):
        if path.is_file():
            assert (copy.output / path.relative_to(ward.output)).read_bytes() == \
                path.read_bytes(), path


def test_updated_before_a_change_warns_at_its_line_and_pages_keep_it(ward):
    ward.write(updated="  updated: 2026-11-28")
    first = ward.build(28)
    assert "warning" not in first.stderr
    ward.write(updated="  updated: 2026-11-28", mobile="0913 999 999")
    result = ward.build(30)
    assert (f"{ward.registry}:4:12: warning: updated: 2026-11-28 is older than the latest "
            "change (2026-11-30: ubnd), so pages show a wrong date; delete the updated line so "
            "each page shows the date it changed, or set it to 2026-11-30") in result.stderr
    assert ward.shown_date("ubnd/index.html") == "28/11/2026"
    check = CliRunner().invoke(main, ["check", str(ward.registry), "-o", str(ward.output)],
                               env={"QRDIR_LANG": "en", "SOURCE_DATE_EPOCH": epoch(30)})
    assert "4:12: warning: updated: 2026-11-28 is older" in check.stderr


def test_updated_set_as_the_warning_advises_shows_at_the_next_build(ward, tmp_path):
    """Only ``updated`` changes then: the ledger does not record it, the pages show it."""
    ward.write(updated="  updated: 2026-11-28", mobile="0913 999 999")
    ward.build(28)
    ward.write(updated="  updated: 2026-11-28")
    assert "warning: updated: 2026-11-28 is older" in ward.build(30).stderr
    ward.write(updated="  updated: 2026-11-30")
    assert "warning" not in ward.build(30).stderr
    assert ward.shown_date("ubnd/index.html") == ward.shown_date("index.html") == "30/11/2026"
    assert "Cập nhật 30/11/2026" in ward.poster_text("tram-y-te")
    clean = Ward(tmp_path / "clean")
    clean.root.mkdir()
    for name in ("sites.yaml", "qrdir.lock"):
        (clean.root / name).write_bytes((ward.root / name).read_bytes())
    clean.build(30, "--no-cache")
    assert tree(clean.output) == tree(ward.output)


def test_a_warning_names_the_registry_as_typed_also_when_nothing_is_rebuilt(ward, monkeypatch):
    ward.write(updated="  updated: 2026-11-28")
    ward.build(28)
    ward.write(updated="  updated: 2026-11-28", mobile="0913 999 999")
    monkeypatch.chdir(ward.root)
    for typed in ("sites.yaml", str(ward.registry), "sites.yaml"):
        result = CliRunner().invoke(main, ["build", typed, "-o", "output"],
                                    env={"QRDIR_LANG": "en", "SOURCE_DATE_EPOCH": epoch(30)})
        assert result.exit_code == 0, result.output
        assert result.stderr.startswith(f"{typed}:4:12: warning: updated: 2026-11-28 is older")


def test_a_ledger_from_before_dates_were_kept_is_upgraded_without_changing_pages(ward):
    ward.write(updated="  updated: 2026-11-28")
    old_ledger = {"version": 1, "comment": "", "base_urls": ["https://longhoa.example.vn/"],
                  "ids": {"ubnd": "2026-11-20", "tram-y-te": "2026-11-20"}}
    (ward.root / "qrdir.lock").write_text(json.dumps(old_ledger), encoding="utf-8")
    result = ward.build(30)
    assert "warning" not in result.stderr  # nothing changed since the registry's date
    ledger = json.loads((ward.root / "qrdir.lock").read_text("utf-8"))
    assert ledger["version"] == 2
    assert ledger["ids"] == old_ledger["ids"]
    assert ledger["changed"]["ubnd"]["page"].startswith("2026-11-28 ")
    assert ledger["directory_changed"].startswith("2026-11-28 ")


def test_the_ledger_keeps_one_line_per_site(ward):
    ward.write()
    ward.build(28)
    lines = (ward.root / "qrdir.lock").read_text("utf-8").splitlines()
    stamps = [line for line in lines if '"page":' in line]
    assert len(stamps) == 2 and all('"poster": "2026-11-28 ' in line for line in stamps)


def test_source_date_epoch_is_read_in_vietnam_time(monkeypatch):
    # 2026-11-27 17:30 UTC is already 2026-11-28 00:30 in Vietnam (UTC+7).
    moment = dt.datetime(2026, 11, 27, 17, 30, tzinfo=dt.UTC)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(moment.timestamp())))
    assert dates.today() == dt.date(2026, 11, 28)


def test_a_source_date_epoch_that_is_not_a_number_is_wrong_usage(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "abc")
    with pytest.raises(UsageError) as raised:
        dates.today()
    assert raised.value.code == "bad_source_date_epoch"


def test_a_hotline_change_dates_every_page_and_every_poster(ward):
    # The hotlines are on every page and every poster: all of them changed on the 30th.
    ward.write()
    ward.build(28)
    ward.write(hotline="0276 3822 113")
    ward.build(30)
    for page in ("index.html", "ubnd/index.html", "tram-y-te/index.html"):
        assert ward.shown_date(page) == "30/11/2026", page
    for site_id in ("ubnd", "tram-y-te"):
        assert "Cập nhật 30/11/2026" in ward.poster_text(site_id)


def test_a_closed_sites_new_reason_dates_its_page(ward):
    ward.write(retired="retired:\n  - {id: kp-cu, closed: Đã sáp nhập}\n")
    ward.build(28)
    ward.write(retired="retired:\n  - {id: kp-cu, closed: Đã sáp nhập vào khu phố Long Trung}\n")
    ward.build(30)
    assert ward.shown_date("kp-cu/index.html") == "30/11/2026"
    assert ward.shown_date("ubnd/index.html") == "28/11/2026"


def test_moving_the_updated_date_alone_records_no_change(ward):
    # Only the dates shown move; the ledger's record of what changed when stays as it was, so
    # deleting the updated line later shows each page's true date.
    ward.write(updated="  updated: 2026-11-28")
    ward.build(28)
    lock = (ward.root / "qrdir.lock").read_bytes()
    ward.write(updated="  updated: 2026-11-30")
    ward.build(30)
    assert (ward.root / "qrdir.lock").read_bytes() == lock


def test_the_example_wards_committed_ledger_still_holds(tmp_path):
    # qrdir.lock beside the example registry was written by an earlier build. If the digests
    # were computed differently (another JSON layout, key order, escaping), every ward upgrading
    # qrdir would see every page re-dated to the day of the upgrade.
    checked = check(EXAMPLE_REGISTRY)
    assert checked.next_ledger == checked.ledger, "sites.yaml changed: rebuild to update qrdir.lock"


def test_a_stale_updated_names_five_changed_sites_then_an_ellipsis():
    sites = [make_site(f"kp-{n}") for n in range(1, 8)]
    registry = make_registry(*sites, updated=dt.date(2026, 11, 28))
    stamp = Stamp("2026-11-30", "0" * 12)
    ledger = Ledger(changed={s.id: SiteStamps(stamp, stamp) for s in sites[:6]})
    text = "directory:\n  updated: 2026-11-28\n"
    (problem,) = dates.stale_updated(registry, ledger, text)
    assert format_problem(problem, "en").startswith(
        f"{registry.source}:2:12: warning: updated: 2026-11-28 is older than the latest change "
        "(2026-11-30: kp-1, kp-2, kp-3, kp-4, kp-5, …), so pages show a wrong date")
    five = Ledger(changed={s.id: SiteStamps(stamp, stamp) for s in sites[:5]})
    (problem,) = dates.stale_updated(registry, five, text)
    assert "(2026-11-30: kp-1, kp-2, kp-3, kp-4, kp-5), so" in format_problem(problem, "en")


@pytest.mark.parametrize(("text", "where"), [
    # A registry that starts with a blank line: the updated line is still found.
    ("\ndirectory:\n  name: Phường Long Hoa\n  updated: 2026-11-28\n", "4:12"),
    # A directory written on one line, YAML's flow style: no line of its own to point at, so
    # the file's first line, as for every problem without a better position (registry.md).
    ("directory: {name: Phường Long Hoa, updated: 2026-11-28}\n", "1:1"),
])
def test_a_stale_updated_is_pointed_at_wherever_it_is_written(text, where):
    registry = make_registry(make_site(), updated=dt.date(2026, 11, 28))
    stamp = Stamp("2026-11-30", "0" * 12)
    (problem,) = dates.stale_updated(registry, Ledger(changed={"ubnd": SiteStamps(stamp, stamp)}),
                                     text)
    assert format_problem(problem, "en").startswith(f"{registry.source}:{where}: warning: ")


def test_without_source_date_epoch_a_change_is_dated_in_vietnam_time(monkeypatch):
    # A server kept on UTC, 17:30 on the 27th: in Vietnam it is already 00:30 on the 28th.
    moment = dt.datetime(2026, 11, 27, 17, 30, tzinfo=dt.UTC)

    class ClockOnUtc(dt.datetime):
        @classmethod
        def now(cls, tz=None):
            return moment.astimezone(tz) if tz is not None else moment.replace(tzinfo=None)

    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    monkeypatch.setattr(dates.dt, "datetime", ClockOnUtc)
    assert dates.today() == dt.date(2026, 11, 28)


def test_a_source_date_epoch_that_is_not_a_number_is_quoted_back(ward):
    ward.write()
    result = CliRunner().invoke(main, ["build", str(ward.registry), "-o", str(ward.output)],
                                env={"QRDIR_LANG": "en", "SOURCE_DATE_EPOCH": "28/11/2026"})
    assert result.exit_code == 2
    assert ('the SOURCE_DATE_EPOCH="28/11/2026" environment variable must be seconds since 1970'
            in result.stderr)


def test_a_site_added_under_an_old_updated_is_dated_the_day_it_was_added(ward):
    ward.write(updated="  updated: 2026-11-28")
    ward.build(28)
    text = ward.registry.read_text("utf-8") + (
        "  - id: nha-van-hoa\n    name: Nhà văn hoá phường Long Hoa\n    kind: culture\n"
        "    address: Khu phố Long Trung\n    location: 11.30, 106.14\n")
    ward.registry.write_text(text, "utf-8")
    added = ward.build(30)
    assert "warning: updated: 2026-11-28 is older than the latest change (2026-11-30: " \
           "nha-van-hoa)" in added.stderr
    ward.registry.write_text(text.replace("  updated: 2026-11-28\n", ""), "utf-8")
    ward.build(30)
    assert ward.shown_date("nha-van-hoa/index.html") == "30/11/2026"
    assert ward.shown_date("ubnd/index.html") == "28/11/2026"
