"""The starter ``qrdir init`` writes is in the forms a ward's clerk writes (registry.md 1.1).

``tests/test_init_serve.py`` checks it as a user meets it (``check`` clean but for the sample
address, ``build``, ``verify``); here, what it says and what it means.
"""

from __future__ import annotations

import datetime as dt

from qrdir.registry.model import KIND_LABELS, KINDS
from qrdir.registry.starter import starter_registry
from qrdir.registry.validate import parse_registry


def test_the_starter_is_written_in_the_clerks_forms_and_reads_as_meant():
    text = starter_registry()
    assert "\n    kind: Uỷ ban nhân dân\n" in text and "\n    kind: Trạm y tế\n" in text
    assert ('\n    hours: "Thứ 2 - Thứ 6: 7:00-11:30, 13:30-17:00; Thứ 7: 7:00-11:00; '
            'Chủ nhật: Nghỉ"\n') in text
    assert "\n    verified: 28/11/2026\n" in text
    assert not any(code in text for code in ("ward_office", "health_station", "mon-fri", "closed"))
    registry, problems = parse_registry(text.encode("utf-8"))
    assert registry is not None, problems
    office, station = registry.sites
    assert (office.kind, station.kind, office.verified) == (
        "ward_office", "health_station", dt.date(2026, 11, 28))
    assert [(day.day, [str(i) for i in day.intervals]) for day in office.hours] == [
        *[(day, ["07:00-11:30", "13:30-17:00"]) for day in ("mon", "tue", "wed", "thu", "fri")],
        ("sat", ["07:00-11:00"]), ("sun", [])]


def test_the_starter_lists_every_kind_by_its_vietnamese_label():
    header = starter_registry().split("\ndirectory:")[0]
    for kind in KINDS:
        assert KIND_LABELS[kind]["vi"] in header, kind
