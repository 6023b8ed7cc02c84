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

from qrdir import labels, pages
from qrdir.files import write_atomically
from qrdir.model import Directory, Registry
from qrdir.text import fold

SHARD_DIR = "search"
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


def province_directory(registries: list[Registry]) -> Directory:
    """The province as a directory: what all its wards share (region, hotlines, language)."""
    first = registries[0].directory
    shared_hotlines = tuple(h for h in first.hotlines
                            if all(h in r.directory.hotlines for r in registries))
    regions = {r.directory.region for r in registries}
    publishers = {r.directory.publisher for r in registries}
    languages = {r.directory.language for r in registries}
    region = regions.pop() if len(regions) == 1 else None
    base = first.base_url.rstrip("/").rsplit("/", 1)[0] + "/"
    return Directory(
        name=region or labels.label("province_title", first.language),
        base_url=base,
        updated=max(r.directory.updated for r in registries),
        publisher=publishers.pop() if len(publishers) == 1 else None,
        language=languages.pop() if len(languages) == 1 else "vi",
        hotlines=shared_hotlines,
    )


def render_province_pages(wards: list[tuple[str, Registry]]) -> dict[str, bytes]:
    """The province index and its search shards, keyed by path under the province output."""
    registries = [registry for _, registry in wards]
    directory = province_directory(registries)
    entries = [
        WardEntry(stem, r.directory.name, r.directory.region, r.directory.formerly,
                  len(r.sites), fold(" ".join((r.directory.name, *r.directory.formerly))))
        for stem, r in wards
    ]
    shards, common = search_shards(wards)
    files = {f"{SHARD_DIR}/{key}.json": _json(rows) for key, rows in shards.items()}
    files["index.html"] = pages.render_province_index(directory, entries, sorted(shards), common)
    return files


def search_shards(wards: list[tuple[str, Registry]]) -> tuple[dict[str, list], list[str]]:
    """Rows ``[ward, site id, site name, ward name, folded text]`` by two-letter key, and the
    words too common to be keys."""
    documents = []
    for stem, registry in wards:
        ward_names = " ".join((registry.directory.name, *registry.directory.formerly))
        for site in registry.sites:
            text = fold(" ".join((site.name, *site.formerly, ward_names)))
            documents.append(([stem, site.id, site.name, registry.directory.name, text],
                              set(text.split())))
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


def write_province_pages(output: Path, wards: list[tuple[str, Registry]]) -> None:
    """Write the province pages into ``output`` beside the ward folders, each file atomically.

    Shards no longer produced are removed, so a search never offers a site that is gone.
    """
    files = render_province_pages(wards)
    output.mkdir(parents=True, exist_ok=True)
    for relative, content in sorted(files.items()):
        target = output / relative
        if not (target.is_file() and target.read_bytes() == content):
            write_atomically(target, content)
    for old in (output / SHARD_DIR).glob("*.json"):
        if f"{SHARD_DIR}/{old.name}" not in files:
            old.unlink()
