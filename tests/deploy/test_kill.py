"""``kill -9`` at each step of a deploy, then a second deploy (publish.md "Interrupted is not
broken"): meanwhile the target serves the old or the new version of each file, never a part of
one, and no page links to a file it lacks; the second deploy leaves the target equal to the
output. The kill lands exactly at a named step (qrdir.build.kill_points), every run."""

from __future__ import annotations

import getpass
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

import qrdir
from qrdir.build import kill_points
from tests.deploy.conftest import tree
from tests.deploy.test_plan import broken

# Each step, and the target kind it is reached with.
DEPLOY_KILLS = [
    ("deploy-writing", "file"),
    ("deploy-uploading", "file"),
    ("deploy-uploaded", "file"),
    ("deploy-uploading", "git"),
    ("deploy-pushing", "git"),
    ("deploy-uploading", "s3"),
    ("deploy-uploaded", "s3"),
    ("deploy-writing", "sftp"),
    ("deploy-uploading", "sftp"),
    ("deploy-uploaded", "sftp"),
]
EXTRA = {".nojekyll": b"", "CNAME": b"longhoa.example.vn\n"}  # what a branch adds


def deploy(output: Path, target: str, kill_at: str | None = None,
           *extra: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "QRDIR_LANG": "en",
           "PYTHONPATH": str(Path(qrdir.__file__).parent.parent)}
    env.pop(kill_points.INTERRUPT_VARIABLE, None)
    env.pop(kill_points.ENVIRONMENT_VARIABLE, None)
    if kill_at is not None:
        env[kill_points.ENVIRONMENT_VARIABLE] = kill_at
    return subprocess.run([sys.executable, "-m", "qrdir", "deploy", "-o", str(output),
                           "--to", target, "--force", *extra], env=env, capture_output=True,
                          text=True)


def branch_files(repo: Path) -> dict[str, bytes]:
    def git(*args: str) -> bytes:
        return subprocess.run(["git", "--git-dir", str(repo), *args], check=True,
                              capture_output=True).stdout

    names = git("ls-tree", "-r", "-z", "--name-only", "gh-pages").decode().split("\0")
    return {name: git("cat-file", "blob", f"gh-pages:{name}") for name in names if name}


@pytest.mark.parametrize(("step", "kind"), DEPLOY_KILLS)
def test_a_deploy_killed_at_any_step_leaves_whole_files_and_the_next_one_finishes(
        step, kind, built, phone_changed, tmp_path, request, monkeypatch):
    old, new = tree(built), tree(phone_changed)
    extra: tuple[str, ...] = ()
    if kind == "file":
        site = tmp_path / "www"
        shutil.copytree(built, site)
        (site / "stray.txt").write_text("deleted by the deploy\n")
        old["stray.txt"] = b"deleted by the deploy\n"
        target = f"file://{site}"

        def served() -> dict[str, bytes]:
            return {path: data for path, data in tree(site).items()
                    if not Path(path).name.startswith(".qrdir-deploy-")}
    elif kind == "s3":
        pytest.importorskip("boto3", reason="the s3 extra (boto3) is not installed")
        from tests.deploy.test_s3 import S3Server, objects

        server = S3Server()
        request.addfinalizer(server.stop)
        variables = {"AWS_ACCESS_KEY_ID": "AKIAQRDIRTEST", "AWS_SECRET_ACCESS_KEY": "geheim",
                     "AWS_DEFAULT_REGION": "us-east-1",
                     "AWS_CONFIG_FILE": str(tmp_path / "no-config"),
                     "AWS_SHARED_CREDENTIALS_FILE": str(tmp_path / "no-credentials")}
        for name, value in variables.items():
            monkeypatch.setenv(name, value)
        extra = ("--endpoint-url", server.url)
        target = "s3://phuong-long-hoa"
        import boto3

        bucket = boto3.client("s3", endpoint_url=server.url)
        bucket.create_bucket(Bucket="phuong-long-hoa")
        assert deploy(built, target, None, *extra).returncode == 0
        bucket.put_object(Bucket="phuong-long-hoa", Key="stray.txt",
                          Body=b"deleted by the deploy\n")
        old["stray.txt"] = b"deleted by the deploy\n"

        def served() -> dict[str, bytes]:
            return objects(server, "phuong-long-hoa")
    elif kind == "sftp":
        pytest.importorskip("paramiko", reason="the sftp extra (paramiko) is not installed")
        from tests.deploy.test_sftp import SSHD, SshServer, keygen, served

        if not SSHD.exists():
            pytest.skip("openssh-server is not installed")
        server = SshServer(tmp_path / "sshd")
        request.addfinalizer(server.stop)
        key = keygen(tmp_path / "id_ed25519")
        server.authorize(key)
        (tmp_path / "home" / ".ssh").mkdir(parents=True)
        (tmp_path / "home" / ".ssh" / "known_hosts").write_text(server.known_hosts_line())
        monkeypatch.setenv("HOME", str(tmp_path / "home"))
        monkeypatch.setenv("QRDIR_SSH_KEY", str(key))
        monkeypatch.delenv("SSH_AUTH_SOCK", raising=False)
        site = tmp_path / "www"
        target = f"sftp://{getpass.getuser()}@127.0.0.1:{server.port}{site}"
        assert deploy(built, target).returncode == 0
        (site / "stray.txt").write_text("deleted by the deploy\n")
        old["stray.txt"] = b"deleted by the deploy\n"
        served_by_sshd = served

        def served() -> dict[str, bytes]:
            return {path: data for path, data in served_by_sshd(site).items()
                    if not Path(path).name.startswith(".qrdir-deploy-")}
    else:
        site = tmp_path / "site.git"
        subprocess.run(["git", "init", "--quiet", "--bare", str(site)], check=True)
        target = f"git:{site}#gh-pages"
        assert deploy(built, target).returncode == 0
        old, new = {**old, **EXTRA}, {**new, **EXTRA}

        def served() -> dict[str, bytes]:
            return branch_files(site)

    killed = deploy(phone_changed, target, step, *extra)
    assert killed.returncode == -signal.SIGKILL
    meanwhile = served()
    assert meanwhile != new  # killed before the end
    if kind == "git":
        assert meanwhile == old  # the branch moves in one push, or not at all
    if kind in ("s3", "sftp") and step == "deploy-uploading":
        assert meanwhile != old  # some objects already replaced, each one whole
    for path, data in meanwhile.items():
        assert data in (old.get(path), new.get(path)), path  # never a part of a file
    assert set(meanwhile) <= set(old) | set(new)
    assert broken(meanwhile, first_deploy=False) == set()

    finished = deploy(phone_changed, target, None, *extra)
    assert finished.returncode == 0, finished.stderr
    assert served() == new
    if kind in ("file", "sftp"):
        # The temporary file the kill left is gone (and on sftp only the manifest is added).
        assert {path: data for path, data in tree(site).items()
                if path != ".qrdir-manifest.json"} == new
