"""The "Cập nhật" date of every page and poster: when what it shows last changed.

registry.md 1.1: without ``updated`` in the registry, each page shows the date its own site's
data last changed, kept in the ledger; with ``updated`` set to a date before a change, a
warning. A change is dated by ``SOURCE_DATE_EPOCH`` if set, else today, in Vietnam time.

The ledger keeps, per site, the date and a digest of what its page showed and of what its
poster prints (:mod:`qrdir.posters.printed`), and the same for the directory page. A build compares
the new digests with those: a page whose content is new gets today's date, any other keeps its
recorded one. So the output is a function of the registry and the ledger, and a rebuild on a
later day, or after an edit that only touches comments, changes no byte.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import re

from qrdir.build.environment import source_date_epoch
from qrdir.posters import printed
from qrdir.registry.ledger import Ledger, SiteStamps, Stamp
from qrdir.registry.model import Problem, Registry
from qrdir.web import opendata

VIETNAM_TIME = dt.timezone(dt.timedelta(hours=7))
_UPDATED_KEY = re.compile(r"^([ \t]*updated[ \t]*:[ \t]*)", re.MULTILINE)


_NAMED_AT_MOST = 5  # ids a message names before "…"


def today() -> dt.date:
    """The date of a change made now: ``SOURCE_DATE_EPOCH``'s date if set, else today, both
    in Vietnam time (registry.md). A value that is not a number of seconds is wrong usage."""
    epoch = source_date_epoch()
    if epoch is None:
        return dt.datetime.now(VIETNAM_TIME).date()
    return dt.datetime.fromtimestamp(epoch, VIETNAM_TIME).date()


def record_changes(registry: Registry, ledger: Ledger, on: dt.date) -> Ledger:
    """The ledger's change record after publishing ``registry`` on the date ``on``.

    A page or poster whose digest differs from the recorded one changed ``on``. One with no
    record, whose id the ledger knows (published by a qrdir that kept no record) or that is
    part of a ward's first publish, is dated by the registry's ``updated`` (what the registry
    claims) or else ``on``; a site added to a ward already published, by ``on``.
    """
    given = registry.directory.updated
    document = opendata.sites_document(dataclasses.replace(
        registry, directory=dataclasses.replace(registry.directory, updated=None)))
    directory = document["directory"]
    changed = {}
    for site in document["sites"]:
        known = ledger.changed.get(site["id"])
        # Known to a ledger that kept no dates, or part of the very first publish: as of the
        # registry's updated:. A site added to a ward already published: the day it was added.
        first_seen = site["id"] in ledger.ids or not ledger.ids
        unrecorded = (given or on) if first_seen else on
        changed[site["id"]] = SiteStamps(
            _stamped(_digest(directory, site), known.page if known else None, on, unrecorded),
            _stamped(_digest(printed.printed_directory_json(directory),
                             printed.printed_site_json(site)),
                     known.poster if known else None, on, unrecorded),
        )
    whole = _digest(document, [(e.id, e.moved_to, e.closed) for e in registry.retired])
    unrecorded = (given or on) if ledger.ids else on
    return dataclasses.replace(
        ledger, changed=changed,
        directory_changed=_stamped(whole, ledger.directory_changed, on, unrecorded),
    )


def _stamped(digest: str, known: Stamp | None, on: dt.date, unrecorded: dt.date) -> Stamp:
    if known is None:
        return Stamp(unrecorded.isoformat(), digest)
    return known if known.digest == digest else Stamp(on.isoformat(), digest)


def _digest(*parts: object) -> str:
    text = json.dumps(parts, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def dated(registry: Registry, ledger: Ledger) -> Registry:
    """``registry`` with the date each page and poster shows, from ``ledger``'s record.

    With ``updated`` in the registry, every page and poster shows that date.
    """
    given = registry.directory.updated

    def date_of(stamp: Stamp) -> dt.date:
        return given or dt.date.fromisoformat(stamp.date)

    sites = tuple(
        dataclasses.replace(site, updated=date_of(ledger.changed[site.id].page),
                            printed_updated=date_of(ledger.changed[site.id].poster))
        for site in registry.sites
    )
    directory = dataclasses.replace(registry.directory,
                                    updated=date_of(ledger.directory_changed))
    return dataclasses.replace(registry, directory=directory, sites=sites)


def stale_updated(registry: Registry, ledger: Ledger, text: str) -> list[Problem]:
    """A warning when the registry's ``updated`` is older than a change the ledger records.

    ``text`` is the registry's text, to point at the ``updated`` line.
    """
    given = registry.directory.updated
    if given is None:
        return []
    later = sorted((stamps.page.date, site_id) for site_id, stamps in ledger.changed.items()
                   if stamps.page.date > given.isoformat())
    if not later:
        return []
    match = _UPDATED_KEY.search(text)
    line = text.count("\n", 0, match.start()) + 1 if match else 1
    col = len(match.group(1)) + 1 if match else 1
    return [Problem(registry.source, line, col, "warning", "updated_stale", {
        "updated": given.isoformat(), "changed": later[-1][0],
        "ids": _some(site_id for _, site_id in later),
    })]


def _some(ids) -> str:
    """A few ids for a message: the first five, then "…"."""
    ids = list(ids)
    shown = ", ".join(ids[:_NAMED_AT_MOST])
    return shown + ", …" if len(ids) > _NAMED_AT_MOST else shown
