"""One build: validate the registry against the ledger, render every file, publish atomically."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from qrdir import changes, pages, posters, publish, qr
from qrdir.cache import BuildCache, content_key, folder_fingerprint
from qrdir.check import cache_scope, check
from qrdir.ledger import redirects, updated_ledger, write_ledger
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


def render_output(
    registry: Registry,
    *,
    templates_dir: Path | None = None,
    poster_formats: tuple[str, ...] = DEFAULT_POSTER_FORMATS,
    progress: Callable[[int, int], None] | None = None,
) -> dict[str, bytes]:
    """Every file of the output folder, keyed by its relative POSIX path."""
    stages = (
        ("pages", lambda: pages.render_pages(registry, templates_dir=templates_dir)),
        ("qr", lambda: qr.render_qr_images(registry)),
        ("posters", lambda: posters.render_posters(registry, formats=poster_formats)),
    )
    files: dict[str, bytes] = {}
    for done, (_name, render) in enumerate(stages, start=1):
        files.update(render())
        if progress is not None:
            progress(done, len(stages))
    return files


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
    cache = cache or BuildCache(None)
    checked = check(registry_path, lock, cache)
    key = content_key("output", repr(checked.registry), folder_fingerprint(templates_dir),
                      ",".join(poster_formats))
    scope = cache_scope(Path(registry_path), "output")
    files = cache.get_or_make(scope, key, lambda: render_output(
        checked.registry,
        templates_dir=templates_dir,
        poster_formats=poster_formats,
        progress=progress,
    ))
    cache.keep_only(scope, [key])
    moved = redirects(checked.registry, checked.ledger)
    if moved:
        files = {**files, "redirects.txt": moved.encode("utf-8")}
    report = changes.compare(Path(output), files)
    new_ledger = updated_ledger(checked.registry, checked.ledger)
    # output.md: the ledger is written after the new output is complete, before the swap.
    publish.publish(files, Path(output), before_swap=lambda: write_ledger(new_ledger,
                                                                          checked.ledger_path))
    return BuildResult(checked.registry, Path(output), len(files), checked.warnings, report)
