"""One ``qrdir deploy``: a built output folder → a target, only what changed, in a safe order.

publish.md "`qrdir deploy`". Nothing at the target changes until the plan has passed both
guards (:func:`qrdir.deploy.plan.check_plan`); a dry run stops there.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from qrdir import paths
from qrdir.build.kill_points import kill_point
from qrdir.deploy.plan import (
    Plan,
    base_url_of,
    changed_urls,
    check_plan,
    make_plan,
    output_files,
)
from qrdir.deploy.target import open_target
from qrdir.deploy.targets import target_problem
from qrdir.errors import UsageError


@dataclass(frozen=True)
class Deployed:
    """What a deploy did (or, with ``dry_run``, would do)."""

    plan: Plan
    bytes: int
    dry_run: bool
    changed_urls: tuple[str, ...]  # for a CDN purge (--changed-urls)


def deploy(output: Path, target: str, *, dry_run: bool = False, force: bool = False,
           max_deletes: int | None = None, endpoint_url: str | None = None) -> Deployed:
    """Make ``target`` (a checked target form) serve exactly the built ``output`` folder."""
    if not (Path(output) / paths.DIRECTORY_PAGE).is_file():
        raise UsageError("deploy_not_built", output=str(output))
    where = open_target(target, endpoint_url)
    local = where.files({path: file.read_bytes() for path, file in output_files(output).items()})
    remote = where.listing()
    plan = make_plan(local, remote, where.digest)
    check_plan(plan, local, remote, target, force=force, max_deletes=max_deletes)
    done = Deployed(plan, sum(len(local[path]) for path in plan.uploads), dry_run,
                    tuple(changed_urls(plan, base_url_of(local))))
    if dry_run or plan.is_empty:
        return done
    for number, path in enumerate(plan.uploads):
        if number == len(plan.uploads) // 2:
            kill_point("deploy-uploading")
        where.upload(path, local[path])
    kill_point("deploy-uploaded")
    for path in plan.deletions:
        where.delete(path)
    where.finish()
    return done


def resolve_target(registry: Path, to: str | None) -> str:
    """The target ``--to`` names (checked as ``directory.deploy`` is), else the registry's
    ``directory.deploy``; UsageError when neither names one."""
    if to is not None:
        problem = target_problem(to)
        if problem is not None:
            code, args = problem
            raise UsageError(code, key="--to", **args)
        return to
    if not Path(registry).is_file():
        raise UsageError("deploy_no_target", registry=str(registry))
    from qrdir.registry.check import check  # the validator: only when the registry is asked

    target = check(registry).registry.directory.deploy
    if target is None:
        raise UsageError("deploy_no_target", registry=str(registry))
    return target
