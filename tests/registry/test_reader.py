"""Valid registries in every form registry.md accepts load exactly what ward staff meant."""

from __future__ import annotations

import time
import unicodedata

import pytest

from qrdir.registry.model import KINDS, Position
from qrdir.registry.validate import derive_id, load_registry, parse_registry
from tests.conftest import EXAMPLE_REGISTRY

HEAD = """directory:
  name: Phường Long Hoa
  base_url: https://longhoa.example.vn
  updated: 2026-11-28
sites:
"""


def site_yaml(**fields: str) -> str:
    values = {
        "id": "ubnd",
        "name": "UBND phường Long Hoa",
        "kind": "ward_office",
        "address": "Số 1 đường Phạm Hùng",
        "location": "11.2991, 106.1372",
    }
    values.update(fields)
    lines = [f"    {key}: {value}" for key, value in values.items() if value is not None]
    return "  -" + "\n".join(lines)[3:] + "\n"


def load(text: str):
    registry, problems = parse_registry(text.encode("utf-8"))
    assert registry is not None, problems
    return registry, problems


def only_site(text: str):
    return load(HEAD + text)[0].sites[0]


@pytest.mark.parametrize(
    ("written", "e164", "display"),
    [
        ("0913 456 789", "+84913456789", "0913 456 789"),
        ("0913.456.789", "+84913456789", "0913 456 789"),
        ("0913-456-789", "+84913456789", "0913 456 789"),
        ("(0276) 3841 234", "+842763841234", "0276 3841 234"),
        ("+84 913 456 789", "+84913456789", "0913 456 789"),
        ("84913456789", "+84913456789", "0913 456 789"),
        ("02763612345", "+842763612345", "0276 3612 345"),
        ('"02763612345"', "+842763612345", "0276 3612 345"),
        ("114", "114", "114"),
        ("1900545481", "1900545481", "1900 545481"),
        ("1800 1091", "18001091", "1800 1091"),
    ],
)
def test_phones_in_every_listed_style(written: str, e164: str, display: str):
    phone = only_site(site_yaml(phone=written)).phone
    assert (phone.e164, phone.display) == (e164, display)


def test_short_and_service_numbers_link_as_dialled():
    phone = only_site(site_yaml(phone="113")).phone
    assert phone.tel_uri == "tel:113" and phone.domestic_only
    assert only_site(site_yaml(phone="1900 545481")).phone.tel_uri == "tel:1900545481"
    assert only_site(site_yaml(phone="0913 456 789")).phone.tel_uri == "tel:+84913456789"


def test_yaml_1_1_surprises_never_reach_the_data():
    site = only_site(site_yaml(name="Null", address="2026-11-28", note="1:20 sáng",
                               phone="02763612345"))
    assert (site.name, site.address, site.note) == ("Null", "2026-11-28", "1:20 sáng")
    assert site.phone.national == "02763612345"


def test_a_clerk_who_writes_only_no_yes_or_a_number_is_told_what_they_typed():
    # registry.md: such a text is an error, and it is quoted as typed: not False, True or 511.
    text = HEAD + site_yaml(name="No", address="yes", note="0777")
    registry, problems = parse_registry(text.encode("utf-8"))
    assert registry is None
    assert [(p.line, p.col, p.code, p.args["key"], p.args["value"]) for p in problems] == [
        (7, 11, "text_only_yes_no", "name", "No"),
        (9, 14, "text_only_yes_no", "address", "yes"),
        (11, 11, "text_only_number", "note", "0777"),
    ]


@pytest.mark.parametrize("value", ["Khu phố 1", "Số 12", "12 đường 30/4", "Không số", "Có Zalo",
                                   "1:20", "Nguyễn Văn Có", "0x1F", '"No 1"'])
def test_text_with_words_around_a_number_or_yes_no_word_is_fine(value: str):
    assert only_site(site_yaml(name=value)).name == value.strip('"')


def cut_warnings(text: str) -> list[tuple[int, int, str, str]]:
    _, problems = parse_registry(text.encode("utf-8"))
    return [(p.line, p.col, p.args["key"], p.args["value"])
            for p in problems if p.code == "comment_cuts_value"]


def test_a_hash_typed_in_an_unquoted_address_is_a_warning_at_the_hash():
    text = HEAD + site_yaml(address="Số 1 đường Phạm Hùng #2, khu phố Long Trung")
    assert cut_warnings(text) == [(9, 35, "address", "Số 1 đường Phạm Hùng")]
    registry, problems = parse_registry(text.encode("utf-8"))
    assert registry is not None and problems[0].severity == "warning"  # the build still runs


def test_the_suggested_quotes_keep_the_whole_address():
    _, problems = parse_registry((HEAD + site_yaml(address='Số "1" \\ A #2')).encode("utf-8"))
    fixed = site_yaml(address=problems[0].args["quoted"])
    assert cut_warnings(HEAD + fixed) == []
    assert only_site(fixed).address == 'Số "1" \\ A #2'


@pytest.mark.parametrize("line", [
    '    note: "Cổng #3"  # quoted: the value cannot be cut',
    "    note: 'Cổng #3' # single quotes too",
    "    note: Cổng#3",  # no space before #: part of the value
    "    services:  # a comment after a key that opens a list",
    "    hours: {mon: closed}  # after a flow mapping",
    "    # a comment on its own line",
    "    note: |  # a block scalar's header comment\n      Cổng #3",
])
def test_a_comment_that_cuts_no_unquoted_value_is_not_a_warning(line: str):
    extra = "\n      - Chứng thực bản sao" if line.startswith("    services:") else ""
    assert cut_warnings(HEAD + site_yaml() + line + extra + "\n") == []


def test_a_comment_after_a_multi_line_value_warns_on_its_last_line():
    text = HEAD + site_yaml(note="Cổng phía\n      đường Lê Lợi #2")
    assert cut_warnings(text) == [(12, 20, "note", "Cổng phía đường Lê Lợi")]


def test_hours_are_read_as_text_wrap_and_unknown_days():
    text = site_yaml() + (
        "    hours:\n"
        "      tue-thu: 07:00-11:30, 13:30-17:00\n"
        "      sat-mon: 08:00-09:00\n"
        "      fri: Closed\n"
    )
    hours = {d.day: [str(i) for i in d.intervals] for d in only_site(text).hours}
    assert hours == {
        "mon": ["08:00-09:00"],
        "tue": ["07:00-11:30", "13:30-17:00"],
        "wed": ["07:00-11:30", "13:30-17:00"],
        "thu": ["07:00-11:30", "13:30-17:00"],
        "fri": [],
        "sat": ["08:00-09:00"],
        "sun": ["08:00-09:00"],
    }


def test_always_open_and_unlisted_days():
    hours = only_site(site_yaml() + '    hours:\n      mon: "00:00-24:00"\n').hours
    assert [(d.day, str(d.intervals[0])) for d in hours] == [("mon", "00:00-24:00")]


@pytest.mark.parametrize(
    ("written", "expected"),
    [("true", True), ("yes", True), ("Có", True), ("YES", True), ("có", True),
     ("false", False), ("No", False), ("không", False), ("KHÔNG", False)],
)
def test_zalo_booleans(written: str, expected: bool):
    contact = f"{{role: Trưởng khu phố, name: Lan, phone: 0827 339 018, zalo: {written}}}"
    text = site_yaml() + f"    contacts:\n      - {contact}\n"
    assert only_site(text).contacts[0].zalo is expected


def test_three_location_forms_are_the_same_position():
    forms = ["11.2991, 106.1372", "[11.2991, 106.1372]", "{lat: 11.2991, lon: 106.1372}",
             '"11.2991,106.1372"']
    positions = {only_site(site_yaml(location=form)).location for form in forms}
    assert positions == {Position(11.2991, 106.1372)}


def test_nfd_text_comes_out_exactly_like_nfc():
    name = "Trạm Y tế phường Long Thành Bắc"
    nfd = unicodedata.normalize("NFD", name)
    assert nfd != name
    from_nfd = only_site(site_yaml(id=None, name=nfd))
    from_nfc = only_site(site_yaml(id=None, name=name))
    assert from_nfd.name == name
    assert from_nfd.id == from_nfc.id == "tram-y-te-phuong-long-thanh-bac"


def test_byte_order_mark_is_ignored():
    registry, problems = parse_registry(b"\xef\xbb\xbf" + (HEAD + site_yaml()).encode())
    assert registry is not None and problems == []


def test_base_url_gets_its_trailing_slash_and_site_urls():
    registry, _ = load(HEAD + site_yaml())
    assert registry.directory.base_url == "https://longhoa.example.vn/"
    assert registry.sites[0].url == "https://longhoa.example.vn/ubnd/"


def with_directory_line(line: str) -> str:
    return HEAD.replace("sites:\n", f"  {line}\nsites:\n") + site_yaml()


@pytest.mark.parametrize(("written", "formats"), [
    ("[a4, stickers]", ("a4", "stickers")),
    ("\n    - A5\n    - a6", ("a5", "a6")),
    ("a4, stickers, a4", ("a4", "stickers")),  # as --posters takes them; a repeat is harmless
    ("a6", ("a6",)),
])
def test_the_poster_formats_a_ward_prints(written: str, formats: tuple[str, ...]):
    registry, problems = load(with_directory_line(f"posters: {written}"))
    assert registry.directory.posters == formats and problems == []


def test_posters_and_deploy_are_empty_when_not_given():
    registry, _ = load(HEAD + site_yaml())
    assert (registry.directory.posters, registry.directory.deploy) == ((), None)


def test_the_deploy_target_is_kept_as_written():
    registry, _ = load(with_directory_line("deploy: git:origin#gh-pages"))
    assert registry.directory.deploy == "git:origin#gh-pages"


def test_a_deploy_token_never_reaches_the_messages(tmp_path):
    secret = "ghp_16C7e42F292c6912E7710c838347Ae178B4a"
    text = with_directory_line(
        f"deploy: git:https://x-access-token:{secret}@github.com/doan/danh-ba.git#gh-pages")
    registry, problems = parse_registry(text.encode("utf-8"))
    assert registry is None
    assert [(p.line, p.col, p.code) for p in problems] == [(5, 11, "deploy_credential")]
    assert secret not in repr(problems)


def test_derived_ids_are_cut_on_a_word_boundary():
    long_name = ("Ban Chỉ huy Quân sự và Công an phường Long Thành Bắc "
                 "thị xã Hoà Thành tỉnh Tây Ninh")
    site_id = derive_id(long_name)
    assert len(site_id) <= 64 and not site_id.endswith("-")
    assert site_id == "ban-chi-huy-quan-su-va-cong-an-phuong-long-thanh-bac-thi-xa-hoa"


def test_oversized_registry_is_refused_at_line_1():
    data = (HEAD + site_yaml()).encode() + b"#" * (5 * 1024 * 1024)
    registry, problems = parse_registry(data)
    assert registry is None
    assert [(p.line, p.col, p.code) for p in problems] == [(1, 1, "file_too_large")]


def test_expansion_bomb_is_refused_quickly():
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [*a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}]" for i in range(1, 12)]
    started = time.perf_counter()
    registry, problems = parse_registry("\n".join(lines).encode())
    assert registry is None and any(p.code == "alias_refused" for p in problems)
    assert time.perf_counter() - started < 2


def test_many_mistakes_are_reported_fast():
    sites = (site_yaml(id=f"s{i}", phone="0913 45", kind="hospital") for i in range(300))
    text = HEAD + "".join(sites)
    started = time.perf_counter()
    registry, problems = parse_registry(text.encode())
    assert registry is None and len(problems) == 600
    assert time.perf_counter() - started < 1


def test_example_registry_is_complete_and_clean():
    registry, problems = load_registry(EXAMPLE_REGISTRY)
    assert problems == []
    assert len(registry.sites) >= 12
    assert {s.kind for s in registry.sites} == set(KINDS)
    assert registry.directory.hotlines and registry.directory.formerly
    assert any(c.zalo for s in registry.sites for c in s.contacts)
    assert any(s.hours for s in registry.sites)
    assert registry.retired
