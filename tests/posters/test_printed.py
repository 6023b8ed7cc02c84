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
from qrdir.registry.model import Contact, Hotline, Position
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
