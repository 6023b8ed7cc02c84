"""``qrdir deploy --to git:REMOTE#BRANCH``: one commit on the branch holding exactly the output
(with ``.nojekyll``, and ``CNAME`` for a host of its own), pushed to a bare repository the test
makes; a second deploy with nothing changed makes no commit (publish.md "`qrdir deploy`")."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.deploy.conftest import differing, invoke, tree


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "--git-dir", str(repo), *args], check=True,
                          capture_output=True, text=True).stdout


@pytest.fixture
def remote(tmp_path) -> Path:
    repo = tmp_path / "site.git"
    subprocess.run(["git", "init", "--quiet", "--bare", str(repo)], check=True)
    return repo


def branch_files(repo: Path, branch: str = "gh-pages") -> dict[str, bytes]:
    """Every file of ``branch``'s last commit, with its bytes."""
    paths = git(repo, "ls-tree", "-r", "-z", "--name-only", branch).split("\0")
    return {path: subprocess.run(["git", "--git-dir", str(repo), "cat-file", "blob",
                                  f"{branch}:{path}"], check=True, capture_output=True).stdout
            for path in paths if path}


def commits(repo: Path, branch: str = "gh-pages") -> list[str]:
    return git(repo, "rev-list", branch).split()


def test_the_branch_holds_exactly_the_output_in_one_commit(built, remote):
    result = invoke("deploy", "-o", str(built), "--to", f"git:{remote}#gh-pages")
    assert result.exit_code == 0, result.output
    expected = {**tree(built), ".nojekyll": b"", "CNAME": b"longhoa.example.vn\n"}
    assert branch_files(remote) == expected
    assert len(commits(remote)) == 1
    assert result.stderr.startswith(f"deployed to git:{remote}#gh-pages: {len(expected)} files "
                                    "uploaded (")


def test_a_second_deploy_commits_nothing_then_only_what_one_phone_changed(
        built, phone_changed, remote):
    target = f"git:{remote}#gh-pages"
    assert invoke("deploy", "-o", str(built), "--to", target).exit_code == 0
    first = commits(remote)

    again = invoke("deploy", "-o", str(built), "--to", target)
    assert again.exit_code == 0
    assert commits(remote) == first
    assert ": 0 files uploaded (0 bytes), 0 deleted," in again.stderr

    result = invoke("deploy", "-o", str(phone_changed), "--to", target)
    assert result.exit_code == 0
    assert len(commits(remote)) == 2
    moved = set(git(remote, "diff-tree", "-r", "--name-only", "--no-commit-id",
                    "gh-pages").split())
    assert moved == differing(built, phone_changed)
    assert f": {len(moved)} files uploaded (" in result.stderr
    assert branch_files(remote) == {**tree(phone_changed), ".nojekyll": b"",
                                    "CNAME": b"longhoa.example.vn\n"}


def test_a_remote_named_in_the_clone_qrdir_runs_in_is_used(built, remote, tmp_path,
                                                             monkeypatch):
    clone = tmp_path / "clone"
    subprocess.run(["git", "init", "--quiet", str(clone)], check=True)
    subprocess.run(["git", "-C", str(clone), "remote", "add", "origin", str(remote)], check=True)
    monkeypatch.chdir(clone)
    result = invoke("deploy", "-o", str(built), "--to", "git:origin#gh-pages")
    assert result.exit_code == 0, result.output
    assert "index.html" in branch_files(remote)
    assert git(clone / ".git", "for-each-ref").strip() == ""  # the clone itself is untouched


def test_other_branches_are_left_alone(built, remote, tmp_path):
    source = tmp_path / "source"
    subprocess.run(["git", "init", "--quiet", "-b", "main", str(source)], check=True)
    (source / "sites.yaml").write_text("directory: {}\n")
    env = {**os.environ, "GIT_AUTHOR_NAME": "Đoàn", "GIT_AUTHOR_EMAIL": "doan@example.vn",
           "GIT_COMMITTER_NAME": "Đoàn", "GIT_COMMITTER_EMAIL": "doan@example.vn"}
    subprocess.run(["git", "-C", str(source), "add", "."], check=True)
    subprocess.run(["git", "-C", str(source), "commit", "--quiet", "-m", "registry"], check=True,
                   env=env)
    subprocess.run(["git", "-C", str(source), "push", "--quiet", str(remote), "main"],
                   check=True)
    main_before = git(remote, "rev-parse", "main")
    assert invoke("deploy", "-o", str(built), "--to", f"git:{remote}#gh-pages").exit_code == 0
    assert git(remote, "rev-parse", "main") == main_before


def test_a_dry_run_pushes_nothing(built, remote):
    result = invoke("deploy", "-o", str(built), "--to", f"git:{remote}#gh-pages", "--dry-run")
    assert result.exit_code == 0
    assert "would upload index.html" in result.stdout.splitlines()
    assert git(remote, "for-each-ref").strip() == ""


def test_an_id_the_branch_serves_and_the_output_drops_is_refused(built, without_mttq, remote):
    target = f"git:{remote}#gh-pages"
    assert invoke("deploy", "-o", str(built), "--to", target).exit_code == 0
    before = commits(remote)
    result = invoke("deploy", "-o", str(without_mttq), "--to", target, "--force")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"refused: {target} serves 1 printed code(s) (mttq) ")
    assert commits(remote) == before


def test_an_unreachable_remote_says_what_to_check(built, tmp_path):
    missing = tmp_path / "no-such.git"
    result = invoke("deploy", "-o", str(built), "--to", f"git:{missing}#gh-pages")
    assert result.exit_code == 1
    assert result.stderr == (f'git cannot read "{missing}": check the remote\'s name or '
                             "address, the network, and your access (SSH key or token)\n")
    assert not missing.exists()


def test_a_refused_push_leaves_the_branch_as_it_was(built, phone_changed, remote):
    target = f"git:{remote}#gh-pages"
    assert invoke("deploy", "-o", str(built), "--to", target).exit_code == 0
    before = commits(remote)
    hook = remote / "hooks" / "pre-receive"
    hook.write_text("#!/bin/sh\necho 'denied by the test' >&2\nexit 1\n")
    hook.chmod(0o755)
    result = invoke("deploy", "-o", str(phone_changed), "--to", target)
    assert result.exit_code == 1
    assert result.stderr == (f'git could not push to branch gh-pages of "{remote}": check your '
                             "permission to push; if someone else just pushed to that branch, "
                             "deploy again. The branch was not changed\n")
    assert "denied by the test" not in result.output
    assert commits(remote) == before


def test_a_site_on_a_pages_host_gets_no_cname(built, remote, tmp_path):
    output = tmp_path / "output"
    shutil.copytree(built, output)
    robots = output / "robots.txt"
    robots.write_text(robots.read_text().replace("https://longhoa.example.vn/",
                                                 "https://doan-longhoa.github.io/danh-ba/"))
    assert invoke("deploy", "-o", str(output), "--to", f"git:{remote}#gh-pages").exit_code == 0
    names = git(remote, "ls-tree", "--name-only", "gh-pages")
    assert ".nojekyll" in names.split() and "CNAME" not in names.split()
