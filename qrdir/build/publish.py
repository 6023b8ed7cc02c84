"""The only module that touches the real output folder: stage beside it, then swap it in.

output.md "Build guarantees": the new output is written beside the old one and swapped in at
the end, so a failed, interrupted (Ctrl-C) or killed (``kill -9``) build leaves either the
previous output exactly as it was or the complete new one, never something in between.

On Linux the swap is one system call, ``renameat2(RENAME_EXCHANGE)``, which exchanges the two
folders atomically. Elsewhere it is two renames; a build killed between them leaves the old
folder parked beside the output, and the next publish puts it back before doing anything else.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from qrdir.build.files import FOLDER_MODE, make_folders, write_new
from qrdir.build.kill_points import kill_point
from qrdir.errors import InterruptedAfterPublishing

_RENAME_EXCHANGE = 2  # linux/fs.h
_AT_FDCWD = -100


def publish(
    files: dict[str, bytes], output: Path, before_swap: Callable[[], None] | None = None
) -> None:
    """Replace ``output`` by a folder holding exactly ``files`` (relative POSIX path → bytes).

    ``before_swap`` runs once the new folder is complete on disk and before it replaces the
    old one (the ledger is written there, output.md "Issued codes").
    """
    staging = stage(files, output)
    try:
        if before_swap is not None:
            before_swap()
        swap(staging, output)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def publish_beside(files: dict[str, bytes], folder: Path, name: str) -> None:
    """Put ``files`` into ``folder`` beside what else it holds: a province's own pages beside
    its ward folders, which each have their own publish.

    The files are staged and flushed exactly as a ward's output is (a hidden folder ``name``
    names, inside ``folder``), then each top-level folder among them is swapped in whole (a
    folder of search shards: none left over from before) and each top-level file renamed into
    place. Each of them is the old or the new version, never half of one.
    """
    staging = stage(files, Path(folder) / name)
    try:
        kill_point("beside-staged")
        for entry in sorted(staging.iterdir(), key=lambda path: (path.is_file(), path.name)):
            if entry.is_dir():  # folders first: the new index may already ask for new shards
                recover(Path(folder) / entry.name)  # a swap of it killed between two renames
                swap(entry, Path(folder) / entry.name)
            else:
                os.replace(entry, Path(folder) / entry.name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def stage(files: dict[str, bytes], output: Path) -> Path:
    """Write ``files`` into a new hidden folder beside ``output``, ready for :func:`swap`."""
    return _staged(output, functools.partial(_write_tree, files))


def stage_links(copy: Path, names: Iterable[str], output: Path) -> Path | None:
    """Stage beside ``output``, ready for :func:`swap`, hard links to the files ``names`` of
    ``copy`` (the cache's copy of an earlier publish, :func:`keep_copy`): the files are on disk
    already, only their names are new. None when the file system cannot link them there."""
    def link_and_flush(staging: Path) -> None:
        _link_tree(Path(copy), names, staging)
        _flush()

    try:
        return _staged(output, link_and_flush)
    except OSError:  # another file system than the cache's (EXDEV), or one without links
        return None


def keep_copy(output: Path, names: Iterable[str], copy: Path) -> None:
    """Make ``copy`` a folder of hard links to the files ``names`` of ``output``, for
    :func:`stage_links` to restore them from when ``output`` is gone (a CI job, a new clone).

    Links cost no space and no writing. A copy is only ever an offer: whoever restores from it
    first checks every file's size and time against the publish record, so a file edited in
    place (which edits its copy too, a link being the same file) is never restored. Nothing is
    kept where the file system cannot link; two builds keeping one ward's copy at once leave
    one of their copies, whole.
    """
    copy = Path(copy)
    make_folders(copy.parent)
    new = Path(tempfile.mkdtemp(prefix=f".{copy.name}.new-", dir=copy.parent))
    old = Path(tempfile.mkdtemp(prefix=f".{copy.name}.old-", dir=copy.parent))
    try:
        _link_tree(Path(output), names, new)
        if copy.exists():
            os.replace(copy, old / copy.name)
        os.replace(new, copy)
    except OSError:  # no links here, or another build's copy took the place first
        pass
    finally:
        shutil.rmtree(new, ignore_errors=True)
        shutil.rmtree(old, ignore_errors=True)


def _staged(output: Path, fill: Callable[[Path], None]) -> Path:
    """A new hidden folder beside ``output``, filled by ``fill``; removed again if that fails."""
    output = Path(output).absolute()
    make_folders(output.parent)
    recover(output)
    staging = Path(tempfile.mkdtemp(prefix=_prefix(output, "new"), dir=output.parent))
    try:
        os.chmod(staging, FOLDER_MODE)  # publish.md: servable as built; mkdtemp makes it 0700
        fill(staging)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return staging


def swap(staging: Path, output: Path) -> None:
    """Put a staged folder at ``output`` in one step and delete what it replaced."""
    output = Path(output).absolute()
    _swap_in(staging, output)
    try:
        kill_point("swapped")
        shutil.rmtree(staging, ignore_errors=True)
    except KeyboardInterrupt as interrupt:  # the output is the new one now: say so
        raise InterruptedAfterPublishing() from interrupt


def remove(output: Path, names: list[str]) -> None:
    """Remove the files ``names`` (relative paths a build wrote) from a published output:
    what ``qrdir printed`` does to the print bundles it has recorded as printed. Each removal
    is one unlink; the rest of the output is untouched."""
    for name in names:
        (Path(output).joinpath(*_safe_parts(name))).unlink(missing_ok=True)


def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    """Size and modification time of every file under ``folder``: cheap proof it is untouched.

    Anything that is not a folder counts, a link (not followed) as much as a file: a link
    someone adds to the output must be noticed, and removed by the next build, as a file is.
    Walks with ``os.scandir`` rather than pathlib: a province has hundreds of thousands of
    files to look at on every rebuild, and this is several times faster.
    """
    result: dict[str, tuple[int, int]] = {}
    pending = [(str(folder), "")]
    while pending:
        path, prefix = pending.pop()
        try:
            # Not mutated: os.scandir(None) lists the working folder, and the walk would go
            # round it until memory runs out (docs/testing.md).
            entries = os.scandir(path)  # pragma: no mutate
        except (FileNotFoundError, NotADirectoryError):
            continue
        with entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    pending.append((entry.path, prefix + entry.name + "/"))
                else:
                    info = entry.stat(follow_symlinks=False)
                    result[prefix + entry.name] = (info.st_size, info.st_mtime_ns)
    return result


def recover(output: Path) -> None:
    """Undo what an interrupted publish left: restore a parked old output, drop stale staging."""
    parked = sorted(output.parent.glob(_prefix(output, "old") + "*"))
    for folder in parked:
        inner = folder / output.name
        if not output.exists() and inner.is_dir():
            os.replace(inner, output)
        shutil.rmtree(folder, ignore_errors=True)
    for stale in output.parent.glob(_prefix(output, "new") + "*"):
        shutil.rmtree(stale, ignore_errors=True)


def _prefix(output: Path, purpose: str) -> str:
    return f".{output.name}.{purpose}-"


def _write_tree(files: dict[str, bytes], root: Path) -> None:
    """Write every file, then flush them to disk so the swapped-in folder survives a power cut.

    Folders are :data:`~qrdir.build.files.FOLDER_MODE` and files
    :data:`~qrdir.build.files.FILE_MODE`, whatever the umask (publish.md).
    """
    ordered = sorted(files)
    for index, (relative, target) in enumerate(_targets(ordered, root)):
        if index == len(ordered) // 2:
            kill_point("staging")
        write_new(target, files[relative])
    _flush()


def _link_tree(source: Path, names: Iterable[str], root: Path) -> None:
    """Hard-link the files ``names`` of ``source`` into ``root``, under the same names."""
    source = str(source)
    for relative, target in _targets(sorted(names), root):
        os.link(os.path.join(source, relative), target)


def _targets(names: list[str], root: Path) -> Iterator[tuple[str, str]]:
    """Each of ``names`` with its path under ``root``, whose folder is made first.

    Paths as strings, not pathlib: a province stages hundreds of thousands of files, and
    linking one costs less than making its ``Path``.
    """
    made: set[str] = set()
    root = str(root)
    for relative in names:
        target = os.path.join(root, *_safe_parts(relative))
        folder = os.path.dirname(target)
        if folder not in made:  # one mkdir per folder, not one per file
            make_folders(Path(folder))
            made.add(folder)
        yield relative, target


def _flush() -> None:
    """Flush written files to disk: one system-wide sync is far cheaper than an fsync per file."""
    if hasattr(os, "sync"):
        os.sync()


def _safe_parts(relative: str) -> list[str]:
    """Path parts of an output file (``/``-separated, each a plain name); a programming error
    if it could escape the folder, or name a folder where Windows reads a backslash as one."""
    parts = relative.split("/")
    if "\\" in relative or any(part in ("", ".", "..") for part in parts):
        raise ValueError(f"unsafe output path {relative!r}")
    return parts


def _swap_in(staging: Path, output: Path) -> None:
    """Put the finished ``staging`` folder at ``output``; the old output ends up in ``staging``."""
    if not output.exists():
        os.replace(staging, output)
    elif not _exchange(staging, output):
        parking = Path(tempfile.mkdtemp(prefix=_prefix(output, "old"), dir=output.parent))
        os.replace(output, parking / output.name)
        try:
            kill_point("between-renames")
            os.replace(staging, output)
        except BaseException:  # Ctrl-C, or a failed rename: the old output goes back now
            os.replace(parking / output.name, output)
            parking.rmdir()
            raise
        os.replace(parking / output.name, staging)
        parking.rmdir()


@functools.cache
def _libc() -> ctypes.CDLL:
    """The C library, found once: ``find_library`` runs ``ldconfig``, milliseconds a ward."""
    return ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)


def _exchange(first: Path, second: Path) -> bool:
    """Atomically exchange two paths with Linux's renameat2; False where that is unavailable."""
    if not sys.platform.startswith("linux"):
        return False
    renameat2 = getattr(_libc(), "renameat2", None)
    if renameat2 is None:
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second),
                       _RENAME_EXCHANGE)
    if result != 0:
        errno = ctypes.get_errno()
        if errno in (22, 38, 95):  # EINVAL, ENOSYS, EOPNOTSUPP: this file system cannot exchange
            return False
        raise OSError(errno, os.strerror(errno), str(second))
    return True
