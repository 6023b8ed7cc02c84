"""Shared fixtures: small registries built straight from the model, and the example registry."""

from __future__ import annotations

import datetime as dt
import os
import stat
from pathlib import Path

import pytest

from qrdir.registry.model import (
    Contact,
    DayHours,
    Directory,
    Hotline,
    Interval,
    Position,
    Registry,
    Retired,
    Site,
)
from qrdir.registry.phones import parse_phone

REPO = Path(__file__).resolve().parent.parent
EXAMPLE_REGISTRY = REPO / "sites.yaml"
# The example's ledger as it was committed before print bundles (no "printed" record), frozen
# here: the repository's own qrdir.lock is rewritten by whoever builds the example, as the
# README's Quick start does, and tests must not depend on whether someone did.
EXAMPLE_LEDGER = Path(__file__).with_name("example.lock")


@pytest.fixture(autouse=True)
def _own_working_folder(tmp_path_factory, monkeypatch):
    """Every test runs in an empty working folder of its own: the defaults (``sites.yaml``,
    ``output/``) must never find the repository's, which the Quick start has just built.

    Not under mutmut (docs/testing.md), which runs the tests in its copy of the repository
    (no output there): a mutated qrdir that a test starts as a process of its own finds
    mutmut's configuration only in that folder.
    """
    if "MUTANT_UNDER_TEST" not in os.environ:
        monkeypatch.chdir(tmp_path_factory.mktemp("cwd"))


def example_registry() -> Registry:
    """The example registry as a build renders it: validated and dated by its ledger."""
    from qrdir.registry.check import check

    return check(EXAMPLE_REGISTRY).registry
BASE_URL = "https://longthanhbac.example.vn/"


def make_site(site_id: str = "ubnd", **fields) -> Site:
    """A plausible site; any field can be overridden."""
    defaults = dict(
        id=site_id,
        name="UBND phường Long Thành Bắc",
        kind="ward_office",
        address="Khu phố Long Trung, phường Long Thành Bắc, thị xã Hoà Thành",
        url=BASE_URL + site_id + "/",
        location=Position(11.2991, 106.1372),
        phone=parse_phone("0276 3841 234"),
        hours=(
            DayHours("mon", (Interval(420, 690), Interval(810, 1020))),
            DayHours("tue", (Interval(420, 690), Interval(810, 1020))),
            DayHours("sat", (Interval(420, 660),)),
            DayHours("sun", ()),
        ),
        contacts=(
            Contact("Chủ tịch UBND phường", "Nguyễn Văn An", parse_phone("0913 456 789"), True),
            Contact("Phó Chủ tịch UBND phường", "Trần Thị Bích", parse_phone("0988 123 456")),
        ),
        services=("Chứng thực bản sao", "Đăng ký khai sinh"),
        note="Tiếp công dân sáng thứ Năm hằng tuần.",
        formerly=("UBND xã Long Thành Bắc",),
        verified=dt.date(2026, 11, 20),
    )
    defaults.update(fields)
    return Site(**defaults)


def make_registry(*sites: Site, **directory_fields) -> Registry:
    """A registry around ``sites`` (one default site when none are given)."""
    directory = dict(
        name="Phường Long Thành Bắc",
        base_url=BASE_URL,
        updated=dt.date(2026, 11, 28),
        region="Thị xã Hoà Thành, tỉnh Tây Ninh",
        publisher="Đoàn Thanh niên phường Long Thành Bắc",
        language="vi",
        hotlines=(Hotline("Công an", parse_phone("113")), Hotline("Cấp cứu", parse_phone("115"))),
        formerly=(),
    )
    directory.update(directory_fields)
    return Registry(
        directory=Directory(**directory),
        sites=sites or (make_site(),),
        retired=(Retired("ubnd-cu", moved_to="ubnd"),),
    )


@pytest.fixture
def registry() -> Registry:
    """A two-site registry built directly from the model."""
    return make_registry(
        make_site(),
        make_site(
            "tram-y-te",
            name="Trạm Y tế phường Long Thành Bắc",
            kind="health_station",
            phone=parse_phone("1900 545481"),
            contacts=(),
            formerly=(),
        ),
    )


@pytest.fixture
def private_umask():
    """The umask of a user who keeps everything private (0077), for the test's duration."""
    previous = os.umask(0o077)
    yield
    os.umask(previous)


def modes_under(folder: Path) -> dict[str, set[str]]:
    """The permission bits found under ``folder`` (itself included), for folders and files."""
    found: dict[str, set[str]] = {"folders": set(), "files": set()}
    for path in [folder, *folder.rglob("*")]:
        found["folders" if path.is_dir() else "files"].add(oct(stat.S_IMODE(path.stat().st_mode)))
    return found


SERVABLE = {"folders": {"0o755"}, "files": {"0o644"}}  # publish.md: servable as built


@pytest.fixture(scope="session")
def hosted_wards():
    """The wards of :mod:`tests.hosted`, built once for the server and Lighthouse tests."""
    from tests.hosted import WARDS, build_ward, remove, shared_folder

    folder = shared_folder("wards")
    try:
        yield {name: build_ward(folder / name, *bases) for name, bases in WARDS.items()}
    finally:
        remove(folder)
