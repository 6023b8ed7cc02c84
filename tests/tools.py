"""The npm tools the tests run, pinned in tests/node/package-lock.json: Lighthouse and vnu.

Installed on first use with ``npm ci --ignore-scripts`` into ``tests/node/node_modules``
(ignored by git), or beforehand by ``.ci/run``. ``--ignore-scripts``: vnu-jar's install script
would fetch a Java runtime; Debian's Java 17 runs its jar, and Lighthouse drives Debian's
Chromium (never a downloaded browser).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import REPO

NODE_DIR = REPO / "tests" / "node"
CHROMIUM = Path("/usr/bin/chromium")


def require(*programs: str) -> None:
    """Skip when a program is missing on a developer's machine; in CI it is an error."""
    missing = [p for p in programs if shutil.which(p) is None and not Path(p).exists()]
    if missing and not os.environ.get("CI"):
        pytest.skip(f"not installed: {', '.join(missing)}")
    assert not missing, f"CI must install {missing}"


def node_modules() -> Path:
    """``tests/node/node_modules`` holding exactly the locked versions, installed if needed."""
    require("node", "npm")
    modules = NODE_DIR / "node_modules"
    lock = json.loads((NODE_DIR / "package-lock.json").read_text())
    wanted = {name.removeprefix("node_modules/"): entry["version"]
              for name, entry in lock["packages"].items() if name.count("node_modules/") == 1}
    if any(_installed_version(modules, name) != version for name, version in wanted.items()):
        subprocess.run(["npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund"],
                       cwd=NODE_DIR, check=True, capture_output=True)
    return modules


def _installed_version(modules: Path, name: str) -> str | None:
    try:
        return json.loads((modules / name / "package.json").read_text())["version"]
    except (OSError, ValueError, KeyError):
        return None
