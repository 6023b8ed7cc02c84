"""``qrdir init --ci github|gitlab``: a workflow that checks, builds and deploys on every push
(publish.md "Building and deploying on every change").

GitHub: every push is checked (``--format github``: each problem an annotation on its line in the
web editor) and built, with the build cache (``.qrdir-cache/``) kept between runs by
actions/cache, keyed on the registry and the ledger. On the default branch the job then commits
``qrdir.lock`` back if the build issued codes (so the ledger stays in git and the next run, on
any machine, knows every code ever printed) and deploys: by default with the ``git:`` target to
the ``gh-pages`` branch (publish.md's example, ``mkdocs gh-deploy``'s way), which GitHub Pages
serves once "Deploy from a branch: gh-pages" is chosen; unlike an uploaded Pages artifact, the
branch can be read back, so deploy's guard refuses to drop a printed code even if the ledger was
never committed. A repository variable ``QRDIR_DEPLOY_TO`` names another target (``s3://…``
with the AWS secrets set, ``sftp://…`` with ``QRDIR_SSH_KEY``).

GitLab: the same stages; GitLab Pages serves only a ``pages`` job's ``public/`` artifact, so the
default there is that job, and committing the ledger back needs a project access token
(``QRDIR_PUSH_TOKEN``, write_repository), because a job's own token cannot push.
"""

from __future__ import annotations

from pathlib import Path

from qrdir import __version__
from qrdir.build.files import make_folders, write_atomically
from qrdir.errors import UsageError

# Where each host looks for its workflow.
FILES = {"github": Path(".github/workflows/qrdir.yml"), "gitlab": Path(".gitlab-ci.yml")}
# What the runner installs: this very version, with the deploy extras.
INSTALL = f"qrdir[s3,sftp]=={__version__}"

GITHUB = """\
# Written by qrdir init --ci github (publish.md "Building and deploying on every change").
# Every push: check sites.yaml (each problem shows on its line) and build. On the default
# branch: keep qrdir.lock in git and deploy. GitHub Pages: Settings → Pages → "Deploy from a
# branch", gh-pages. Another target: set the repository variable QRDIR_DEPLOY_TO (s3://…, with
# the secrets AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY; or sftp://…, with QRDIR_SSH_KEY).
name: qrdir

on:
  push:
  workflow_dispatch:

permissions:
  contents: write  # push gh-pages, and qrdir.lock when the build issued codes

concurrency:
  group: qrdir-deploy  # one deploy at a time; a newer push waits, never races
  cancel-in-progress: false

jobs:
  publish:
    runs-on: ubuntu-latest
    env:
      QRDIR_LANG: vi
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "3.12"
      - name: Install qrdir
        run: python -m pip install --quiet "{install}"
      - name: Check
        run: qrdir check --format github
      - name: Keep the build cache between runs
        uses: actions/cache@v4
        with:
          path: .qrdir-cache
          key: qrdir-${{{{ hashFiles('sites.yaml', 'qrdir.lock') }}}}
          restore-keys: qrdir-
      - name: Build
        run: qrdir build --format github
      - name: Keep qrdir.lock in git
        if: github.ref_name == github.event.repository.default_branch
        run: |
          if [ -n "$(git status --porcelain -- qrdir.lock)" ]; then
            git add qrdir.lock
            git -c user.name="qrdir" -c user.email="qrdir@users.noreply.github.com" \\
              commit --quiet -m "qrdir.lock: codes issued by the build [skip ci]"
            git push --quiet origin "HEAD:refs/heads/$GITHUB_REF_NAME"
          fi
      - name: Deploy
        if: github.ref_name == github.event.repository.default_branch
        env:
          QRDIR_DEPLOY_TO: ${{{{ vars.QRDIR_DEPLOY_TO }}}}
          AWS_ACCESS_KEY_ID: ${{{{ secrets.AWS_ACCESS_KEY_ID }}}}
          AWS_SECRET_ACCESS_KEY: ${{{{ secrets.AWS_SECRET_ACCESS_KEY }}}}
          GH_TOKEN: ${{{{ github.token }}}}
        run: |
          # qrdir's git push runs in a repository of its own: give it the job's token.
          git config --global http.https://github.com/.extraheader \\
            "AUTHORIZATION: basic $(printf 'x-access-token:%s' "$GH_TOKEN" | base64 -w0)"
          qrdir deploy --to "${{QRDIR_DEPLOY_TO:-git:origin#gh-pages}}"
"""

GITLAB = """\
# Written by qrdir init --ci gitlab (publish.md "Building and deploying on every change").
# Every push: check sites.yaml and build. On the default branch: keep qrdir.lock in git (set the
# CI/CD variable QRDIR_PUSH_TOKEN to a project access token with write_repository) and publish
# with GitLab Pages, or to QRDIR_DEPLOY_TO (s3://… with AWS_ACCESS_KEY_ID and
# AWS_SECRET_ACCESS_KEY; sftp://… with QRDIR_SSH_KEY) when that variable is set.
image: python:3.12

variables:
  QRDIR_LANG: vi

cache:
  key:
    files: [sites.yaml, qrdir.lock]
    prefix: qrdir
  paths: [.qrdir-cache/]

before_script:
  - python -m pip install --quiet "{install}"

check:
  stage: test
  script:
    - qrdir check

pages:
  stage: deploy
  resource_group: qrdir-deploy
  rules:
    - if: $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH
  script:
    - qrdir build -o public
    - |
      if [ -n "$(git status --porcelain -- qrdir.lock)" ] && [ -n "$QRDIR_PUSH_TOKEN" ]; then
        git add qrdir.lock
        git -c user.name="qrdir" -c user.email="qrdir@localhost" \\
          commit --quiet -m "qrdir.lock: codes issued by the build [skip ci]"
        git push --quiet "https://oauth2:$QRDIR_PUSH_TOKEN@$CI_SERVER_HOST/$CI_PROJECT_PATH.git" \\
          "HEAD:refs/heads/$CI_COMMIT_BRANCH"
      fi
    - if [ -n "$QRDIR_DEPLOY_TO" ]; then qrdir deploy -o public --to "$QRDIR_DEPLOY_TO"; fi
  artifacts:
    paths: [public]
"""


def workflow(kind: str) -> str:
    """The workflow file's text for ``kind`` (``github`` or ``gitlab``)."""
    return (GITHUB if kind == "github" else GITLAB).format(install=INSTALL)


def write_workflow(folder: Path, kind: str) -> Path:
    """Write ``kind``'s workflow into the repository at ``folder``; never overwrite one."""
    path = Path(folder) / FILES[kind]
    if path.exists():
        raise UsageError("init_ci_exists", path=str(path))
    make_folders(path.parent)
    write_atomically(path, workflow(kind).encode("utf-8"))
    return path
