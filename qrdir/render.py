"""Every file of a ward's output folder, rendered from its validated registry, part by part.

Each part is cached on exactly what it shows, so an edit re-renders only the parts it reaches:
the pages on the whole registry; the QR images on the sites' URLs; the posters on what they
print, which is the registry without contacts, hours, services and the other page-only fields.
A contact's new phone number re-renders the pages and reuses every code and poster.

Apart from :mod:`qrdir.build` so that a build that finds its output up to date never imports
the renderers (Jinja2, ReportLab, Pillow, qrcode): about a third of a second of start-up that
a province rebuild after one ward's edit would otherwise pay before doing anything.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from qrdir import pages, posters, qr
from qrdir.cache import MISSING, BuildCache, content_key, folder_fingerprint
from qrdir.check import cache_scope
from qrdir.model import Registry


def render_output(
    registry: Registry,
    cache: BuildCache,
    registry_path: Path,
    *,
    templates_dir: Path | None,
    poster_formats: tuple[str, ...],
    progress: Callable[[int, int], None] | None = None,
) -> dict[str, bytes]:
    """Every rendered file of the output folder, keyed by its relative POSIX path."""
    printed = printed_part(registry)
    urls = [site.url for site in registry.sites]
    parts = (
        ("pages", (repr(registry), folder_fingerprint(templates_dir)),
         lambda: pages.render_pages(registry, templates_dir=templates_dir)),
        ("codes", urls, lambda: qr.render_qr_images(registry)),
        ("posters", (repr(printed), *poster_formats),
         lambda: posters.render_posters(printed, formats=poster_formats)),
    )
    # A code changes only with its URL: reuse the codes of earlier builds, or keep these.
    codes_scope, codes_key = cache_scope(registry_path, "qr"), content_key("qr", *sorted(urls))
    known_codes = cache.load(codes_scope, codes_key)
    if known_codes is not MISSING:
        qr.remember(known_codes)
    files: dict[str, bytes] = {}
    for done, (part, inputs, render) in enumerate(parts, start=1):
        scope, key = cache_scope(registry_path, part), content_key(part, *inputs)
        files.update(cache.get_or_make(scope, key, render))
        cache.keep_only(scope, [key])
        if progress is not None:
            progress(done, len(parts))
    if known_codes is MISSING:
        cache.store(codes_scope, codes_key, tuple(qr.qr_code(url) for url in urls))
        cache.keep_only(codes_scope, [codes_key])
    return files


def printed_part(registry: Registry) -> Registry:
    """The registry with only what a poster can print: without the page-only fields.

    The posters are rendered from this, not from the registry, so their cache key cannot miss
    a field they show: a field not blanked here is part of the key.
    """
    sites = tuple(replace(site, address="", location=None, map_url=None, email=None,
                          website=None, hours=None, contacts=(), services=(), note=None,
                          verified=None)
                  for site in registry.sites)
    return replace(registry, sites=sites, retired=())
