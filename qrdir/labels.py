"""Words printed on pages and posters, in Vietnamese and English (not error messages).

Error and warning messages live in :mod:`qrdir.messages`; this catalogue holds the fixed
text that residents read. Renderers look words up with :func:`label`.
"""

from __future__ import annotations

import datetime as dt

from qrdir.model import KIND_LABELS

UI: dict[str, dict[str, str]] = {
    "formerly": {"vi": "trước đây", "en": "formerly"},
    "updated": {"vi": "Cập nhật", "en": "Updated"},
    "verified": {"vi": "Thông tin xác minh ngày", "en": "Details verified on"},
    "scan_prompt": {
        "vi": "Quét mã để xem bản đồ, địa chỉ và số điện thoại",
        "en": "Scan the code for the map, address and phone numbers",
    },
    "hotlines": {"vi": "Đường dây nóng", "en": "Hotlines"},
    "phone": {"vi": "Điện thoại", "en": "Phone"},
    "published_by": {"vi": "Thực hiện", "en": "Published by"},
}

_MONTHS_EN = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)


def label(key: str, lang: str) -> str:
    """The word for ``key`` in ``lang`` ("vi" or "en"); KeyError for an unknown key."""
    return UI[key][lang]


def kind_label(kind: str, lang: str) -> str:
    """The human name of a site kind, e.g. ``health_station`` → "Trạm y tế"."""
    return KIND_LABELS[kind][lang]


def format_date(day: dt.date, lang: str) -> str:
    """A date the way readers of ``lang`` write it: "28/11/2026" or "28 November 2026"."""
    if lang == "vi":
        return f"{day.day:02d}/{day.month:02d}/{day.year}"
    return f"{day.day} {_MONTHS_EN[day.month - 1]} {day.year}"
