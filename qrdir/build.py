"""One ward's build: validate against the ledger, render every file (or find it cached), publish.

A build is two phases so that a province can run the first for every ward before it commits
to the second: :func:`prepare` (validate and render, no effect on the output) and
:func:`publish_ward` (stage, write the ledger, swap in atomically).
"""

from __future__ import annotations

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
class Prepared:
    """A validated, rendered ward, not yet published."""

    registry_path: Path
    checked: Checked
    files: dict[str, bytes]
    key: str  # a content hash of ``files``' inputs: equal keys, equal files


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


def prepare(
    registry_path: Path,
    *,
    lock: Path | None = None,
    cache: BuildCache | None = None,
    templates_dir: Path | None = None,
    poster_formats: tuple[str, ...] = DEFAULT_POSTER_FORMATS,
    progress: Callable[[int, int], None] | None = None,
) -> Prepared:
    """Validate and render a ward; raises RegistryError or BuildError, touches no output."""
    cache = cache or BuildCache(None)
    checked = check(registry_path, lock, cache)
    key = content_key("output", repr(checked.registry), folder_fingerprint(templates_dir),
                      ",".join(poster_formats))
    scope = cache_scope(Path(registry_path), "output")
    files = cache.get_or_make(scope, key, lambda: render_output(
        checked.registry, templates_dir=templates_dir, poster_formats=poster_formats,
        progress=progress,
    ))
    cache.keep_only(scope, [key])
    moved = redirects(checked.registry, checked.ledger)
    if moved:
        files = {**files, "redirects.txt": moved.encode("utf-8")}
        key = content_key(key, moved)
    return Prepared(Path(registry_path), checked, files, key)


def publish_ward(prepared: Prepared, output: Path, cache: BuildCache | None = None) -> BuildResult:
    """Publish a prepared ward to ``output``; skipped when the output already holds exactly it."""
    cache = cache or BuildCache(None)
    checked, output = prepared.checked, Path(output)
    new_ledger = ledger_text(updated_ledger(checked.registry, checked.ledger))
    scope = cache_scope(prepared.registry_path, "published")
    last = cache.load(scope, "last")
    unchanged = (
        last is not MISSING
        and last == _Published(prepared.key, new_ledger, publish.snapshot(output))
        and checked.ledger_path.is_file()
        and ledger_text(checked.ledger) == new_ledger
    )
    if unchanged:
        report = changes.unchanged(len(checked.registry.sites))
    else:
        report = changes.compare(output, prepared.files)
        ledger = updated_ledger(checked.registry, checked.ledger)
        # output.md: the ledger is written after the new output is complete, before the swap.
        publish.publish(prepared.files, output,
                        before_swap=lambda: write_ledger(ledger, checked.ledger_path))
        cache.store(scope, "last", _Published(prepared.key, new_ledger, publish.snapshot(output)))
    return BuildResult(checked.registry, output, len(prepared.files), checked.warnings, report)


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
    prepared = prepare(registry_path, lock=lock, cache=cache, templates_dir=templates_dir,
                       poster_formats=poster_formats, progress=progress)
    return publish_ward(prepared, output, cache)
