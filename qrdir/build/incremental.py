"""The incremental build in one module: every cache scope and key, and the cached rendering.

The build cache is work already done, found again by the hash of everything it depends on. It
is an implementation detail with one promise: deleting the cache changes no output byte, and a
build from cache is byte-identical to a clean build. That holds because every key hashes all
of an entry's inputs, including a fingerprint of qrdir's own code and templates and of the
versions of Python and the libraries it uses, so a changed input can only miss the cache, never
hit a stale entry. Keys that depend on the registry are
built from :meth:`~qrdir.registry.model.Registry.without_positions`: a comment or a blank line
added to ``sites.yaml`` changes no key but the parse cache's.

Entries are pickles written by this program into a folder next to the registry
(``.qrdir-cache/``), trusted like the program itself. Each is written atomically, so a build
killed mid-write leaves no half entry. Keyed entries that a build no longer uses are pruned
per scope (one scope per ward), so the cache stays about the size of the output.

The scopes (:class:`Scope`), one per kind of work:

- ``parsed``: the validated registry, on the registry's exact bytes (:func:`parser`);
- ``published``: the record of a ward's last publish (:mod:`qrdir.build.ward`);
- ``pages``, ``codes``, ``posters``: the rendered parts of a ward's output, each on exactly what
  it shows (:func:`render_output`): the pages on the whole registry; the QR images on the
  sites' URLs; the posters on what they print (:mod:`qrdir.posters.printed`), which is the
  registry without contacts, hours, services and the other page-only fields. A contact's new
  phone number re-renders the pages and reuses every code and poster;
- ``bundles``: the print bundles (output.md 1.1), on what the posters print and which of them
  wait to be printed (:mod:`qrdir.build.printing`, from the ledger);
- ``qr``: the QR codes of a ward's URLs, computed once and handed to both renderers;
- ``province``: what the province pages showed when last written (:mod:`qrdir.build.province`).

Beside the scopes, ``templates/`` holds Jinja2's compiled templates (:data:`COMPILED_TEMPLATES`),
files Jinja2 names and checks itself (by the template's name and its source's checksum): a build
that re-renders one ward's pages does not compile every template again.

Renderers are imported only when something is rendered (this module by :mod:`qrdir.build.ward`,
the QR and poster modules by the parts that miss the cache): Jinja2, ReportLab, Pillow and
qrcode take about a third of a second to import, which a province rebuild after one ward's
edit would otherwise pay before doing anything.
"""

from __future__ import annotations

import enum
import functools
import hashlib
import importlib.metadata
import pickle
import re
import sys
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import qrdir
from qrdir import templates as builtin_templates
from qrdir.build.files import write_atomically
from qrdir.posters.printed import printed_registry
from qrdir.registry.model import Problem, Registry

if TYPE_CHECKING:
    from qrdir.posters.qr import QrCode

CACHE_DIR_NAME = ".qrdir-cache"
COMPILED_TEMPLATES = "templates"  # Jinja2's compiled templates (web.pages), shared by every ward
_FORMAT = b"qrdir-cache-1"
T = TypeVar("T")
MISSING = object()  # what load() returns for an absent or unreadable entry


@functools.cache
def code_fingerprint() -> str:
    """A hash of qrdir's source files and built-in templates (the package ``qrdir.templates``),
    and of the versions of Python and of the libraries qrdir depends on: any edit or
    upgrade invalidates the cache.

    The libraries decide bytes of the output too (phonenumbers how a number is written,
    qrcode the modules of a code, the font package the glyphs of a poster), so an entry made
    before an upgrade is not what a clean build makes after it.
    """
    digest = hashlib.sha256(_FORMAT)
    for name, version in _versions():
        digest.update(f"{name} {version}\0".encode())
    package = Path(qrdir.__file__).parent
    # The templates are a folder of their own in a checkout (templates/) and inside the
    # package once installed: hashed from wherever Python finds them, once.
    template_root = Path(builtin_templates.__file__).parent
    roots = [package] if template_root.is_relative_to(package) else [package, template_root]
    for root in roots:
        for path in sorted(root.rglob("*")):
            if path.is_file() and path.suffix in (".py", ".html", ".md"):
                digest.update(path.relative_to(root).as_posix().encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


def _versions() -> list[tuple[str, str]]:
    """Python's version and each installed dependency of qrdir's with its version."""
    versions = [("python", sys.version)]
    try:
        requirements = importlib.metadata.requires("qrdir") or []
    except importlib.metadata.PackageNotFoundError:  # run from a copy of the source
        return versions
    names = sorted({re.match(r"[A-Za-z0-9._-]+", requirement).group()
                    for requirement in requirements if "extra ==" not in requirement})
    for name in names:
        try:
            versions.append((name, importlib.metadata.version(name)))
        except importlib.metadata.PackageNotFoundError:
            versions.append((name, "not installed"))
    return versions


def content_key(*parts: bytes | str) -> str:
    """A key over the code fingerprint and ``parts``.

    Keys carry no label of their kind: each kind is kept in a scope (a folder) of its own, or
    a field of its own in the publish record, so keys of two kinds are never compared.
    """
    return _hash_parts(code_fingerprint(), *parts)


def _hash_parts(*parts: bytes | str) -> str:
    """A SHA-256 over ``parts``, each length-prefixed: no two lists of parts hash alike."""
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8))
        digest.update(data)
    return digest.hexdigest()


def folder_fingerprint(folder: Path | None) -> str:
    """A hash of every file under ``folder`` (a user's templates), by name and content.

    No folder and an empty one hash alike: both override no template.
    """
    files = [] if folder is None else sorted(p for p in Path(folder).rglob("*") if p.is_file())
    return _hash_parts(*(part for path in files
                         for part in (path.relative_to(folder).as_posix(), path.read_bytes())))


class BuildCache:
    """A folder of cached results; ``BuildCache(None)`` caches nothing (``--no-cache``)."""

    def __init__(self, root: Path | None):
        self.root = Path(root) if root is not None else None

    @classmethod
    def beside(cls, registry_path: Path) -> BuildCache:
        """The default cache: ``.qrdir-cache/`` beside a registry, or inside a wards folder."""
        path = Path(registry_path)
        return cls((path if path.is_dir() else path.parent) / CACHE_DIR_NAME)

    def folder(self, name: str) -> Path | None:
        """A folder of the cache for work kept as files of its own (None when disabled)."""
        return None if self.root is None else self.root / name

    def get_or_make(self, scope: str, key: str, make: Callable[[], T]) -> T:
        """The cached value of ``key`` in ``scope``, or ``make()``'s, stored for next time."""
        value = self.load(scope, key)
        if value is MISSING:
            value = make()
            self.store(scope, key, value)
        return value

    def load(self, scope: str, key: str) -> object:
        """The value stored under ``key`` in ``scope``, or :data:`MISSING`."""
        if self.root is None:
            return MISSING
        try:
            return pickle.loads((self.root / scope / f"{key}.pickle").read_bytes())
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError,
                ValueError, TypeError):
            return MISSING  # absent, or damaged: either way, do the work again

    def store(self, scope: str, key: str, value: object) -> None:
        """Keep ``value`` under ``key`` in ``scope`` (atomically; nothing when disabled)."""
        if self.root is None:
            return
        path = self.root / scope / f"{key}.pickle"
        write_atomically(path, pickle.dumps(value))

    def keep_only(self, scope: str, keys: Iterable[str]) -> None:
        """Remove entries of ``scope`` other than ``keys`` (what the last build used)."""
        if self.root is None or not (self.root / scope).is_dir():
            return
        wanted = {f"{key}.pickle" for key in keys}
        for path in (self.root / scope).iterdir():
            if path.name not in wanted:
                path.unlink(missing_ok=True)


# --- scopes and keys: every one the build uses ------------------------------------------------


class Scope(enum.Enum):
    """The kinds of cached work; each registry (or province output) has one scope of each."""

    PARSED = "parsed"
    PUBLISHED = "published"
    COPY = "copy"  # not a pickle: a folder of hard links to the published files (ward.py)
    PAGES = "pages"
    CODES = "codes"
    POSTERS = "posters"
    BUNDLES = "bundles"
    QR = "qr"
    PROVINCE = "province"


def cache_scope(registry_path: Path, kind: Scope) -> str:
    """The cache scope of one registry: its stem plus a short hash of its absolute path."""
    where = hashlib.sha256(str(Path(registry_path).absolute()).encode()).hexdigest()[:10]
    return f"{kind.value}/{Path(registry_path).stem}-{where}"


def published_copy(cache: BuildCache, registry_path: Path) -> Path | None:
    """The folder where ``cache`` keeps its copy of a ward's last publish, as hard links
    (None without a cache)."""
    return cache.folder(cache_scope(registry_path, Scope.COPY))


def source_key(path: Path, data: bytes) -> str:
    """A hash of everything validating the registry ``data`` read from ``path`` depends on."""
    return content_key(str(path), data)


def registry_view(registry: Registry) -> str:
    """The registry as keys see it: without line positions."""
    return repr(registry.without_positions())


def output_key(registry: Registry, templates_dir: Path | None,
               poster_formats: tuple[str, ...], moved: str) -> str:
    """A hash of the validated registry, the options and its redirects: equal keys, equal files.

    No line numbers in the key: an edit to comments or blank lines changes no output byte.
    """
    return content_key(registry_view(registry), folder_fingerprint(templates_dir),
                       repr(poster_formats), moved)


def inputs_key(registry_path: Path, data: bytes, ledger_file: Path, output: Path,
               templates_dir: Path | None, poster_formats: tuple[str, ...] | None) -> str:
    """A hash of the registry's bytes and the build's options (not the ledger's bytes).

    ``poster_formats`` None (the registry's own choice) hashes unlike any list of formats.
    """
    return content_key(source_key(registry_path, data), str(ledger_file.absolute()),
                       str(output.absolute()), folder_fingerprint(templates_dir),
                       repr(poster_formats))


def source_state_key(inputs: str, ledger: bytes | None) -> str:
    """``inputs`` and the ledger's bytes as they are on disk now (None: there is no ledger,
    which hashes unlike an empty one)."""
    return content_key(inputs, *([] if ledger is None else [ledger]))


def record_key() -> str:
    """The publish record's name: it changes with qrdir's code, so no version reads another's."""
    return content_key(Scope.PUBLISHED.value)


def province_key(wards: object, templates_dir: Path | None) -> str:
    """A hash of what the province pages show: every ward's stem and outline, and the
    templates folder that overrides the built-in ones."""
    return content_key(repr(wards), folder_fingerprint(templates_dir))


# --- cached work ------------------------------------------------------------------------------


Parsed = tuple[Registry | None, list[Problem]]


def parser(cache: BuildCache) -> Callable[[Path, bytes], Parsed]:
    """A registry parser for :func:`qrdir.registry.check.check` that remembers its results:
    the registry validated before, when these exact bytes were validated before."""

    def parse(path: Path, data: bytes) -> Parsed:
        from qrdir.registry.validate import parse_source

        key, scope = source_key(path, data), cache_scope(path, Scope.PARSED)
        result = cache.get_or_make(scope, key, lambda: parse_source(data, str(path)))
        cache.keep_only(scope, [key])
        return result

    return parse


def render_output(
    registry: Registry,
    cache: BuildCache,
    registry_path: Path,
    *,
    templates_dir: Path | None,
    poster_formats: tuple[str, ...],
    progress: Callable[[int, int], None] | None = None,
    pending: Mapping[str, tuple[str, ...]] | None = None,
) -> dict[str, bytes]:
    """Every rendered file of the output folder, keyed by its relative POSIX path.

    ``pending``: per printed format, the ids whose posters wait to be printed (the bundles).
    """
    pending = dict(pending or {})
    printed = printed_registry(registry)
    printed_view = registry_view(printed)
    codes = _KnownCodes(cache, registry_path, registry)
    parts = (
        (Scope.PAGES, (registry_view(registry), folder_fingerprint(templates_dir)),
         lambda: _pages(registry, templates_dir, cache.folder(COMPILED_TEMPLATES))),
        (Scope.CODES, codes.urls, lambda: _qr_images(codes.get())),
        (Scope.POSTERS, (printed_view, *poster_formats),
         lambda: _posters(printed, poster_formats, codes.get(), codes.directory())),
        (Scope.BUNDLES, (printed_view, repr(sorted(pending.items()))),
         lambda: _bundles(printed, pending, codes)),
    )
    files: dict[str, bytes] = {}
    for done, (part, inputs, render) in enumerate(parts, start=1):
        scope, key = cache_scope(registry_path, part), content_key(*inputs)
        files.update(cache.get_or_make(scope, key, render))
        cache.keep_only(scope, [key])
        if progress is not None:
            progress(done, len(parts))
    return files


def prepare_renderers() -> None:
    """Import the renderers and register the poster fonts now, before worker processes are
    forked: each then starts with them instead of spending a second of CPU on its own."""
    from qrdir.posters import fonts, qr, render  # noqa: F401 - imported for the workers
    from qrdir.web import pages  # noqa: F401

    fonts.register_fonts()


def _pages(registry: Registry, templates_dir: Path | None,
           compiled: Path | None) -> dict[str, bytes]:
    from qrdir.web import pages  # only here: Jinja2 is slow to import, and often not needed

    return pages.render_pages(registry, templates_dir=templates_dir, compiled=compiled)


def _qr_images(codes: Mapping[str, QrCode]) -> dict[str, bytes]:
    from qrdir.posters import qr  # only here: qrcode and Pillow are slow to import

    return qr.render_qr_images(codes)


def _posters(printed: Registry, formats: tuple[str, ...], codes: Mapping[str, QrCode],
             directory_code: QrCode) -> dict[str, bytes]:
    from qrdir.posters import render  # only here: ReportLab is slow to import

    files = render.render_posters(printed, formats=formats, codes=codes)
    return {**files, **render.render_directory(printed, formats, directory_code)}  # output.md 1.1


def _bundles(printed: Registry, pending: Mapping[str, tuple[str, ...]],
             codes: _KnownCodes) -> dict[str, bytes]:
    if not pending:
        return {}
    from qrdir.posters import render  # only here: ReportLab is slow to import

    return render.render_bundles(printed, pending, codes.get(), codes.directory())


class _KnownCodes:
    """The QR codes of a ward's sites, by id, computed once: from an earlier build's cache
    (a code changes only with its URL), else fresh, and then kept for the next build.

    They are kept by URL, with the directory's own code (its poster, output.md 1.1) under
    ``base_url``: a code read back belongs to its URL whatever the order of the sites.
    """

    def __init__(self, cache: BuildCache, registry_path: Path, registry: Registry):
        self.urls = [site.url for site in registry.sites]
        self._registry = registry
        self._cache = cache
        self._scope = cache_scope(registry_path, Scope.QR)
        # The directory's URL, base_url, is each site's URL without its id: the sites' URLs
        # (there is always one) are the key of every code kept under it.
        self._key = content_key(*self.urls)
        self._by_url: dict[str, QrCode] | None = None

    def get(self) -> dict[str, QrCode]:
        """Every site's code by id; a BuildError naming each URL too long to encode."""
        by_url = self._known()
        return {site.id: by_url[site.url] for site in self._registry.sites}

    def directory(self) -> QrCode:
        """The code of the directory itself, ``base_url``."""
        return self._known()[self._registry.directory.base_url]

    def _known(self) -> dict[str, QrCode]:
        if self._by_url is None:
            known = self._cache.load(self._scope, self._key)
            self._by_url = known if isinstance(known, dict) else self._made()
        return self._by_url

    def _made(self) -> dict[str, QrCode]:
        from qrdir.posters import qr  # only here: qrcode is slow to import

        codes = qr.site_codes(self._registry)
        base_url = self._registry.directory.base_url
        # Its URL is shorter than every site's, so it fits where theirs did.
        by_url = {**{site.url: codes[site.id] for site in self._registry.sites},
                  base_url: qr.qr_code(base_url)}
        self._cache.store(self._scope, self._key, by_url)
        self._cache.keep_only(self._scope, [self._key])
        return by_url
