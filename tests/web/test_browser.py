"""The pages in a real browser at phone size: layout, search, open now, accessibility, safety.

Headless Debian Chromium driven by Playwright loads the rendered output from a local
http.server on 127.0.0.1, at 360×740 like a low-end Android phone. Every page load records
the requests it makes: anything not addressed to 127.0.0.1 fails the test (output.md: no
external request of any kind). Set QRDIR_SCREENSHOTS to a folder to keep the screenshots.
"""

from __future__ import annotations

import datetime as dt
import functools
import http.server
import os
import threading
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import axe_playwright_python
import pytest
from PIL import Image

from qrdir.registry.model import DayHours, Interval, Registry, Retired
from qrdir.registry.text import fold
from qrdir.registry.validate import load_registry
from qrdir.web.pages import render_pages
from tests.conftest import EXAMPLE_REGISTRY, example_registry, make_site
from tests.pages_data import (
    XSS_PAYLOADS,
    all_hostile_registry,
    large_site,
    registry_of,
    write_files,
)

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists() and not os.environ.get("CI"):
    pytest.skip("Debian's chromium is not installed", allow_module_level=True)

from playwright.sync_api import BrowserContext, Page, sync_playwright  # noqa: E402

pytestmark = pytest.mark.browser

LAUNCH_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
PHONE = {"width": 360, "height": 740}
AXE_JS = Path(axe_playwright_python.__file__).parent / "axe.min.js"
VIETNAM = dt.timezone(dt.timedelta(hours=7))


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        yield browser
        browser.close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@dataclass
class Server:
    """A local web server over a folder; each registry's output goes in its own subfolder."""

    root: Path
    base: str

    def publish(self, name: str, registry: Registry) -> str:
        """Render ``registry`` into ``root/name`` and return its URL."""
        write_files(render_pages(registry), self.root / name)
        return f"{self.base}{name}/"


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[Server]:
    root = tmp_path_factory.mktemp("site")
    handler = functools.partial(_QuietHandler, directory=str(root))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield Server(root, f"http://127.0.0.1:{httpd.server_port}/")
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def example_url(server) -> str:
    return server.publish("example", example_registry())


@pytest.fixture(scope="module")
def large_url(server) -> str:
    registry = registry_of(
        large_site(), make_site(),
        retired=(Retired("cu", moved_to="ubnd"), Retired("dong", closed="Đã sáp nhập vào UBND")),
    )
    return server.publish("large", registry)


@dataclass
class Watch:
    """What a page did besides rendering: requests that left, dialogs, CSP complaints."""

    external: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    csp_errors: list[str] = field(default_factory=list)

    def assert_quiet(self) -> None:
        assert self.external == [], "requests left the machine"
        assert self.dialogs == [], "a script opened a dialog"
        assert self.csp_errors == [], "the page's own code was blocked"


def watched_page(context: BrowserContext) -> tuple[Page, Watch]:
    """A new page whose every request outside 127.0.0.1 is blocked and recorded."""
    page = context.new_page()
    watch = Watch()

    def route(route) -> None:
        url = route.request.url
        if url.startswith("http://127.0.0.1:"):
            route.continue_()
        else:
            watch.external.append(url)
            route.abort()

    def dialog(dialog) -> None:
        watch.dialogs.append(dialog.message)
        dialog.dismiss()

    page.route("**/*", route)
    page.on("dialog", dialog)
    page.on("console", lambda m: "Content Security Policy" in m.text and
            watch.csp_errors.append(m.text))
    return page, watch


@pytest.fixture
def context(browser) -> Iterator[BrowserContext]:
    context = browser.new_context(viewport=PHONE, timezone_id="Asia/Ho_Chi_Minh")
    yield context
    context.close()


def hold_forwarding(page: Page, target: str) -> None:
    """Keep a forwarding page on screen: its target answers 204, which cancels navigation."""
    page.route(target, lambda route: route.fulfill(status=204))


def visible_names(page: Page) -> list[str]:
    return page.locator("li[data-s] > a.name").evaluate_all(
        "links => links.filter(a => a.offsetParent !== null).map(a => a.textContent)"
    )


# --- layout at phone width -------------------------------------------------------------------

PAGES = ["example/index.html", "large/trung-tam-van-hoa/index.html", "example/404.html",
         "large/dong/index.html", "large/cu/index.html"]

MEASURE = """() => {
  const small = [], tiny = [];
  for (const el of document.querySelectorAll('a, button, input')) {
    const box = el.getBoundingClientRect();
    if (box.width && (box.height < 48 || box.width < 48)) {
      small.push(el.outerHTML.slice(0, 80) + ' ' + box.width + 'x' + box.height);
    }
  }
  for (const el of document.body.querySelectorAll('*')) {
    const hasText = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
    if (hasText && el.getClientRects().length) {
      const size = parseFloat(getComputedStyle(el).fontSize);
      if (size < 16) { tiny.push(el.tagName + ' ' + size); }
    }
  }
  return {scroll: document.documentElement.scrollWidth, width: innerWidth, small, tiny};
}"""


@pytest.mark.parametrize("path", PAGES)
def test_page_fits_a_360px_phone_with_big_targets_and_text(
    path, server, example_url, large_url, context, tmp_path
):
    page, watch = watched_page(context)
    hold_forwarding(page, server.base + "large/ubnd/index.html")
    page.goto(server.base + path)
    measured = page.evaluate(MEASURE)
    assert measured["scroll"] <= measured["width"] == 360  # no horizontal scrolling
    assert measured["small"] == []  # every link and field at least 48 × 48 px
    assert measured["tiny"] == []  # no text under 16 px
    shot = Path(os.environ.get("QRDIR_SCREENSHOTS", tmp_path)) / (
        path.replace("/", "_").removesuffix(".html") + ".png"
    )
    shot.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=shot, full_page=True)
    assert Image.open(shot).width == 360  # nothing painted beyond the screen's width
    watch.assert_quiet()


TIME_LINES = """() => [...document.querySelectorAll('table.hours td span, table.hours th span')]
  .map(span => [span.textContent, span.getClientRects().length])"""


@pytest.mark.parametrize("width", [320, 360])
@pytest.mark.parametrize("language", ["vi", "en"])
def test_an_opening_time_never_breaks_at_its_dash(width, language, server, context, browser):
    """The screenshots of issue 12: "07:00–" above "11:30" beside a long day label, bold today."""
    split = tuple(DayHours(day, (Interval(420, 690), Interval(810, 1020)))
                  for day in ("wed", "thu", "fri", "sat"))
    every_day = (DayHours("mon", (Interval(420, 690), Interval(810, 1020))),
                 DayHours("tue", (Interval(450, 690),)), *split, DayHours("sun", ()))
    url = server.publish(f"hours-{language}",
                         registry_of(make_site(hours=every_day), language=language))
    phone = browser.new_context(viewport={"width": width, "height": 740},
                                timezone_id="Asia/Ho_Chi_Minh")
    try:
        page, watch = watched_page(phone)
        # A Monday morning: Monday's row is bold, the widest the times get.
        page.clock.set_fixed_time(dt.datetime(2026, 11, 30, 8, 0, tzinfo=VIETNAM))
        page.goto(url + "ubnd/index.html")
        assert page.locator("tr.today").count() == 1
        lines = page.evaluate(TIME_LINES)
        assert ["07:00–11:30", 1] in lines and ["13:30–17:00", 1] in lines
        assert all(boxes == 1 for _, boxes in lines), lines  # each time, each day on one line
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        watch.assert_quiet()
    finally:
        phone.close()


def test_call_and_directions_are_on_the_first_screen(large_url, context):
    """A 90-character name and a note still leave both big buttons under the thumb."""
    page, watch = watched_page(context)
    page.goto(large_url + "trung-tam-van-hoa/index.html")
    for name in ("Gọi 0276 3841 234", "Chỉ đường"):
        box = page.get_by_role("link", name=name).bounding_box()
        assert box["y"] + box["height"] <= PHONE["height"], name
        assert box["height"] >= 56
    watch.assert_quiet()


# --- search ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("đảng uỷ", ["Đảng uỷ phường Long Hoa"]),
        ("dang uy", ["Đảng uỷ phường Long Hoa"]),
        ("ĐẢNG UỶ", ["Đảng uỷ phường Long Hoa"]),
        ("  tram   Y TE ", ["Trạm Y tế phường Long Hoa"]),
        ("trạm y tế", ["Trạm Y tế phường Long Hoa"]),
    ],
)
def test_search_ignores_marks_case_and_spaces(query, expected, example_url, context):
    page, watch = watched_page(context)
    page.goto(example_url + "index.html")
    page.fill("#q", query)
    assert visible_names(page) == expected
    watch.assert_quiet()


def test_search_finds_earlier_names_and_hides_empty_groups(example_url, context):
    registry, _ = load_registry(EXAMPLE_REGISTRY)
    with_earlier_name = [
        s.name for s in registry.sites
        if any("long thanh bac" in fold(earlier) for earlier in s.formerly)
    ]
    assert with_earlier_name  # the example has sites renamed in the 2025 merger
    page, watch = watched_page(context)
    page.goto(example_url + "index.html")
    page.fill("#q", "long thanh bac")
    assert set(with_earlier_name) <= set(visible_names(page))
    searched = page.locator("li[data-s]").evaluate_all(
        "items => items.filter(li => li.offsetParent !== null).map(li => li.dataset.s)"
    )
    assert all(all(w in text for w in ("long", "thanh", "bac")) for text in searched)
    visible_groups = page.locator("section.group:visible h2").all_text_contents()
    assert len(visible_groups) < len(page.locator("section.group h2").all_text_contents())
    assert page.locator("#none").is_hidden()
    page.fill("#q", "không có nơi nào như thế")
    assert visible_names(page) == []
    assert page.locator("#none").is_visible()
    page.fill("#q", "")
    assert len(visible_names(page)) == len(registry.sites)
    watch.assert_quiet()


def vietnamese_letters() -> str:
    """Every Vietnamese letter in both cases: each vowel with each of the five tone marks."""
    vowels = "a ă â e ê i o ô ơ u ư y".split()
    tones = ["", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"]
    lower = "".join(unicodedata.normalize("NFC", v + t) for v in vowels for t in tones) + "đ"
    return lower + lower.upper()


def test_the_pages_fold_agrees_with_pythons_for_every_vietnamese_letter(server, context):
    letters = vietnamese_letters()
    assert len(letters) == 2 * (12 * 6 + 1)
    registry = registry_of(
        make_site("chu", name="Bảng chữ " + letters),
        make_site("khac", name="Nơi khác", kind="school"),
    )
    url = server.publish("letters", registry)
    page, watch = watched_page(context)
    page.goto(url + "index.html")
    for typed in (letters, unicodedata.normalize("NFD", letters), fold(letters)):
        page.fill("#q", typed)
        assert visible_names(page) == ["Bảng chữ " + letters], typed
    watch.assert_quiet()


def test_without_javascript_every_site_is_listed(example_url, browser):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page, watch = watched_page(context)
    page.goto(example_url + "index.html")
    registry, _ = load_registry(EXAMPLE_REGISTRY)
    assert visible_names(page) == [
        site.name for _, sites in registry.sites_by_kind() for site in sites
    ]
    assert page.locator("#search").is_hidden()  # no dead search box
    watch.assert_quiet()
    context.close()


# --- open now --------------------------------------------------------------------------------

OFFICE = (Interval(420, 690), Interval(810, 1020))
WEEK = tuple(DayHours(d, OFFICE) for d in ("mon", "tue", "wed", "thu", "fri")) + (
    DayHours("sun", ()),
)


@pytest.fixture(scope="module")
def hours_url(server) -> str:
    return server.publish("hours", registry_of(
        make_site("ubnd", hours=WEEK),
        make_site("cong-an", kind="police", hours=(DayHours("mon", (Interval(0, 1440),)),)),
    ))


@pytest.mark.parametrize(
    ("site", "vietnam_time", "mark", "today"),
    [
        # 08:30 Monday in Vietnam is still Sunday evening in New York.
        ("ubnd", dt.datetime(2026, 11, 30, 8, 30), "Đang mở cửa đến 11:30", "Thứ Hai – Thứ Sáu"),
        ("ubnd", dt.datetime(2026, 11, 30, 12, 0), "Đã đóng cửa", "Thứ Hai – Thứ Sáu"),
        ("ubnd", dt.datetime(2026, 12, 4, 16, 59), "Đang mở cửa đến 17:00", "Thứ Hai – Thứ Sáu"),
        ("ubnd", dt.datetime(2026, 12, 4, 17, 0), "Đã đóng cửa", "Thứ Hai – Thứ Sáu"),
        # 10:00 Sunday in Vietnam is Saturday night in New York: Sunday is closed, not unknown.
        ("ubnd", dt.datetime(2026, 11, 29, 10, 0), "Đã đóng cửa", "Chủ Nhật"),
        ("cong-an", dt.datetime(2026, 11, 30, 23, 59), "Đang mở cửa", "Thứ Hai"),
    ],
)
def test_open_now_is_computed_in_vietnam_time(site, vietnam_time, mark, today, hours_url,
                                              browser):
    context = browser.new_context(viewport=PHONE, timezone_id="America/New_York")
    page, watch = watched_page(context)
    page.clock.set_fixed_time(vietnam_time.replace(tzinfo=VIETNAM))
    page.goto(f"{hours_url}{site}/index.html")
    assert page.locator("#now").inner_text() == mark
    assert page.locator("tr.today th").all_text_contents() == [today]
    watch.assert_quiet()
    context.close()


def test_a_day_without_hours_says_nothing_about_now(hours_url, browser):
    context = browser.new_context(viewport=PHONE, timezone_id="America/New_York")
    page, watch = watched_page(context)
    page.clock.set_fixed_time(dt.datetime(2026, 12, 5, 9, 0, tzinfo=VIETNAM))  # a Saturday
    page.goto(hours_url + "ubnd/index.html")
    assert page.locator("#now").is_hidden()
    assert page.locator("tr.today td").inner_text() == "Chưa có thông tin"
    watch.assert_quiet()
    context.close()


# --- forwarding ------------------------------------------------------------------------------


def test_a_moved_id_forwards_to_the_new_page(large_url, context):
    page, watch = watched_page(context)
    page.goto(large_url + "cu/index.html")
    page.wait_for_url(large_url + "ubnd/index.html")
    assert page.locator("h1").inner_text() == "UBND phường Long Thành Bắc"
    watch.assert_quiet()


# --- accessibility ---------------------------------------------------------------------------


@pytest.mark.parametrize("path", PAGES)
def test_axe_finds_no_violations(path, server, example_url, large_url, browser):
    # axe is injected as an inline script, which the pages' own CSP rightly forbids.
    context = browser.new_context(viewport=PHONE, bypass_csp=True)
    page, watch = watched_page(context)
    hold_forwarding(page, server.base + "large/ubnd/index.html")
    page.goto(server.base + path)
    page.add_script_tag(path=AXE_JS)
    violations = page.evaluate(
        """async () => (await axe.run()).violations.map(
             v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))"""
    )
    assert violations == []
    watch.assert_quiet()
    context.close()


# --- hostile text ----------------------------------------------------------------------------


# A page that does misbehave, loaded alongside: proves the harness sees dialogs and requests.
CONTROL_PAGE = (
    '<!DOCTYPE html><title>control</title>'
    '<script>alert("control")</script><img src="http://example.com/control.png" alt="">'
)


def test_hostile_text_runs_nothing_requests_nothing_and_shows_literally(server, browser):
    """Every payload in every text field of every page type, all loaded at once in frames."""
    url = server.publish("xss", all_hostile_registry())
    everything = tuple(XSS_PAYLOADS)
    frames = [("index.html", everything), ("404.html", everything), ("cu/index.html", ())]
    for index, payload in enumerate(XSS_PAYLOADS):
        frames += [(f"s{index}/index.html", (payload,)), (f"dong-{index}/index.html", (payload,))]
    (server.root / "control.html").write_text(CONTROL_PAGE, encoding="utf-8")
    host = "".join(f'<iframe src="{url}{path}"></iframe>' for path, _ in frames)
    (server.root / "hostile.html").write_text(
        f'<!DOCTYPE html><title>x</title>{host}<iframe src="control.html"></iframe>',
        encoding="utf-8",
    )
    # The CSP is bypassed so that escaping alone is what is tested here.
    context = browser.new_context(viewport=PHONE, bypass_csp=True)
    page, watch = watched_page(context)
    # The forwarding page stays on screen: its target answers 204 to it, cancelling the move.
    page.route(url + "s0/index.html", lambda route: route.fulfill(status=204)
               if route.request.frame.url.endswith("/cu/index.html") else route.continue_())
    page.goto(server.base + "hostile.html")
    texts = page.evaluate("""() => [...document.querySelectorAll('iframe')].map(
        f => f.contentDocument.body.textContent)""")
    for (path, payloads), text in zip(frames, texts[:-1], strict=True):
        for payload in payloads:
            assert payload in text, (path, payload)
    assert "Trang đã chuyển" in texts[2] and XSS_PAYLOADS[0] in texts[2]  # held, names target
    # Typing each payload into the directory's search box runs the search script on it.
    page.evaluate("""payloads => {
        const q = document.querySelector('iframe').contentDocument.getElementById('q');
        for (const payload of payloads) {
            q.value = payload;
            q.dispatchEvent(new Event('input'));
        }
    }""", list(XSS_PAYLOADS))
    page.wait_for_timeout(100)
    assert watch.dialogs == ["control"]
    assert watch.external == ["http://example.com/control.png"]
    context.close()


def test_the_csp_blocks_whatever_might_slip_through(server, context):
    """Defence in depth: even injected markup could neither run nor fetch anything."""
    page, watch = watched_page(context)
    url = server.publish("csp", registry_of(make_site()))
    page.goto(url + "ubnd/index.html")
    page.evaluate("""() => {
        const img = document.createElement('img');
        img.src = 'http://127.0.0.1:9/x.png';
        document.body.append(img);
        const script = document.createElement('script');
        script.textContent = 'alert(1)';
        document.body.append(script);
    }""")
    page.wait_for_timeout(100)
    assert watch.dialogs == []
    assert len(watch.csp_errors) == 2  # the image and the script were both refused
    assert watch.external == []


# --- the province page -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def province_url(server, tmp_path_factory) -> str:
    from qrdir.build.province import build_province
    from tests.build.test_province import make_wards

    wards = make_wards(tmp_path_factory.mktemp("province"), sites=14)
    build_province(wards, server.root / "province", jobs=1)
    return server.base + "province/"


def test_province_search_loads_one_small_shard_and_finds_sites(province_url, context):
    page, watch = watched_page(context)
    held: list = []  # shard requests, held back like a slow mobile connection would
    page.route("**/search/*.json", lambda route: held.append(route))
    page.goto(province_url + "index.html")
    page.fill("#q", "THANH  điền")
    assert page.locator("#wards + .list [data-s]:visible").count() == 1  # Xã Thanh Điền
    page.fill("#q", "tram y te thanh dien")  # typed on while the first shard still loads
    page.wait_for_timeout(100)
    assert [route.request.url for route in held] == [province_url + "search/th.json"]
    held[0].continue_()
    page.wait_for_selector("#found a")
    found = page.locator("#found a").evaluate_all(
        "links => links.map(a => [a.textContent, a.getAttribute('href')])")
    assert found == [["Trạm Y tế phường Long Hoa", "thanh-dien/tram-y-te/index.html"]]
    page.click("#found a")
    page.wait_for_url(province_url + "thanh-dien/tram-y-te/index.html")
    watch.assert_quiet()


def test_province_page_fits_a_phone_and_passes_axe(province_url, browser):
    context = browser.new_context(viewport=PHONE, bypass_csp=True)
    page, watch = watched_page(context)
    page.goto(province_url + "index.html")
    measured = page.evaluate(MEASURE)
    assert measured["scroll"] <= measured["width"]
    assert measured["small"] == [] and measured["tiny"] == []
    page.add_script_tag(path=AXE_JS)
    assert page.evaluate("async () => (await axe.run()).violations.map(v => v.id)") == []
    watch.assert_quiet()
    context.close()
