"""What one deploy does to a target (publish.md "`qrdir deploy`"), decided before anything moves.

A plan compares the built output with what the target holds, file by file, by the target's own
content hash. It orders the uploads so that no page ever links to a file the target lacks
(assets, then pages, then the directory), puts deletions last, and applies the two guards that
refuse a deploy before it changes anything: a printed code the output would orphan, and more
deletions than the cap.
"""

from __future__ import annotations

import os
import posixpath
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

from qrdir import paths
from qrdir.errors import MessageError
from qrdir.registry.model import ID_PATTERN

# publish.md: "then the directory, sites.json, sitemap.xml, 404.html" – in that order, last.
DIRECTORY_FILES = (paths.DIRECTORY_PAGE, paths.SITES_JSON, paths.SITEMAP, paths.NOT_FOUND_PAGE)


@dataclass(frozen=True)
class Plan:
    """The files to upload (in order), of which ``changed`` replace one the target holds, the
    files to delete (after every upload), and how many are already there as they should be."""

    uploads: tuple[str, ...]
    changed: frozenset[str]
    deletions: tuple[str, ...]
    unchanged: int

    @property
    def is_empty(self) -> bool:
        return not self.uploads and not self.deletions


def output_files(output: Path) -> dict[str, Path]:
    """Every file of a built output folder, by its relative POSIX path."""
    files = {}
    for folder, subfolders, names in os.walk(output):
        subfolders.sort()
        for name in names:
            path = Path(folder) / name
            files[path.relative_to(output).as_posix()] = path
    return dict(sorted(files.items()))


def served_ids(files: object) -> set[str]:
    """The ids a set of output paths serves: each ``<id>/index.html`` (a site's page, or a retired
    id's moved or closed page), as :func:`qrdir.registry.ledger.served_ids` counts them."""
    served = set()
    for path in files:
        parts = PurePosixPath(path).parts
        if len(parts) == 2 and parts[1] == "index.html" and ID_PATTERN.fullmatch(parts[0]):
            served.add(parts[0])
    return served


def upload_order(files: dict[str, bytes]) -> list[str]:
    """``files`` in the order they go up: assets, then pages, then the directory files.

    Among the pages, one linking to another page goes after it (a retired id's page forwards
    to the site that took its place), found by the links the pages hold.
    """
    pages = {path for path in files if path.endswith(".html") and path not in DIRECTORY_FILES}
    depth: dict[str, int] = {}

    def depth_of(page: str, seen: frozenset[str]) -> int:
        if page not in depth:
            linked = (_page_links(page, files[page]) & pages) - seen - {page}
            depth[page] = max((depth_of(other, seen | {page}) + 1 for other in linked),
                              default=0)
        return depth[page]

    def rank(path: str) -> tuple[int, int, str]:
        if path in DIRECTORY_FILES:
            return 2, DIRECTORY_FILES.index(path), path
        if path in pages:
            return 1, depth_of(path, frozenset()), path
        return 0, 0, path

    return sorted(files, key=rank)


class _Links(HTMLParser):
    """The href and src values of a page."""

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.urls.extend(value for name, value in attrs if name in ("href", "src") and value)


def _page_links(page: str, html: bytes) -> set[str]:
    """The files of the output that ``page`` links to by a relative URL."""
    parser = _Links()
    parser.feed(html.decode("utf-8", "replace"))
    found = set()
    for url in parser.urls:
        parts = urlsplit(url)
        if parts.scheme or parts.netloc or not parts.path or parts.path.startswith("/"):
            continue  # another site, tel:, or an absolute path (base_url's path is unknown)
        path = posixpath.normpath(posixpath.join(posixpath.dirname(page), parts.path))
        found.add(path + "/index.html" if parts.path.endswith("/") else path)
    return found


def make_plan(local: dict[str, bytes], remote: dict[str, str],
              digest: Callable[[bytes], str]) -> Plan:
    """The plan taking a target holding ``remote`` (path → its hash) to ``local`` (path →
    bytes), comparing by ``digest``, the target's own hash of a file's bytes."""
    uploads = [path for path in upload_order(local) if remote.get(path) != digest(local[path])]
    # Deletions last, in reverse: a page goes before the files it showed.
    gone = sorted(set(remote) - set(local))
    deletions = sorted(gone, key=lambda path: (path.endswith(".html"), path), reverse=True)
    return Plan(uploads=tuple(uploads), changed=frozenset(set(uploads) & set(remote)),
                deletions=tuple(deletions), unchanged=len(local) - len(uploads))


def check_plan(plan: Plan, local: dict[str, bytes], remote: dict[str, str], target: str,
               force: bool, max_deletes: int | None) -> None:
    """Refuse (MessageError) a plan that orphans an id the target serves, or deletes more than
    ``max_deletes`` files (default: a quarter of the target's) without ``force``."""
    # publish.md "A printed code never breaks at the target": whatever the ledger says, an id
    # on the web may be on a wall. --force does not lift this one.
    orphans = sorted(served_ids(remote) - served_ids(local))
    if orphans:
        raise MessageError("deploy_orphans", target=target, ids=", ".join(orphans),
                           count=len(orphans))
    if force:
        return
    deletes = len(plan.deletions)
    if max_deletes is None:
        over = deletes * 4 > len(remote)  # "more than a quarter of the target's files"
        limit = len(remote) // 4
    else:
        over = deletes > max_deletes
        limit = max_deletes
    if over:
        raise MessageError("deploy_too_many_deletes", target=target, deletes=deletes,
                           files=len(remote), limit=limit)


def base_url_of(output: dict[str, bytes]) -> str | None:
    """The ``base_url`` an output was built for, from its ``robots.txt`` ``Sitemap:`` line (the
    output says where it lives; deploy never reads the registry's sites)."""
    for line in output.get("robots.txt", b"").decode("utf-8", "replace").splitlines():
        if line.lower().startswith("sitemap:"):
            url = line.partition(":")[2].strip()
            if url.endswith(paths.SITEMAP):
                return url[:-len(paths.SITEMAP)]
    return None


def changed_urls(plan: Plan, base_url: str | None) -> list[str]:
    """The addresses a CDN must forget after ``plan``: every file uploaded or deleted, and for
    a page ``…/index.html`` also its folder's address (what a printed code holds)."""
    urls = []
    for path in sorted({*plan.uploads, *plan.deletions}):
        if path == "index.html" or path.endswith("/index.html"):
            urls.append(path[:-len("index.html")])
        urls.append(path)
    return [(base_url or "/") + url for url in urls]
