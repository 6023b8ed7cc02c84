"""The order of a deploy (publish.md "Residents never see a half-deployed site"): replaying the
plan one upload at a time over what the target held, a reader meeting the target between any
two steps never finds a page linking to a file that is not there."""

from __future__ import annotations

import hashlib
from posixpath import normpath
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from qrdir.deploy.plan import DIRECTORY_FILES, make_plan
from tests.deploy.conftest import tree

BASE_URL = "https://longhoa.example.vn/"  # the example registry's


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def links(page: str, html: bytes) -> set[str]:
    """The files of the site ``page`` links to (relatively or under base_url)."""
    found = set()
    for tag in BeautifulSoup(html, "html5lib").find_all(["a", "link", "img", "script"]):
        url = tag.get("href") or tag.get("src")
        if not url:
            continue
        absolute = urljoin(BASE_URL + page, url)
        if not absolute.startswith(BASE_URL):
            continue  # tel:, geo:, maps, Zalo…
        path = urlsplit(absolute).path
        found.add(normpath(path + "index.html" if path.endswith("/") else path).lstrip("/"))
    return found


def broken(held: dict[str, bytes], first_deploy: bool) -> set[tuple[str, str]]:
    """(page, file) for each link in ``held`` to a file ``held`` lacks. On a first deploy the
    landing pages' link back to the directory is allowed: the directory goes up last, as it
    links to every page."""
    missing = set()
    for page, data in held.items():
        if not page.endswith(".html"):
            continue
        for target in links(page, data) - held.keys():
            if not (first_deploy and target in DIRECTORY_FILES):
                missing.add((page, target))
    return missing


@pytest.mark.parametrize("case", ["first deploy", "one phone changed"])
def test_no_reader_between_two_uploads_meets_a_broken_link(case, built, phone_changed):
    old = {} if case == "first deploy" else tree(built)
    new = tree(phone_changed)
    plan = make_plan(new, {path: sha256(data) for path, data in old.items()}, sha256)
    assert plan.uploads and broken(new, first_deploy=False) == set()
    held = dict(old)
    for path in plan.uploads:
        held[path] = new[path]
        assert broken(held, first_deploy=not old) == set(), path
    for path in plan.deletions:
        del held[path]
        assert broken(held, first_deploy=False) == set(), path
    assert held == new


def test_deletions_come_after_every_upload_pages_before_their_assets(built):
    new = tree(built)
    old = {"old/index.html": "x", "qr/old.svg": "y", "index.html": "z"}
    plan = make_plan(new, old, sha256)
    assert plan.deletions == ("old/index.html", "qr/old.svg")  # a page before what it showed
    assert "index.html" in plan.changed and plan.uploads[-4:] == DIRECTORY_FILES
