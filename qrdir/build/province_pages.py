"""The province's own pages: a list of every ward, and a search across all their sites.

A province of 500 wards holds some 10,000 sites; one page listing them all would be far too
heavy for a resident's phone. The province ``index.html`` lists the wards only (each ward's own
directory lists its sites), and its search box loads, only when a resident types, one small
shard of a word index: ``search/<two letters>.json`` holds every site with a word starting with
those two letters in its name, its former names or its ward's names (marks ignored). A word
found in most site names ("phuong", "ubnd") would make its shard as large as the province, so
such words are not shard keys; the page searches by the query's longest word that is not one
of them, and filters that shard by all the words.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from qrdir import labels
from qrdir.build import publish
from qrdir.build.files import FOLDER_MODE, make_folders, make_readable
from qrdir.build.outline import Outline
from qrdir.registry.model import Directory
from qrdir.registry.text import fold
from qrdir.web import hosting

SHARD_DIR = "search"
ROOT_FILES = ("index.html", "robots.txt")  # the province's own files beside the ward folders
# A word found in more sites than this ("phuong", "ubnd") is too common to be a shard key:
# its shard would be as large as the province. The page is told which words those are.
COMMON_WORD_SITES = 400


@dataclass(frozen=True)
class WardEntry:
    """One ward as the province page lists it."""

    stem: str
    name: str
    region: str | None
    formerly: tuple[str, ...]
    sites: int
    search: str  # folded name and former names, for the in-page ward filter


def province_directory(directories: list[Directory]) -> Directory:
    """The province as a directory: what all its wards share (region, hotlines, language)."""
    first = directories[0]
    shared_hotlines = tuple(h for h in first.hotlines
                            if all(h in d.hotlines for d in directories))
    regions = {d.region for d in directories}
    publishers = {d.publisher for d in directories}
    languages = {d.language for d in directories}
    region = regions.pop() if len(regions) == 1 else None
    base = first.base_url.rstrip("/").rsplit("/", 1)[0] + "/"
    return Directory(
        name=region or labels.label("province_title", first.language),
        base_url=base,
        updated=max(d.updated for d in directories),
        publisher=publishers.pop() if len(publishers) == 1 else None,
        language=languages.pop() if len(languages) == 1 else "vi",
        hotlines=shared_hotlines,
    )


def render_province_pages(wards: list[tuple[str, Outline]],
                          templates_dir: Path | None = None) -> dict[str, bytes]:
    """The province index and its search shards, keyed by path under the province output;
    ``templates_dir`` overrides the built-in templates file by file, as for a ward's pages."""
    directory = province_directory([outline.directory for _, outline in wards])
    entries = [_ward_entry(stem, outline) for stem, outline in wards]
    shards, common = search_shards(wards)
    files = {f"{SHARD_DIR}/{key}.json": _json(rows) for key, rows in shards.items()}
    from qrdir.web import pages  # only here: Jinja2 is slow to import, and often not needed
    files["index.html"] = pages.render_province_index(directory, entries, sorted(shards), common,
                                                      templates_dir)
    # Crawlers read robots.txt only at a host's root: the province's lists every ward's sitemap.
    files["robots.txt"] = hosting.robots_for(
        [outline.directory.base_url for _, outline in wards]).encode("utf-8")
    return files


def _ward_entry(stem: str, outline: Outline) -> WardEntry:
    directory = outline.directory
    return WardEntry(stem, directory.name, directory.region, directory.formerly,
                     len(outline.sites), fold(" ".join((directory.name, *directory.formerly))))


def search_shards(wards: list[tuple[str, Outline]]) -> tuple[dict[str, list], list[str]]:
    """Rows ``[ward, site id, site name, ward name, folded text]`` by two-letter key, and the
    words too common to be keys."""
    documents = [([stem, site.id, site.name, outline.directory.name, site.search],
                  set(site.search.split()))
                 for stem, outline in wards for site in outline.sites]
    frequency = Counter(word for _, words in documents for word in words)
    common = sorted(w for w, n in frequency.items() if n > COMMON_WORD_SITES)
    shards: dict[str, list[list[str]]] = {}
    for row, words in documents:
        for key in sorted({w[:2] for w in words.difference(common)
                           if len(w) >= 2 and w[:2].isalnum()}):
            shards.setdefault(key, []).append(row)
    return shards, common


def _json(rows: list[list[str]]) -> bytes:
    return json.dumps(rows, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def write_province_pages(output: Path, wards: list[tuple[str, Outline]],
                         templates_dir: Path | None = None) -> None:
    """Publish the province pages into ``output`` beside the ward folders, the way a ward's
    output is published (:func:`qrdir.build.publish.publish_beside`).

    The shards folder is replaced whole, so a search never offers a site that is gone. The
    province's root folder gets the mode of publish.md, also where an older qrdir left it
    private (0700).
    """
    make_folders(output)
    make_readable(output, FOLDER_MODE)
    publish.publish_beside(render_province_pages(wards, templates_dir), output, "province")


def snapshot(output: Path) -> dict[str, tuple[int, int]]:
    """Size and time of the province's own files: the pages at its root and the shards."""
    files = {f"{SHARD_DIR}/{name}": value
             for name, value in publish.snapshot(output / SHARD_DIR).items()}
    for name in ROOT_FILES:
        if (output / name).is_file():
            info = (output / name).stat()
            files[name] = (info.st_size, info.st_mtime_ns)
    return files
