"""One ward's build: validate against the ledger, render every file (or find it cached), publish.

A build is two phases so that a province can run the first for every ward, in parallel, before
it commits to the second: :func:`stage` (validate, render, write the new output beside the old
one, leaving the old untouched) and :func:`commit` (write the ledger, swap in atomically).

Most rebuilds find most of their work done. The cache remembers what the last build published:
the hash of the registry's and the ledger's bytes, a snapshot (size and time) of every output
file, and the ward's outline. When all three still hold, the ward is not even parsed.
It also keeps a copy of the published files as hard links (no space, no writing): when the
output folder is gone but nothing else changed (a CI job that restored the cache, an
``rm -r output``), the copy is linked back in, once every file is checked against the record.
"""

from __future__ import annotations

import enum
import shutil
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from qrdir import paths
from qrdir.build import changes, incremental, printing, publish
from qrdir.build.environment import source_date_epoch
from qrdir.build.incremental import (
    BuildCache,
    Scope,
    cache_scope,
    inputs_key,
    output_key,
    parser,
    published_copy,
    record_key,
    source_state_key,
)
from qrdir.build.kill_points import kill_point
from qrdir.build.outline import Outline, outline_of
from qrdir.registry.ledger import Ledger, ledger_path, ledger_text, redirects, write_ledger
from qrdir.registry.model import Problem
from qrdir.web import hosting

DEFAULT_POSTER_FORMATS: tuple[str, ...] = ("a4",)


@dataclass(frozen=True)
class BuildResult:
    """What a finished build did, for the command line to report."""

    outline: Outline
    output: Path
    files: int
    warnings: tuple[Problem, ...]
    report: changes.ChangeReport

    @property
    def sites(self) -> int:
        return len(self.outline.sites)


class Work(enum.Enum):
    """What committing a staged ward has left to do."""

    NOTHING = "nothing"  # the output and the record of its publish are both current
    RECORD = "record"  # the output is already exactly this build's: record the publish
    SWAP = "swap"  # a new output is staged beside the old one: write the ledger, swap it in
    RESTORE = "restore"  # the last publish is staged from the cache's copy: swap it in


@dataclass(frozen=True)
class Staged:
    """A validated ward whose new output is written beside the old one, not yet swapped in.

    ``work`` says what :func:`commit` has left to do. ``staging`` is the staged folder (only
    for :attr:`Work.SWAP`); ``ledger`` is the ledger to write and record (not for
    :attr:`Work.NOTHING`, where the ledger is not even read).
    """

    work: Work
    registry_path: Path
    outline: Outline
    warnings: tuple[Problem, ...]
    inputs: str  # a hash of what the output depends on, apart from the ledger's bytes
    key: str  # a hash of the validated registry and its redirects: equal keys, equal files
    ledger: Ledger | None
    ledger_path: Path
    staging: Path | None
    files: int
    report: changes.ChangeReport


@dataclass(frozen=True)
class _Published:
    """What the cache remembers of the last publish, to skip an identical one."""

    source: str  # ``inputs`` and the ledger's bytes: the same source, nothing to do
    key: str
    ledger: str
    outline: Outline
    warnings: tuple[Problem, ...]
    snapshot: dict[str, tuple[int, int]]
    bundles: tuple[tuple[str, int], ...] = ()  # the print bundles it holds (the report says)


def stage(
    registry_path: Path,
    output: Path,
    *,
    lock: Path | None = None,
    cache: BuildCache | None = None,
    templates_dir: Path | None = None,
    poster_formats: tuple[str, ...] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Staged:
    """Validate and render a ward and write it beside ``output``; the output is not touched.

    Raises RegistryError or BuildError. When the registry, the ledger and the options are
    byte for byte those of the last publish and ``output`` is untouched since, nothing is
    even parsed, nor when ``output`` is gone and the cache's copy of that publish is linked
    back; rendering is skipped when the cache holds the result, and staging too when
    ``output`` already holds exactly this build.
    """
    cache = cache or BuildCache(None)
    registry_path, output = Path(registry_path), Path(output)
    ledger_file, inputs, last = _last_state(registry_path, output, lock, cache, templates_dir,
                                            poster_formats)
    as_published = _as_published(registry_path, output, ledger_file, inputs, last, cache)
    if as_published is not None:
        return as_published
    # Imported here: validating imports phonenumbers and the YAML reader, which a build
    # whose wards are all unchanged never needs (a no-op rebuild, ms that count at 500 wards).
    from qrdir.registry.check import check
    checked = check(registry_path, lock, output, parse=parser(cache))
    registry, ledger = checked.registry, checked.next_ledger
    poster_formats = poster_formats or registry.directory.posters or DEFAULT_POSTER_FORMATS
    ledger = printing.upgraded(checked.ledger, ledger, poster_formats)  # output.md 1.1
    moved = redirects(registry, checked.ledger)
    key = output_key(registry, templates_dir, poster_formats, moved)
    staged = Staged(Work.RECORD, registry_path, outline_of(registry), checked.warnings,
                    inputs or "", key, ledger, ledger_file, None, 0,
                    changes.unchanged(len(registry.sites), last.bundles if last else ()))
    if (last and last.key == key and ledger_file.is_file()
            and last.ledger == ledger_text(checked.ledger) == ledger_text(ledger)
            and last.snapshot == publish.snapshot(output)):
        return staged  # the same output, only a comment or the layout of the file changed
    pending = printing.pending(registry, ledger, poster_formats)
    files = _rendered(registry, cache, registry_path, templates_dir=templates_dir,
                      poster_formats=poster_formats, progress=progress, pending=pending)
    bundles = tuple((path, len(pending[name])) for name in pending
                    if (path := paths.print_bundle(name)) in files)
    if moved:
        files = {**files, "redirects.txt": moved.encode("utf-8")}
    files = {**files, **hosting.host_files(registry, files, moved)}  # publish.md: for hosts
    return replace(staged, work=Work.SWAP, staging=publish.stage(files, output),
                   files=len(files), report=changes.compare(output, files, bundles))


def _rendered(registry, cache: BuildCache, registry_path: Path, **options) -> dict[str, bytes]:
    """The ward's rendered files, each part from the cache when its inputs were seen before."""
    return incremental.render_output(registry, cache, registry_path, **options)


def already_published(
    registry_path: Path,
    output: Path,
    *,
    lock: Path | None = None,
    cache: BuildCache | None = None,
    templates_dir: Path | None = None,
    poster_formats: tuple[str, ...] | None = None,
) -> Staged | None:
    """The ward staged with nothing to do, when the registry, the ledger and the options are
    byte for byte those of its last publish and ``output`` is untouched since; else None.

    Reads two files, one small cache entry and the sizes and times of the output's files:
    the registry is not parsed.
    """
    registry_path, output = Path(registry_path), Path(output)
    state = _last_state(registry_path, output, lock, cache or BuildCache(None), templates_dir,
                        poster_formats)
    return _as_published(registry_path, output, *state)


def _last_state(registry_path: Path, output: Path, lock: Path | None, cache: BuildCache,
                templates_dir: Path | None, poster_formats: tuple[str, ...] | None
                ) -> tuple[Path, str | None, _Published | None]:
    """The ledger's path, the hash of this build's inputs, and the record of the last publish
    with this version of qrdir (None if there is none)."""
    ledger_file = ledger_path(registry_path, lock)
    inputs = _inputs(registry_path, ledger_file, output, templates_dir, poster_formats)
    last = cache.load(cache_scope(registry_path, Scope.PUBLISHED), record_key())
    return ledger_file, inputs, last if isinstance(last, _Published) else None


def _as_published(registry_path: Path, output: Path, ledger_file: Path, inputs: str | None,
                  last: _Published | None, cache: BuildCache | None = None) -> Staged | None:
    """The ward staged from its last publish, when the registry, the options and the ledger
    are byte for byte those ``last`` published: with nothing to do when ``output`` is
    untouched since, else linked back from ``cache``'s copy when ``output`` is gone (only
    with a ``cache``); otherwise None."""
    if not (last and inputs and last.source == _source(inputs, ledger_file)):
        return None
    if last.snapshot == publish.snapshot(output):
        return Staged(Work.NOTHING, registry_path, last.outline, last.warnings, inputs,
                      last.key, None, ledger_file, None, 0,
                      changes.unchanged(len(last.outline.sites), last.bundles))
    return None if cache is None else _restored(registry_path, output, ledger_file, inputs,
                                                 last, cache)


def _restored(registry_path: Path, output: Path, ledger_file: Path, inputs: str,
              last: _Published, cache: BuildCache) -> Staged | None:
    """The last publish staged from the cache's copy of it, when the output folder is gone
    (a CI job that restored the cache, ``rm -r output``); else None. The caller has found
    the source unchanged since ``last``.

    Only a missing output is restored: one that is there but differs may hold pages the
    build must refuse to drop (``check`` reads it), so it is built and checked in full. The
    copy is used only if every file still has the size and time the publish recorded.
    """
    copy = published_copy(cache, registry_path)
    if copy is None or output.exists() or publish.snapshot(copy) != last.snapshot:
        return None
    staging = publish.stage_links(copy, last.snapshot, output)
    if staging is None:
        return None
    return Staged(Work.RESTORE, registry_path, last.outline, last.warnings, inputs, last.key,
                  None, ledger_file, staging, len(last.snapshot),
                  changes.first_build(len(last.outline.sites), last.bundles))


def _inputs(registry_path: Path, ledger_file: Path, output: Path, templates_dir: Path | None,
            poster_formats: tuple[str, ...] | None) -> str | None:
    """A hash of the registry's bytes and the build's options; None without a registry file."""
    try:
        data = registry_path.read_bytes()
    except OSError:
        return None  # check() says what is wrong
    return inputs_key(registry_path, data, ledger_file, output, templates_dir, poster_formats)


def _source(inputs: str, ledger_file: Path) -> str:
    """``inputs`` and the ledger's bytes as they are on disk now."""
    try:
        ledger = ledger_file.read_bytes()
    except OSError:
        ledger = None
    return source_state_key(inputs, ledger)


def commit(staged: Staged, output: Path, cache: BuildCache | None = None) -> BuildResult:
    """Swap a staged ward in: write its ledger, then replace ``output`` in one step."""
    cache = cache or BuildCache(None)
    output = Path(output)
    if staged.work in (Work.SWAP, Work.RESTORE):
        kill_point("staged")
        if staged.work is Work.SWAP:
            # output.md: the ledger is written after the new output is complete, before the
            # swap. A restored publish has its ledger on disk already, byte for byte.
            write_ledger(staged.ledger, staged.ledger_path)
            kill_point("ledger-written")
        publish.swap(staged.staging, output)
    if staged.work in (Work.SWAP, Work.RECORD):
        _record(staged, output, cache)
    return BuildResult(staged.outline, output, staged.files, staged.warnings, staged.report)


def _record(staged: Staged, output: Path, cache: BuildCache) -> None:
    """Remember the publish (the record :func:`_as_published` reads) and keep a copy of its
    files (the one :func:`_restored` links back), unless the cache's copy is already these."""
    snapshot = publish.snapshot(output)
    record = _Published(_source(staged.inputs, staged.ledger_path), staged.key,
                        ledger_text(staged.ledger), staged.outline, staged.warnings,
                        snapshot, staged.report.bundles)
    scope = cache_scope(staged.registry_path, Scope.PUBLISHED)
    cache.store(scope, record_key(), record)
    cache.keep_only(scope, [record_key()])
    copy = published_copy(cache, staged.registry_path)
    if copy is not None and publish.snapshot(copy) != snapshot:
        publish.keep_copy(output, snapshot, copy)


def discard(staged: Staged) -> None:
    """Remove a staged output that will not be swapped in."""
    if staged.work in (Work.SWAP, Work.RESTORE):
        shutil.rmtree(staged.staging, ignore_errors=True)


def build(
    registry_path: Path,
    output: Path,
    *,
    templates_dir: Path | None = None,
    poster_formats: tuple[str, ...] | None = None,
    lock: Path | None = None,
    progress: Callable[[int, int], None] | None = None,
    cache: BuildCache | None = None,
) -> BuildResult:
    """Validate ``registry_path`` and publish its output to ``output``.

    Raises :class:`~qrdir.errors.RegistryError` (nothing written) when the registry or the
    ledger has errors, and :class:`~qrdir.errors.BuildError` when a print rule fails.
    """
    source_date_epoch()  # a bad value is a usage error before any work, not ReportLab's crash
    staged = stage(registry_path, output, lock=lock, cache=cache, templates_dir=templates_dir,
                   poster_formats=poster_formats, progress=progress)
    try:
        return commit(staged, output, cache)
    except BaseException:
        discard(staged)
        raise
