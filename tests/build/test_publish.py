"""Atomic, deterministic publishing: a build is all or nothing; same input, same bytes."""

from __future__ import annotations

import ctypes
import errno
import functools
import hashlib
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner

import qrdir
from qrdir.build import kill_points, publish
from qrdir.build.files import write_atomically
from qrdir.cli import main
from tests.conftest import EXAMPLE_REGISTRY, SERVABLE, modes_under
from tests.deploy.test_kill import DEPLOY_KILLS


def tree(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` with the SHA-256 of its bytes."""
    return digests({p.relative_to(folder).as_posix(): p.read_bytes()
                    for p in sorted(folder.rglob("*")) if p.is_file()})


def digests(files: dict[str, bytes]) -> dict[str, str]:
    """Each file's SHA-256, by its path: what :func:`tree` finds after ``files`` are published."""
    return {path: hashlib.sha256(content).hexdigest() for path, content in files.items()}


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
    for bad in ("../x", "/etc/passwd", "a/../../x", "", "a\\..\\..\\x", "a/./b", "a//b"):
        with pytest.raises(ValueError, match=re.escape(f"unsafe output path {bad!r}")):
            publish.publish({"a.txt": b"x", bad: b"x"}, tmp_path / "out")
    assert list(tmp_path.iterdir()) == []  # no output, and no staging folder left beside it


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


def test_a_swap_killed_with_the_new_output_in_and_the_old_still_parked_keeps_the_new(tmp_path):
    """Two renames: killed after the new output took its place, before the old one left the
    parking folder. The next publish keeps the new output and deletes the old."""
    output = tmp_path / "out"
    publish.publish({"a.txt": b"new"}, output)
    (tmp_path / ".out.old-x" / "out").mkdir(parents=True)
    (tmp_path / ".out.old-x" / "out" / "a.txt").write_bytes(b"old")
    publish.recover(output)
    assert tree(output) == {"a.txt": hashlib.sha256(b"new").hexdigest()}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_on_linux_the_output_is_never_moved_away_but_exchanged(tmp_path, monkeypatch):
    """renameat2(RENAME_EXCHANGE): at every moment a reader finds an output, old or new."""
    output = tmp_path / "out"
    publish.publish({"a.txt": b"old"}, output)
    moved = []
    for name in ("replace", "rename"):
        monkeypatch.setattr(os, name, recorded(getattr(os, name), moved))
    publish.publish({"a.txt": b"new"}, output)
    assert (output / "a.txt").read_bytes() == b"new"
    assert moved == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def recorded(function, calls: list):
    """``function``, noting in ``calls`` the arguments of each call."""
    def call(*args, **kwargs):
        calls.append(args)
        return function(*args, **kwargs)
    return call


class FakeLibc:
    """A C library whose renameat2 fails with error ``code``, or that has none (None)."""

    def __init__(self, code: int | None):
        self.code = code
        if code is not None:
            self.renameat2 = lambda *args: -1


def with_libc(monkeypatch, code: int | None) -> None:
    """Make publish find :class:`FakeLibc` where it looks for the C library."""
    libc = FakeLibc(code)
    monkeypatch.setattr(publish, "_libc", lambda: libc)
    monkeypatch.setattr(publish.ctypes, "get_errno", lambda: libc.code)


# Where the file system cannot exchange (EINVAL, ENOSYS, EOPNOTSUPP), the C library has no
# renameat2, or the system is not Linux: two renames, and the new output all the same.
@pytest.mark.parametrize("cannot_exchange", ["EINVAL", "ENOSYS", "EOPNOTSUPP", "no renameat2",
                                             "darwin"])
def test_where_folders_cannot_be_exchanged_publish_renames_twice(tmp_path, monkeypatch,
                                                                 cannot_exchange):
    output = tmp_path / "out"
    publish.publish({"a.txt": b"old", "old.txt": b"old"}, output)
    if cannot_exchange == "darwin":
        monkeypatch.setattr(publish.sys, "platform", "darwin")
        monkeypatch.setattr(publish, "_libc", None)  # not even looked for
    else:
        with_libc(monkeypatch, getattr(errno, cannot_exchange, None))
    publish.publish({"a.txt": b"new"}, output)
    assert tree(output) == {"a.txt": hashlib.sha256(b"new").hexdigest()}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


@pytest.mark.parametrize("error", [errno.EACCES, errno.EXDEV, errno.EIO])
def test_any_other_failure_to_exchange_is_an_error_and_leaves_the_old_output(
        tmp_path, monkeypatch, error):
    output = tmp_path / "out"
    publish.publish({"a.txt": b"old"}, output)
    with_libc(monkeypatch, error)
    with pytest.raises(OSError) as raised:
        publish.publish({"a.txt": b"new"}, output)
    assert (raised.value.errno, raised.value.strerror, raised.value.filename) == (
        error, os.strerror(error), str(output))
    assert (output / "a.txt").read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_a_staged_folder_deleted_before_the_swap_is_an_error_and_leaves_the_old_output(
        tmp_path):
    output = tmp_path / "out"
    publish.publish({"a.txt": b"old"}, output)
    staging = publish.stage({"a.txt": b"new"}, output)
    shutil.rmtree(staging)  # say, by a clean-up job that found a hidden folder
    # ctypes keeps the errno of its last call per thread, across tests: start from none, so
    # the errno seen is this failure's own.
    ctypes.set_errno(0)
    with pytest.raises(FileNotFoundError) as raised:
        publish.swap(staging, output)
    assert (raised.value.errno, raised.value.filename) == (errno.ENOENT, str(output))
    assert (output / "a.txt").read_bytes() == b"old"


def test_a_build_whose_staged_folder_is_deleted_before_the_swap_names_the_output_it_kept(
        tmp_path, monkeypatch):
    """The error is the output's, not one about the staged folder a clean-up job took."""
    from qrdir.build import ward as build_module

    registry, output = big_registry(tmp_path, 1, "789"), tmp_path / "out"
    build_module.build(registry, output)
    before = tree(output)

    def clean_up(step: str) -> None:
        if step == "staged":
            for folder in tmp_path.glob(".out.new-*"):
                shutil.rmtree(folder)

    monkeypatch.setattr(build_module, "kill_point", clean_up)
    ctypes.set_errno(0)
    with pytest.raises(FileNotFoundError) as raised:
        build_module.build(registry, output)
    assert raised.value.filename == str(output)
    assert tree(output) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "qrdir.lock", registry.name]


def test_the_new_files_are_flushed_to_disk_before_they_replace_the_old(tmp_path, monkeypatch):
    """A power cut right after the swap must not leave a published output of empty files."""
    output = tmp_path / "out"
    publish.publish({"a.txt": b"old"}, output)
    flushed = []

    def sync() -> None:
        staged = [p.read_bytes() for p in tmp_path.glob(".out.new-*/a.txt")]
        flushed.append(((output / "a.txt").read_bytes(), staged))

    monkeypatch.setattr(os, "sync", sync)
    publish.publish({"a.txt": b"new"}, output)
    assert flushed == [(b"old", [b"new"])]


def test_files_marked_printed_are_removed_and_one_already_gone_is_no_error(tmp_path):
    """``qrdir printed`` removes the print bundles it recorded; one deleted by hand meanwhile
    is simply gone already. Nothing else in the output changes."""
    output = tmp_path / "out"
    publish.publish({"index.html": b"i", "print/a4.pdf": b"a4", "print/a3.pdf": b"a3"}, output)
    publish.remove(output, ["print/a4.pdf", "print/a5.pdf"])
    assert tree(output) == digests({"index.html": b"i", "print/a3.pdf": b"a3"})
    with pytest.raises(ValueError, match="unsafe output path '../index.html'"):
        publish.remove(output / "print", ["../index.html"])
    assert (output / "index.html").exists()


def test_a_snapshot_holds_each_file_and_link_under_the_folder_by_its_path(tmp_path,
                                                                         monkeypatch):
    """Size and modification time of every file and link (not followed) under the folder, by
    its path inside it; a folder that is not there has none."""
    (tmp_path / "out" / "d" / "e").mkdir(parents=True)
    (tmp_path / "here").mkdir()
    # Run from a folder without subfolders: a walk that lists the working folder instead of
    # the one asked for then ends (run from the repository, it never does, and fills memory).
    monkeypatch.chdir(tmp_path / "here")
    (tmp_path / "out" / "a.txt").write_bytes(b"1")
    (tmp_path / "out" / "d" / "e" / "b.txt").write_bytes(b"22")
    (tmp_path / "out" / "d" / "link").symlink_to(tmp_path / "out" / "d" / "e")
    expected = {}
    for path in ("a.txt", "d/e/b.txt", "d/link"):
        info = os.lstat(tmp_path / "out" / path)
        expected[path] = (info.st_size, info.st_mtime_ns)
    assert publish.snapshot(tmp_path / "out") == expected
    assert publish.snapshot(tmp_path / "missing") == {}


# A province's own pages, old and new: the index, and search shards it asks for.
PAGES = {"index.html": b"old index", "robots.txt": b"old robots",
         "search/hu.json": b"old shard", "search/lo.json": b"old shard"}
NEW_PAGES = {"index.html": b"new index", "robots.txt": b"new robots",
             "search/ho.json": b"new shard", "search/lo.json": b"new shard"}


def test_pages_published_beside_ward_folders_replace_their_own_and_leave_nothing_hidden(
        tmp_path):
    """A province's own pages: the shards folder is replaced whole (a shard gone from the new
    pages is gone), the ward folder beside them is untouched, and no staging folder is left,
    not even an empty one."""
    (tmp_path / "long-hoa").mkdir()
    (tmp_path / "long-hoa" / "index.html").write_bytes(b"ward")
    publish.publish_beside(PAGES, tmp_path, "province")
    publish.publish_beside(NEW_PAGES, tmp_path, "province")
    assert tree(tmp_path) == digests({**NEW_PAGES, "long-hoa/index.html": b"ward"})
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "index.html", "long-hoa", "robots.txt", "search"]


def test_pages_published_beside_that_fail_to_swap_the_shards_keep_the_old_index(
        tmp_path, monkeypatch):
    """The shards folder goes in before the pages that ask for its shards: when swapping it in
    fails, the old index still asks for the old shards, and no staging folder is left."""
    publish.publish_beside(PAGES, tmp_path, "province")
    with_libc(monkeypatch, errno.EIO)
    with pytest.raises(OSError):
        publish.publish_beside(NEW_PAGES, tmp_path, "province")
    assert tree(tmp_path) == digests(PAGES)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["index.html", "robots.txt", "search"]


def test_pages_published_beside_whose_staging_folder_a_clean_up_job_deletes_at_the_end_succeed(
        tmp_path, monkeypatch):
    """A clean-up job deletes the hidden staging folder right after the last folder in it was
    swapped in: everything is in place, so the publish succeeds; removing that folder is best
    effort."""
    publish.publish_beside(PAGES, tmp_path, "province")
    shards = {"search/lo.json": b"new shard"}

    def clean_up(step: str) -> None:
        if step == "swapped":
            for folder in tmp_path.glob(".province.new-*"):
                shutil.rmtree(folder)

    monkeypatch.setattr(publish, "kill_point", clean_up)
    publish.publish_beside(shards, tmp_path, "province")
    assert tree(tmp_path) == digests({"index.html": b"old index", "robots.txt": b"old robots",
                                      **shards})
    assert sorted(p.name for p in tmp_path.iterdir()) == ["index.html", "robots.txt", "search"]


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


# --- kill points: a build killed at any step leaves the old output or the new ---------------
# qrdir.kill_points makes a build send itself SIGKILL (or SIGINT, as Ctrl-C) at a named step,
# so every step is hit on every run (a kill timed by the clock lands wherever the machine
# happens to be).

BUILD_DATE = "1796083200"  # SOURCE_DATE_EPOCH of 2026-12-01, one date all day


def qrdir_env() -> dict[str, str]:
    """The environment of a test's qrdir process: one date all day, no kill armed, and the
    qrdir these tests import, whatever folder the process starts in.

    Taken when the process starts, not once at import: it passes on what the test process's
    environment holds then (mutmut, for one, names the mutant under test there).
    """
    env = {**os.environ, "SOURCE_DATE_EPOCH": BUILD_DATE,
           "PYTHONPATH": str(Path(qrdir.__file__).parent.parent)}
    for variable in (kill_points.ENVIRONMENT_VARIABLE, kill_points.INTERRUPT_VARIABLE):
        env.pop(variable, None)
    return env


def ctrl_c_as_at_a_terminal() -> None:
    """Run in a test's qrdir process before it starts: SIGINT raises KeyboardInterrupt there,
    as Ctrl-C does at a terminal, even when the tests run in the background (``pytest &``,
    nohup), where the shell has set SIGINT to be ignored and Python would keep ignoring it."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


# Where renameat2 is missing (macOS, Windows, old kernels) the swap is two renames.
WITHOUT_EXCHANGE = (
    "from qrdir.build import publish\n"
    "publish._exchange = lambda first, second: False\n"
    "from qrdir.cli import main\n"
    "main(prog_name='qrdir')\n"
)
# Each ward step, the swap it is reached by, and what a kill there must leave published.
WARD_KILLS = [
    ("staging", "exchange", "old"),
    ("staged", "exchange", "old"),
    ("ledger-written", "exchange", "old"),
    ("swapped", "exchange", "new"),
    ("between-renames", "two renames", "old"),
    ("swapped", "two renames", "new"),
]


def qrdir_command(swap: str) -> list[str]:
    """How to start qrdir with the swap it has on Linux, or with the two-rename fallback."""
    if swap == "exchange":
        return [sys.executable, "-m", "qrdir"]
    return [sys.executable, "-c", WITHOUT_EXCHANGE]


def test_every_kill_point_is_tested():
    province_steps = {"between-wards", "beside-staged"}  # tested in test_province.py
    deploy_steps = {step for step, _ in DEPLOY_KILLS}  # tested in tests/deploy/test_kill.py
    tested = {step for step, _, _ in WARD_KILLS} | province_steps | deploy_steps
    assert tested == set(kill_points.STEPS)


def test_an_unknown_kill_point_is_a_programming_error():
    with pytest.raises(ValueError, match="unknown kill point"):
        kill_points.kill_point("stagged")
    result = subprocess.run([sys.executable, "-m", "qrdir", "--version"], capture_output=True,
                            text=True, env={**qrdir_env(), kill_points.ENVIRONMENT_VARIABLE: "x"})
    assert result.returncode == 1 and "not one of staging, staged" in result.stderr


@pytest.fixture(scope="module")
def ward_versions(tmp_path_factory):
    """A six-site ward's registry before and after a phone change on every page, the ledger
    and output of the first, the output the second makes over them, and a warm cache."""
    folder = tmp_path_factory.mktemp("kill")
    old, new = big_registry(folder, 6, "789"), big_registry(folder, 6, "788")
    base = ["--cache", str(folder / "cache")]
    run = functools.partial(subprocess.run, check=True, capture_output=True, env=qrdir_env())
    run(build_command(old, folder / "old") + ["--lock", str(folder / "old.lock")] + base)
    shutil.copy(folder / "old.lock", folder / "new.lock")
    run(build_command(new, folder / "new") + ["--lock", str(folder / "new.lock")] + base)
    return folder, new, tree(folder / "old"), tree(folder / "new")


def start_from_the_old_ward(versions, case: Path) -> list[str]:
    """Put the old output, its ledger and the warm cache in ``case``; the new build's options."""
    folder, new_registry, _, _ = versions
    shutil.copytree(folder / "old", case / "out")
    shutil.copy(folder / "old.lock", case / "ward.lock")
    shutil.copytree(folder / "cache", case / "cache")
    return ["build", str(new_registry), "-o", str(case / "out"),
            "--lock", str(case / "ward.lock"), "--cache", str(case / "cache")]


@pytest.mark.parametrize(("step", "swap", "left"), WARD_KILLS)
def test_a_build_killed_at_any_step_leaves_the_old_output_or_the_new(
        ward_versions, tmp_path, monkeypatch, step, swap, left):
    _, _, old_tree, new_tree = ward_versions
    arguments = start_from_the_old_ward(ward_versions, tmp_path)
    killed = subprocess.run(qrdir_command(swap) + arguments, capture_output=True,
                            env={**qrdir_env(), kill_points.ENVIRONMENT_VARIABLE: step})
    assert killed.returncode == -signal.SIGKILL, killed.stderr  # the step was reached
    assert left_beside(tmp_path) == what_a_kill_leaves_beside(step, old_tree, new_tree)
    if step == "between-renames":
        assert not (tmp_path / "out").exists()  # the old output is parked beside it
        publish.recover(tmp_path / "out")  # what the next build does first
    assert tree(tmp_path / "out") == {"old": old_tree, "new": new_tree}[left]
    finish_the_build(arguments, swap, monkeypatch)
    assert tree(tmp_path / "out") == new_tree
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cache", "out", "ward.lock"]


def left_beside(case: Path) -> dict[str, dict[str, str]]:
    """What a stopped build left in ``case`` besides its output, ledger and cache: the tree of
    each folder there, by the part of its name that says what it is (``.out.new-*`` is the
    staging folder, ``.out.old-*`` the old output parked), all hidden, in no other folder."""
    found = {}
    for path in case.iterdir():
        if path.name not in ("cache", "out", "ward.lock"):
            assert re.fullmatch(r"\.out\.(new|old)-\w+", path.name), path.name
            found[path.name.split(".")[2].split("-")[0]] = tree(path)
    return found


def what_a_kill_leaves_beside(step: str, old: dict[str, str], new: dict[str, str]) -> dict:
    """The staging folder holds half the new files, all of them, or, once the output is
    swapped, the old output; between the two renames the old output is parked too. The next
    build puts the parked output back and deletes the rest before doing anything else."""
    if step == "staging":
        return {"new": dict(sorted(new.items())[:len(new) // 2])}
    if step == "between-renames":
        return {"new": new, "old": {f"out/{path}": digest for path, digest in old.items()}}
    return {"new": old if step == "swapped" else new}


def finish_the_build(arguments: list[str], swap: str, monkeypatch) -> None:
    """Run the stopped build again, in this process (with the same swap), to its end."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", BUILD_DATE)
    if swap == "two renames":
        monkeypatch.setattr(publish, "_exchange", lambda first, second: False)
    finished = CliRunner().invoke(main, arguments)
    assert finished.exit_code == 0, finished.stderr


INTERRUPTED_AS_IT_WAS = "stopped; the output folder is as it was before\n"
INTERRUPTED_AFTER_PUBLISHING = ("stopped after the new output (or some wards of it) had replaced "
                                "the old one; run qrdir build again to finish\n")


@pytest.mark.parametrize(("step", "swap", "left"), WARD_KILLS)
def test_a_build_interrupted_at_any_step_says_what_it_left(
        ward_versions, tmp_path, monkeypatch, step, swap, left):
    _, _, old_tree, new_tree = ward_versions
    arguments = start_from_the_old_ward(ward_versions, tmp_path)
    stopped = subprocess.run(qrdir_command(swap) + arguments, capture_output=True, text=True,
                             env={**qrdir_env(), "QRDIR_LANG": "en",
                                  kill_points.INTERRUPT_VARIABLE: step},
                             preexec_fn=ctrl_c_as_at_a_terminal)
    assert stopped.returncode == 130, stopped.stderr
    assert tree(tmp_path / "out") == {"old": old_tree, "new": new_tree}[left]
    assert stopped.stderr == {"old": INTERRUPTED_AS_IT_WAS,
                              "new": INTERRUPTED_AFTER_PUBLISHING}[left]
    assert left_beside(tmp_path) == {}  # Ctrl-C cleans up after itself
    finish_the_build(arguments, swap, monkeypatch)
    assert tree(tmp_path / "out") == new_tree
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cache", "out", "ward.lock"]


# Runs qrdir with every call that renames or deletes the output or the ledger counted, and
# sends itself SIGKILL just before the call numbered by its first argument: a kill between
# any two things the code does to them, whatever calls it makes. (The named kill points are
# where the code is now; this finds a window a rewrite of the swap might open.)
KILL_BEFORE_CALL = r"""
import os, shutil, signal, sys
stop_at, watched = int(sys.argv.pop(1)), sys.argv.pop(1).split(os.pathsep)
calls = 0

def touches(path):
    if not isinstance(path, (str, os.PathLike)):
        return False
    path = os.path.abspath(path)
    return any(path == w or path.startswith(w + os.sep) for w in watched)

def counted(function):
    def call(*args, **kwargs):
        global calls
        if kwargs.get("dir_fd") is None and any(touches(a) for a in args[:2]):
            calls += 1
            if calls == stop_at:
                os.kill(os.getpid(), signal.SIGKILL)
        return function(*args, **kwargs)
    return call

from qrdir.build import kill_points, publish
if os.environ.get("NO_EXCHANGE"):
    publish._exchange = lambda first, second: False
for module, name in ((os, "replace"), (os, "rename"), (os, "renames"), (os, "rmdir"),
                     (os, "unlink"), (os, "remove"), (shutil, "rmtree"), (shutil, "move"),
                     (publish, "_exchange")):
    setattr(module, name, counted(getattr(module, name)))
from qrdir.cli import main
main(prog_name="qrdir")
"""


@pytest.mark.parametrize("swap", ["exchange", "two renames"])
def test_a_kill_before_any_call_that_moves_the_output_leaves_it_old_or_new(
        ward_versions, tmp_path, swap):
    _, _, old_tree, new_tree = ward_versions
    arguments = start_from_the_old_ward(ward_versions, tmp_path)
    watched = os.pathsep.join(str(tmp_path / name) for name in ("out", "ward.lock"))
    env = {**qrdir_env(), "NO_EXCHANGE": "1" if swap == "two renames" else ""}
    outcomes = []
    for stop_at in range(1, 20):
        shutil.rmtree(tmp_path / "out")
        shutil.copytree(ward_versions[0] / "old", tmp_path / "out")
        shutil.copy(ward_versions[0] / "old.lock", tmp_path / "ward.lock")
        run = subprocess.run([sys.executable, "-c", KILL_BEFORE_CALL, str(stop_at), watched,
                              *arguments], capture_output=True, env=env)
        publish.recover(tmp_path / "out")  # what the next build does first
        result = tree(tmp_path / "out")
        assert result in (old_tree, new_tree), f"a mix, killed before call {stop_at}"
        outcomes.append("old" if result == old_tree else "new")
        if run.returncode == 0:
            break
        assert run.returncode == -signal.SIGKILL, run.stderr
    # Killed before the ledger's rename, then before each move of the output; then finished.
    assert outcomes[0] == "old" and outcomes[-1] == "new" and len(outcomes) >= 3


def test_a_file_named_like_a_parked_or_staged_folder_does_not_stop_publishing(tmp_path):
    """recover removes what an interrupted publish left; an entry of that name that is no
    folder (a file someone saved there) cannot be removed as one, and must not stop the build."""
    output = tmp_path / "out"
    publish.publish({"a.txt": b"old"}, output)
    (tmp_path / ".out.old-notes").write_bytes(b"x")
    (tmp_path / ".out.new-notes").write_bytes(b"x")
    publish.publish({"a.txt": b"new"}, output)
    assert tree(output) == {"a.txt": hashlib.sha256(b"new").hexdigest()}


def test_a_kept_copy_is_exactly_the_last_publish_linked(tmp_path):
    """The copy holds the files named, as links to the output's (one file, two names), and
    nothing of an earlier copy; staged back from it, they are the same files once more."""
    output, copy = tmp_path / "out", tmp_path / "cache" / "copy" / "w"
    publish.publish({"a.txt": b"old", "gone.txt": b"x"}, output)
    publish.keep_copy(output, ["a.txt", "gone.txt"], copy)
    publish.publish({"a.txt": b"new", "d/b.txt": b"b"}, output)
    publish.keep_copy(output, ["a.txt", "d/b.txt"], copy)
    assert tree(copy) == digests({"a.txt": b"new", "d/b.txt": b"b"})
    assert os.path.samefile(copy / "d" / "b.txt", output / "d" / "b.txt")
    assert sorted(path.name for path in copy.parent.iterdir()) == ["w"]  # no temporary left
    shutil.rmtree(output)
    publish.swap(publish.stage_links(copy, ["a.txt", "d/b.txt"], output), output)
    assert tree(output) == digests({"a.txt": b"new", "d/b.txt": b"b"})
    assert os.path.samefile(copy / "a.txt", output / "a.txt")


def test_two_builds_keeping_one_copy_at_once_leave_one_whole(tmp_path, monkeypatch):
    """Another build's copy takes the place between this one's two renames: it stays, whole,
    and this build's own is dropped."""
    output, copy = tmp_path / "out", tmp_path / "cache" / "copy" / "w"
    publish.publish({"a.txt": b"mine", "b.txt": b"mine"}, output)
    replace = os.replace
    raced = []

    def another_build_first(source, target):
        if Path(target) == copy and not raced:
            raced.append(True)
            copy.mkdir(parents=True)
            (copy / "a.txt").write_bytes(b"theirs")
        return replace(source, target)

    monkeypatch.setattr(os, "replace", another_build_first)
    publish.keep_copy(output, ["a.txt", "b.txt"], copy)
    assert raced and tree(copy) == digests({"a.txt": b"theirs"})
    assert sorted(path.name for path in copy.parent.iterdir()) == ["w"]


def test_a_copy_is_made_beside_itself_not_in_the_system_temporary_folder(tmp_path,
                                                                       monkeypatch):
    """The folders a copy is built and swapped in are made beside it: the system's temporary
    folder may be another file system (a tmpfs), where no link to the output can be made."""
    elsewhere = Path("/dev/shm")
    if not elsewhere.is_dir() or elsewhere.stat().st_dev == tmp_path.stat().st_dev:
        pytest.skip("needs /dev/shm on another file system than the tests' folder")
    temporary = Path(tempfile.mkdtemp(dir=elsewhere))
    try:
        monkeypatch.setattr(tempfile, "tempdir", str(temporary))
        output, copy = tmp_path / "out", tmp_path / "cache" / "copy" / "w"
        for content in (b"first", b"second"):
            publish.publish({"a.txt": content}, output)
            publish.keep_copy(output, ["a.txt"], copy)
            assert os.path.samefile(copy / "a.txt", output / "a.txt")
        assert list(temporary.iterdir()) == []
    finally:
        shutil.rmtree(temporary)
