"""One ward's build: validate against the ledger, render every file (or find it cached), publish.

A build is two phases so that a province can run the first for every ward, in parallel, before
it commits to the second: :func:`stage` (validate, render, write the new output beside the old
one, leaving the old untouched) and :func:`commit` (write the ledger, swap in atomically).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from qrdir import changes, pages, posters, publish, qr
from qrdir.cache import MISSING, BuildCache, content_key, folder_fingerprint
from qrdir.check import Checked, cache_scope, check
from qrdir.ledger import ledger_text, redirects, updated_ledger, write_ledger
from qrdir.model import Problem, Registry

DEFAULT_POSTER_FORMATS: tuple[str, ...] = ("a4",)


@dataclass(frozen=True)
class BuildResult:
    """What a finished build did, for the command line to report."""

    registry: Registry
    output: Path
    files: int
    warnings: tuple[Problem, ...]
    report: changes.ChangeReport


@dataclass(frozen=True)
class Staged:
    """A validated ward whose new output is written beside the old one, not yet swapped in.

    ``staging`` is None when the published output is already exactly this build's.
    """

    registry_path: Path
    checked: Checked
    key: str  # a content hash of the output's inputs: equal keys, equal files
    staging: Path | None
    files: int
    report: changes.ChangeReport


@dataclass(frozen=True)
class _Published:
    """What the cache remembers of the last publish, to skip an identical one."""

    key: str
    ledger: str
    snapshot: dict[str, tuple[int, int]]


def render_output(
    registry: Registry,
    *,
    templates_dir: Path | None = None,
    poster_formats: tuple[str, ...] = DEFAULT_POSTER_FORMATS,
    progress: Callable[[int, int], None] | None = None,
) -> dict[str, bytes]:
    """Every rendered file of the output folder, keyed by its relative POSIX path."""
    stages = (
        lambda: pages.render_pages(registry, templates_dir=templates_dir),
        lambda: qr.render_qr_images(registry),
        lambda: posters.render_posters(registry, formats=poster_formats),
    )
    files: dict[str, bytes] = {}
    for done, render in enumerate(stages, start=1):
        files.update(render())
        if progress is not None:
            progress(done, len(stages))
    return files


def _render_with_known_codes(registry: Registry, cache: BuildCache, registry_path: Path,
                             **options) -> dict[str, bytes]:
    """Render, reusing the QR codes of earlier builds: a code changes only with its URL."""
    scope = cache_scope(registry_path, "qr")
    key = content_key("qr", *sorted(site.url for site in registry.sites))
    known = cache.load(scope, key)
    if known is not MISSING:
        qr.remember(known)
    files = render_output(registry, **options)
    if known is MISSING:
        cache.store(scope, key, tuple(qr.qr_code(site.url) for site in registry.sites))
        cache.keep_only(scope, [key])
    return files


def stage(
    registry_path: Path,
    output: Path,
    *,
    lock: Path | None = None,
    cache: BuildCache | None = None,
    templates_dir: Path | None = None,
    poster_formats: tuple[str, ...] = DEFAULT_POSTER_FORMATS,
    progress: Callable[[int, int], None] | None = None,
) -> Staged:
    """Validate and render a ward and write it beside ``output``; the output is not touched.

    Raises RegistryError or BuildError. Rendering is skipped when the cache holds the result,
    and staging too when ``output`` already holds exactly this build.
    """
    cache = cache or BuildCache(None)
    checked = check(registry_path, lock, cache)
    moved = redirects(checked.registry, checked.ledger)
    render_key = content_key("output", repr(checked.registry), folder_fingerprint(templates_dir),
                             ",".join(poster_formats))
    key = content_key(render_key, moved)
    if _is_published(cache, Path(registry_path), key, checked, Path(output)):
        return Staged(Path(registry_path), checked, key, None, 0,
                      changes.unchanged(len(checked.registry.sites)))
    scope = cache_scope(Path(registry_path), "output")
    files = cache.get_or_make(scope, render_key, lambda: _render_with_known_codes(
        checked.registry, cache, Path(registry_path), templates_dir=templates_dir,
        poster_formats=poster_formats, progress=progress,
    ))
    cache.keep_only(scope, [render_key])
    if moved:
        files = {**files, "redirects.txt": moved.encode("utf-8")}
    report = changes.compare(Path(output), files)
    return Staged(Path(registry_path), checked, key, publish.stage(files, Path(output)),
                  len(files), report)


def _is_published(cache: BuildCache, registry_path: Path, key: str, checked: Checked,
                  output: Path) -> bool:
    """True when ``output`` is what the last build published for ``key``, untouched since."""
    last = cache.load(cache_scope(registry_path, "published"), "last")
    ledger = ledger_text(updated_ledger(checked.registry, checked.ledger))
    return (
        last is not MISSING
        and checked.ledger_path.is_file()
        and ledger_text(checked.ledger) == ledger
        and last == _Published(key, ledger, publish.snapshot(output))
    )


def commit(staged: Staged, output: Path, cache: BuildCache | None = None) -> BuildResult:
    """Swap a staged ward in: write its ledger, then replace ``output`` in one step."""
    cache = cache or BuildCache(None)
    checked, output = staged.checked, Path(output)
    if staged.staging is not None:
        ledger = updated_ledger(checked.registry, checked.ledger)
        # output.md: the ledger is written after the new output is complete, before the swap.
        write_ledger(ledger, checked.ledger_path)
        publish.swap(staged.staging, output)
        cache.store(cache_scope(staged.registry_path, "published"), "last",
                    _Published(staged.key, ledger_text(ledger), publish.snapshot(output)))
    return BuildResult(checked.registry, output, staged.files, checked.warnings, staged.report)


def discard(staged: Staged) -> None:
    """Remove a staged output that will not be swapped in."""
    if staged.staging is not None:
        shutil.rmtree(staged.staging, ignore_errors=True)


def build(
    registry_path: Path,
    output: Path,
    *,
    templates_dir: Path | None = None,
    poster_formats: tuple[str, ...] = DEFAULT_POSTER_FORMATS,
    lock: Path | None = None,
    progress: Callable[[int, int], None] | None = None,
    cache: BuildCache | None = None,
) -> BuildResult:
    """Validate ``registry_path`` and publish its output to ``output``.

    Raises :class:`~qrdir.errors.RegistryError` (nothing written) when the registry or the
    ledger has errors, and :class:`~qrdir.errors.BuildError` when a print rule fails.
    """
    staged = stage(registry_path, output, lock=lock, cache=cache, templates_dir=templates_dir,
                   poster_formats=poster_formats, progress=progress)
    try:
        return commit(staged, output, cache)
    except BaseException:
        discard(staged)
        raise
