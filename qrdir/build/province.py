"""Province builds: a folder of ward registries → one output folder, one sub-folder per ward.

``qrdir build wards/`` builds ``wards/<stem>.yaml`` (or a workbook ``<stem>.xlsx`` kept as the
registry) into ``output/<stem>/`` for every ward, in parallel across cores, each with its own
ledger ``wards/<stem>.lock``, and adds the province pages (:mod:`qrdir.build.province_pages`).
Every ward is validated and rendered before any is published: an error in one ward leaves the
whole province output as it was. Publishing then swaps each changed ward folder in atomically;
wards whose output is already up to date are not touched at all, which is what keeps a
one-contact rebuild of a large province fast.
"""

from __future__ import annotations

import functools
import multiprocessing
import os
import re
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from qrdir.build import province_pages
from qrdir.build.environment import source_date_epoch
from qrdir.build.incremental import (
    BuildCache,
    Scope,
    cache_scope,
    prepare_renderers,
    province_key,
    published_copy,
)
from qrdir.build.kill_points import kill_point
from qrdir.build.outline import Outline
from qrdir.build.ward import (
    BuildResult,
    Staged,
    already_published,
    commit,
    discard,
    stage,
)
from qrdir.errors import (
    BuildError,
    InterruptedAfterPublishing,
    ProblemsError,
    RegistryError,
    UsageError,
)
from qrdir.registry.model import Directory, Problem

LEDGER_SUFFIX = ".lock"
_BASE_URL_LINE = re.compile(r"^(\s*base_url\s*:\s*)", re.MULTILINE)


@dataclass(frozen=True)
class Ward:
    """One ward of a province: its registry, ledger and output folder."""

    stem: str
    registry: Path
    lock: Path
    output: Path


@dataclass(frozen=True)
class _Outcome:
    """A ward staged, or the error that stopped it: raised once every ward is staged."""

    ward: Ward
    staged: Staged | None = None
    error: Exception | None = None


@dataclass(frozen=True)
class ProvinceResult:
    """A finished province build: one BuildResult per ward, in file-name order."""

    output: Path
    wards: tuple[BuildResult, ...]

    @property
    def sites(self) -> int:
        return sum(result.sites for result in self.wards)


def wards_in(folder: Path, output: Path) -> list[Ward]:
    """The ward registries of ``folder`` (``*.yaml`` and workbooks ``*.xlsx`` kept as the
    registry, sorted), or a usage error if none, or if two files are the same ward."""
    registries = sorted(
        p for pattern in ("*.yaml", "*.xlsx") for p in Path(folder).glob(pattern)
        # Excel's "~$danh-ba.xlsx" while a workbook is open, hidden files: not wards
        if not p.name.startswith((".", "~$"))
    )
    if not registries:
        raise UsageError("no_wards", path=str(folder))
    stems: dict[str, Path] = {}
    for path in registries:
        if path.stem in stems:
            raise UsageError("ward_registry_twice", first=stems[path.stem].name,
                             second=path.name, stem=path.stem)
        stems[path.stem] = path
    return [
        Ward(p.stem, p, p.with_suffix(LEDGER_SUFFIX), Path(output) / p.stem) for p in registries
    ]


def build_province(
    folder: Path,
    output: Path,
    *,
    jobs: int | None = None,
    cache: BuildCache | None = None,
    templates_dir: Path | None = None,
    poster_formats: tuple[str, ...] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> ProvinceResult:
    """Build every ward of ``folder`` into ``output/<stem>/`` and the province pages."""
    source_date_epoch()  # a usage error once, here, rather than from every worker
    wards = wards_in(folder, output)
    cache = cache or BuildCache(None)
    options = dict(cache_root=cache.root, templates_dir=templates_dir,
                   poster_formats=poster_formats)
    created = not Path(output).exists()
    outcomes = _stage_all(wards, options, jobs, progress)
    try:
        _raise_on_problems(outcomes)
    except BaseException:
        for outcome in outcomes:
            if outcome.staged is not None:
                discard(outcome.staged)
        if created and Path(output).is_dir() and not any(Path(output).iterdir()):
            Path(output).rmdir()  # staging made it; a failed build leaves no trace
        raise
    results = _commit_all(outcomes, cache)
    try:
        _publish_province_pages(Path(output), [(o.ward.stem, r.outline)
                                               for o, r in zip(outcomes, results, strict=True)],
                                cache, templates_dir)
    except KeyboardInterrupt as interrupt:
        if isinstance(interrupt, InterruptedAfterPublishing) or not any(r.files for r in results):
            raise
        raise InterruptedAfterPublishing() from interrupt  # the wards are new already
    return ProvinceResult(Path(output), results)


def _commit_all(outcomes: list[_Outcome], cache: BuildCache) -> tuple[BuildResult, ...]:
    """Swap every staged ward in, one after another; each swap is atomic, not the whole."""
    results = []
    try:
        for outcome in outcomes:
            results.append(commit(outcome.staged, outcome.ward.output, cache))
            kill_point("between-wards")
    except KeyboardInterrupt as interrupt:
        if results and not isinstance(interrupt, InterruptedAfterPublishing):
            raise InterruptedAfterPublishing() from interrupt  # some wards are new already
        raise
    return tuple(results)


def _publish_province_pages(output: Path, wards: list[tuple[str, Outline]],
                            cache: BuildCache, templates_dir: Path | None) -> None:
    """Write the province pages, unless they already show exactly these wards, with these
    templates, untouched."""
    scope, key = cache_scope(output, Scope.PROVINCE), province_key(wards, templates_dir)
    if cache.load(scope, key) == province_pages.snapshot(output):
        return
    province_pages.write_province_pages(output, wards, templates_dir)
    cache.store(scope, key, province_pages.snapshot(output))
    cache.keep_only(scope, [key])


def _stage_all(wards, options, jobs, progress) -> list[_Outcome]:
    """Validate, render and stage every ward that changed, in parallel when there are cores."""
    outcomes: dict[Ward, _Outcome] = {}

    def done(ward: Ward, work: Callable[[], Staged]) -> None:
        outcomes[ward] = _attempt(ward, work)
        if progress is not None:
            progress(len(outcomes), len(wards))

    # Most wards of a rebuild are unchanged; finding that out is too quick to be worth a
    # worker process, and then only the changed wards need one.
    changed = []
    for ward in wards:
        unchanged = already_published(ward.registry, ward.output, lock=ward.lock,
                                      cache=BuildCache(options["cache_root"]),
                                      templates_dir=options["templates_dir"],
                                      poster_formats=options["poster_formats"])
        if unchanged is None:
            changed.append(ward)
        else:
            done(ward, functools.partial(_checked, ward, unchanged))
    jobs = min(max(1, jobs or os.cpu_count() or 1), len(changed))
    if jobs <= 1:
        for ward in changed:
            done(ward, functools.partial(_stage_ward, ward, **options))
    else:
        if multiprocessing.get_start_method() == "fork" and _may_render(changed, options):
            prepare_renderers()  # once here, not once in each worker: forked, they have it
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            # The largest wards first, so that no worker is left with a big one at the end.
            order = sorted(changed, key=lambda ward: -_size(ward.registry))
            futures = {ward: pool.submit(_stage_ward, ward, **options) for ward in order}
            for ward, future in futures.items():
                done(ward, future.result)  # re-raises the worker's error as it was raised
    return [outcomes[ward] for ward in wards]


def _may_render(changed: list[Ward], options: dict) -> bool:
    """Whether a changed ward may need its renderers: not when each one's output folder is gone
    and the cache holds a copy to link it back from (a CI job that restored its cache). A
    copy that then fails its check is rendered all the same: the worker imports what it needs.
    """
    cache = BuildCache(options["cache_root"])
    return any(ward.output.exists() or not (copy := published_copy(cache, ward.registry))
               or not copy.is_dir() for ward in changed)


def _size(path: Path) -> int:
    """The size of a registry file, the measure of a ward's work (0 when it is missing)."""
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _attempt(ward: Ward, work: Callable[[], Staged]) -> _Outcome:
    """The ward staged by ``work``, or the error it raised, kept until every ward is staged."""
    try:
        return _Outcome(ward, staged=work())
    except Exception as error:  # every kind: _raise_on_problems raises it, as it was raised
        return _Outcome(ward, error=error)


def _stage_ward(ward: Ward, cache_root: Path | None, templates_dir: Path | None,
                poster_formats: tuple[str, ...] | None) -> Staged:
    """One worker's job; its errors pickle whole (:mod:`qrdir.errors`) and reach the parent."""
    staged = stage(ward.registry, ward.output, lock=ward.lock, cache=BuildCache(cache_root),
                   templates_dir=templates_dir, poster_formats=poster_formats)
    return _checked(ward, staged)


def _checked(ward: Ward, staged: Staged) -> Staged:
    """``staged``, unless its base_url does not match its place in the province."""
    mismatch = _base_url_mismatch(ward, staged.outline.directory)
    if mismatch is not None:
        discard(staged)
        raise RegistryError([mismatch])
    return staged


def _base_url_mismatch(ward: Ward, directory: Directory) -> Problem | None:
    """A ward's pages live at ``<province>/<stem>/``: its base_url must end there too."""
    if directory.base_url.endswith(f"/{ward.stem}/"):
        return None
    text = ward.registry.read_text(encoding="utf-8-sig")
    match = _BASE_URL_LINE.search(text)
    line = text.count("\n", 0, match.start()) + 1 if match else 1
    col = len(match.group(1)) + 1 if match else 1
    return Problem(str(ward.registry), line, col, "error", "ward_base_url",
                   {"value": directory.base_url, "stem": ward.stem})


def _raise_on_problems(outcomes: list[_Outcome]) -> None:
    """Stop before publishing anything when any ward has an error.

    An error that is not a list of problems (a usage error, a damaged ledger) is raised as
    it was raised, the first in ward order; else every ward's problems are raised together,
    with the warnings of the wards that passed.
    """
    errors = [o.error for o in outcomes if o.error is not None]
    if not errors:
        return
    for error in errors:
        if not isinstance(error, ProblemsError):
            raise error
    problems = [p for o in outcomes
                for p in (o.error.problems if o.error is not None else o.staged.warnings)]
    print_failure = any(isinstance(error, BuildError) for error in errors)
    raise (BuildError if print_failure else RegistryError)(problems)


@dataclass(frozen=True)
class ProvinceChecked:
    """A province checked clean: its warnings, and how many wards and sites it holds."""

    problems: list[Problem]
    wards: int
    sites: int


def check_province(folder: Path, output: Path) -> ProvinceChecked:
    """Validate every ward registry of ``folder`` against its ledger and what ``output``
    serves; their warnings and counts, or RegistryError."""
    from qrdir.registry.check import check  # here: a build's unchanged wards never validate

    problems: list[Problem] = []
    wards = sites = 0
    for ward in wards_in(folder, Path(output)):
        wards += 1
        try:
            checked = check(ward.registry, ward.lock, output=ward.output)
        except RegistryError as exc:
            problems += exc.problems
            continue
        sites += len(checked.registry.sites)
        mismatch = _base_url_mismatch(ward, checked.registry.directory)
        problems += [mismatch] if mismatch is not None else list(checked.warnings)
    if any(p.is_error for p in problems):
        raise RegistryError(problems)
    return ProvinceChecked(problems, wards, sites)
