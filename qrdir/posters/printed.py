"""What a poster prints: the one definition behind the posters' cache key, their glyph check,
the date a poster carries and the advice to reprint (output.md "The A4 poster").

A poster prints, of its site, the name, the kind, the main phone, the former names and the URL
under the code (made of the id and ``base_url``); of the directory, the locality and its former
names, the hotlines, the publisher and the language of every label. Everything else (contacts,
hours, address, services…) lives only on the page behind the code.

Every use reads the two tables below, so they cannot disagree: posters are drawn from
:func:`printed_registry`, in which every other field is blank, so no other field can reach
paper; the glyph check walks the same fields; the change report and the ledger's "poster
changed" date compare the same fields of ``sites.json``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

from qrdir.registry.model import Registry, Site

# Field names are those of the model and of sites.json alike.
PRINTED_SITE_FIELDS: tuple[str, ...] = ("id", "name", "kind", "phone", "formerly")
PRINTED_DIRECTORY_FIELDS: tuple[str, ...] = (
    "name", "formerly", "base_url", "hotlines", "publisher", "language",
)
# Kept in the printed view without being printed text: the URL the code encodes (made of the
# printed id and base_url), where a message about the site points, and the date in the footer.
_SITE_KEPT = (*PRINTED_SITE_FIELDS, "url", "line", "printed_updated")
# Stands for the directory's own poster (output.md 1.1) among the ids of a print bundle: never
# a site's id, which is [a-z0-9-].
DIRECTORY_ID = "*directory*"
_DIRECTORY_KEPT = (*PRINTED_DIRECTORY_FIELDS, "updated")


def printed_registry(registry: Registry) -> Registry:
    """The registry with only what a poster prints; every other field at its default.

    The directory's date becomes the latest date a poster's printed text changed, so that a
    change seen only on pages leaves every poster byte as it was.
    """
    sites = tuple(_only(site, _SITE_KEPT) for site in registry.sites)
    directory = _only(registry.directory, _DIRECTORY_KEPT)
    poster_dates = [site.printed_updated for site in sites if site.printed_updated is not None]
    if poster_dates:  # a dated registry (qrdir.registry.dates); a registry just read keeps its date
        directory = dataclasses.replace(directory, updated=max(poster_dates))
    return dataclasses.replace(registry, directory=directory, sites=sites, retired=())


def _only(record, kept: tuple[str, ...]):
    """``record`` with every field not in ``kept`` reset to its declared default (or empty)."""
    blanks = {}
    for field in dataclasses.fields(record):
        if field.name in kept:
            continue
        if field.default is not dataclasses.MISSING:
            blanks[field.name] = field.default
        elif field.default_factory is not dataclasses.MISSING:
            blanks[field.name] = field.default_factory()
        elif isinstance(getattr(record, field.name), str):
            blanks[field.name] = ""  # a required text, such as a site's address
        else:
            raise TypeError(f"{type(record).__name__}.{field.name} is required but not printed")
    return dataclasses.replace(record, **blanks)


def printed_texts(registry: Registry) -> Iterator[tuple[str, Site | None]]:
    """Every text a poster prints, with the site it belongs to (None: the directory's)."""
    directory = registry.directory
    for name in PRINTED_DIRECTORY_FIELDS:
        yield from ((text, None) for text in _texts(getattr(directory, name)))
    for site in registry.sites:
        for name in PRINTED_SITE_FIELDS:
            yield from ((text, site) for text in _texts(getattr(site, name)))
        yield site.url, site


def _texts(value: object) -> Iterator[str]:
    """The texts inside a field's value: a text, a list of them, or records holding them."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, tuple | list):
        for item in value:
            yield from _texts(item)
    elif dataclasses.is_dataclass(value):
        for field in dataclasses.fields(value):
            yield from _texts(getattr(value, field.name))


def printed_site_json(site: dict) -> dict:
    """Of a site's ``sites.json`` entry, what its poster prints."""
    return {name: site.get(name) for name in PRINTED_SITE_FIELDS}


def printed_directory_json(directory: dict) -> dict:
    """Of the ``sites.json`` directory, what every poster prints."""
    return {name: directory.get(name) for name in PRINTED_DIRECTORY_FIELDS}
