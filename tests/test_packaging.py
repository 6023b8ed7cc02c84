"""The wheel as users install it: every subpackage, the templates, the guide and the fonts ship.

``pyproject.toml`` lists the packages (the top-level templates/ folder ships as
``qrdir.templates``, which setuptools' finder cannot map), so this test compares the wheel with
the folders: a new subpackage left out of the list fails here. It then runs qrdir from the
unpacked copy (not from this checkout) to prove the templates and fonts load from an installed one.
"""

from __future__ import annotations

import subprocess
import sys
import zipfile

from tests.conftest import EXAMPLE_REGISTRY, REPO

SCRIPT = f"""
import pathlib, sys
import qrdir
assert pathlib.Path(qrdir.__file__).parent == pathlib.Path(sys.argv[1]) / "qrdir", qrdir.__file__
from qrdir.registry.check import check
from qrdir.registry.starter import guide
from qrdir.web.pages import render_pages
from qrdir.posters.render import render_posters
registry = check(pathlib.Path({str(EXAMPLE_REGISTRY)!r})).registry
assert "index.html" in render_pages(registry)
assert any(name.endswith(".pdf") for name in render_posters(registry, ["a6"]))
assert guide()
print("ok")
"""


def test_the_wheel_ships_every_package_and_loads_templates_and_fonts(tmp_path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", str(REPO), "--no-deps", "-q",
                    "-w", str(tmp_path / "wheel")], check=True, capture_output=True)
    [wheel] = (tmp_path / "wheel").glob("qrdir-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        archive.extractall(tmp_path / "installed")
    subpackages = {init.parent.name for init in (REPO / "qrdir").glob("*/__init__.py")}
    assert subpackages >= {"registry", "web", "posters", "build", "sheets", "deploy"}
    for package in [*subpackages, "templates"]:
        assert f"qrdir/{package}/__init__.py" in names, package
    assert {"qrdir/templates/base.html", "qrdir/registry/guide.html"} <= names
    result = subprocess.run([sys.executable, "-c", SCRIPT, str(tmp_path / "installed")],
                            cwd=tmp_path, capture_output=True, text=True,
                            env={"PYTHONPATH": str(tmp_path / "installed"), "PATH": "/usr/bin"})
    assert result.stdout == "ok\n", result.stderr
