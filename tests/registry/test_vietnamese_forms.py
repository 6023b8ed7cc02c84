"""registry.md 1.1 "Written the way Vietnamese staff write": every Vietnamese form reads as its
canonical twin, to the same model and the same output bytes."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from qrdir.cli import main
from qrdir.messages import format_problem
from qrdir.registry.validate import parse_registry
from qrdir.registry.vietnamese import (
    days,
    hours_groups,
    iso_date,
    kind_code,
    kind_suggestion,
    missing_colons,
)
from tests.registry.test_reader import HEAD, site_yaml

CANONICAL = """directory:
  name: Phường Long Hoa
  base_url: https://longhoa.example.vn/
  updated: 2026-11-28
sites:
  - id: ubnd
    name: UBND phường Long Hoa
    kind: ward_office
    address: Số 1 đường Phạm Hùng
    location: 11.2991, 106.1372
    verified: 2026-11-20
    hours:
      mon-fri: "07:00-11:30, 13:30-17:00"
      sat: "07:00-11:00"
      sun: closed
  - id: tram-y-te
    name: Trạm Y tế phường Long Hoa
    kind: health_station
    address: Khu phố Long Hải
    location: 11.2995, 106.1380
    verified: 2026-01-05
    hours:
      mon-sun: "00:00-24:00"
  - id: kp-long-hai
    name: Văn phòng khu phố Long Hải
    kind: quarter_office
    address: Khu phố Long Hải
    location: 11.2990, 106.1370
    hours:
      mon-fri: "07:30-11:30"
      sat-sun: closed
"""

VIETNAMESE = """directory:
  name: Phường Long Hoa
  base_url: https://longhoa.example.vn/
  updated: 28/11/2026
sites:
  - id: ubnd
    name: UBND phường Long Hoa
    kind: UBND
    address: Số 1 đường Phạm Hùng
    location: 11.2991, 106.1372
    verified: 20-11-2026
    hours: "Thứ 2 - Thứ 6: 7h-11h30, 13h30-17h; Thứ 7: 7h-11h; Chủ nhật: Nghỉ"
  - id: tram-y-te
    name: Trạm Y tế phường Long Hoa
    kind: tram y te
    address: Khu phố Long Hải
    location: 11.2995, 106.1380
    verified: 5.1.2026
    hours:
      Hàng ngày: 0h–24h
  - id: kp-long-hai
    name: Văn phòng khu phố Long Hải
    kind: Khu phố
    address: Khu phố Long Hải
    location: 11.2990, 106.1370
    hours:
      T2 đến T6: Sáng 7g30 đến 11g30
      Thứ Bảy - CN: Đóng cửa
"""


def test_the_vietnamese_registry_reads_as_its_canonical_twin():
    canonical, problems = parse_registry(CANONICAL.encode())
    assert canonical is not None, problems
    vietnamese, problems = parse_registry(VIETNAMESE.encode())
    assert vietnamese is not None, problems
    # The same records; only the line each site starts on differs (one-line hours are shorter).
    assert replace(vietnamese, sites=_unlined(vietnamese)) == replace(
        canonical, sites=_unlined(canonical))


def _unlined(registry):
    return tuple(replace(site, line=0) for site in registry.sites)


def _build(tmp_path: Path, name: str, text: str) -> dict[str, bytes]:
    folder = tmp_path / name
    folder.mkdir()
    (folder / "sites.yaml").write_text(text, encoding="utf-8")
    result = CliRunner().invoke(
        main, ["build", str(folder / "sites.yaml"), "-o", str(folder / "output"), "--no-cache"],
        env={"SOURCE_DATE_EPOCH": "1795000000", "QRDIR_LANG": "en"})
    assert result.exit_code == 0, result.output
    output = folder / "output"
    return {p.relative_to(output).as_posix(): p.read_bytes()
            for p in sorted(output.rglob("*")) if p.is_file()}


def test_the_vietnamese_registry_builds_the_same_bytes_as_its_canonical_twin(tmp_path):
    canonical = _build(tmp_path, "canonical", CANONICAL)
    vietnamese = _build(tmp_path, "vietnamese", VIETNAMESE)
    assert sorted(vietnamese) == sorted(canonical)
    assert [name for name in canonical if canonical[name] != vietnamese[name]] == []


@pytest.mark.parametrize(("written", "iso"), [
    ("28/11/2026", "2026-11-28"), ("28-11-2026", "2026-11-28"), ("28.11.2026", "2026-11-28"),
    ("5/1/2026", "2026-01-05"), ("05/01/2026", "2026-01-05"),
    ("28/11-2026", None), ("2026/11/28", None), ("28/11/26", None),
])
def test_dates_are_day_first_always(written, iso):
    assert iso_date(written) == iso


@pytest.mark.parametrize(("written", "kind"), [
    ("Trạm y tế", "health_station"), ("TRẠM Y TẾ", "health_station"),
    ("tram y te", "health_station"), ("Uỷ ban nhân dân", "ward_office"),
    ("Ủy ban nhân dân", "ward_office"), ("UBND", "ward_office"), ("Một cửa", "one_stop"),
    ("Khu phố", "quarter_office"), ("Ấp", "quarter_office"), ("Trường", "school"),
    ("Khu phố, ấp", "quarter_office"), ("Văn hoá, thể thao", "culture"),
    ("Văn hóa, thể thao", "culture"), ("Bưu điện", "post_office"), ("Khác", "other"),
    ("Công an", "police"), ("Quân sự", "military"), ("Đảng uỷ", "party_office"),
    ("Mặt trận và đoàn thể", "mass_org"), ("Bộ phận Một cửa", "one_stop"),
    ("Trạm", None),
])
def test_kinds_by_their_vietnamese_label_or_short_form(written, kind):
    assert kind_code(written) == kind


ALL = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@pytest.mark.parametrize(("written", "expected"), [
    ("Thứ Hai", ("mon",)), ("thứ 2", ("mon",)), ("T2", ("mon",)), ("Chủ nhật", ("sun",)),
    ("CN", ("sun",)), ("Thứ Bảy", ("sat",)), ("thu bay", ("sat",)),
    ("Thứ 2 - Thứ 6", ALL[:5]), ("T2-T6", ALL[:5]), ("T2–T6", ALL[:5]),
    ("Thứ Hai đến Thứ Sáu", ALL[:5]), ("T7-CN", ALL[5:]), ("T7 - T2", ("sat", "sun", "mon")),
    ("Hàng ngày", ALL), ("Cả tuần", ALL), ("mon-fri", ALL[:5]),
    ("T8", None), ("T2-T2", None), ("Thứ 2, Thứ 4", None),
])
def test_days_in_vietnamese(written, expected):
    assert days(written) == expected


def test_a_notice_board_line_splits_into_groups():
    assert hours_groups("Thứ 2 - Thứ 6: 7h-11h30, 13h30-17h; Thứ 7: 7h-11h") == [
        ("Thứ 2 - Thứ 6", "7h-11h30, 13h30-17h"), ("Thứ 7", "7h-11h")]
    assert hours_groups("T2-T6: 7h-11h; 13h-17h") == [("T2-T6", "7h-11h, 13h-17h")]
    assert hours_groups("7h-11h") is None


@pytest.mark.parametrize(("line", "expected"), [
    ("Thứ 2 - Thứ 6: 7h-11h30; Thứ 7 7h-11h", [("Thứ 7 7h-11h", "Thứ 7", "7h-11h")]),
    ("T2-T6 7:00-11:30; CN Nghỉ", [("T2-T6 7:00-11:30", "T2-T6", "7:00-11:30"),
                                   ("CN Nghỉ", "CN", "Nghỉ")]),
    ("Hàng ngày 7h-17h", [("Hàng ngày 7h-17h", "Hàng ngày", "7h-17h")]),
    # Not a missing colon: more times for the days before, no days at all, a colon in place.
    ("T2-T6: 7h-11h; 13h-17h", []), ("Sáng 7h-11h", []),
    ("Thứ 2 - Thứ 6: 7:00-11:30, 13:30-17:00; Chủ nhật: Nghỉ", []),
])
def test_a_group_whose_colon_after_the_days_is_missing_is_found(line, expected):
    assert missing_colons(line) == expected


@pytest.mark.parametrize("written", ["07:30-11:30", "7:30-11:30", "7h30-11h30", "7h30 - 11h30",
                                     "7g30 đến 11g30", "7h30–11h30", "Sáng 7h30-11h30",
                                     "từ 7h30 đến 11h30"])
def test_times_in_every_written_form(written):
    registry, problems = parse_registry(
        (HEAD + site_yaml(hours=f'\n      T2: "{written}"')).encode())
    assert registry is not None, problems
    assert str(registry.sites[0].hours[0].intervals[0]) == "07:30-11:30"


@pytest.mark.parametrize(("hours", "line", "col", "message"), [
    ('\n      T2-T6: "7h-11h30, 13h30-12h"', 12, 14,
     'interval "13h30-12h" in T2-T6 is not valid: closing must come after opening, within '
     "00:00-24:00"),
    ('\n      Thứ Tám: 7h-11h', 12, 7,
     'day "Thứ Tám" in hours is not valid; use Thứ 2 … Thứ 7, Chủ nhật (or T2 … T7, CN; '
     "mon … sun) or a range like Thứ 2 - Thứ 6"),
    ('\n      T2-T6: 7h-11h\n      Thứ 2: Nghỉ', 13, 7,
     'day "Thứ Hai (mon)" in hours already has hours on line 12; give each day once'),
    ('"Thứ 2 - Thứ 6 7h-11h"', 11, 12,
     'the opening hours "Thứ 2 - Thứ 6 7h-11h" lack the colon after "Thứ 2 - Thứ 6"; the times '
     'are fine, write: "Thứ 2 - Thứ 6: 7h-11h"'),
    ('"Sáng 7h-11h"', 11, 12,
     'opening hours hours: "Sáng 7h-11h" cannot be read; write each group of days as '
     '"days: times", separated by semicolons, e.g. "Thứ 2 - Thứ 6: 7h-11h30, 13h30-17h; '
     'Thứ 7: 7h-11h"'),
])
def test_a_bad_vietnamese_value_is_reported_at_its_line(hours, line, col, message):
    _, problems = parse_registry((HEAD + site_yaml(hours=hours)).encode())
    assert [format_problem(p, "en") for p in problems] == [
        f"sites.yaml:{line}:{col}: error: {message}"]


def test_a_vietnamese_date_is_a_date():
    registry, _ = parse_registry((HEAD + site_yaml(verified="20/11/2026")).encode())
    assert registry.sites[0].verified == dt.date(2026, 11, 20)


@pytest.mark.parametrize(("written", "expected"), [
    ("healthstation", "health_station"), ("Trạm ytế", "Trạm y tế"), ("buu dien xa", "Bưu điện"),
    ("hospital", None), ("Trạm xá", None),
])
def test_a_mistyped_kind_is_offered_its_code_or_its_vietnamese_label(written, expected):
    assert kind_suggestion(written) == expected
