"""Words printed on pages and posters, in Vietnamese and English (not error messages).

Error and warning messages live in :mod:`qrdir.messages`; this catalogue holds the fixed
text that residents read. Renderers look words up with :func:`label`.
"""

from __future__ import annotations

import datetime as dt

from qrdir.registry.model import KIND_LABELS

UI: dict[str, dict[str, str]] = {
    "formerly": {"vi": "trước đây", "en": "formerly"},
    "updated": {"vi": "Cập nhật", "en": "Updated"},
    "verified": {"vi": "Thông tin xác minh ngày", "en": "Details verified on"},
    "scan_prompt": {
        "vi": "Quét mã để xem bản đồ, địa chỉ và số điện thoại",
        "en": "Scan the code for the map, address and phone numbers",
    },
    "directory_scan_prompt": {
        "vi": "Quét mã để xem địa chỉ, bản đồ và số điện thoại của các cơ quan, đơn vị",
        "en": "Scan the code for the address, map and phone number of every office",
    },
    "hotlines": {"vi": "Đường dây nóng", "en": "Hotlines"},
    "phone": {"vi": "Điện thoại", "en": "Phone"},
    "published_by": {"vi": "Thực hiện", "en": "Published by"},
    # Landing pages and the directory (qrdir.web.pages)
    "directory_title": {"vi": "Danh bạ cơ quan, đơn vị", "en": "Directory of public offices"},
    "all_offices": {"vi": "Tất cả cơ quan, đơn vị", "en": "All offices"},
    "search_label": {"vi": "Tìm cơ quan, đơn vị", "en": "Find an office"},
    "search_hint": {
        "vi": "Gõ tên, có dấu hay không dấu đều được",
        "en": "Type a name, with or without accents",
    },
    "no_results": {"vi": "Không tìm thấy cơ quan nào", "en": "No office found"},
    "address": {"vi": "Địa chỉ", "en": "Address"},
    "call": {"vi": "Gọi", "en": "Call"},
    "zalo": {"vi": "Zalo", "en": "Zalo"},
    "directions": {"vi": "Chỉ đường", "en": "Directions"},
    "find_on_map": {"vi": "Tìm trên bản đồ", "en": "Find on the map"},
    "openstreetmap": {"vi": "Xem trên OpenStreetMap", "en": "View on OpenStreetMap"},
    "map_app": {"vi": "Mở ứng dụng bản đồ", "en": "Open in a map app"},
    "save_contacts": {"vi": "Lưu các số vào danh bạ", "en": "Save the numbers to your phone"},
    "contacts": {"vi": "Người liên hệ", "en": "Contacts"},
    "hours": {"vi": "Giờ làm việc", "en": "Opening hours"},
    "hours_closed": {"vi": "Nghỉ", "en": "Closed"},
    "hours_unknown": {"vi": "Chưa có thông tin", "en": "Not known"},
    "hours_all_day": {"vi": "Cả ngày", "en": "All day"},
    "open_now": {"vi": "Đang mở cửa", "en": "Open now"},
    "closed_now": {"vi": "Đã đóng cửa", "en": "Closed now"},
    "open_until": {"vi": "đến", "en": "until"},
    "vietnam_time": {"vi": "giờ Việt Nam", "en": "Vietnam time"},
    "services": {"vi": "Giải quyết các việc", "en": "Services"},
    "note": {"vi": "Lưu ý", "en": "Note"},
    "email": {"vi": "Thư điện tử", "en": "Email"},
    "website": {"vi": "Trang web", "en": "Website"},
    "open_data": {"vi": "Dữ liệu mở (JSON)", "en": "Open data (JSON)"},
    "not_found_title": {"vi": "Không tìm thấy trang này", "en": "Page not found"},
    "not_found_text": {
        "vi": "Địa chỉ này không có trong danh bạ. Có thể mã QR đã cũ hoặc đường dẫn bị gõ sai.",
        "en": "This address is not in the directory. The QR code may be old or the link mistyped.",
    },
    "moved_title": {"vi": "Trang đã chuyển", "en": "This page has moved"},
    "moved_text": {"vi": "Thông tin nay ở trang:", "en": "The details are now on:"},
    "closed_title": {"vi": "Không còn hoạt động tại đây", "en": "No longer here"},
    "province_title": {"vi": "Danh bạ các phường, xã", "en": "Wards and communes"},
    "wards": {"vi": "Các phường, xã", "en": "Wards and communes"},
    "sites_count": {"vi": "địa điểm", "en": "sites"},
    "province_search_label": {"vi": "Tìm cơ quan trong cả tỉnh", "en": "Find an office anywhere"},
    "province_search_hint": {
        "vi": "Gõ tên cơ quan hoặc phường, xã; có dấu hay không dấu đều được",
        "en": "Type an office or ward name, with or without accents",
    },
    "province_search_more": {
        "vi": "Gõ thêm một chữ cụ thể hơn, ví dụ tên phường", "en": "Type a more specific word, such as the ward's name",
    },
    "day_mon": {"vi": "Thứ Hai", "en": "Monday"},
    "day_tue": {"vi": "Thứ Ba", "en": "Tuesday"},
    "day_wed": {"vi": "Thứ Tư", "en": "Wednesday"},
    "day_thu": {"vi": "Thứ Năm", "en": "Thursday"},
    "day_fri": {"vi": "Thứ Sáu", "en": "Friday"},
    "day_sat": {"vi": "Thứ Bảy", "en": "Saturday"},
    "day_sun": {"vi": "Chủ Nhật", "en": "Sunday"},
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
