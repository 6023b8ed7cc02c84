"""One build: validate the registry, render every output file in memory, publish atomically."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from qrdir import pages, posters, publish, qr
from qrdir.errors import RegistryError
from qrdir.model import Problem, Registry
from qrdir.validate import load_registry

DEFAULT_POSTER_FORMATS: tuple[str, ...] = ("a4",)


@dataclass(frozen=True)
class BuildResult:
    """What a finished build did, for the command line to report."""

    registry: Registry
    output: Path
    files: int
    warnings: tuple[Problem, ...]


def render_output(
    registry: Registry,
    *,
    templates_dir: Path | None = None,
    poster_formats: tuple[str, ...] = DEFAULT_POSTER_FORMATS,
) -> dict[str, bytes]:
    """Every file of the output folder, keyed by its relative POSIX path."""
    files: dict[str, bytes] = {}
    files.update(pages.render_pages(registry, templates_dir=templates_dir))
    files.update(qr.render_qr_images(registry))
    files.update(posters.render_posters(registry, formats=poster_formats))
    return files


def build(
    registry_path: Path,
    output: Path,
    *,
    templates_dir: Path | None = None,
    poster_formats: tuple[str, ...] = DEFAULT_POSTER_FORMATS,
) -> BuildResult:
    """Validate ``registry_path`` and publish its output to ``output``.

    Raises :class:`~qrdir.errors.RegistryError` (nothing written) when the registry has errors,
    and :class:`~qrdir.errors.BuildError` when a print rule fails.
    """
    registry, problems = load_registry(registry_path)
    if registry is None:
        raise RegistryError(problems)
    files = render_output(registry, templates_dir=templates_dir, poster_formats=poster_formats)
    publish.publish(files, output)
    return BuildResult(registry, output, len(files), tuple(problems))
