"""What a poster prints is defined once (qrdir.posters.printed): the posters' bytes, the glyph check
and the advice to reprint all follow that one definition, field by field."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import pytest

from qrdir.build import changes
from qrdir.posters import render
from qrdir.posters.printed import PRINTED_DIRECTORY_FIELDS, PRINTED_SITE_FIELDS, printed_registry
from qrdir.registry.model import Contact, Directory, Hotline, Position, Retired, Site
from qrdir.registry.phones import parse_phone
from qrdir.web import opendata
from tests.conftest import make_registry, make_site

# A different value for every field a person edits (the id and base_url move the URL: the
# code changes, which qrdir.build.changes reports on its own).
SITE_EDITS = {
    "name": "UBND phường Long Hoa",
    "kind": "one_stop",
    "address": "Số 2 đường Phạm Hùng",
    "location": Position(11.3, 106.14),
    "map_url": "https://maps.example.vn/ubnd",
    "phone": parse_phone("0276 3841 999"),
    "email": "ubnd@longhoa.example.vn",
    "website": "https://longhoa.example.vn/",
    "hours": (),
    "contacts": (Contact("Chủ tịch", "Lê Văn Ba", parse_phone("0913 000 111")),),
    "services": ("Đăng ký kết hôn",),
    "note": "Nghỉ trưa 11:30–13:30.",
    "formerly": ("UBND xã Long Thành",),
    "verified": dt.date(2026, 11, 29),
}
DIRECTORY_EDITS = {
    "name": "Phường Long Hoa",
    "region": "Tỉnh Tây Ninh",
    "publisher": "Đoàn Thanh niên phường Long Hoa",
    "language": "en",
    "hotlines": (Hotline("Công an", parse_phone("113")),),
    "formerly": ("Phường Long Thành Bắc",),
}


def test_every_editable_field_is_either_printed_or_page_only():
    site_fields = {f.name for f in dataclasses.fields(make_site())}
    assert set(SITE_EDITS) | {"id", "url", "line", "updated", "printed_updated"} == site_fields
    assert set(PRINTED_SITE_FIELDS) - {"id"} <= set(SITE_EDITS)
    assert set(PRINTED_DIRECTORY_FIELDS) - {"base_url"} <= set(DIRECTORY_EDITS)


def outcome(before, after) -> tuple[bool, bool]:
    """(the A4 posters' bytes changed, the change report advises a reprint)."""
    def poster_bytes(registry):
        return render.render_posters(printed_registry(registry), ["a4"])

    old = json.loads(opendata.sites_json(before))
    new = json.loads(opendata.sites_json(after))
    advised = changes._reprint_posters(["ubnd"], old, new, {s["id"]: s for s in old["sites"]},
                                       {s["id"]: s for s in new["sites"]})
    return poster_bytes(before) != poster_bytes(after), bool(advised)


@pytest.mark.parametrize("field", sorted(SITE_EDITS))
def test_a_site_field_reaches_the_poster_exactly_when_a_reprint_is_advised(field):
    before = make_registry(make_site())
    after = make_registry(make_site(**{field: SITE_EDITS[field]}))
    printed = field in PRINTED_SITE_FIELDS
    assert outcome(before, after) == (printed, printed)


@pytest.mark.parametrize("field", sorted(DIRECTORY_EDITS))
def test_a_directory_field_reaches_the_posters_exactly_when_a_reprint_is_advised(field):
    before = make_registry(make_site())
    after = make_registry(make_site(), **{field: DIRECTORY_EDITS[field]})
    printed = field in PRINTED_DIRECTORY_FIELDS
    assert outcome(before, after) == (printed, printed)


def test_a_letter_the_font_lacks_in_a_former_name_is_a_build_error():
    registry = make_registry(make_site(formerly=("Trạm ☃ cũ",)))
    with pytest.raises(render.BuildError) as raised:
        render.render_posters(printed_registry(registry), ["a4"])
    assert [p.args["char"] for p in raised.value.problems] == ["☃"]


@pytest.mark.parametrize("field", sorted(SITE_EDITS))
def test_the_printed_view_changes_exactly_with_a_printed_site_field(field):
    # The posters' cache key is made of this view: a page-only edit must leave it (and so every
    # poster) as it was; a printed one must not.
    before = make_registry(make_site())
    after = make_registry(make_site(**{field: SITE_EDITS[field]}))
    assert (printed_registry(before) != printed_registry(after)) == (field in PRINTED_SITE_FIELDS)


@pytest.mark.parametrize("field", sorted(DIRECTORY_EDITS))
def test_the_printed_view_changes_exactly_with_a_printed_directory_field(field):
    before = make_registry(make_site())
    after = make_registry(make_site(), **{field: DIRECTORY_EDITS[field]})
    printed = field in PRINTED_DIRECTORY_FIELDS
    assert (printed_registry(before) != printed_registry(after)) == printed


def test_retiring_an_id_leaves_the_printed_view_alone():
    registry = make_registry(make_site())
    retired = dataclasses.replace(registry, retired=(Retired("kp-cu", closed="Đã đóng"),))
    assert printed_registry(retired) == printed_registry(registry)


def test_the_printed_view_is_the_site_as_if_only_its_printed_fields_were_given():
    # No renderer can put a page-only field on paper: in this view each one holds what a
    # registry that never gave it holds (a required address, empty text).
    site = make_site(printed_updated=dt.date(2026, 11, 30))
    shown = printed_registry(make_registry(site))
    kept = ("id", "name", "kind", "url", "phone", "formerly", "line", "printed_updated")
    assert shown.sites == (Site(address="", **{name: getattr(site, name) for name in kept}),)
    directory = make_registry(site).directory
    assert shown.directory == Directory(
        updated=dt.date(2026, 11, 30),  # the latest date a poster's printed text changed
        **{name: getattr(directory, name) for name in PRINTED_DIRECTORY_FIELDS})


@pytest.mark.parametrize("edit", [
    {"publisher": "Đoàn Thanh niên ☃"},
    {"hotlines": (Hotline("Cứu hoả ☃", parse_phone("114")),)},
    {"formerly": ("Phường ☃ cũ",)},
])
def test_a_letter_the_font_lacks_in_the_directorys_printed_text_is_a_build_error(edit):
    registry = make_registry(make_site(), **edit)
    with pytest.raises(render.BuildError) as raised:
        render.render_posters(printed_registry(registry), ["a4"])
    assert [p.args["char"] for p in raised.value.problems] == ["☃"]
