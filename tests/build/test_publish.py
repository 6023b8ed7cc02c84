"""Atomic, deterministic publishing: a build is all or nothing; same input, same bytes."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from qrdir.build import publish
from qrdir.build.files import write_atomically
from qrdir.cli import main
from tests.conftest import EXAMPLE_REGISTRY, SERVABLE, modes_under


def tree(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` with the SHA-256 of its bytes."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_publish_replaces_the_folder_exactly(tmp_path):
    output = tmp_path / "out"
    publish.publish({"a.txt": b"1", "d/b.txt": b"2"}, output)
    publish.publish({"a.txt": b"3"}, output)
    assert tree(output) == {"a.txt": hashlib.sha256(b"3").hexdigest()}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_failure_before_the_swap_leaves_the_old_output(tmp_path):
    output = tmp_path / "out"
    publish.publish({"a.txt": b"old"}, output)
    before = tree(output)

    def fail() -> None:
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        publish.publish({"a.txt": b"new", "b.txt": b"new"}, output, before_swap=fail)
    assert tree(output) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_paths_outside_the_output_are_refused(tmp_path):
    for bad in ("../x", "/etc/passwd", "a/../../x", ""):
        with pytest.raises(ValueError):
            publish.publish({bad: b"x"}, tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_the_two_rename_fallback_recovers_an_interrupted_swap(tmp_path, monkeypatch):
    """Where renameat2 is missing, a build killed between the renames is undone next time."""
    output = tmp_path / "out"
    publish.publish({"a.txt": b"old"}, output)
    parking = tmp_path / ".out.old-x"
    parking.mkdir()
    os.replace(output, parking / "out")  # killed right after parking the old output
    (tmp_path / ".out.new-y").mkdir()  # and with a half-written staging folder
    publish.recover(output)
    assert (output / "a.txt").read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]
    monkeypatch.setattr(publish, "_exchange", lambda first, second: False)
    publish.publish({"a.txt": b"new"}, output)
    assert (output / "a.txt").read_bytes() == b"new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


KILLS = 8  # kill points spread evenly over one build's duration


def test_a_ward_built_under_a_private_umask_is_servable_as_built(tmp_path, private_umask):
    shutil.copy(EXAMPLE_REGISTRY, tmp_path / "sites.yaml")
    result = CliRunner().invoke(main, ["build", str(tmp_path / "sites.yaml"),
                                       "-o", str(tmp_path / "site" / "output")])
    assert result.exit_code == 0, result.stderr
    assert modes_under(tmp_path / "site") == SERVABLE  # a parent it made, too
    assert modes_under(tmp_path / "qrdir.lock") == {"folders": set(), "files": {"0o644"}}


def test_a_rewritten_file_keeps_the_mode_someone_chose_and_a_new_one_is_0644(tmp_path,
                                                                             private_umask):
    write_atomically(tmp_path / "new" / "sites.yaml", b"directory:\n")
    assert modes_under(tmp_path / "new") == SERVABLE
    (tmp_path / "new" / "sites.yaml").chmod(0o600)
    write_atomically(tmp_path / "new" / "sites.yaml", b"sites:\n")
    assert modes_under(tmp_path / "new" / "sites.yaml")["files"] == {"0o600"}


def build_command(registry: Path, output: Path) -> list[str]:
    return [sys.executable, "-m", "qrdir", "build", str(registry), "-o", str(output)]


def big_registry(folder: Path, sites: int, phone_suffix: str) -> Path:
    """A registry of ``sites`` sites; ``phone_suffix`` makes two versions differ on every page."""
    head = EXAMPLE_REGISTRY.read_text(encoding="utf-8").split("\nsites:\n")[0]
    entries = "".join(
        f"  - id: kp-{i}\n    name: Văn phòng khu phố số {i}\n    kind: quarter_office\n"
        f"    address: Khu phố {i}, phường Long Hoa\n    location: 11.30, 106.13\n"
        f"    phone: 0913 456 {phone_suffix}\n"
        for i in range(sites)
    )
    registry = folder / f"sites-{phone_suffix}.yaml"
    registry.write_text(head + "\nsites:\n" + entries, encoding="utf-8")
    return registry


@pytest.fixture(scope="module")
def old_and_new(tmp_path_factory):
    """Two complete outputs of a 60-site ward: before and after a phone change."""
    folder = tmp_path_factory.mktemp("kill")
    old_registry, new_registry = big_registry(folder, 60, "789"), big_registry(folder, 60, "788")
    for registry, name in ((old_registry, "old"), (new_registry, "new")):
        lock = folder / f"{name}.lock"
        subprocess.run(build_command(registry, folder / name) + ["--lock", str(lock)],
                       check=True, capture_output=True)
    return folder, new_registry, tree(folder / "old"), tree(folder / "new")


@pytest.mark.parametrize("signal_number", [signal.SIGKILL, signal.SIGINT])
def test_killed_build_leaves_old_or_new_output_never_a_mix(old_and_new, signal_number):
    folder, new_registry, old_tree, new_tree = old_and_new
    build_time = _time_build(folder, new_registry)
    outcomes = set()
    for step in range(KILLS):
        output = folder / "kill-out"
        shutil.rmtree(output, ignore_errors=True)
        shutil.copytree(folder / "old", output)
        lock = folder / "kill.lock"
        shutil.copy(folder / "old.lock", lock)
        process = subprocess.Popen(build_command(new_registry, output) + ["--lock", str(lock)],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(build_time * (step + 0.5) / KILLS)
        process.send_signal(signal_number)
        process.wait()
        publish.recover(output)
        result = tree(output)
        assert result in (old_tree, new_tree), f"mixed output after {step}/{KILLS} of the build"
        outcomes.add("new" if result == new_tree else "old")
    assert "old" in outcomes  # the kills did land inside the build


def _time_build(folder: Path, registry: Path) -> float:
    started = time.monotonic()
    subprocess.run(build_command(registry, folder / "timing") + ["--lock", str(folder / "t.lock")],
                   check=True, capture_output=True)
    return time.monotonic() - started


def test_same_registry_gives_the_same_bytes_whatever_the_seed_zone_or_clock(tmp_path):
    trees = []
    for seed, zone in (("1", "UTC"), ("4242", "America/New_York"), ("random", "Asia/Tokyo")):
        output = tmp_path / f"out-{seed}"
        env = {**os.environ, "PYTHONHASHSEED": seed, "TZ": zone}
        env.pop("SOURCE_DATE_EPOCH", None)
        subprocess.run(build_command(EXAMPLE_REGISTRY, output)
                       + ["--lock", str(tmp_path / f"{seed}.lock"), "--no-cache"],
                       check=True, capture_output=True, env=env)
        trees.append(tree(output))
    assert trees[0] == trees[1] == trees[2]
    assert len(trees[0]) > 50
