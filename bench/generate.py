"""A deterministic generator of realistic Tây Ninh province data for the benchmarks.

    python bench/generate.py --sites 10000 --wards 500 --out /tmp/province [--hugo /tmp/hugo]

writes ``--wards`` ward registries (``<stem>.yaml``, ``base_url``
``https://tayninh.example.vn/<stem>/``, as the province build requires) holding ``--sites`` sites
in all. The data looks like what wards really keep: every kind of registry.md, Vietnamese names
and addresses with their marks (a few typed with combining marks, NFD), phone numbers in every
style registry.md lists, 0–8 contacts with Zalo flags written as people write them, opening hours
with day ranges, services, notes, former names after the 2025 mergers, positions inside Tây Ninh
in the three accepted forms, a few map links, e-mails, websites and verification dates.

``--hugo DIR`` also writes a Hugo site holding the same sites: ``hugo.toml`` and the layouts from
``bench/hugo/``, and one content file per site (``content/<ward>/<id>.md``) whose JSON front
matter carries the same fields, for the comparison in ``bench/run.py``. ``--hugo-plain DIR``
writes the same content with the plain layouts of ``bench/hugo-plain/``, which print the fields
as they are, with no formatting logic (issue 16).

The same arguments always give the same bytes: one seeded ``random.Random``, no clock, no
iteration over unordered collections.
"""

from __future__ import annotations

import argparse
import json
import random
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from slugify import slugify

BASE_URL = "https://tayninh.example.vn/"
UPDATED = "2026-11-28"
HUGO_TEMPLATES = Path(__file__).resolve().parent / "hugo"
HUGO_PLAIN_TEMPLATES = Path(__file__).resolve().parent / "hugo-plain"
# qrdir's own page style, shared with the Hugo pages so both carry the same CSS.
QRDIR_STYLE = Path(__file__).resolve().parents[1] / "templates" / "style.css.html"

# Ward and hamlet names are made of two syllables, as most place names in Tây Ninh are.
FIRST = ("Long", "Tân", "Phước", "Hoà", "Thạnh", "Bình", "An", "Trường", "Hiệp", "Ninh",
         "Lộc", "Thanh", "Gia", "Hảo", "Suối", "Cầu", "Bàu", "Truông", "Đôn", "Mỏ", "Trà",
         "Bến", "Hưng", "Phú")
SECOND = ("Hoa", "Thành", "Điền", "Hưng", "Thuận", "Đông", "Tây", "Bắc", "Hội", "Lợi", "Khánh",
          "Minh", "Châu", "Đước", "Đá", "Ngô", "Khởi", "Mít", "Trung", "Phú", "Vinh", "Bình",
          "Sơn", "Mỹ")
OLD_DISTRICTS = ("thị xã Hoà Thành", "thị xã Trảng Bàng", "huyện Gò Dầu", "huyện Bến Cầu",
                 "huyện Châu Thành", "huyện Dương Minh Châu", "huyện Tân Biên", "huyện Tân Châu",
                 "thành phố Tây Ninh")
STREETS = ("Cách Mạng Tháng Tám", "Nguyễn Văn Linh", "Lý Thường Kiệt", "Trần Hưng Đạo",
           "30 Tháng 4", "Điện Biên Phủ", "Phạm Hùng", "Huỳnh Tấn Phát", "Tôn Đức Thắng",
           "Nguyễn Chí Thanh", "Đường tỉnh 784", "Quốc lộ 22B", "Hoàng Lê Kha", "Võ Thị Sáu",
           "Trưng Nữ Vương", "Lạc Long Quân", "Nguyễn Thái Học", "Bời Lời")
NOTABLES = ("Nguyễn Trãi", "Lê Quý Đôn", "Trần Quốc Toản", "Nguyễn Du", "Võ Thị Sáu",
            "Hoàng Lê Kha", "Nguyễn Thị Định", "Lê Lợi", "Kim Đồng", "Chu Văn An")
FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Hoàng", "Võ", "Phan", "Trương", "Bùi",
          "Đặng", "Đỗ", "Ngô", "Hồ", "Dương", "Lý", "Châu", "Thái")
MIDDLE = ("Văn", "Thị", "Minh", "Ngọc", "Hoàng", "Thanh", "Quốc", "Thị Kim", "Đức", "Hữu",
          "Thị Mỹ", "Công")
GIVEN = ("An", "Bình", "Cường", "Dũng", "Hà", "Hạnh", "Hùng", "Lan", "Linh", "Mai", "Nam",
         "Phúc", "Quang", "Tâm", "Thảo", "Trung", "Tuấn", "Uyên", "Vy", "Yến", "Hường", "Lợi",
         "Khoa", "Nhung", "Sơn", "Thuỷ", "Ánh", "Đạt", "Ước", "Oanh")
MOBILE_PREFIXES = ("032", "033", "034", "035", "036", "037", "038", "039", "070", "076", "077",
                   "078", "079", "081", "082", "083", "084", "085", "086", "088", "090",
                   "091", "093", "094", "096", "097", "098")
# Who else answers the phone, after the roles particular to a kind of office.
STAFF_ROLES = ("Cán bộ tiếp dân", "Văn thư", "Kế toán", "Thường trực", "Cán bộ phụ trách",
               "Công chức Văn hoá - Xã hội", "Bảo vệ")
# How people write a true Zalo flag, and a false one (registry.md "Contacts").
ZALO_YES = ("true", "yes", "có", "Có")
ZALO_NO = ("false", "no", "không")

# The offices every ward has, in registry order: (kind, id, name pattern, contact roles).
CORE_OFFICES = (
    ("ward_office", "ubnd", "UBND {ward}", ("Chủ tịch UBND", "Phó Chủ tịch UBND",
                                            "Văn phòng HĐND và UBND")),
    ("one_stop", "mot-cua", "Bộ phận Một cửa UBND {ward}", ("Công chức Tư pháp - Hộ tịch",
                                                           "Công chức Địa chính")),
    ("party_office", "dang-uy", "Đảng uỷ {ward}", ("Bí thư Đảng uỷ", "Phó Bí thư Đảng uỷ")),
    ("mass_org", "mttq", "Uỷ ban MTTQ Việt Nam {ward}", ("Chủ tịch Uỷ ban MTTQ",)),
    ("police", "cong-an", "Công an {ward}", ("Trưởng Công an", "Cán bộ trực ban")),
    ("military", "quan-su", "Ban Chỉ huy Quân sự {ward}", ("Chỉ huy trưởng",)),
    ("health_station", "tram-y-te", "Trạm Y tế {ward}", ("Trạm trưởng", "Nữ hộ sinh")),
    ("post_office", "buu-dien", "Bưu điện văn hoá {ward}", ("Trưởng bưu cục",)),
)
# The rest of a ward, drawn with these weights: (kind, weight, [(id, name pattern, roles)]).
# {hamlet} and {notable} are filled per site; ids get a number when they repeat.
OTHER_SITES = (
    ("quarter_office", 9, (("kp", "Văn phòng {quarter}", ("Trưởng {quarter}", "Bí thư Chi bộ",
                                                           "Công an khu vực")),)),
    ("school", 4, (("mn", "Trường Mầm non {hamlet}", ("Hiệu trưởng",)),
                   ("th", "Trường Tiểu học {hamlet}", ("Hiệu trưởng", "Phó Hiệu trưởng")),
                   ("thcs", "Trường THCS {notable}", ("Hiệu trưởng",)),
                   ("thpt", "Trường THPT {notable}", ("Hiệu trưởng", "Giáo vụ")))),
    ("mass_org", 2, (("doan-tn", "Đoàn Thanh niên {ward}", ("Bí thư Đoàn",)),
                     ("hoi-phu-nu", "Hội Liên hiệp Phụ nữ {ward}", ("Chủ tịch Hội",)),
                     ("hoi-ccb", "Hội Cựu chiến binh {ward}", ("Chủ tịch Hội",)),
                     ("hoi-nong-dan", "Hội Nông dân {ward}", ("Chủ tịch Hội",)))),
    ("culture", 2, (("nha-van-hoa", "Nhà văn hoá {hamlet}", ("Quản lý",)),
                    ("trung-tam-vh", "Trung tâm Văn hoá - Thể thao {ward}", ("Giám đốc",)),
                    ("thu-vien", "Thư viện {ward}", ("Thủ thư",)))),
    ("health_station", 1, (("diem-y-te", "Điểm y tế {hamlet}", ("Nhân viên y tế",)),)),
    ("post_office", 1, (("buu-cuc", "Bưu cục {hamlet}", ("Giao dịch viên",)),)),
    ("other", 2, (("cho", "Ban quản lý chợ {hamlet}", ("Trưởng ban",)),
                  ("htx", "Hợp tác xã nông nghiệp {hamlet}", ("Giám đốc",)),
                  ("cong-nghe-so", "Tổ công nghệ số cộng đồng {hamlet}", ("Tổ trưởng",)))),
)
SERVICES = {
    "ward_office": ("Tiếp công dân", "Giải quyết khiếu nại, tố cáo", "Xác nhận đơn"),
    "one_stop": ("Chứng thực bản sao", "Đăng ký khai sinh, khai tử", "Đăng ký kết hôn",
                 "Hướng dẫn dịch vụ công trực tuyến", "Nhận và trả kết quả thủ tục hành chính"),
    "police": ("Xác nhận cư trú", "Cấp căn cước", "Tiếp nhận tin báo tội phạm"),
    "health_station": ("Tiêm chủng mở rộng", "Khám chữa bệnh bảo hiểm y tế",
                       "Khám thai, chăm sóc sức khoẻ sinh sản", "Sơ cấp cứu"),
    "post_office": ("Gửi, nhận bưu phẩm", "Chi trả lương hưu, trợ cấp", "Đọc sách báo"),
    "culture": ("Sinh hoạt câu lạc bộ", "Mượn sách", "Tập thể dục thể thao"),
    "quarter_office": ("Xác nhận tạm trú", "Hoà giải ở cơ sở", "Hướng dẫn thủ tục"),
}
NOTES = (
    "Mang theo căn cước khi đến làm thủ tục.",
    "Chiều thứ Sáu ưu tiên tiếp người cao tuổi và người khuyết tật.",
    "Có chỗ để xe máy trong sân; lối vào cho xe lăn ở cửa bên.",
    "Ngoài giờ làm việc, gọi số trực ban.",
    "Thủ tục trực tuyến: dichvucong.gov.vn, cán bộ hỗ trợ tại chỗ.",
)
# Opening hours per kind, as wards write them (registry.md "Opening hours").
HOURS = {
    "office": ({"mon-fri": "07:00-11:30, 13:30-17:00"},
               {"mon-fri": "07:00-11:30, 13:00-17:00", "sat": "07:00-11:00", "sun": "closed"},
               {"mon-thu": "07:00-11:30, 13:30-17:00", "fri": "07:00-11:30",
                "sat-sun": "closed"}),
    "always": ({"mon-sun": "00:00-24:00"},),
    "school": ({"mon-fri": "06:30-11:00, 13:30-16:30", "sat": "07:00-10:00"},),
    "service": ({"mon-sat": "07:00-18:00", "sun": "07:00-11:00"},
                {"tue-sun": "06:00-21:00", "mon": "closed"},
                {"fri-mon": "05:00-10:00, 15:00-20:00"}),
}
HOURS_BY_KIND = {"police": "always", "military": "always", "school": "school",
                 "post_office": "service", "culture": "service", "other": "service"}
VERIFIED = ("2026-03-02", "2026-06-15", "2026-09-30", "2026-11-20")


@dataclass
class Ward:
    """One generated ward: file stem, names, and its sites as registry mappings."""

    stem: str
    name: str
    kind_word: str
    formerly: list[str]
    sites: list[dict] = field(default_factory=list)

    @property
    def in_sentence(self) -> str:
        """The name as written mid-sentence: ``phường Long Hoa``, ``xã Tân Đông``."""
        return self.kind_word.lower() + self.name[len(self.kind_word):]


def written_phone(rng: random.Random, landline: bool = False) -> str:
    """A valid Vietnamese number, written in one of the styles registry.md accepts."""
    if landline:  # Tây Ninh's area code 0276, then an eight-digit subscriber number
        digits = "02763" + "".join(rng.choice("0123456789") for _ in range(6))
        area, first, last = digits[:4], digits[4:8], digits[8:]
        return rng.choice((f"{area} {first} {last}", f"({area}) {first} {last}", digits,
                           f"{area}.{first}.{last}", f"+84 {area[1:]} {first} {last}"))
    digits = rng.choice(MOBILE_PREFIXES) + "".join(rng.choice("0123456789") for _ in range(7))
    head, middle, tail = digits[:4], digits[4:7], digits[7:]
    return rng.choice((f"{head} {middle} {tail}", f"{head}.{middle}.{tail}",
                       f"{head}-{middle}-{tail}", f"+84 {head[1:]} {middle} {tail}",
                       "84" + digits[1:], digits))


def person_name(rng: random.Random) -> str:
    """A Vietnamese full name: family, middle and given name."""
    return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


def _sometimes_nfd(rng: random.Random, text: str, rate: float) -> str:
    """``text`` typed with combining marks (NFD) at ``rate``, as some keyboards and Macs do."""
    return unicodedata.normalize("NFD", text) if rng.random() < rate else text


def _place_names(rng: random.Random, count: int) -> list[str]:
    """``count`` distinct two-syllable place names whose ASCII forms are distinct too."""
    pairs = [f"{a} {b}" for a in FIRST for b in SECOND if a != b]
    rng.shuffle(pairs)
    names, seen = [], set()
    round_ = 0
    while len(names) < count:
        for pair in pairs:
            name = pair if round_ == 0 else f"{pair} {round_ + 1}"
            if slugify(name) not in seen:
                seen.add(slugify(name))
                names.append(name)
                if len(names) == count:
                    break
        round_ += 1
    return names


def _site_counts(rng: random.Random, sites: int, wards: int) -> list[int]:
    """``sites`` spread over ``wards`` unevenly (wards differ in size), at least one each."""
    weights = [rng.uniform(0.6, 1.4) for _ in range(wards)]
    spare = sites - wards
    counts = [1 + int(spare * w / sum(weights)) for w in weights]
    for index in range(sites - sum(counts)):  # hand out what rounding down left over
        counts[index % wards] += 1
    return counts


def make_province(sites: int, wards: int, seed: int = 2026) -> list[Ward]:
    """The province: ``wards`` wards holding ``sites`` sites in all."""
    if not 1 <= wards <= sites:
        raise ValueError("need at least one ward and at least one site per ward")
    rng = random.Random(seed)
    names = _place_names(rng, wards)
    province = []
    for name, count in zip(names, _site_counts(rng, sites, wards), strict=True):
        kind_word = rng.choice(("Phường", "Xã", "Xã"))
        full = f"{kind_word} {name}"
        ward = Ward(slugify(full), full, kind_word, _ward_formerly(rng, kind_word))
        ward.sites = _ward_sites(rng, ward, count)
        province.append(ward)
    return province


def _ward_formerly(rng: random.Random, kind_word: str) -> list[str]:
    """The wards merged into this one in 2025, as their old names with the old district."""
    olds = _place_names(rng, rng.randint(0, 3))
    district = rng.choice(OLD_DISTRICTS)
    return [f"{rng.choice(('Phường', 'Xã', kind_word))} {old}, {district}" for old in olds]


def _ward_sites(rng: random.Random, ward: Ward, count: int) -> list[dict]:
    """The ward's sites: its core offices first, then quarters, schools and the rest."""
    centre = (rng.uniform(10.95, 11.55), rng.uniform(105.85, 106.35))
    hamlets = _place_names(rng, 12)
    used: dict[str, int] = {}
    sites = []
    for index in range(count):
        if index < len(CORE_OFFICES):
            kind, id_stem, pattern, roles = CORE_OFFICES[index]
        else:
            kind, _, choices = rng.choices(OTHER_SITES, weights=[w for _, w, _ in OTHER_SITES])[0]
            id_stem, pattern, roles = rng.choice(choices)
        if kind == "quarter_office" and ward.kind_word == "Xã":
            id_stem = "ap"  # a commune has hamlets (ấp), a town ward quarters (khu phố)
        used[id_stem] = used.get(id_stem, 0) + 1
        number = used[id_stem]
        site_id = id_stem if number == 1 and kind != "quarter_office" else f"{id_stem}-{number}"
        quarter = (f"khu phố {number}" if ward.kind_word == "Phường"
                   else f"ấp {hamlets[number % len(hamlets)]}")
        words = {"ward": ward.in_sentence, "hamlet": rng.choice(hamlets),
                 "notable": rng.choice(NOTABLES), "quarter": quarter}
        name = pattern.format(**words)
        if number > 1 and kind != "quarter_office":
            name += f" (cơ sở {number})"
        roles = tuple(role.format(**words) for role in roles)
        sites.append(_site(rng, ward, site_id, kind, name, roles, centre, hamlets))
    return sites


def _site(rng: random.Random, ward: Ward, site_id: str, kind: str, name: str,
          roles: tuple[str, ...], centre: tuple[float, float], hamlets: list[str]) -> dict:
    """One site as a registry mapping, with the optional fields a real ward fills in."""
    site: dict = {"id": site_id, "name": _sometimes_nfd(rng, name, 0.03), "kind": kind,
                  "address": _sometimes_nfd(rng, _address(rng, ward, hamlets), 0.03)}
    _add_place(rng, site, centre)
    if kind not in ("quarter_office", "other") or rng.random() < 0.3:
        site["phone"] = written_phone(rng, landline=rng.random() < 0.85)
    if rng.random() < 0.2:
        site["email"] = f"{site_id}.{ward.stem}@tayninh.gov.vn"
    if kind == "school" and rng.random() < 0.5:
        site["website"] = f"https://{site_id}-{ward.stem}.tayninh.edu.vn/"
    if rng.random() < 0.85:
        site["hours"] = rng.choice(HOURS[HOURS_BY_KIND.get(kind, "office")])
    staff = roles + STAFF_ROLES
    site["contacts"] = [
        {"role": staff[i], "name": _sometimes_nfd(rng, person_name(rng), 0.02),
         "phone": written_phone(rng),
         "zalo": rng.choice(ZALO_YES) if rng.random() < 0.6 else rng.choice(ZALO_NO)}
        for i in range(rng.choice((0, 1, 1, 2, 2, 2, 3, 3, 4, 5, 6, 8)))
    ]
    if kind in SERVICES and rng.random() < 0.7:
        offered = SERVICES[kind]
        site["services"] = rng.sample(offered, rng.randint(1, len(offered)))
    if rng.random() < 0.25:
        site["note"] = rng.choice(NOTES)
    if ward.formerly and ward.in_sentence in name and rng.random() < 0.4:
        old_ward = ward.formerly[0].split(",")[0]  # the office of the ward merged into this one
        site["formerly"] = [name.replace(ward.in_sentence, old_ward[0].lower() + old_ward[1:])]
    if rng.random() < 0.4:
        site["verified"] = rng.choice(VERIFIED)
    return site


def _address(rng: random.Random, ward: Ward, hamlets: list[str]) -> str:
    """An address as residents give it: house number and street, or hamlet and group."""
    if ward.kind_word == "Phường":
        return (f"Số {rng.randint(1, 350)} đường {rng.choice(STREETS)}, khu phố "
                f"{rng.randint(1, 12)}, {ward.in_sentence}")
    return f"Tổ {rng.randint(1, 15)}, ấp {rng.choice(hamlets)}, {ward.in_sentence}"


def _add_place(rng: random.Random, site: dict, centre: tuple[float, float]) -> None:
    """A position near the ward's centre in one of the three forms, sometimes a map link."""
    lat = round(centre[0] + rng.uniform(-0.03, 0.03), rng.choice((5, 6)))
    lon = round(centre[1] + rng.uniform(-0.03, 0.03), rng.choice((5, 6)))
    form = rng.random()
    if form < 0.05:  # only a shared Google Maps link, no coordinates
        token = "".join(rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789")
                        for _ in range(17))
        site["map_url"] = f"https://maps.app.goo.gl/{token}"
        return
    site["location"] = ([lat, lon] if form < 0.15 else {"lat": lat, "lon": lon} if form < 0.25
                        else f"{lat}, {lon}")


def _q(text: str) -> str:
    """A YAML double-quoted scalar (a JSON string is one)."""
    return json.dumps(text, ensure_ascii=False)


def _location_yaml(location: object) -> str:
    if isinstance(location, list):
        return f"[{location[0]}, {location[1]}]"
    if isinstance(location, dict):
        return f"{{lat: {location['lat']}, lon: {location['lon']}}}"
    return _q(str(location))


def registry_text(ward: Ward) -> str:
    """The ward's registry, written the way a clerk's file looks (registry.md)."""
    lines = [
        "directory:",
        f"  name: {_q(ward.name)}",
        "  region: Tỉnh Tây Ninh",
        f"  base_url: {BASE_URL}{ward.stem}/",
        f"  publisher: {_q('Đoàn Thanh niên ' + ward.in_sentence)}",
        f"  updated: {UPDATED}",
        "  hotlines:",
        "    - {label: Công an, phone: \"113\"}",
        "    - {label: Cứu hoả, phone: \"114\"}",
        "    - {label: Cấp cứu, phone: \"115\"}",
    ]
    if ward.formerly:
        lines.append("  formerly:")
        lines += [f"    - {_q(old)}" for old in ward.formerly]
    lines += ["", "sites:"]
    for site in ward.sites:
        lines += _site_lines(site)
    return "\n".join(lines) + "\n"


def _site_lines(site: dict) -> list[str]:
    lines = [f"  - id: {site['id']}", f"    name: {_q(site['name'])}",
             f"    kind: {site['kind']}", f"    address: {_q(site['address'])}"]
    if "location" in site:
        lines.append(f"    location: {_location_yaml(site['location'])}")
    for key in ("map_url", "phone", "email", "website"):
        if key in site:
            lines.append(f"    {key}: {_q(site[key])}")
    if "hours" in site:
        lines.append("    hours:")
        lines += [f"      {days}: {_q(value)}" for days, value in site["hours"].items()]
    if site["contacts"]:
        lines.append("    contacts:")
        for contact in site["contacts"]:
            lines += [f"      - role: {_q(contact['role'])}",
                      f"        name: {_q(contact['name'])}",
                      f"        phone: {_q(contact['phone'])}",
                      f"        zalo: {contact['zalo']}"]
    for key in ("services", "formerly"):
        if key in site:
            lines.append(f"    {key}:")
            lines += [f"      - {_q(value)}" for value in site[key]]
    if "note" in site:
        lines.append(f"    note: {_q(site['note'])}")
    if "verified" in site:
        lines.append(f"    verified: {site['verified']}")
    lines.append("")
    return lines


def hugo_front_matter(ward: Ward, site: dict, weight: int) -> dict:
    """The site's front matter for Hugo: the registry's fields, NFC, position as numbers.

    A web team keeping the same data for Hugo would store the position as numbers and Zalo as
    a boolean; everything else is the registry's value as written (phones included), and the
    layouts do the presentation work, as qrdir's templates do.
    """
    front = {key: _nfc(value) for key, value in site.items() if key != "location"}
    front["title"] = front["name"]
    front["weight"] = weight
    front["contacts"] = [{**contact, "zalo": contact["zalo"] in ZALO_YES}
                         for contact in front["contacts"]]
    location = site.get("location")
    if isinstance(location, str):
        location = [float(part) for part in location.split(",")]
    if isinstance(location, dict):
        location = [location["lat"], location["lon"]]
    if location is not None:
        front["lat"], front["lon"] = location
    return front


def _nfc(value: object) -> object:
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, list):
        return [_nfc(item) for item in value]
    if isinstance(value, dict):
        return {key: _nfc(item) for key, item in value.items()}
    return value


def write_registries(province: list[Ward], out: Path) -> None:
    """Write one ``<stem>.yaml`` per ward into ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    for ward in province:
        (out / f"{ward.stem}.yaml").write_text(registry_text(ward), encoding="utf-8")


def write_hugo(province: list[Ward], out: Path, templates: Path = HUGO_TEMPLATES) -> None:
    """Write the Hugo site: config and layouts from ``templates`` (``bench/hugo/`` or
    ``bench/hugo-plain/``), qrdir's CSS, the content."""
    for source in sorted(templates.rglob("*")):
        if source.is_file():
            target = out / source.relative_to(templates)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(source.read_bytes())
    style = out / "layouts" / "partials" / "style.html"
    style.parent.mkdir(parents=True, exist_ok=True)
    style.write_text(f"<style>{QRDIR_STYLE.read_text(encoding='utf-8')}</style>\n",
                     encoding="utf-8")
    for ward in province:
        folder = out / "content" / ward.stem
        folder.mkdir(parents=True, exist_ok=True)
        section = {"title": ward.name, "publisher": "Đoàn Thanh niên " + ward.in_sentence,
                   "formerly": ward.formerly}
        _write_json_page(folder / "_index.md", section)
        for weight, site in enumerate(ward.sites, start=1):
            _write_json_page(folder / f"{site['id']}.md", hugo_front_matter(ward, site, weight))


def _write_json_page(path: Path, front: dict) -> None:
    """A content file with JSON front matter and no body (Hugo reads a leading ``{``)."""
    path.write_text(json.dumps(front, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    """Parse the command line and write the registries (and the Hugo site if asked)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sites", type=int, required=True, help="sites in the whole province")
    parser.add_argument("--wards", type=int, required=True, help="ward registries to write")
    parser.add_argument("--out", type=Path, required=True, help="folder for the registries")
    parser.add_argument("--hugo", type=Path, help="also write a Hugo site with the same data")
    parser.add_argument("--hugo-plain", type=Path,
                        help="also write the same Hugo site with the plain layouts")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args(argv)
    if not 1 <= args.wards <= args.sites:
        parser.error("--wards must be between 1 and --sites")
    province = make_province(args.sites, args.wards, args.seed)
    write_registries(province, args.out)
    if args.hugo:
        write_hugo(province, args.hugo)
    if args.hugo_plain:
        write_hugo(province, args.hugo_plain, HUGO_PLAIN_TEMPLATES)


if __name__ == "__main__":
    main()
