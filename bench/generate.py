"""A deterministic generator of realistic province data for the benchmarks.

    python bench/generate.py --sites 10000 --wards 500 --out /tmp/province [--hugo /tmp/hugo]

writes ``--wards`` ward registries (``<stem>.yaml``, each with ``base_url``
``https://tayninh.example.vn/<stem>/``) holding ``--sites`` sites in all: every kind, Vietnamese
names with marks (a few typed in NFD), phones in the styles people write, 0–8 contacts, opening
hours, services, notes and former names. ``--hugo`` also writes a Hugo site with one content
page per site carrying the same fields, for the comparison in ``bench/run.py``. The same
arguments always give the same bytes (a seeded generator, no clock).
"""

from __future__ import annotations

import argparse
import json
import random
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from slugify import slugify

BASE = "https://tayninh.example.vn/"
PLACES = ("Long Hoa", "Hoà Thành", "Thanh Điền", "Trường Hoà", "Ninh Thạnh", "Tân Ninh",
          "Bình Minh", "Hiệp Ninh", "Gò Dầu", "Phước Thạnh", "Trảng Bàng", "Lộc Hưng",
          "Bến Cầu", "Long Thuận", "Châu Thành", "Hảo Đước", "Dương Minh Châu", "Suối Đá",
          "Tân Biên", "Thạnh Bình", "Tân Châu", "Suối Ngô", "Cầu Khởi", "Truông Mít")
FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Hoàng", "Võ", "Phan", "Trương", "Bùi",
          "Đặng", "Đỗ", "Ngô", "Hồ", "Dương", "Lý")
MIDDLE = ("Văn", "Thị", "Minh", "Ngọc", "Hoàng", "Thanh", "Quốc", "Thị Kim", "Đức")
GIVEN = ("An", "Bình", "Cường", "Dũng", "Hà", "Hạnh", "Hùng", "Lan", "Linh", "Mai", "Nam",
         "Phúc", "Quang", "Tâm", "Thảo", "Trung", "Tuấn", "Uyên", "Vy", "Yến", "Hường", "Lợi")
MOBILE = ("032", "033", "034", "035", "036", "037", "038", "039", "070", "076", "077", "078",
          "079", "081", "082", "083", "084", "085", "086", "088", "090", "091", "093",
          "094", "096", "097", "098")
# (kind, id stem, name pattern, roles of the people to call)
SITE_TYPES = (
    ("ward_office", "ubnd", "UBND {ward}", ("Chủ tịch UBND", "Phó Chủ tịch UBND")),
    ("one_stop", "mot-cua", "Bộ phận Một cửa {ward}", ("Công chức Tư pháp - Hộ tịch",)),
    ("party_office", "dang-uy", "Đảng uỷ {ward}", ("Bí thư Đảng uỷ",)),
    ("mass_org", "mttq", "Ủy ban MTTQ Việt Nam {ward}", ("Chủ tịch Ủy ban MTTQ",
                                                        "Chủ tịch Hội Phụ nữ")),
    ("police", "cong-an", "Công an {ward}", ("Trưởng Công an", "Cán bộ trực ban")),
    ("military", "quan-su", "Ban Chỉ huy Quân sự {ward}", ("Chỉ huy trưởng",)),
    ("health_station", "tram-y-te", "Trạm Y tế {ward}", ("Trạm trưởng",)),
    ("quarter_office", "kp", "Văn phòng khu phố {n}", ("Trưởng khu phố", "Bí thư Chi bộ",
                                                      "Công an khu vực")),
    ("school", "truong", "Trường Tiểu học {place}", ("Hiệu trưởng",)),
    ("culture", "van-hoa", "Nhà văn hoá {place}", ("Quản lý",)),
    ("post_office", "buu-dien", "Bưu điện văn hoá {place}", ("Trưởng bưu cục",)),
    ("other", "ho-tro", "Điểm hỗ trợ dịch vụ công {place}", ("Tổ công nghệ số cộng đồng",)),
)
SERVICES = ("Chứng thực bản sao", "Đăng ký khai sinh, khai tử", "Xác nhận cư trú",
            "Hướng dẫn dịch vụ công trực tuyến", "Tiêm chủng mở rộng", "Cấp căn cước",
            "Khám chữa bệnh bảo hiểm y tế", "Nhận và trả kết quả thủ tục hành chính")
HOURS = (
    {"mon-fri": "07:00-11:30, 13:30-17:00", "sat": "07:00-11:00", "sun": "closed"},
    {"mon-fri": "07:00-11:30, 13:00-17:00"},
    {"mon-sun": "00:00-24:00"},
    {"tue-sun": "06:00-21:00"},
    {"mon-sat": "07:00-11:30, 13:30-17:30"},
)


@dataclass
class Ward:
    """One generated ward: its file stem, name and site records."""

    stem: str
    name: str
    sites: list[dict] = field(default_factory=list)


def phone(rng: random.Random, mobile: bool = True) -> str:
    """A valid Vietnamese number, written in one of the styles people use."""
    if not mobile:
        digits = "0276" + "3" + "".join(rng.choice("0123456789") for _ in range(6))
        return rng.choice((f"{digits[:4]} {digits[4:8]} {digits[8:]}",
                           f"({digits[:4]}) {digits[4:8]} {digits[8:]}", digits))
    digits = rng.choice(MOBILE) + "".join(rng.choice("0123456789") for _ in range(7))
    return rng.choice((f"{digits[:4]} {digits[4:7]} {digits[7:]}",
                       f"{digits[:4]}.{digits[4:7]}.{digits[7:]}",
                       f"+84 {digits[1:4]} {digits[4:7]} {digits[7:]}", digits))


def person(rng: random.Random) -> str:
    return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


def make_wards(sites: int, wards: int, seed: int = 2026) -> list[Ward]:
    """The province: ``sites`` sites spread evenly over ``wards`` wards."""
    rng = random.Random(seed)
    result = []
    for index in range(wards):
        place = PLACES[index % len(PLACES)]
        number = index // len(PLACES)
        kind_word = "Phường" if index % 3 else "Xã"
        name = f"{kind_word} {place}" + (f" {number + 1}" if number else "")
        stem = slugify(name)
        count = sites // wards + (1 if index < sites % wards else 0)
        result.append(Ward(stem, name, [_site(rng, name, i) for i in range(count)]))
    return result


def _site(rng: random.Random, ward: str, index: int) -> dict:
    kind, id_stem, pattern, roles = SITE_TYPES[index % len(SITE_TYPES)]
    round_ = index // len(SITE_TYPES)
    in_ward = ward.replace("Phường", "phường").replace("Xã", "xã")
    name = pattern.format(ward=in_ward, n=round_ + 1, place=rng.choice(PLACES))
    if round_ and kind != "quarter_office":
        name += f" (cơ sở {round_ + 1})"
    if rng.random() < 0.05:
        name = unicodedata.normalize("NFD", name)  # typed with combining marks
    site = {
        "id": f"{id_stem}-{round_ + 1}" if kind == "quarter_office" or round_ else id_stem,
        "name": name,
        "kind": kind,
        "address": f"Số {rng.randint(1, 300)} đường {rng.choice(PLACES)}, khu phố "
                   f"{rng.randint(1, 9)}, {in_ward}",
        "location": f"{rng.uniform(10.9, 11.6):.5f}, {rng.uniform(105.8, 106.4):.5f}",
    }
    if rng.random() < 0.7:
        site["phone"] = phone(rng, mobile=False)
    if rng.random() < 0.8:
        site["hours"] = rng.choice(HOURS)
    site["contacts"] = [
        {"role": roles[i % len(roles)], "name": person(rng), "phone": phone(rng),
         "zalo": rng.random() < 0.6}
        for i in range(rng.randint(0, 8))
    ]
    if rng.random() < 0.5:
        site["services"] = rng.sample(SERVICES, rng.randint(1, 4))
    if rng.random() < 0.3:
        site["note"] = "Mang theo căn cước công dân khi đến làm thủ tục."
    if rng.random() < 0.2:
        site["formerly"] = [name.replace("Long", "Long Thành", 1) + " (cũ)"]
    return site


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def registry_text(ward: Ward) -> str:
    """The ward's ``sites.yaml``."""
    lines = [
        "directory:",
        f"  name: {_q(ward.name)}",
        '  region: "Tỉnh Tây Ninh"',
        f"  base_url: {BASE}{ward.stem}/",
        f"  publisher: {_q('Đoàn Thanh niên ' + ward.name.lower())}",
        "  updated: 2026-11-28",
        "  hotlines:",
        '    - {label: "Công an", phone: "113"}',
        '    - {label: "Cấp cứu", phone: "115"}',
        "sites:",
    ]
    for site in ward.sites:
        lines += [f"  - id: {site['id']}", f"    name: {_q(site['name'])}",
                  f"    kind: {site['kind']}", f"    address: {_q(site['address'])}",
                  f"    location: {_q(site['location'])}"]
        if "phone" in site:
            lines.append(f"    phone: {_q(site['phone'])}")
        if "hours" in site:
            lines.append("    hours:")
            lines += [f"      {days}: {_q(value)}" for days, value in site["hours"].items()]
        if site["contacts"]:
            lines.append("    contacts:")
            for contact in site["contacts"]:
                lines += [f"      - role: {_q(contact['role'])}",
                          f"        name: {_q(contact['name'])}",
                          f"        phone: {_q(contact['phone'])}",
                          f"        zalo: {'có' if contact['zalo'] else 'không'}"]
        for key in ("services", "formerly"):
            if key in site:
                lines.append(f"    {key}:")
                lines += [f"      - {_q(value)}" for value in site[key]]
        if "note" in site:
            lines.append(f"    note: {_q(site['note'])}")
    return "\n".join(lines) + "\n"


def write_registries(wards: list[Ward], out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for ward in wards:
        (out / f"{ward.stem}.yaml").write_text(registry_text(ward), encoding="utf-8")


def write_hugo(wards: list[Ward], out: Path) -> None:
    """A Hugo site with the same pages: one content file per site, comparable templates."""
    templates = Path(__file__).parent / "hugo"
    for source in templates.rglob("*"):
        if source.is_file():
            target = out / source.relative_to(templates)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(source.read_bytes())
    for ward in wards:
        folder = out / "content" / ward.stem
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "_index.md").write_text(
            json.dumps({"title": ward.name}, ensure_ascii=False) + "\n", encoding="utf-8")
        for site in ward.sites:
            front = {"title": site["name"], "ward": ward.name, **site,
                     "name": unicodedata.normalize("NFC", site["name"])}
            (folder / f"{site['id']}.md").write_text(
                json.dumps(front, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sites", type=int, required=True)
    parser.add_argument("--wards", type=int, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--hugo", type=Path)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    wards = make_wards(args.sites, args.wards, args.seed)
    write_registries(wards, args.out)
    if args.hugo:
        write_hugo(wards, args.hugo)


if __name__ == "__main__":
    main()
