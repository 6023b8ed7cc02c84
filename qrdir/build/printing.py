"""What waits to be printed, and ``qrdir printed`` (output.md 1.1 "What to print after a build").

A poster waits in its format's print bundle (``posters/print-<format>.pdf``) while the digest
of its printed view (:mod:`qrdir.posters.printed`, the ledger's poster stamp) differs from
the one the ledger recorded when it was last marked printed: a new site, or printed text that
changed. The directory's own poster waits in the A4 bundle the same way. So the bundles are a
function of the registry and the ledger: they survive any number of rebuilds, and only
``qrdir printed`` empties them, by recording the digests in the ledger.

A ledger written before print bundles existed (no ``printed`` record) is taken to mean that
the posters as last built were printed (they had been advised for reprinting then); the
directory's poster, new with output.md 1.1, waits to be printed.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from qrdir import paths
from qrdir.errors import MessageError
from qrdir.posters.formats import FORMATS
from qrdir.posters.printed import DIRECTORY_ID, printed_directory_json
from qrdir.registry.ledger import Ledger, write_ledger
from qrdir.registry.model import Registry

Pending = dict[str, tuple[str, ...]]  # format → ids waiting (DIRECTORY_ID: the directory's)


def printed_formats(formats: tuple[str, ...]) -> tuple[str, ...]:
    """Of the formats a build makes, those printed on paper (not share images)."""
    return tuple(name for name in formats if paths.print_bundle(name) is not None)


def directory_digest(registry: Registry) -> str:
    """The digest of what the directory's own poster prints: the directory's printed fields
    and the kinds of office it lists."""
    from qrdir.web import opendata  # here: the pages' code is needed only when building

    document = opendata.sites_document(registry)
    kinds = sorted({site["kind"] for site in document["sites"]})
    text = json.dumps([printed_directory_json(document["directory"]), kinds],
                      ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def upgraded(read: Ledger, next_ledger: Ledger, formats: tuple[str, ...]) -> Ledger:
    """``next_ledger`` with a printed record: the one read, kept to the sites still listed;
    for a ledger from before print bundles, the posters as last built (see the module)."""
    printed = read.printed
    if printed is None:
        printed = {site_id: {name: stamps.poster.digest for name in printed_formats(formats)}
                   for site_id, stamps in read.changed.items()}
    kept = {site_id: dict(by) for site_id, by in printed.items()
            if site_id in next_ledger.changed}
    return dataclasses.replace(next_ledger, printed=kept,
                               directory_printed=read.directory_printed)


def pending(registry: Registry, ledger: Ledger, formats: tuple[str, ...]) -> Pending:
    """Per printed format, the ids whose poster waits to be printed, in registry order."""
    printed = ledger.printed or {}
    waiting: Pending = {}
    directory = (ledger.directory_printed != directory_digest(registry))
    for name in printed_formats(formats):
        ids = [site.id for site in registry.sites
               if printed.get(site.id, {}).get(name) != ledger.changed[site.id].poster.digest]
        if name == "a4" and directory:
            ids.append(DIRECTORY_ID)
        if ids:
            waiting[name] = tuple(ids)
    return waiting


@dataclass(frozen=True)
class Marked:
    """What ``qrdir printed`` recorded: each bundle with the number of posters it held."""

    bundles: tuple[tuple[str, int], ...]


def mark_printed(registry_path: Path, output: Path, lock: Path | None = None) -> Marked:
    """Record in the ledger that the print bundles in ``output`` were printed, and remove them.

    Raises :class:`MessageError` when nothing was built yet, or when the registry's printed
    text changed since the build (the paper would not hold what the ledger then records).
    """
    from qrdir.build import publish
    from qrdir.registry.check import check

    checked = check(registry_path, lock, output)
    ledger = checked.ledger
    if not ledger.ids:
        raise MessageError("printed_nothing_built", registry=str(registry_path))
    registry = checked.registry
    built = {site_id: stamps.poster.digest for site_id, stamps in ledger.changed.items()}
    now = {site_id: stamps.poster.digest for site_id, stamps in checked.next_ledger.changed.items()}
    if built != now:
        raise MessageError("printed_registry_changed", registry=str(registry_path))
    bundles = [name for name in printed_formats(tuple(FORMATS))
               if (Path(output) / paths.print_bundle(name)).is_file()]
    ledger = upgraded(ledger, checked.next_ledger, tuple(bundles))
    waiting = pending(registry, ledger, tuple(bundles))
    printed = {site_id: dict(by) for site_id, by in (ledger.printed or {}).items()}
    for name in bundles:
        for site in registry.sites:
            printed.setdefault(site.id, {})[name] = now[site.id]
    directory_printed = ledger.directory_printed
    if "a4" in bundles:
        directory_printed = directory_digest(registry)
    write_ledger(dataclasses.replace(checked.ledger, printed=printed,
                                     directory_printed=directory_printed), checked.ledger_path)
    publish.remove(output, [paths.print_bundle(name) for name in bundles])
    return Marked(tuple((paths.print_bundle(name), len(waiting.get(name, ())))
                        for name in bundles))
