"""``file:///PATH``: a folder on this machine or a mounted share, such as a web server's root.

Each file is written beside its final name, flushed, then renamed over it (publish.md
"Interrupted is not broken": a reader or a killed deploy meets the old file or the new one,
never a part). The folder's own files are hashed for the comparison; no manifest can go stale.
A temporary file a killed deploy left behind is removed by the next one.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

from qrdir.build.files import make_folders
from qrdir.build.kill_points import kill_point
from qrdir.errors import MessageError

FILE_MODE = 0o644  # publish.md: what cp gives under umask 022, readable by www-data
_TEMPORARY = ".qrdir-deploy-"  # the prefix of a file being written


class FolderTarget:
    """A folder, written file by file."""

    def __init__(self, root: Path):
        self.root = root

    @classmethod
    def from_url(cls, text: str) -> FolderTarget:
        return cls(Path(unquote(urlsplit(text).path)))

    def digest(self, data: bytes) -> str:
        return hashlib.sha256(data).hexdigest()

    def listing(self) -> dict[str, str]:
        if not self.root.is_dir():
            if not self.root.parent.is_dir():
                raise MessageError("deploy_folder_missing", folder=str(self.root))
            return {}
        held = {}
        for folder, subfolders, names in self._walk():
            subfolders.sort()
            for name in names:
                path = Path(folder) / name
                if name.startswith(_TEMPORARY):
                    path.unlink()  # left by a deploy killed while writing it
                    continue
                held[path.relative_to(self.root).as_posix()] = self.digest(path.read_bytes())
        return held

    def files(self, output: dict[str, bytes]) -> dict[str, bytes]:
        return output

    def upload(self, path: str, data: bytes) -> None:
        final = self.root / path
        try:
            make_folders(final.parent)
            handle, temporary = tempfile.mkstemp(prefix=_TEMPORARY, dir=final.parent)
            try:
                with os.fdopen(handle, "wb") as stream:
                    stream.write(data)
                    stream.flush()
                    os.fsync(stream.fileno())
                os.chmod(temporary, FILE_MODE)
                kill_point("deploy-writing")
                os.replace(temporary, final)
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
        except OSError as exc:
            raise self._failed(exc) from exc

    def delete(self, path: str) -> None:
        try:
            (self.root / path).unlink(missing_ok=True)
            folder = (self.root / path).parent
            while folder != self.root and not any(folder.iterdir()):
                folder.rmdir()
                folder = folder.parent
        except OSError as exc:
            raise self._failed(exc) from exc

    def finish(self) -> None:
        """Nothing: every upload and deletion was already a complete step."""

    def _walk(self):
        def fail(exc: OSError) -> None:
            raise self._failed(exc) from exc

        return os.walk(self.root, onerror=fail)

    def _failed(self, exc: OSError) -> MessageError:
        return MessageError("deploy_folder_failed", folder=str(self.root),
                            reason=exc.strerror or str(exc))
