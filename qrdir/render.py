"""Every file of a ward's output folder, rendered from its validated registry, part by part.

Each part is cached on exactly what it shows, so an edit re-renders only the parts it reaches:
the pages on the whole registry; the QR images on the sites' URLs; the posters on what they
print (:mod:`qrdir.posters.printed`), which is the registry without contacts, hours, services
and the other page-only fields.
A contact's new phone number re-renders the pages and reuses every code and poster.

Renderers are imported only when something is rendered (this module by :mod:`qrdir.build`,
the QR and poster modules by the parts that miss the cache): Jinja2, ReportLab, Pillow and
qrcode take about a third of a second to import, which a province rebuild after one ward's
edit would otherwise pay before doing anything.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

from qrdir.cache import MISSING, BuildCache, content_key, folder_fingerprint
from qrdir.posters.printed import printed_registry
from qrdir.registry.check import cache_scope
from qrdir.registry.model import Registry
from qrdir.web import pages


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
    printed = printed_registry(registry)
    codes = _KnownCodes(cache, registry_path, [site.url for site in registry.sites])
    # Keys see no line numbers: a comment added to the registry re-renders nothing.
    parts = (
        ("pages", (repr(registry.without_positions()), folder_fingerprint(templates_dir)),
         lambda: pages.render_pages(registry, templates_dir=templates_dir)),
        ("codes", codes.urls, lambda: codes.module("posters.qr").render_qr_images(registry)),
        ("posters", (repr(printed.without_positions()), *poster_formats),
         lambda: codes.module("posters.render").render_posters(printed, formats=poster_formats)),
    )
    files: dict[str, bytes] = {}
    for done, (part, inputs, render) in enumerate(parts, start=1):
        scope, key = cache_scope(registry_path, part), content_key(part, *inputs)
        files.update(cache.get_or_make(scope, key, render))
        cache.keep_only(scope, [key])
        if progress is not None:
            progress(done, len(parts))
    codes.keep()
    return files


class _KnownCodes:
    """The QR codes of a ward's URLs, from earlier builds: a code changes only with its URL.

    The modules that draw codes are imported only when a part needs drawing, and then with
    the cached codes remembered, so that only a new URL's code is computed.
    """

    def __init__(self, cache: BuildCache, registry_path: Path, urls: list[str]):
        self.urls = urls
        self._cache = cache
        self._scope = cache_scope(registry_path, "qr")
        self._key = content_key("qr", *sorted(urls))
        self._qr: ModuleType | None = None
        self._were_known = False

    def module(self, name: str) -> ModuleType:
        """``qrdir.<name>``, imported, with the known codes remembered first."""
        if self._qr is None:
            self._qr = importlib.import_module("qrdir.posters.qr")
            known = self._cache.load(self._scope, self._key)
            self._were_known = known is not MISSING
            if self._were_known:
                self._qr.remember(known)
        return importlib.import_module(f"qrdir.{name}")

    def keep(self) -> None:
        """Store the codes drawn this time, when they were not known before."""
        if self._qr is not None and not self._were_known:
            self._cache.store(self._scope, self._key,
                              tuple(self._qr.qr_code(url) for url in self.urls))
            self._cache.keep_only(self._scope, [self._key])
