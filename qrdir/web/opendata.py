"""``sites.json`` (the normalised registry as open data) and ``sitemap.xml`` (output.md).

``sites.json`` is ``{"version": 1, "directory": {…}, "sites": […]}``: phones in E.164 (short
and 1800/1900 numbers as dialled), coordinates as numbers, dates as ``YYYY-MM-DD``, hours as
``{"mon": ["07:00-11:30", …], "sun": []}`` (an empty list is closed, a missing day unknown).
Every key is always present (``null`` or ``[]`` when not set) and keys keep one fixed order,
so the file diffs cleanly between builds.
"""

from __future__ import annotations

import json
from html import escape

from qrdir.registry.model import Contact, DayHours, Directory, Hotline, Registry, Site
from qrdir.registry.text import nfc

SITES_JSON_VERSION = 1


def sites_json(registry: Registry) -> bytes:
    """The ``sites.json`` open-data file of ``registry``."""
    # output.md: all text in the output is NFC, whatever reached the model.
    text = nfc(json.dumps(_document(registry), ensure_ascii=False, indent=2))
    return (text + "\n").encode("utf-8")


def sites_document(registry: Registry) -> dict:
    """What ``sites.json`` holds, as data: the file read back, without writing it.

    For the digests of what each page and poster shows (:mod:`qrdir.registry.dates`). An
    indented file is written by the json module's Python encoder, several times slower than
    its C encoder, which writes the same values unindented.
    """
    return json.loads(nfc(json.dumps(_document(registry), ensure_ascii=False)))


def _document(registry: Registry) -> dict:
    return {
        "version": SITES_JSON_VERSION,
        "directory": _directory(registry.directory),
        "sites": [_site(site) for site in registry.sites],
    }


def _directory(directory: Directory) -> dict:
    return {
        "name": directory.name,
        "region": directory.region,
        "base_url": directory.base_url,
        "publisher": directory.publisher,
        "language": directory.language,
        "updated": directory.updated.isoformat() if directory.updated else None,
        "hotlines": [_hotline(hotline) for hotline in directory.hotlines],
        "formerly": list(directory.formerly),
    }


def _hotline(hotline: Hotline) -> dict:
    return {"label": hotline.label, "phone": hotline.phone.e164}


def _site(site: Site) -> dict:
    return {
        "id": site.id,
        "name": site.name,
        "kind": site.kind,
        "address": site.address,
        "url": site.url,
        "location": (
            {"lat": site.location.lat, "lon": site.location.lon} if site.location else None
        ),
        "map_url": site.map_url,
        "phone": site.phone.e164 if site.phone else None,
        "email": site.email,
        "website": site.website,
        "hours": _hours(site.hours) if site.hours is not None else None,
        "contacts": [_contact(contact) for contact in site.contacts],
        "services": list(site.services),
        "note": site.note,
        "formerly": list(site.formerly),
        "verified": site.verified.isoformat() if site.verified else None,
    }


def _hours(hours: tuple[DayHours, ...]) -> dict[str, list[str]]:
    return {day.day: [str(interval) for interval in day.intervals] for day in hours}


def _contact(contact: Contact) -> dict:
    return {
        "role": contact.role,
        "name": contact.name,
        "phone": contact.phone.e164,
        "zalo": contact.zalo,
    }


def sitemap_xml(registry: Registry) -> bytes:
    """``sitemap.xml``: the directory and every landing page, each dated by when it changed."""
    directory = registry.directory
    pages = [(directory.base_url, directory.updated),
             *((site.url, site.updated or directory.updated) for site in registry.sites)]
    entries = "".join(
        f"<url><loc>{escape(url, quote=False)}</loc><lastmod>{date.isoformat()}</lastmod></url>\n"
        for url, date in pages
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        f"{entries}</urlset>\n"
    ).encode()
