"""Registries for the page tests: a large realistic site, a 30-site ward, hostile text."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from qrdir.registry.model import Contact, DayHours, Hotline, Interval, Registry, Retired, Site
from qrdir.registry.phones import parse_phone
from tests.conftest import make_registry, make_site

# A name of 90 characters, as long as real ones get ("Trung tâm ... và ...").
LONG_NAME = (
    "Trung tâm Văn hoá, Thể thao và Học tập cộng đồng phường Long Hoa, ở khu phố Long Trung mới"
)
assert len(LONG_NAME) == 90

ROLES = (
    "Chủ tịch UBND phường", "Phó Chủ tịch UBND phường", "Công chức Văn hoá - Xã hội",
    "Công chức Tư pháp - Hộ tịch", "Trưởng khu phố Long Trung", "Trưởng khu phố Long Hải",
    "Bí thư Đoàn phường", "Cán bộ trực ban",
)
NAMES = (
    "Nguyễn Văn An", "Trần Thị Bích Ngọc", "Lê Hoàng Phúc", "Phạm Thị Thu Hà",
    "Võ Minh Tâm", "Huỳnh Văn Lợi", "Trương Ngọc Hân", "Đặng Thị Mỹ Duyên",
)
MOBILES = (
    "0913 456 789", "0988 123 456", "0903 221 457", "0376 554 219",
    "0918 332 145", "0945 772 031", "0352 608 914", "0397 410 226",
)
OFFICE_DAY = (Interval(420, 690), Interval(810, 1020))


def large_site(site_id: str = "trung-tam-van-hoa"):
    """The heaviest landing page a ward realistically has: 8 contacts, full week, long texts."""
    return make_site(
        site_id,
        name=LONG_NAME,
        kind="culture",
        address="Số 120 đường Nguyễn Văn Linh, khu phố Long Trung, phường Long Hoa, tỉnh Tây Ninh",
        email="vanhoa.longhoa@example.vn",
        website="https://longhoa.example.vn/van-hoa",
        hours=tuple(DayHours(day, OFFICE_DAY) for day in ("mon", "tue", "wed", "thu", "fri"))
        + (DayHours("sat", (Interval(450, 690),)), DayHours("sun", ())),
        contacts=tuple(
            Contact(role, name, parse_phone(number), zalo=index % 2 == 0)
            for index, (role, name, number) in enumerate(zip(ROLES, NAMES, MOBILES, strict=True))
        ),
        services=(
            "Đăng ký sử dụng hội trường cho đám cưới, sinh hoạt khu phố",
            "Lớp học võ thuật, dưỡng sinh, múa cho người cao tuổi",
            "Mượn sách, báo tại thư viện cộng đồng",
            "Hướng dẫn cài đặt và dùng ứng dụng VNeID",
            "Hỗ trợ nộp hồ sơ dịch vụ công trực tuyến",
            "Đăng ký tham gia câu lạc bộ thể dục thể thao",
        ),
        note=(
            "Hội trường mở cửa buổi tối từ 18:00 đến 21:00 khi có lịch sinh hoạt khu phố. "
            "Bà con đăng ký trước ít nhất ba ngày làm việc, mang theo căn cước công dân."
        ),
        formerly=("Nhà văn hoá phường Long Thành Bắc", "Trung tâm Văn hoá thị xã Hoà Thành"),
    )


def registry_of(*sites: Site, retired: tuple[Retired, ...] = (), **directory) -> Registry:
    """A registry around exactly ``sites`` and ``retired`` (conftest's adds a retired "ubnd-cu")."""
    return dataclasses.replace(make_registry(*sites, **directory), retired=retired)


def ward_registry(count: int = 30) -> Registry:
    """A ward of ``count`` sites spread over every kind, each with an address and a phone."""
    kinds = ("ward_office", "one_stop", "police", "health_station", "quarter_office", "school")
    sites = [
        make_site(
            f"site-{index}",
            name=f"Văn phòng khu phố Long Thành Trung số {index}",
            kind=kinds[index % len(kinds)],
            address=f"Số {index} đường Phạm Hùng, khu phố Long Trung, phường Long Hoa",
            phone=parse_phone(f"0913 456 {index:03d}"),
            formerly=(f"Ấp Long Đại {index}",) if index % 3 == 0 else (),
        )
        for index in range(count)
    ]
    return registry_of(*sites)


# Hostile text for every text field: each must come out literally and do nothing.
XSS_PAYLOADS = (
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "'><img src=x onerror=alert(1)>",
    "javascript:alert(1)",
    "</script><script>alert(1)</script>",
    "</title><script>alert(1)</script>",
    "</style><script>alert(1)</script>",
    "</textarea><script>alert(1)</script>",
    "{{7*7}}",
    "{% for x in range(3) %}x{% endfor %}",
    "${7*7} #{7*7}",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<iframe src=javascript:alert(1)></iframe>",
    "<body onload=alert(1)>",
    "<a href=javascript:alert(1)>bấm</a>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<!--<script>alert(1)</script>-->",
    "--><script>alert(1)</script><!--",
    "<![CDATA[<script>alert(1)</script>]]>",
    "\u2028alert(1)\u2029//",
    "';alert(1);//",
    '";alert(1);//',
    '\\";alert(1);//',
    "<link rel=stylesheet href=http://example.com/x.css>",
    "<meta http-equiv=refresh content='0;url=http://example.com/'>",
    "<base href=http://example.com/>",
    "<object data=javascript:alert(1)></object>",
    "<input autofocus onfocus=alert(1)>",
    "<details open ontoggle=alert(1)>",
    "<img src=http://example.com/x.png>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&#60;script&#62;alert(1)&#60;/script&#62;",
    "%3Cscript%3Ealert(1)%3C/script%3E",
    "<scr<script>ipt>alert(1)</script>",
    '" onmouseover="alert(1)" x="',
    "' onfocus='alert(1)' autofocus x='",
    "<video><source onerror=alert(1)></video>",
    "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
    "<template><script>alert(1)</script></template>",
    "`-alert(1)-`",
    "data:text/html,<script>alert(1)</script>",
    "a;b,c\\d:e",
    "Dòng một\nDòng hai\tcó tab",
)


def hostile_registry(payload: str) -> Registry:
    """A registry with ``payload`` in every text field a ward can write."""
    site = make_site(
        "ubnd",
        name=payload,
        address=payload,
        contacts=(Contact(payload, payload, parse_phone("0913 456 789"), zalo=True),),
        services=(payload,),
        note=payload,
        formerly=(payload,),
    )
    no_position = make_site(
        "khu-pho", name=payload + " 2", kind="quarter_office", location=None, map_url=None,
    )
    return registry_of(
        site,
        no_position,
        retired=(Retired("cu", moved_to="ubnd"), Retired("dong", closed=payload)),
        name=payload,
        region=payload,
        publisher=payload,
        formerly=(payload,),
        hotlines=(Hotline(payload, parse_phone("113")),),
    )


def all_hostile_registry(payloads: tuple[str, ...] = XSS_PAYLOADS) -> Registry:
    """Every payload at once: site ``s<i>`` and retired ``dong-<i>`` carry payload ``i`` in
    every field, and the directory's fields carry them all. Odd sites have no position, so
    their names go into a map-search URL instead of a ``geo:`` label."""
    sites = [
        make_site(
            f"s{index}",
            name=payload,
            address=payload,
            contacts=(Contact(payload, payload, parse_phone("0913 456 789"), zalo=True),),
            services=(payload,),
            note=payload,
            formerly=(payload,),
            **({"location": None} if index % 2 else {}),
        )
        for index, payload in enumerate(payloads)
    ]
    closed = [Retired(f"dong-{index}", closed=payload) for index, payload in enumerate(payloads)]
    return registry_of(
        *sites,
        retired=(Retired("cu", moved_to="s0"), *closed),
        name=" ".join(payloads),
        region=" ".join(payloads),
        publisher=" ".join(payloads),
        formerly=payloads,
        hotlines=tuple(Hotline(payload, parse_phone("113")) for payload in payloads),
    )


def write_files(files: dict[str, bytes], folder: Path) -> Path:
    """Write rendered output files under ``folder`` (as publish would) and return it."""
    for name, data in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return folder
