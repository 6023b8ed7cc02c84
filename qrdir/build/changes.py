"""The change report after a build: what changed for residents, and what must be reprinted.

Ward staff rebuild after every staff move; before they publish they want to see that the
change they made is the only one, which posters now carry outdated printed text, and that no
printed code needs reprinting (it never should: a code changes only with its URL).

Pages are compared through ``sites.json`` (the normalised registry, written by every build),
posters and codes through the site fields a poster prints and the QR files themselves.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from pathlib import Path

from qrdir import paths
from qrdir.build import publish
from qrdir.posters.formats import FORMATS
from qrdir.posters.printed import printed_directory_json, printed_site_json

# The hosts' redirect file: its rules are those a printed server configuration holds.
REDIRECTS_FILE = "_redirects"
# A page's date is shown, but a new date alone is no change a person made (registry.md 1.1).
_DATE_KEY = "updated"


@dataclass(frozen=True)
class FieldChange:
    """One value that changed on a page, by its path in sites.json (``contacts[1].phone``)."""

    site_id: str
    path: str
    old: object
    new: object
    role: str | None = None  # for a contact's field: whose (its role), for the report in words


@dataclass(frozen=True)
class ChangeReport:
    """What a build changed compared with the output it replaces."""

    sites: int
    added: tuple[str, ...]
    removed: tuple[str, ...]
    changes: tuple[FieldChange, ...]
    directory_changes: tuple[FieldChange, ...]
    reprint_posters: tuple[str, ...]
    reprint_codes: tuple[str, ...]
    first_build: bool
    dropped_posters: tuple[str, ...] = ()  # poster files of the old output this build lacks
    redirects_changed: bool = False  # a retired id or an earlier base URL redirects elsewhere
    # output.md 1.1 "What to print": poster files (every printed format built) of new sites,
    # and of sites whose printed text changed; the print bundles with how many posters each.
    new_poster_files: tuple[str, ...] = ()
    changed_poster_files: tuple[str, ...] = ()
    bundles: tuple[tuple[str, int], ...] = ()

    @property
    def changed_pages(self) -> tuple[str, ...]:
        return tuple(sorted({change.site_id for change in self.changes}))


def unchanged(sites: int, bundles: tuple[tuple[str, int], ...] = ()) -> ChangeReport:
    """The report of a build that found its output already up to date (``bundles``: the print
    bundles it still holds)."""
    return ChangeReport(sites, (), (), (), (), (), (), first_build=False, bundles=bundles)


def first_build(sites: int, bundles: tuple[tuple[str, int], ...] = ()) -> ChangeReport:
    """The report of a build that found no output to compare with."""
    return ChangeReport(sites, (), (), (), (), (), (), first_build=True, bundles=bundles)


def compare(old_output: Path, new_files: dict[str, bytes],
            bundles: tuple[tuple[str, int], ...] = ()) -> ChangeReport:
    """Compare the output folder about to be replaced with the files of the new build;
    ``bundles`` are the print bundles it holds, with how many posters each."""
    new = json.loads(new_files[paths.SITES_JSON])
    old_file = Path(old_output) / paths.SITES_JSON
    old = _read_json(old_file)
    new_sites = {site["id"]: site for site in new["sites"]}
    if old is None:
        return first_build(len(new_sites), bundles)
    old_sites = {site["id"]: site for site in old["sites"]}
    common = [site_id for site_id in new_sites if site_id in old_sites]
    changes = tuple(
        _with_role(change, old_sites[site_id], new_sites[site_id])
        for site_id in common
        for change in _diff(site_id, old_sites[site_id], new_sites[site_id])
    )
    added = tuple(i for i in new_sites if i not in old_sites)
    reprint = _reprint_posters(common, old, new, old_sites, new_sites)
    directory_changes = tuple(change for change in _diff("", old["directory"], new["directory"])
                              if change.path != _DATE_KEY)
    return ChangeReport(
        sites=len(new_sites),
        added=added,
        removed=tuple(i for i in old_sites if i not in new_sites),
        changes=changes,
        directory_changes=directory_changes,
        reprint_posters=reprint,
        reprint_codes=tuple(
            i for i in common if _qr_changed(Path(old_output), new_files, i)
        ),
        first_build=False,
        dropped_posters=_dropped_posters(Path(old_output), new_files),
        redirects_changed=_redirects_changed(Path(old_output), new_files),
        new_poster_files=_poster_files(added, new_files),
        changed_poster_files=_poster_files(reprint, new_files)
        + _directory_poster(old, new, new_files),
        bundles=bundles,
    )


_CONTACT_FIELD = re.compile(r"contacts\[(\d+)\]\.")


def _with_role(change: FieldChange, old_site: dict, new_site: dict) -> FieldChange:
    """A contact's field change with the contact's role (from the new registry, else the old)."""
    match = _CONTACT_FIELD.match(change.path)
    if match is None:
        return change
    index = int(match[1]) - 1
    for site in (new_site, old_site):
        contacts = site.get("contacts") or []
        if index < len(contacts) and contacts[index].get("role"):
            return replace(change, role=contacts[index]["role"])
    return change


def _poster_files(site_ids: tuple[str, ...], new_files: dict[str, bytes]) -> tuple[str, ...]:
    """The printed poster files (PDFs of every format built) of ``site_ids``: theirs, and the
    sticker sheets holding them."""
    files = [path for site_id in site_ids for name in FORMATS
             if (path := paths.site_poster(name, site_id)) in new_files
             and path.endswith(".pdf")]
    sheets = paths.combined_poster("stickers")
    if site_ids and sheets in new_files:
        files.append(sheets)
    return tuple(files)


def _directory_poster(old: dict, new: dict, new_files: dict[str, bytes]) -> tuple[str, ...]:
    """``posters/directory.pdf`` when what it prints changed (its fields, the kinds listed)."""
    def printed(document: dict) -> tuple:
        kinds = sorted({site.get("kind") for site in document["sites"]})
        return printed_directory_json(document["directory"]), kinds

    path = paths.directory_poster()
    return (path,) if path in new_files and printed(old) != printed(new) else ()


def _read_json(path: Path) -> dict | None:
    """The previous build's sites.json, or None when there is no usable previous build."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and data.get("version") == 1 else None


def _diff(site_id: str, old: object, new: object, path: str = "") -> list[FieldChange]:
    """Every leaf value that differs between two JSON values, with its path."""
    if isinstance(old, dict) and isinstance(new, dict):
        keys = list(old) + [k for k in new if k not in old]
        return [
            change
            for key in keys
            for change in _diff(site_id, old.get(key), new.get(key), _join(path, key))
        ]
    if isinstance(old, list) and isinstance(new, list) and len(old) == len(new):
        return [
            change
            for index, (a, b) in enumerate(zip(old, new, strict=True))
            for change in _diff(site_id, a, b, f"{path}[{index + 1}]")
        ]
    return [] if old == new else [FieldChange(site_id, path, old, new)]


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _reprint_posters(common, old, new, old_sites, new_sites) -> tuple[str, ...]:
    """Sites whose poster's printed text changed (all of them when the directory's did)."""
    directory_changed = (printed_directory_json(old["directory"])
                         != printed_directory_json(new["directory"]))
    return tuple(
        site_id
        for site_id in common
        if directory_changed
        or printed_site_json(old_sites[site_id]) != printed_site_json(new_sites[site_id])
    )


def _redirects_changed(old_output: Path, new_files: dict[str, bytes]) -> bool:
    """Whether the redirects a host-config holds changed (the build's ``_redirects`` says)."""
    old = old_output / REDIRECTS_FILE
    return old.is_file() and old.read_bytes() != new_files.get(REDIRECTS_FILE, b"")


def _dropped_posters(old_output: Path, new_files: dict[str, bytes]) -> tuple[str, ...]:
    """Poster files the output being replaced has and the new build does not make."""
    old_posters = (f"{paths.POSTERS}/{name}"
                   for name in publish.snapshot(old_output / paths.POSTERS))
    bundles = {paths.print_bundle(name) for name in FORMATS}  # come and go with the printing
    return tuple(sorted(name for name in old_posters
                        if name not in new_files and name not in bundles))


def _qr_changed(old_output: Path, new_files: dict[str, bytes], site_id: str) -> bool:
    name = paths.qr_image(site_id, "svg")
    old_path = old_output / name
    return old_path.is_file() and name in new_files and old_path.read_bytes() != new_files[name]


def readable(path: str, value: object) -> str:
    """A value the way ward staff wrote it: phones in national form, text quoted."""
    if value is None or value == []:
        return "—"
    if path.endswith("phone") and isinstance(value, str):
        from qrdir.registry.phones import (  # here: a tenth of a second to import
            PhoneError,
            parse_phone,
        )

        try:
            return parse_phone(value).display
        except PhoneError:
            return value
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)
