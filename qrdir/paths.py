"""Where every file of an output folder lives (output.md), worked out in one place.

Pages, posters, the change report, ``qrdir verify`` and the command line's help all ask this
module, so a path cannot be spelled two ways. Paths are relative POSIX paths under the output
folder, as the renderers key their files.

Poster files follow from :data:`qrdir.posters.formats.FORMATS` by one rule: a format's poster of
a site is ``posters/<format>/<id>.pdf`` and its combined PDF ``posters/all-<format>.pdf``. A new
format needs no line here. Two exceptions are kept because printed posters and people's habits
already know them: A4, the first format, has its posters at ``posters/<id>.pdf``; stickers are
only sheets, ``posters/stickers-a4.pdf``.
"""

from __future__ import annotations

import re

from qrdir.posters.formats import FORMATS

SITES_JSON = "sites.json"
SITEMAP = "sitemap.xml"
DIRECTORY_PAGE = "index.html"
NOT_FOUND_PAGE = "404.html"
POSTERS = "posters"
QR_IMAGE_KINDS = ("svg", "png")

# The two formats whose files break the rule (see the module docstring).
_SITE_POSTER_EXCEPTIONS: dict[str, str | None] = {"a4": "posters/{id}.pdf", "stickers": None}
_COMBINED_POSTER_EXCEPTIONS = {"stickers": "posters/stickers-a4.pdf"}
_ID = re.compile("[a-z0-9-]+")  # registry.md's id pattern
_ID_SLOT = "{id}"


def site_page(site_id: str) -> str:
    """A site's landing page, the page its printed code opens: ``<id>/index.html``."""
    return f"{site_id}/index.html"


def site_vcard(site_id: str) -> str:
    """A site's numbers as a vCard: ``<id>/contact.vcf``."""
    return f"{site_id}/contact.vcf"


def qr_image(site_id: str, kind: str) -> str:
    """A site's code as an image of ``kind`` (``svg`` or ``png``): ``qr/<id>.<kind>``."""
    if kind not in QR_IMAGE_KINDS:
        raise ValueError(f"unknown QR image kind {kind!r}; valid: {QR_IMAGE_KINDS}")
    return f"qr/{site_id}.{kind}"


def site_poster(format_name: str, site_id: str) -> str | None:
    """A site's poster in ``format_name``, or None for a format printed only as sheets."""
    pattern = _SITE_POSTER_EXCEPTIONS.get(_known(format_name),
                                          f"posters/{format_name}/{{id}}.pdf")
    return None if pattern is None else pattern.format(id=site_id)


def combined_poster(format_name: str) -> str:
    """The one PDF holding every site's poster (or sticker sheet) in ``format_name``."""
    return _COMBINED_POSTER_EXCEPTIONS.get(_known(format_name),
                                           f"posters/all-{format_name}.pdf")


def combined_posters() -> frozenset[str]:
    """Every combined poster file, whatever formats a build chose."""
    return frozenset(combined_poster(name) for name in FORMATS)


def poster_format_help() -> str:
    """Each format with where its files go, for the command line's help."""
    return ", ".join(f"{name} ({site_poster(name, '<id>') or combined_poster(name)})"
                     for name in FORMATS)


def site_of(path: str) -> str | None:
    """The id of the site a file of the output is named after, or None (combined files,
    pages, open data): how ``qrdir verify`` knows which page a printed code must open."""
    if path in combined_posters():
        return None
    for template in _site_file_templates():
        prefix, suffix = template.split(_ID_SLOT)
        if path.startswith(prefix) and path.endswith(suffix):
            candidate = path[len(prefix):len(path) - len(suffix)]
            if _ID.fullmatch(candidate):
                return candidate
    return None


def _known(format_name: str) -> str:
    if format_name not in FORMATS:
        raise ValueError(f"unknown poster format {format_name!r}; valid: {tuple(FORMATS)}")
    return format_name


def _site_file_templates() -> list[str]:
    """Every per-site file that carries the site's code (posters, QR images), as templates."""
    posters = [site_poster(name, _ID_SLOT) for name in FORMATS]
    images = [qr_image(_ID_SLOT, kind) for kind in QR_IMAGE_KINDS]
    return [template for template in [*posters, *images] if template is not None]
