"""The issued-codes ledger, ``qrdir.lock``: every id and base URL ever published (output.md).

A printed code must never lead nowhere. The ledger remembers each id a build has published
and each base URL it was published under. A later registry that drops an id without saying
what became of it (``retired``) is an error; a changed base URL is announced and answered with
``redirects.txt`` for whoever runs the old host.

It also records, for each id, when its page and its poster's printed text last changed and a
digest of what they showed then (version 2; :mod:`qrdir.registry.dates` keeps that record), so
that a page shows the date its own data changed and a rebuild on another day changes nothing.

The file is JSON with one id per line, sorted, so that it diffs well in version control and a
problem can point at the line of the id it is about. A version 1 ledger (no change record)
is read as it is and written back as version 2.

Since output.md 1.1 it also records what was last marked printed (``qrdir printed``): per site
and printed format, the digest of the printed view (:mod:`qrdir.posters.printed`) of the posters
printed, and the digest of the directory's own poster (``printed``, ``directory_printed``). Both
keys are optional, so the file stays version 2 and readable by the previous reader, which
ignores them; a ledger without them was written before print bundles existed.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from qrdir.build.files import write_atomically
from qrdir.registry.model import ID_PATTERN, Problem, Registry

LEDGER_NAME = "qrdir.lock"
LEDGER_VERSION = 2
_READABLE_VERSIONS = (1, LEDGER_VERSION)
_STAMP = re.compile(r"(\d{4}-\d{2}-\d{2}) ([0-9a-f]{12})")


@dataclass(frozen=True)
class Stamp:
    """When something last changed, and a digest of what it was then."""

    date: str  # "YYYY-MM-DD"
    digest: str  # 12 hex digits

    def __str__(self) -> str:
        return f"{self.date} {self.digest}"


@dataclass(frozen=True)
class SiteStamps:
    """When a site's page, and its poster's printed text, last changed."""

    page: Stamp
    poster: Stamp


@dataclass(frozen=True)
class Ledger:
    """What has been published: ids with the date each was first published, and base URLs,
    and when each page and poster last changed."""

    ids: dict[str, str] = field(default_factory=dict)  # id → "YYYY-MM-DD" first published
    base_urls: tuple[str, ...] = ()  # oldest first; the last one is the current one
    changed: dict[str, SiteStamps] = field(default_factory=dict)  # site id → its stamps
    directory_changed: Stamp | None = None  # the directory page (index.html)
    # What was last marked printed (output.md 1.1): site id → format → printed-view digest.
    # None: a ledger from before print bundles (qrdir.build.printing upgrades it).
    printed: dict[str, dict[str, str]] | None = None
    directory_printed: str | None = None  # the digest of the directory's poster last printed

    @property
    def base_url(self) -> str | None:
        return self.base_urls[-1] if self.base_urls else None


class LedgerFileError(ValueError):
    """The ledger file exists but is not a ledger qrdir wrote (edited by hand, or damaged)."""


def ledger_path(registry_path: Path, lock: Path | None = None) -> Path:
    """Where the ledger lives: ``--lock PATH``, else ``qrdir.lock`` next to the registry;
    beside a workbook kept as the registry, its own (``danh-ba.xlsx`` → ``danh-ba.lock``)."""
    if lock is not None:
        return Path(lock)
    registry_path = Path(registry_path)
    if registry_path.suffix.lower() == ".xlsx":  # import.md "A workbook as the registry"
        return registry_path.with_suffix(".lock")
    return registry_path.parent / LEDGER_NAME


def read_ledger(path: Path) -> Ledger:
    """The ledger at ``path``; an empty ledger when there is none yet."""
    if not path.is_file():
        return Ledger()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("version") not in _READABLE_VERSIONS:
            raise LedgerFileError(path)
        ids = {str(k): str(v) for k, v in data["ids"].items()}
        changed = {str(k): SiteStamps(_stamp(v["page"]), _stamp(v["poster"]))
                   for k, v in data.get("changed", {}).items()}
        directory = data.get("directory_changed")
        printed = data.get("printed")
        if printed is not None:
            printed = {str(site_id): {str(fmt): _digest(digest) for fmt, digest in by.items()}
                       for site_id, by in printed.items()}
        directory_printed = data.get("directory_printed")
        return Ledger(ids=ids, base_urls=tuple(str(u) for u in data["base_urls"]),
                      changed=changed,
                      directory_changed=_stamp(directory) if directory is not None else None,
                      printed=printed,
                      directory_printed=(_digest(directory_printed)
                                         if directory_printed is not None else None))
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise LedgerFileError(path) from exc


def _stamp(text: str) -> Stamp:
    match = _STAMP.fullmatch(text)
    if match is None:
        raise ValueError(f"not a change stamp: {text!r}")
    return Stamp(match[1], match[2])


def _digest(text: str) -> str:
    if not isinstance(text, str) or re.fullmatch("[0-9a-f]{12}", text) is None:
        raise ValueError(f"not a digest: {text!r}")
    return text


def ledger_text(ledger: Ledger) -> str:
    """The ledger file's text: deterministic, one id per line."""
    head = {
        "version": LEDGER_VERSION,
        "comment": "qrdir: every code ever published. Commit it with the registry; do not edit.",
        "base_urls": list(ledger.base_urls),
        "ids": dict(sorted(ledger.ids.items())),
        "directory_changed": str(ledger.directory_changed) if ledger.directory_changed else None,
    }
    text = json.dumps(head, ensure_ascii=False, indent=2).removesuffix("\n}")
    # Each site's stamps on one line (json.dumps would spread them over four).
    entries = [
        f'    {json.dumps(site_id)}: {{"page": "{stamps.page}", "poster": "{stamps.poster}"}}'
        for site_id, stamps in sorted(ledger.changed.items())
    ]
    changed = "{\n" + ",\n".join(entries) + "\n  }" if entries else "{}"
    if ledger.printed is None:  # as the previous version wrote it
        return f'{text},\n  "changed": {changed}\n}}\n'
    printed_entries = [
        f"    {json.dumps(site_id)}: {json.dumps(dict(sorted(by.items())))}"
        for site_id, by in sorted(ledger.printed.items())
    ]
    printed = ("{\n" + ",\n".join(printed_entries) + "\n  }") if printed_entries else "{}"
    return (f'{text},\n  "changed": {changed},\n  "printed": {printed},\n'
            f'  "directory_printed": {json.dumps(ledger.directory_printed)}\n}}\n')


def write_ledger(ledger: Ledger, path: Path) -> None:
    """Write the ledger atomically: a temporary file beside it, then one rename."""
    write_atomically(path, ledger_text(ledger).encode("utf-8"))


def published_ids(registry: Registry) -> set[str]:
    """Every id that has a page after this build: sites and retired ids."""
    return {site.id for site in registry.sites} | {entry.id for entry in registry.retired}


def served_ids(output: Path | None) -> dict[str, str]:
    """The ids the output about to be replaced serves, each with the page that serves it.

    output.md "Issued codes": what is on the web may be on a wall, whatever the ledger says
    (a ledger lost, or an id's line deleted by hand). Every folder of the output named like an
    id and holding a page is one: a site's page, or a retired id's moved or closed page.
    """
    served = {}
    try:
        entries = list(os.scandir(output)) if output is not None else []
    except (FileNotFoundError, NotADirectoryError):
        entries = []
    for entry in entries:
        page = Path(entry.path) / "index.html"
        if ID_PATTERN.fullmatch(entry.name) and entry.is_dir() and page.is_file():
            served[entry.name] = str(page)
    return served


def check_ledger(registry: Registry, ledger: Ledger, path: Path,
                 served: dict[str, str] | None = None) -> list[Problem]:
    """Problems of publishing ``registry`` over ``ledger`` and the output it replaces (whose
    ``served`` ids count as issued too): orphaned ids, a changed base URL."""
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    problems = []
    published = published_ids(registry)
    for orphan in sorted(ledger.ids.keys() - published):
        line = _line_of(text, f'"{orphan}":')
        problems.append(Problem(str(path), line, 5, "error", "ledger_orphan",
                                {"id": orphan, "registry": registry.source}))
    for orphan, page in sorted((served or {}).items()):
        if orphan not in published and orphan not in ledger.ids:
            problems.append(Problem(page, 1, 1, "error", "served_orphan",
                                    {"id": orphan, "registry": registry.source}))
    if ledger.base_url is not None and ledger.base_url != registry.directory.base_url:
        problems.append(Problem(str(path), _line_of(text, '"base_urls"'), 3, "warning",
                                "base_url_changed",
                                {"old": ledger.base_url, "new": registry.directory.base_url}))
    return problems


def _line_of(text: str, needle: str) -> int:
    index = text.find(needle)
    return text.count("\n", 0, index) + 1 if index >= 0 else 1


def updated_ledger(registry: Registry, ledger: Ledger, today: str) -> Ledger:
    """The ledger after publishing ``registry``: new ids added, dated by the registry's
    ``updated`` or else ``today``; the change record is :mod:`qrdir.registry.dates`' to update."""
    published_on = registry.directory.updated.isoformat() if registry.directory.updated else today
    ids = dict(ledger.ids)
    for site_id in sorted(published_ids(registry)):
        ids.setdefault(site_id, published_on)
    base_urls = list(ledger.base_urls)
    if registry.directory.base_url in base_urls:
        base_urls.remove(registry.directory.base_url)
    base_urls.append(registry.directory.base_url)
    return replace(ledger, ids=ids, base_urls=tuple(base_urls))


def redirects(registry: Registry, ledger: Ledger) -> str:
    """``redirects.txt``: every URL printed under an earlier base URL → where it leads now.

    Empty when the base URL never changed. One ``old new`` pair per line, sorted, for whoever
    runs the old host (an nginx ``map``, an Apache ``RedirectMatch`` list, a CDN rule).
    """
    new_base = registry.directory.base_url
    targets = {site.id: site.id for site in registry.sites}
    targets.update({e.id: e.moved_to or e.id for e in registry.retired})
    lines = []
    for old_base in ledger.base_urls:
        if old_base == new_base:
            continue
        for site_id in sorted(ledger.ids.keys() | targets.keys()):
            target = targets.get(site_id)
            if target is not None:
                lines.append(f"{old_base}{site_id}/ {new_base}{target}/")
        lines.append(f"{old_base} {new_base}")
    return "".join(line + "\n" for line in sorted(set(lines)))

