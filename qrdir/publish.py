"""The only module that touches the real output folder: stage beside it, then swap it in.

output.md "Build guarantees": a failed build leaves the previous output exactly as it was.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path, PurePosixPath


def publish(files: dict[str, bytes], output: Path) -> None:
    """Replace ``output`` by a folder holding exactly ``files`` (relative POSIX path → bytes)."""
    output = Path(output).absolute()
    output.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{output.name}.new-", dir=output.parent))
    try:
        for relative, content in sorted(files.items()):
            target = staging.joinpath(*_safe_parts(relative))
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
        _swap_in(staging, output)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _safe_parts(relative: str) -> tuple[str, ...]:
    """Path parts of an output file; a programming error if it could escape the folder."""
    path = PurePosixPath(relative)
    parts = path.parts
    if not parts or path.is_absolute() or any(p in ("", ".", "..") for p in parts):
        raise ValueError(f"unsafe output path {relative!r}")
    return parts


def _swap_in(staging: Path, output: Path) -> None:
    """Move the finished staging folder to ``output``, keeping the old one until it is replaced."""
    if not output.exists():
        os.replace(staging, output)
        return
    retired = Path(tempfile.mkdtemp(prefix=f".{output.name}.old-", dir=output.parent))
    os.replace(output, retired / output.name)
    os.replace(staging, output)
    shutil.rmtree(retired, ignore_errors=True)
