"""``git:REMOTE#BRANCH``: the output as one commit on a branch, pushed (GitHub, GitLab and
Codeberg Pages), the way ``mkdocs gh-deploy`` (ghp-import) does it.

The work happens in a temporary repository, never in the clone qrdir runs in: the branch is
fetched, its tree is the target's listing (git's own blob hashes), uploads become blobs,
and :meth:`GitTarget.finish` writes one tree and one commit on top of the branch and pushes it
(publish.md: on ``git:`` the switch is a single atomic step). A push that is not a fast-forward
(someone pushed meanwhile) is refused by git, never forced. The branch holds exactly the output,
plus ``.nojekyll`` (GitHub Pages would drop files starting with ``_``) and, when ``base_url``
has its own host, ``CNAME``.

git runs as a subprocess with its output captured: what it prints may carry a remote's URL with
a token (CI sets one), so no message repeats it (publish.md "Secrets stay secret").
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import tempfile
from urllib.parse import urlsplit

from qrdir.build.kill_points import kill_point
from qrdir.deploy.plan import base_url_of
from qrdir.errors import MessageError

# Hosts whose Pages addresses need no CNAME: the site lives under the host's own name.
PAGES_HOSTS = (".github.io", ".gitlab.io", ".codeberg.page")
_NO_FILE = "0" * 40  # git update-index --index-info: this "hash" with mode 0 removes the path


class GitTarget:
    """A branch of a remote, reached with the ``git`` command."""

    def __init__(self, remote: str, branch: str):
        self.remote = remote
        self.branch = branch
        self._work = tempfile.TemporaryDirectory(prefix="qrdir-deploy-git-")
        self._env = {**os.environ, "GIT_DIR": self._work.name,
                     "GIT_INDEX_FILE": os.path.join(self._work.name, "qrdir-index"),
                     "GIT_TERMINAL_PROMPT": "0"}  # fail, never wait for a password
        self._url = self._resolve(remote)
        self._git("init", "--quiet", "--bare", self._work.name)
        self._parent: str | None = None
        self._entries: list[str] = []

    @classmethod
    def from_target(cls, text: str) -> GitTarget:
        remote, _, branch = text[len("git:"):].rpartition("#")
        return cls(remote, branch)

    def digest(self, data: bytes) -> str:
        return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()  # git's blob id

    def listing(self) -> dict[str, str]:
        ref = f"refs/heads/{self.branch}"
        heads = self._git("ls-remote", self._url, ref, failure="deploy_git_unreachable")
        if not heads.strip():
            return {}  # the branch's first deploy
        self._git("fetch", "--quiet", "--depth", "1", self._url, ref,
                  failure="deploy_git_unreachable")
        self._parent = self._git("rev-parse", "FETCH_HEAD^{commit}").strip()
        self._git("read-tree", self._parent)
        held = {}
        for entry in self._git("ls-tree", "-r", "-z", self._parent).split("\0"):
            if entry:
                meta, _, path = entry.partition("\t")
                held[path] = meta.split()[2]
        return held

    def files(self, output: dict[str, bytes]) -> dict[str, bytes]:
        extra = {".nojekyll": b""}
        host = _own_host(output)
        if host is not None:
            extra["CNAME"] = host.encode("ascii") + b"\n"
        return {**output, **extra}

    def upload(self, path: str, data: bytes) -> None:
        blob = self._git("hash-object", "-w", "--stdin", stdin=data).strip()
        self._entries.append(f"100644 {blob}\t{path}")

    def delete(self, path: str) -> None:
        self._entries.append(f"0 {_NO_FILE}\t{path}")

    def finish(self) -> None:
        """One commit holding the new tree, pushed as a fast-forward of the branch."""
        self._git("update-index", "--index-info",
                  stdin="".join(entry + "\n" for entry in self._entries).encode())
        tree = self._git("write-tree").strip()
        parents = ["-p", self._parent] if self._parent else []
        commit = self._git("commit-tree", tree, *parents, "-m", "qrdir deploy",
                           env=self._identity()).strip()
        kill_point("deploy-pushing")
        self._git("push", "--quiet", self._url, f"{commit}:refs/heads/{self.branch}",
                  failure="deploy_git_push_failed")

    def _resolve(self, remote: str) -> str:
        """A remote's name in the repository qrdir runs in → its URL; anything else as given."""
        env = {key: value for key, value in self._env.items()
               if key not in ("GIT_DIR", "GIT_INDEX_FILE")}
        try:
            found = subprocess.run(["git", "remote", "get-url", remote], env=env,
                                   capture_output=True, check=False)
        except FileNotFoundError as exc:
            raise MessageError("deploy_git_missing") from exc
        return found.stdout.decode().strip() if found.returncode == 0 else remote

    def _identity(self) -> dict[str, str]:
        """The committer: the person's git identity, else qrdir (a CI runner often has none)."""
        env = dict(self._env)
        for role in ("AUTHOR", "COMMITTER"):
            for field, config, default in (("NAME", "user.name", "qrdir"),
                                           ("EMAIL", "user.email", "qrdir@localhost")):
                key = f"GIT_{role}_{field}"
                if key not in env and not self._git("config", config, check=False).strip():
                    env[key] = default
        return env

    def _git(self, *args: str, stdin: bytes | None = None, failure: str = "deploy_git_failed",
             env: dict[str, str] | None = None, check: bool = True) -> str:
        try:
            done = subprocess.run(["git", *args], input=stdin, env=env or self._env,
                                  capture_output=True, check=False)
        except FileNotFoundError as exc:
            raise MessageError("deploy_git_missing") from exc
        if check and done.returncode != 0:
            raise MessageError(failure, remote=self.remote, branch=self.branch)
        return done.stdout.decode("utf-8", "surrogateescape")


def _own_host(output: dict[str, bytes]) -> str | None:
    """The host of the output's ``base_url`` when it is its own and not a Pages host's: what
    GitHub Pages wants in ``CNAME``."""
    base_url = base_url_of(output)
    host = urlsplit(base_url).hostname if base_url else None
    return host if host and not host.endswith(PAGES_HOSTS) else None
