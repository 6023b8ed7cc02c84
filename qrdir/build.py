"""One build: validate the registry against the ledger, render every file, publish atomically."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from qrdir import changes, pages, posters, publish, qr
from qrdir.check import check
from qrdir.ledger import Ledger, redirects, updated_ledger, write_ledger
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
    ledger: Ledger | None = None,
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
    moved = redirects(registry, ledger or Ledger())
    if moved:
        files["redirects.txt"] = moved.encode("utf-8")
    return files


def build(
    registry_path: Path,
    output: Path,
    *,
    templates_dir: Path | None = None,
    poster_formats: tuple[str, ...] = DEFAULT_POSTER_FORMATS,
    lock: Path | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> BuildResult:
    """Validate ``registry_path`` and publish its output to ``output``.

    Raises :class:`~qrdir.errors.RegistryError` (nothing written) when the registry or the
    ledger has errors, and :class:`~qrdir.errors.BuildError` when a print rule fails.
    """
    checked = check(registry_path, lock)
    files = render_output(
        checked.registry,
        templates_dir=templates_dir,
        poster_formats=poster_formats,
        ledger=checked.ledger,
        progress=progress,
    )
    report = changes.compare(Path(output), files)
    new_ledger = updated_ledger(checked.registry, checked.ledger)
    # output.md: the ledger is written after the new output is complete, before the swap.
    publish.publish(files, Path(output), before_swap=lambda: write_ledger(new_ledger,
                                                                          checked.ledger_path))
    return BuildResult(checked.registry, Path(output), len(files), checked.warnings, report)
