"""A ward in outline: what a province build needs of a ward without loading its registry.

A province rebuild looks at every ward, but most wards have not changed since the last build.
For those, the build cache keeps this outline (the directory and one search row per site) next
to the record of what was published, so a rebuild lists and searches an unchanged ward without
parsing, unpickling or hashing its whole registry.
"""

from __future__ import annotations

from dataclasses import dataclass

from qrdir.registry.model import Directory, Registry
from qrdir.registry.text import fold


@dataclass(frozen=True)
class SiteRow:
    """One site as the province search finds it."""

    id: str
    name: str
    search: str  # folded name, former names and ward names: what a query is matched against


@dataclass(frozen=True)
class Outline:
    """A ward's directory and the search rows of its sites, in registry order."""

    directory: Directory
    sites: tuple[SiteRow, ...]


def outline_of(registry: Registry) -> Outline:
    """The outline of a validated registry."""
    directory = registry.directory
    ward_names = " ".join((directory.name, *directory.formerly))
    rows = tuple(SiteRow(site.id, site.name, fold(" ".join((site.name, *site.formerly,
                                                            ward_names))))
                 for site in registry.sites)
    return Outline(directory, rows)
