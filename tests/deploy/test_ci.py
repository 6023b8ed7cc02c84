"""``qrdir init --ci github|gitlab`` (publish.md "Building and deploying on every change"): the
workflow files pass their host's published schema (check-jsonschema's bundled copies, offline),
and the GitHub workflow's shell steps, run the way the runner runs them in a clone whose origin
is a bare repository, check, build, keep ``qrdir.lock`` in git and deploy to ``gh-pages``."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from qrdir.deploy.ci import INSTALL
from tests.conftest import EXAMPLE_REGISTRY
from tests.deploy.conftest import NEW_PHONE, OLD_PHONE, invoke, tree
from tests.deploy.test_kill import branch_files

CHECK_JSONSCHEMA = Path(sys.executable).parent / "check-jsonschema"
ON_DEFAULT_BRANCH = "github.ref_name == github.event.repository.default_branch"
# What the runner would put in each ${{ … }}: no variable or secret set, the job's token.
EXPRESSIONS = {"vars.QRDIR_DEPLOY_TO": "", "secrets.AWS_ACCESS_KEY_ID": "",
               "secrets.AWS_SECRET_ACCESS_KEY": "", "github.token": "ghs_not-a-real-token"}


@pytest.mark.parametrize(("kind", "path", "schema"), [
    ("github", ".github/workflows/qrdir.yml", "vendor.github-workflows"),
    ("gitlab", ".gitlab-ci.yml", "vendor.gitlab-ci"),
])
def test_the_workflow_passes_its_host_s_schema_and_is_never_overwritten(
        kind, path, schema, tmp_path):
    if not CHECK_JSONSCHEMA.exists():
        pytest.skip("check-jsonschema is not installed")
    shutil.copy(EXAMPLE_REGISTRY, tmp_path / "sites.yaml")
    result = invoke("init", str(tmp_path), "--ci", kind)
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith(f"wrote {tmp_path / path}: every push checks")
    assert (tmp_path / "sites.yaml").read_bytes() == EXAMPLE_REGISTRY.read_bytes()
    valid = subprocess.run([str(CHECK_JSONSCHEMA), "--builtin-schema", schema,
                            str(tmp_path / path)], capture_output=True, text=True)
    assert valid.returncode == 0, valid.stdout + valid.stderr
    again = invoke("init", str(tmp_path), "--ci", kind)
    assert again.exit_code == 2 and "already exists" in again.stderr


def git(folder: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(folder), *args], check=True, capture_output=True,
                          text=True).stdout


def run_steps(clone: Path, home: Path) -> list[str]:
    """Each ``run:`` step of the workflow in ``clone``, as GitHub's runner runs it on a push to
    the default branch; the names of the steps run."""
    workflow = yaml.safe_load((clone / ".github/workflows/qrdir.yml").read_text())
    job = workflow["jobs"]["publish"]
    env = {**os.environ, **job.get("env", {}), "HOME": str(home), "GIT_CONFIG_NOSYSTEM": "1",
           "GITHUB_REF_NAME": "main", "CI": "true", "GITHUB_ACTIONS": "true",
           "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    ran = []
    for step in job["steps"]:
        if "uses" in step:
            continue  # checkout: the clone; setup-python: this Python; cache: not needed
        if step["name"] == "Install qrdir":
            assert INSTALL in step["run"]  # qrdir is installed here already
            continue
        if "if" in step:
            assert step["if"] == ON_DEFAULT_BRANCH
        step_env = {name: substitute(str(value)) for name, value in step.get("env", {}).items()}
        done = subprocess.run(["bash", "-e", "-c", substitute(step["run"])], cwd=clone,
                              env={**env, **step_env}, capture_output=True, text=True)
        assert done.returncode == 0, (step["name"], done.stdout, done.stderr)
        assert EXPRESSIONS["github.token"] not in done.stdout + done.stderr
        ran.append(step["name"])
    return ran


def substitute(text: str) -> str:
    return re.sub(r"\$\{\{\s*(.+?)\s*\}\}", lambda found: EXPRESSIONS[found[1]], text)


def test_the_github_workflow_s_steps_check_build_keep_the_ledger_and_deploy(tmp_path):
    remote = tmp_path / "ward.git"
    subprocess.run(["git", "init", "--quiet", "--bare", "-b", "main", str(remote)], check=True)
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "--quiet", str(remote), str(clone)], check=True,
                   capture_output=True)
    home = tmp_path / "home"
    home.mkdir()
    shutil.copy(EXAMPLE_REGISTRY, clone / "sites.yaml")  # no qrdir.lock yet: a new ward
    assert invoke("init", str(clone), "--ci", "github").exit_code == 0
    git(clone, "add", ".")
    git(clone, "-c", "user.name=Cán bộ", "-c", "user.email=cb@example.vn", "commit", "-qm",
        "danh bạ")
    git(clone, "push", "--quiet", "origin", "main")

    ran = run_steps(clone, home)
    assert ran == ["Check", "Build", "Keep qrdir.lock in git", "Deploy"]
    # The ledger the build wrote is on main, in a commit that does not start another run.
    assert git(remote, "log", "-1", "--format=%s", "main").startswith("qrdir.lock: ")
    assert git(remote, "show", "main:qrdir.lock") == (clone / "qrdir.lock").read_text()
    served = branch_files(remote)
    assert {k: v for k, v in served.items() if k not in (".nojekyll", "CNAME")} == tree(
        clone / "output")

    # A phone changes in the web editor: the ledger's change stamp for that page is committed
    # back, and the change deployed.
    text = (clone / "sites.yaml").read_text(encoding="utf-8")
    (clone / "sites.yaml").write_text(text.replace(OLD_PHONE, NEW_PHONE), encoding="utf-8")
    git(clone, "-c", "user.name=Cán bộ", "-c", "user.email=cb@example.vn", "commit", "-qam",
        "số mới")
    git(clone, "push", "--quiet", "origin", "main")
    assert run_steps(clone, home) == ran
    assert git(remote, "log", "-1", "--format=%s", "main").startswith("qrdir.lock: ")
    assert NEW_PHONE.encode() in branch_files(remote)["ubnd/index.html"]
    assert git(remote, "rev-list", "--count", "gh-pages").strip() == "2"

    # Run again with nothing changed: no ledger commit, and the branch gets no new commit.
    head = git(remote, "rev-parse", "main")
    assert run_steps(clone, home) == ran
    assert git(remote, "rev-parse", "main") == head
    assert git(remote, "rev-list", "--count", "gh-pages").strip() == "2"
