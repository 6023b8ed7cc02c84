"""Where every file of an output folder lives (output.md), worked out in one place.

Pages, posters, the change report, ``qrdir verify`` and the command line's help all ask this
module, so a path cannot be spelled two ways. Paths are relative POSIX paths under the output
folder, as the renderers key their files.

Poster files follow from :data:`qrdir.posters.formats.FORMATS` by one rule: a format's poster of
a site is ``posters/<format>/<id>.pdf`` and its combined PDF ``posters/all-<format>.pdf``. A new
format needs no line here. Two exceptions are kept because printed posters and people's habits
already know them: A4, the first format, has its posters at ``posters/<id>.pdf``; stickers are
only sheets, ``posters/stickers-a4.pdf``. Share images (a format that is a picture to post,
not a page to print) live outside ``posters/``: ``share/<id>.png``, and no combined file.

Version 1.1 of output.md adds the directory's own poster (``posters/directory.pdf``) and share
image (``share/directory.png``), and the print bundles, one per printed format, of the posters
waiting to be printed (``posters/print-<format>.pdf``).
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
_SITE_POSTER_EXCEPTIONS: dict[str, str | None] = {
    "a4": "posters/{id}.pdf", "stickers": None, "share": "share/{id}.png",
}
_COMBINED_POSTER_EXCEPTIONS: dict[str, str | None] = {
    "stickers": "posters/stickers-a4.pdf", "share": None,
}
# The directory's own poster and share image (output.md 1.1), by the format that holds them.
_DIRECTORY_FILES = {"a4": "posters/directory.pdf", "share": "share/directory.png"}
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


def combined_poster(format_name: str) -> str | None:
    """The one PDF holding every site's poster (or sticker sheet) in ``format_name``; None for
    share images, which are posted one by one."""
    return _COMBINED_POSTER_EXCEPTIONS.get(_known(format_name),
                                           f"posters/all-{format_name}.pdf")


def combined_posters() -> frozenset[str]:
    """Every combined poster file, whatever formats a build chose."""
    return frozenset(path for name in FORMATS if (path := combined_poster(name)) is not None)


def directory_poster(format_name: str = "a4") -> str | None:
    """The directory's own poster (``a4``) or share image (``share``); None for other formats."""
    return _DIRECTORY_FILES.get(_known(format_name))


def print_bundle(format_name: str) -> str | None:
    """The PDF gathering the posters of ``format_name`` waiting to be printed
    (``posters/print-<format>.pdf``); None for share images, which are not printed."""
    return None if FORMATS[_known(format_name)].image else f"posters/print-{format_name}.pdf"


def reserved_files() -> frozenset[str]:
    """The files of the output that are no site's own (combined posters, the directory's
    poster and share image, print bundles): no site id may name a file one of these."""
    named = [*combined_posters(), *_DIRECTORY_FILES.values(),
             *(print_bundle(name) for name in FORMATS)]
    return frozenset(path for path in named if path is not None)


def poster_format_help() -> str:
    """Each format with where its files go, for the command line's help."""
    return ", ".join(f"{name} ({site_poster(name, '<id>') or combined_poster(name)})"
                     for name in FORMATS)


def site_of(path: str) -> str | None:
    """The id of the site a file of the output is named after, or None (combined files,
    pages, open data): how ``qrdir verify`` knows which page a printed code must open."""
    if path in reserved_files():
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
