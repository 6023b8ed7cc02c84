"""publish.md's table, row by row, against the real nginx, Apache and Caddy from Debian.

Each server runs on 127.0.0.1 with its stock configuration plus what ``qrdir host-config``
prints, its workers as their usual unprivileged user, over a ward that has a moved id, a
closed id and an earlier base URL: once served at the root of its host and once under a path
(``https://tayninh.example.vn/tinh/long-hoa/``). Requests go through ``http.client`` and no
redirect is followed. A server's tests are skipped only when its package is not installed.
"""

from __future__ import annotations

import re
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from qrdir.web.hosting import union_policy
from tests import webservers
from tests.hosted import CLOSED, MOVED, WARDS, Ward, fetch

pytestmark = pytest.mark.servers

TYPES = {
    ".html": "text/html; charset=utf-8",
    ".vcf": "text/vcard; charset=utf-8",
    ".svg": "image/svg+xml",
    ".json": "application/json",
    ".pdf": "application/pdf",
    ".png": "image/png",
    ".txt": "text/plain; charset=utf-8",
}
HOST_ONLY = ("_headers", "_redirects", ".htaccess")


@pytest.fixture(scope="module", params=[(s, w) for s in webservers.BINARIES for w in WARDS],
                ids=lambda p: f"{p[0]}-{p[1]}")
def served(request, hosted_wards):
    server, name = request.param
    if not webservers.installed(server):
        pytest.skip(f"Debian's {server} package is not installed")
    ward: Ward = hosted_wards[name]
    old_host = urlsplit(ward.old_base).hostname
    running = webservers.start(server, ward.output, ward.config(server), ward.prefix,
                               old_hosts=(old_host,))
    try:
        yield Served(running, ward)
    finally:
        running.stop()


class Served:
    """A running server and the ward it serves, with requests phrased as residents' URLs."""

    def __init__(self, running: webservers.Running, ward: Ward):
        self.running = running
        self.ward = ward
        self.output = ward.output

    def get(self, relative: str, host: str | None = None, path: str | None = None, **headers):
        """GET base_url + ``relative`` (or ``path`` as given) on the new host by default."""
        return fetch(self.running.port, path if path is not None else self.ward.prefix + relative,
                     host or self.ward.host, **headers)

    def file(self, relative: str) -> bytes:
        return (self.output / relative).read_bytes()

    def served_files(self) -> list[str]:
        """Every file of the output that residents may fetch."""
        return sorted(p.relative_to(self.output).as_posix() for p in self.output.rglob("*")
                      if p.is_file() and p.name not in HOST_ONLY)

    def assert_location(self, answer, target: str) -> None:
        """A redirect to ``target`` (relative to base_url): a path, or base_url's own address."""
        location = answer.header("Location")
        base = urlsplit(self.ward.base_url)
        allowed = {self.ward.prefix + target, f"{base.scheme}://{base.netloc}{self.ward.prefix}{target}"}
        assert location in allowed, f"Location {location!r}, expected one of {allowed}"
        assert str(self.running.port) not in location


def test_workers_run_as_their_unprivileged_user(served):
    expected = {webservers.WORKER_USERS[served.running.server]}
    deadline = time.monotonic() + 5  # workers start a moment after the port opens
    while served.running.worker_users() != expected and time.monotonic() < deadline:
        time.sleep(0.05)
    assert served.running.worker_users() == expected


def test_every_file_is_served_with_its_type(served):
    moved_folder = MOVED[0] + "/"
    for relative in served.served_files():
        answer = served.get(relative)
        if relative.startswith(moved_folder):
            assert answer.status == 301, relative  # the moved page gives way to the redirect
            continue
        assert answer.status == 200, relative
        if relative.endswith(".xml"):
            assert answer.header("Content-Type").split(";")[0] in ("application/xml", "text/xml")
        else:
            assert answer.header("Content-Type") == TYPES[Path(relative).suffix], relative
        assert answer.body == served.file(relative), relative


def test_an_id_without_its_slash_is_redirected_to_it(served):
    for site_id in ("ubnd", "tram-y-te", CLOSED):
        answer = served.get(site_id)
        assert answer.status in (301, 308), site_id
        served.assert_location(answer, f"{site_id}/")


def test_a_moved_id_is_redirected_to_its_new_page(served):
    old, new = MOVED
    for relative in (f"{old}/", old, f"{old}/index.html"):
        answer = served.get(relative)
        assert answer.status == 301, relative
        served.assert_location(answer, f"{new}/")


def test_a_closed_id_answers_410_gone_with_its_page(served):
    answer = served.get(f"{CLOSED}/")
    assert answer.status == 410
    assert answer.header("Content-Type") == "text/html; charset=utf-8"
    assert answer.body == served.file(f"{CLOSED}/index.html")


def test_any_other_path_answers_404_with_the_sites_page(served):
    for relative in ("khong-co/", "khong-co", "ubnd/khong-co.vcf", "qr/khong-co.svg", *HOST_ONLY):
        answer = served.get(relative)
        if relative == ".htaccess" and served.running.server == "apache":
            assert answer.status == 403  # Debian's apache2.conf denies .ht* files itself
            continue
        assert answer.status == 404, relative
        assert answer.body == served.file("404.html"), relative


def test_every_url_printed_under_the_earlier_base_url_is_redirected(served):
    lines = served.file("redirects.txt").decode().splitlines()
    assert len(lines) > 15  # every id, and the old root
    for line in lines:
        old, new = line.split(" ")
        parts = urlsplit(old)
        answer = served.get("", host=parts.hostname, path=parts.path)
        assert answer.status == 301, old
        assert answer.header("Location") == new, old
    # Any other old URL keeps its place under the new base URL.
    answer = served.get("", host=urlsplit(served.ward.old_base).hostname, path="/ubnd/contact.vcf")
    assert answer.status == 301
    assert answer.header("Location") == served.ward.base_url + "ubnd/contact.vcf"


def test_pages_and_contacts_are_revalidated_and_codes_and_posters_kept_a_day(served):
    for relative in ("", "ubnd/", "ubnd/contact.vcf", "sites.json", "sitemap.xml"):
        answer = served.get(relative)
        assert answer.header("Cache-Control") == "no-cache", relative
        assert answer.header("ETag") or answer.header("Last-Modified"), relative
        again = served.get(relative, **{"If-None-Match": answer.header("ETag") or "",
                                        "If-Modified-Since": answer.header("Last-Modified") or ""})
        assert again.status == 304, relative  # the validator works: nothing sent again
    for relative in ("qr/ubnd.svg", "qr/ubnd.png", "posters/ubnd.pdf", "posters/all-a4.pdf"):
        assert served.get(relative).header("Cache-Control") == "max-age=86400", relative


def test_text_is_sent_compressed(served):
    for relative in ("", "ubnd/", "ubnd/contact.vcf", "sites.json", "sitemap.xml",
                     "qr/ubnd.svg", "redirects.txt"):
        answer = served.get(relative, **{"Accept-Encoding": "gzip"})
        assert answer.header("Content-Encoding") == "gzip", relative
        assert "Accept-Encoding" in (answer.header("Vary") or ""), relative
        file = relative + "index.html" if relative.endswith("/") or not relative else relative
        assert answer.body == served.file(file), relative
    for relative in ("qr/ubnd.png", "posters/ubnd.pdf"):
        answer = served.get(relative, **{"Accept-Encoding": "gzip"})
        assert answer.header("Content-Encoding") is None, relative


def test_every_answer_carries_nosniff_and_the_pages_policy(served):
    pages = {p.relative_to(served.output).as_posix(): p.read_bytes()
             for p in served.output.rglob("*.html")}
    policy = union_policy(pages)
    answers = [served.get(r) for r in ("", "ubnd/", "ubnd", f"{MOVED[0]}/", f"{CLOSED}/",
                                       "khong-co/", "ubnd/contact.vcf", "qr/ubnd.svg")]
    for answer in answers:
        assert answer.header("X-Content-Type-Options") == "nosniff", answer.status
        assert answer.header("Content-Security-Policy") == policy, answer.status
        assert answer.header("Strict-Transport-Security") is None  # plain http here
    # The header allows every source a page's own meta allows, and nothing else.
    header = _directives(policy)
    for path, page in pages.items():
        meta = re.search(rb'http-equiv="Content-Security-Policy" content="([^"]*)"', page)[1]
        for name, sources in _directives(meta.decode().replace("&#39;", "'")).items():
            assert sources <= header[name], (path, name)
    assert header["frame-ancestors"] == {"'none'"}


def _directives(policy: str) -> dict[str, set[str]]:
    return {name: set(sources) for name, *sources in
            (part.split() for part in policy.split(";") if part.strip())}
