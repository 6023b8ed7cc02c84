"""The web output read back the way browsers and crawlers read it (spec/output.md).

Pages are parsed with html5lib, the HTML5 parsing algorithm browsers use; JSON-LD with json;
the sitemap with an XML parser. Browser behaviour (search, open now, layout) is in
test_browser.py, vCards in test_vcard.py.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import importlib.resources
import json
import re
import unicodedata
import xml.etree.ElementTree as ET
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st

from qrdir import labels
from qrdir.registry.model import (
    KIND_LABELS,
    KINDS,
    DayHours,
    Hotline,
    Interval,
    Position,
    Registry,
    Retired,
)
from qrdir.registry.phones import parse_phone
from qrdir.registry.text import fold, nfc
from qrdir.web.pages import hours_data, hours_rows, render_pages, safe_href
from tests.conftest import BASE_URL, REPO, example_registry, make_registry, make_site
from tests.pages_data import (
    XSS_PAYLOADS,
    hostile_registry,
    large_site,
    registry_of,
    ward_registry,
)

LANDING_PAGE_BUDGET = 14_600
INDEX_BUDGET = 30 * 1024


def parse(data: bytes) -> BeautifulSoup:
    return BeautifulSoup(data.decode("utf-8"), "html5lib")


def hrefs(soup: BeautifulSoup) -> list[str]:
    return [a["href"] for a in soup.find_all("a")]


def texts(soup: BeautifulSoup, selector: str) -> list[str]:
    return [element.get_text() for element in soup.select(selector)]


def jsonld_of(soup: BeautifulSoup) -> dict:
    blocks = soup.find_all("script", type="application/ld+json")
    assert len(blocks) == 1
    return json.loads(blocks[0].string)


@pytest.fixture(scope="module")
def example() -> Registry:
    return example_registry()


@pytest.fixture(scope="module")
def example_files(example) -> dict[str, bytes]:
    return render_pages(example)


# --- the set of files -------------------------------------------------------------------------


def test_every_web_file_of_output_md_is_rendered(example, example_files):
    expected = {"index.html", "404.html", "sites.json", "sitemap.xml"}
    for site in example.sites:
        expected |= {f"{site.id}/index.html", f"{site.id}/contact.vcf"}
    expected |= {f"{retired.id}/index.html" for retired in example.retired}
    assert set(example_files) == expected


def test_rendering_is_deterministic(example, example_files):
    assert render_pages(example) == example_files


def test_all_text_is_nfc(example_files):
    for name, data in example_files.items():
        text = data.decode("utf-8")
        assert unicodedata.is_normalized("NFC", text), name


def test_nfd_input_renders_like_nfc():
    nfd = unicodedata.normalize("NFD", "Trạm Y tế phường Long Hoa")
    page = parse(render_pages(make_registry(make_site(name=nfc(nfd))))["ubnd/index.html"])
    assert page.h1.get_text() == "Trạm Y tế phường Long Hoa"


# --- every page -------------------------------------------------------------------------------


def test_every_page_is_self_contained_and_declares_language(example_files):
    for name, data in example_files.items():
        if not name.endswith(".html"):
            continue
        soup = parse(data)
        assert soup.html["lang"] == "vi", name
        assert soup.find("meta", attrs={"name": "viewport"}), name
        # No external request of any kind: no stylesheet, image, frame, font or script file.
        assert not soup.find_all(["img", "iframe", "object", "embed", "video", "audio"]), name
        assert not soup.find_all("link", rel="stylesheet"), name
        assert not soup.find_all("script", src=True), name
        css = soup.style.string
        assert "url(" not in css and "@import" not in css and "@font-face" not in css, name


def test_every_link_has_an_allowed_scheme_or_is_relative(example_files):
    for name, data in example_files.items():
        if name.endswith(".html"):
            for href in hrefs(parse(data)):
                scheme = urlsplit(href).scheme
                assert scheme in {"http", "https", "tel", "geo", "mailto", ""}, (name, href)


def test_every_page_has_the_same_style_and_a_csp_matching_its_inline_code(example_files):
    styles = set()
    for name, data in example_files.items():
        if not name.endswith(".html"):
            continue
        soup = parse(data)
        csp = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
        directives = dict(part.strip().split(" ", 1) for part in csp.split(";"))
        assert directives["default-src"] == "'none'", name
        styles.add(soup.style.string)
        assert directives["style-src"] == sha256_source(soup.style.string), name
        code = [s.string for s in soup.find_all("script") if not s.get("type")]
        if code:
            assert directives["script-src"] == sha256_source(code[0]), name
        else:
            assert "script-src" not in directives, name
    assert len(styles) == 1


def sha256_source(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode() + "'"


def test_hotlines_publisher_and_update_date_are_on_every_page(example, example_files):
    directory = example.directory
    for name, data in example_files.items():
        if not name.endswith(".html"):
            continue
        soup = parse(data)
        text = soup.get_text()
        for hotline in directory.hotlines:
            assert soup.find("a", href=hotline.phone.tel_uri), (name, hotline)
        assert f"Thực hiện: {directory.publisher}" in text, name
        assert "Cập nhật: 28/11/2026" in text, name


# --- the directory ----------------------------------------------------------------------------


def test_index_groups_sites_by_kind_in_registry_md_order(example, example_files):
    soup = parse(example_files["index.html"])
    headings = texts(soup, "main h2")
    present = [kind for kind in KINDS if any(s.kind == kind for s in example.sites)]
    assert headings == [KIND_LABELS[kind]["vi"] for kind in present]
    for section in soup.select("main section"):
        kind = present[headings.index(section.h2.get_text())]
        names = [a.get_text() for a in section.select("li > a:first-child")]
        assert names == [s.name for s in example.sites if s.kind == kind]


def test_index_lists_address_call_button_and_page_link_for_each_site(example, example_files):
    soup = parse(example_files["index.html"])
    items = soup.select("li[data-s]")
    assert len(items) == len(example.sites)
    by_name = {item.a.get_text(): item for item in items}
    for site in example.sites:
        item = by_name[site.name]
        assert item.a["href"] == f"{site.id}/index.html"
        assert site.address in item.get_text()
        calls = [a for a in item.find_all("a") if a["href"].startswith("tel:")]
        if site.phone:
            assert [a["href"] for a in calls] == [site.phone.tel_uri]
            assert site.phone.display in calls[0].get_text()
        else:
            assert not calls


def test_index_search_text_is_folded_in_python(example, example_files):
    soup = parse(example_files["index.html"])
    items = {item.a.get_text(): item["data-s"] for item in soup.select("li[data-s]")}
    for site in example.sites:
        searched = items[site.name]
        assert fold(site.name) in searched
        for earlier in site.formerly:
            assert fold(earlier) in searched
        assert searched == fold(searched)  # nothing left for the page's script to fold


def test_index_search_box_is_hidden_until_the_script_shows_it(example_files):
    soup = parse(example_files["index.html"])
    box = soup.find(id="search")
    assert box.has_attr("hidden")
    assert soup.find("label", attrs={"for": "q"}).get_text() == "Tìm cơ quan, đơn vị"


def test_index_shows_the_localitys_earlier_names(example, example_files):
    header = parse(example_files["index.html"]).header.get_text()
    assert example.directory.name in header
    for earlier in example.directory.formerly:
        assert f"trước đây: {earlier}" in header


# --- the landing page -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def landing() -> BeautifulSoup:
    registry = registry_of(large_site(), hotlines=(Hotline("Công an", parse_phone("113")),))
    return parse(render_pages(registry)["trung-tam-van-hoa/index.html"])


def test_landing_page_shows_name_kind_address_and_earlier_names(landing):
    site = large_site()
    assert landing.h1.get_text() == site.name
    assert landing.find(class_="kind").get_text() == "Văn hoá, thể thao"
    text = landing.main.get_text()
    assert site.address in text
    assert f"trước đây: {site.formerly[0]}; {site.formerly[1]}" in text


def test_landing_page_buttons_link_maps_and_every_number(landing):
    site = large_site()
    links = hrefs(landing)
    assert "https://www.google.com/maps/search/?api=1&query=11.2991,106.1372" in links
    assert any(h.startswith("geo:11.2991,106.1372") for h in links)
    osm = "https://www.openstreetmap.org/?mlat=11.2991&mlon=106.1372#map=18/11.2991/106.1372"
    assert osm in links
    assert site.phone.tel_uri == "tel:+842763841234" and site.phone.tel_uri in links
    for contact in site.contacts:
        assert f"tel:{contact.phone.e164}" in links
        assert (contact.phone.zalo_url in links) == contact.zalo
    assert "contact.vcf" in links
    assert "mailto:vanhoa.longhoa@example.vn" in links
    assert "https://longhoa.example.vn/van-hoa" in links
    assert "../index.html" in links


def test_tel_links_are_e164_except_numbers_that_only_work_in_vietnam():
    site = make_site(phone=parse_phone("1900 545481"))
    registry = make_registry(site, hotlines=(Hotline("Công an", parse_phone("113")),))
    links = hrefs(parse(render_pages(registry)["ubnd/index.html"]))
    tel = sorted(h for h in links if h.startswith("tel:"))
    assert tel == ["tel:+84913456789", "tel:+84988123456", "tel:113", "tel:1900545481"]


def test_contacts_show_role_name_and_call_button(landing):
    cards = landing.select("section[aria-labelledby=h-people] li")
    site = large_site()
    assert len(cards) == len(site.contacts) == 8
    for card, contact in zip(cards, site.contacts, strict=True):
        assert card.find(class_="role").get_text() == contact.role
        assert card.find(class_="who").get_text() == contact.name
        assert card.find("a", href=contact.phone.tel_uri).get_text() == (
            f"Gọi {contact.phone.display}"
        )


def test_map_url_becomes_the_directions_button():
    site = make_site(map_url="https://maps.app.goo.gl/AbC123")
    soup = parse(render_pages(make_registry(site))["ubnd/index.html"])
    directions = soup.find("a", string="Chỉ đường")
    assert directions["href"] == "https://maps.app.goo.gl/AbC123"
    assert jsonld_of(soup)["hasMap"] == "https://maps.app.goo.gl/AbC123"
    assert any(h.startswith("geo:") for h in hrefs(soup))  # the position still gives the rest


def test_a_site_without_position_gets_a_map_search_by_name_and_address():
    site = make_site(location=None, map_url=None, name="Trạm Y tế & Nhà thuốc")
    soup = parse(render_pages(make_registry(site))["ubnd/index.html"])
    search = soup.find("a", string="Tìm trên bản đồ")
    query = parse_qs(urlsplit(search["href"]).query)
    assert query == {"api": ["1"], "query": [f"{site.name}, {site.address}"]}
    assert not any(h.startswith(("geo:", "https://www.openstreetmap.org")) for h in hrefs(soup))
    assert "hasMap" not in jsonld_of(soup) and "geo" not in jsonld_of(soup)


def test_a_map_url_with_characters_urls_do_not_allow_is_percent_encoded():
    site = make_site(map_url='https://maps.example.vn/Trạm"><script>alert(1)</script>')
    soup = parse(render_pages(make_registry(site))["ubnd/index.html"])
    href = soup.find("a", string="Chỉ đường")["href"]
    assert href == "https://maps.example.vn/Tr%E1%BA%A1m%22%3E%3Cscript%3Ealert(1)%3C/script%3E"
    assert unquote(href) == site.map_url
    assert len(soup.find_all("script")) == 2  # JSON-LD and the open-now script, nothing else


def test_hours_table_reads_unknown_closed_and_open_days(landing):
    rows = [(tr.th.get_text(), tr.td.get_text(" ")) for tr in landing.select("table.hours tr")]
    assert rows == [
        ("Thứ Hai – Thứ Sáu", "07:00–11:30 13:30–17:00"),
        ("Thứ Bảy", "07:30–11:30"),
        ("Chủ Nhật", "Nghỉ"),
    ]


def test_days_not_listed_are_unknown_not_closed():
    hours = (DayHours("mon", (Interval(0, 1440),)), DayHours("sun", ()))
    rows = hours_rows(hours, "vi")
    assert [(r.days, r.times, r.state, r.weekdays) for r in rows] == [
        ("Thứ Hai", ("Cả ngày",), "open", "1"),
        ("Thứ Ba – Thứ Bảy", ("Chưa có thông tin",), "unknown", "2 3 4 5 6"),
        ("Chủ Nhật", ("Nghỉ",), "closed", "0"),
    ]


def test_hours_data_for_the_open_now_script_is_numbers_only():
    hours = (DayHours("mon", (Interval(420, 690), Interval(810, 1020))), DayHours("sun", ()))
    assert hours_data(hours) == "1:420-690,810-1020;0:"


def test_open_now_mark_and_script_only_where_hours_are_known():
    without = parse(render_pages(make_registry(make_site(hours=None)))["ubnd/index.html"])
    assert without.find(id="now") is None
    assert not without.find_all("script", type=lambda t: t is None)
    assert without.find("table") is None


def test_services_note_and_dates(landing):
    site = large_site()
    assert texts(landing, "section[aria-labelledby=h-services] li") == list(site.services)
    assert landing.find(class_="note").p.get_text() == site.note
    footer = landing.footer.get_text()
    assert "Thông tin xác minh ngày 20/11/2026" in footer
    assert "Cập nhật: 28/11/2026" in footer


def test_landing_page_jsonld_describes_the_office(landing):
    site = large_site()
    data = jsonld_of(landing)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "GovernmentOffice"
    assert data["name"] == site.name
    assert data["url"] == site.url
    assert data["telephone"] == "+842763841234"
    assert data["geo"] == {"@type": "GeoCoordinates", "latitude": 11.2991, "longitude": 106.1372}
    assert data["address"]["streetAddress"] == site.address
    assert data["address"]["addressCountry"] == "VN"
    assert [(c["contactType"], c["name"], c["telephone"]) for c in data["contactPoint"]] == [
        (c.role, c.name, c.phone.e164) for c in site.contacts
    ]
    weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
    assert data["openingHoursSpecification"] == [
        {"@type": "OpeningHoursSpecification", "dayOfWeek": weekdays,
         "opens": "07:00", "closes": "11:30"},
        {"@type": "OpeningHoursSpecification", "dayOfWeek": weekdays,
         "opens": "13:30", "closes": "17:00"},
        {"@type": "OpeningHoursSpecification", "dayOfWeek": ["Saturday"],
         "opens": "07:30", "closes": "11:30"},
        {"@type": "OpeningHoursSpecification", "dayOfWeek": ["Sunday"],
         "opens": "00:00", "closes": "00:00"},
    ]


@pytest.mark.parametrize(
    ("kind", "schema_type"),
    [("ward_office", "GovernmentOffice"), ("police", "PoliceStation"),
     ("health_station", "MedicalClinic"), ("school", "School"), ("post_office", "PostOffice")],
)
def test_jsonld_type_follows_the_kind(kind, schema_type):
    soup = parse(render_pages(make_registry(make_site(kind=kind)))["ubnd/index.html"])
    assert jsonld_of(soup)["@type"] == schema_type


def test_jsonld_escapes_characters_that_could_end_the_script():
    site = make_site(name="</script><script>alert(1)</script> & 'x'")
    raw = render_pages(make_registry(site))["ubnd/index.html"].decode()
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', raw, re.S).group(1)
    assert "<" not in block and ">" not in block and "&" not in block
    assert json.loads(block)["name"] == site.name


def test_english_directory_gets_english_pages():
    registry = make_registry(language="en", hotlines=())
    files = render_pages(registry)
    page = parse(files["ubnd/index.html"])
    assert page.html["lang"] == "en"
    assert page.find(class_="kind").get_text() == "People's Committee"
    assert page.find("a", string="Directions")
    assert "Updated: 28 November 2026" in page.footer.get_text()
    assert "Details verified on 20 November 2026" in page.footer.get_text()
    assert parse(files["index.html"]).find("label").get_text() == "Find an office"


# --- retired ids and 404 ----------------------------------------------------------------------


def test_moved_id_forwards_to_the_new_page():
    soup = parse(render_pages(make_registry())["ubnd-cu/index.html"])
    refresh = soup.find("meta", attrs={"http-equiv": "refresh"})
    assert refresh["content"] == "0; url=../ubnd/index.html"
    assert soup.find("link", rel="canonical")["href"] == BASE_URL + "ubnd/"
    link = soup.find("a", href="../ubnd/index.html")
    assert link.get_text() == "UBND phường Long Thành Bắc"


def test_closed_id_says_so_and_links_to_the_directory():
    registry = registry_of(make_site(), retired=(Retired("tram-cu", closed="Đã sáp nhập"),))
    soup = parse(render_pages(registry)["tram-cu/index.html"])
    assert "Đã sáp nhập" in soup.main.get_text()
    assert soup.find("a", href="../index.html")
    assert soup.find("meta", attrs={"http-equiv": "refresh"}) is None


def test_404_links_to_the_directory_by_absolute_url(example_files):
    soup = parse(example_files["404.html"])
    assert soup.h1.get_text() == "Không tìm thấy trang này"
    assert "https://longhoa.example.vn/" in hrefs(soup)
    assert "../index.html" not in hrefs(soup)  # the 404 is served at any depth


# --- sites.json and sitemap.xml ---------------------------------------------------------------


def test_sites_json_is_the_normalised_registry(example, example_files):
    raw = example_files["sites.json"].decode("utf-8")
    data = json.loads(raw)
    assert list(data) == ["version", "directory", "sites"]
    assert data["version"] == 1
    assert data["directory"]["name"] == example.directory.name
    assert data["directory"]["updated"] == "2026-11-28"
    assert [s["id"] for s in data["sites"]] == [s.id for s in example.sites]
    ubnd = data["sites"][0]
    assert ubnd["phone"] == "+842763841234"
    assert ubnd["location"] == {"lat": 11.2991, "lon": 106.1372}
    assert ubnd["contacts"][0] == {
        "role": "Chủ tịch UBND phường", "name": "Nguyễn Văn An",
        "phone": "+84913456789", "zalo": True,
    }
    assert ubnd["hours"] == {
        day: ["07:00-11:30", "13:30-17:00"] for day in ("mon", "tue", "wed", "thu", "fri")
    } | {"sat": ["07:00-11:00"], "sun": []}
    assert "Phường Long Hoa" in raw  # UTF-8, not \u escapes
    keys = {tuple(site) for site in data["sites"]}
    assert len(keys) == 1  # every site has the same keys in the same order


def test_sitemap_lists_the_directory_and_every_page(example, example_files):
    root = ET.fromstring(example_files["sitemap.xml"])
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locs = [loc.text for loc in root.findall("s:url/s:loc", ns)]
    assert locs == [example.directory.base_url] + [site.url for site in example.sites]


# --- templates --------------------------------------------------------------------------------


def test_templates_ship_as_package_data():
    shipped = {p.name for p in importlib.resources.files("qrdir.templates").iterdir()}
    repo = {p.name for p in (REPO / "templates").glob("*.html")}
    assert repo <= shipped
    assert {"base.html", "index.html", "site.html", "moved.html", "closed.html",
            "404.html"} <= repo


def test_a_templates_folder_overrides_file_by_file(tmp_path):
    (tmp_path / "404.html").write_text(
        '{% extends "base.html" %}{% block body %}<h1>Lạc đường rồi</h1>{% endblock %}',
        encoding="utf-8",
    )
    files = render_pages(make_registry(), templates_dir=tmp_path)
    assert parse(files["404.html"]).h1.get_text() == "Lạc đường rồi"
    assert files["index.html"] == render_pages(make_registry())["index.html"]


def test_a_template_added_between_builds_is_used(tmp_path):
    """qrdir serve rebuilds in one process: a newly added override must not be missed."""
    before = render_pages(make_registry(), templates_dir=tmp_path)["404.html"]
    (tmp_path / "404.html").write_text("<p>Mới</p>", encoding="utf-8")
    after = render_pages(make_registry(), templates_dir=tmp_path)["404.html"]
    assert before != after == "<p>Mới</p>".encode()


def test_a_template_using_an_unknown_name_fails_loudly(tmp_path):
    (tmp_path / "404.html").write_text("{{ no_such_thing }}", encoding="utf-8")
    with pytest.raises(Exception, match="no_such_thing"):
        render_pages(make_registry(), templates_dir=tmp_path)


# --- safety -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    ["javascript:alert(1)", " javascript:alert(1)", "java\tscript:alert(1)", "JAVASCRIPT:x",
     "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)", "//example.com/x",
     "file:///etc/passwd"],
)
def test_links_with_other_schemes_are_refused(url):
    with pytest.raises(ValueError):
        safe_href(url)


@pytest.mark.parametrize(
    "url",
    ["https://x.vn/a", "http://x.vn/", "tel:+84913456789", "tel:113", "geo:1.5,2.5",
     "mailto:a@b.vn", "contact.vcf", "../index.html"],
)
def test_allowed_links_pass_unchanged(url):
    assert safe_href(url) == url


def shape(soup: BeautifulSoup) -> list[tuple[str, tuple[str, ...]]]:
    """Every element's tag and attribute names, in document order: the page's structure."""
    return [(element.name, tuple(sorted(element.attrs))) for element in soup.find_all(True)]


@pytest.fixture(scope="module")
def benign_files() -> dict[str, bytes]:
    return render_pages(hostile_registry("Văn bản bình thường"))


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_hostile_text_is_escaped_everywhere(payload, benign_files):
    files = render_pages(hostile_registry(payload))
    for name in ("index.html", "ubnd/index.html", "khu-pho/index.html", "dong/index.html",
                 "cu/index.html", "404.html"):
        soup = parse(files[name])
        # The payload added no element and no attribute: same structure as with plain text.
        assert shape(soup) == shape(parse(benign_files[name])), name
        for href in hrefs(soup):
            assert urlsplit(href).scheme in {"http", "https", "tel", "geo", "mailto", ""}
        assert payload in soup.get_text(), name
    data = jsonld_of(parse(files["ubnd/index.html"]))
    assert data["name"] == payload and data["contactPoint"][0]["contactType"] == payload
    assert json.loads(files["sites.json"])["sites"][0]["note"] == payload


# --- budgets ----------------------------------------------------------------------------------


def test_a_large_landing_page_fits_the_budget():
    hotlines = tuple(
        Hotline(label, parse_phone(number))
        for label, number in [("Công an", "113"), ("Cứu hỏa", "114"), ("Cấp cứu", "115"),
                              ("Tổng đài hỗ trợ dịch vụ công", "1900 1096")]
    )
    registry = registry_of(large_site(), hotlines=hotlines)
    page = render_pages(registry)["trung-tam-van-hoa/index.html"]
    assert len(page) <= LANDING_PAGE_BUDGET


def test_a_thirty_site_index_fits_the_budget():
    files = render_pages(ward_registry(30))
    assert len(parse(files["index.html"]).select("li[data-s]")) == 30
    assert len(files["index.html"]) <= INDEX_BUDGET


# --- any text survives every escaping ---------------------------------------------------------

# Registry text: any printable character, line breaks and tabs (YAML block scalars), NFC.
registry_text = st.text(
    st.characters(blacklist_categories=("Cs", "Cc", "Co", "Cn"), whitelist_characters="\n\t"),
    min_size=1,
).map(nfc).filter(lambda s: s.strip())


@settings(max_examples=60, deadline=None)
@given(registry_text)
def test_any_text_survives_html_attribute_url_and_jsonld_escaping(text):
    site = make_site(name=text, address=text, location=None, map_url=None)
    moved = make_site("khac", name="Khác", location=Position(11.3, 106.1))
    soup = parse(render_pages(make_registry(site, moved, name=text))["ubnd/index.html"])
    assert soup.h1.get_text() == text  # HTML text
    assert soup.find("meta", attrs={"name": "description"})["content"] == text  # attribute
    search = soup.find("a", string=labels.label("find_on_map", "vi"))["href"]
    assert parse_qs(urlsplit(search).query)["query"] == [f"{text}, {text}"]  # URL
    assert jsonld_of(soup)["name"] == text  # JSON-LD


@settings(max_examples=40, deadline=None)
@given(registry_text)
def test_any_name_survives_the_geo_link_label(text):
    soup = parse(render_pages(make_registry(make_site(name=text)))["ubnd/index.html"])
    geo = next(h for h in hrefs(soup) if h.startswith("geo:"))
    label = re.fullmatch(r"geo:11\.2991,106\.1372\?q=11\.2991,106\.1372\((.*)\)", geo).group(1)
    assert unquote(label) == text


def test_dates_come_from_the_registry_not_the_clock():
    later = make_registry(updated=dt.date(2027, 1, 2))
    assert "Cập nhật: 02/01/2027" in parse(render_pages(later)["index.html"]).footer.get_text()
