"""The issued-codes ledger, ``qrdir.lock``: every id and base URL ever published (output.md).

A printed code must never lead nowhere. The ledger remembers each id a build has published
and each base URL it was published under. A later registry that drops an id without saying
what became of it (``retired``) is an error; a changed base URL is announced and answered with
``redirects.txt`` for whoever runs the old host.

The file is JSON with one id per line, sorted, so that it diffs well in version control and a
problem can point at the line of the id it is about.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from qrdir.files import write_atomically
from qrdir.model import Problem, Registry

LEDGER_NAME = "qrdir.lock"
LEDGER_VERSION = 1


@dataclass(frozen=True)
class Ledger:
    """What has been published: ids with the date each was first published, and base URLs."""

    ids: dict[str, str] = field(default_factory=dict)  # id → "YYYY-MM-DD" first published
    base_urls: tuple[str, ...] = ()  # oldest first; the last one is the current one

    @property
    def base_url(self) -> str | None:
        return self.base_urls[-1] if self.base_urls else None


class LedgerFileError(ValueError):
    """The ledger file exists but is not a ledger qrdir wrote (edited by hand, or damaged)."""


def ledger_path(registry_path: Path, lock: Path | None = None) -> Path:
    """Where the ledger lives: ``--lock PATH``, else ``qrdir.lock`` next to the registry."""
    return Path(lock) if lock is not None else Path(registry_path).parent / LEDGER_NAME


def read_ledger(path: Path) -> Ledger:
    """The ledger at ``path``; an empty ledger when there is none yet."""
    if not path.is_file():
        return Ledger()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("version") != LEDGER_VERSION:
            raise LedgerFileError(path)
        ids = {str(k): str(v) for k, v in data["ids"].items()}
        return Ledger(ids=ids, base_urls=tuple(str(u) for u in data["base_urls"]))
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise LedgerFileError(path) from exc


def ledger_text(ledger: Ledger) -> str:
    """The ledger file's text: deterministic, one id per line."""
    data = {
        "version": LEDGER_VERSION,
        "comment": "qrdir: every code ever published. Commit it with the registry; do not edit.",
        "base_urls": list(ledger.base_urls),
        "ids": dict(sorted(ledger.ids.items())),
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def write_ledger(ledger: Ledger, path: Path) -> None:
    """Write the ledger atomically: a temporary file beside it, then one rename."""
    write_atomically(path, ledger_text(ledger).encode("utf-8"))


def published_ids(registry: Registry) -> set[str]:
    """Every id that has a page after this build: sites and retired ids."""
    return {site.id for site in registry.sites} | {entry.id for entry in registry.retired}


def check_ledger(registry: Registry, ledger: Ledger, path: Path) -> list[Problem]:
    """Problems of publishing ``registry`` over ``ledger``: orphaned ids, a changed base URL."""
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    problems = []
    for orphan in sorted(ledger.ids.keys() - published_ids(registry)):
        line = _line_of(text, f'"{orphan}":')
        problems.append(Problem(str(path), line, 5, "error", "ledger_orphan",
                                {"id": orphan, "registry": registry.source}))
    if ledger.base_url is not None and ledger.base_url != registry.directory.base_url:
        problems.append(Problem(str(path), _line_of(text, '"base_urls"'), 3, "warning",
                                "base_url_changed",
                                {"old": ledger.base_url, "new": registry.directory.base_url}))
    return problems


def _line_of(text: str, needle: str) -> int:
    index = text.find(needle)
    return text.count("\n", 0, index) + 1 if index >= 0 else 1


def updated_ledger(registry: Registry, ledger: Ledger) -> Ledger:
    """The ledger after publishing ``registry``: new ids added with today's build date."""
    published_on = registry.directory.updated.isoformat()
    ids = dict(ledger.ids)
    for site_id in sorted(published_ids(registry)):
        ids.setdefault(site_id, published_on)
    base_urls = list(ledger.base_urls)
    if registry.directory.base_url in base_urls:
        base_urls.remove(registry.directory.base_url)
    base_urls.append(registry.directory.base_url)
    return Ledger(ids=ids, base_urls=tuple(base_urls))


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

