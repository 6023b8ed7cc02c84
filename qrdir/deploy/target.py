"""The one small interface every deploy target kind implements, and the table choosing one.

A target says what it holds (each file's hash, in the target's own hash), takes uploads and
deletions one file at a time in the order :mod:`qrdir.deploy.plan` decided, and makes them
visible in :meth:`Target.finish` where the kind has one atomic switch (a git commit pushed).
Adding a kind is one module here with a class like :class:`qrdir.deploy.folder.FolderTarget`
and one entry in :func:`open_target`.
"""

from __future__ import annotations

from typing import Protocol


class Target(Protocol):
    """Where a built output goes. Failures are MessageErrors saying what to check."""

    def digest(self, data: bytes) -> str:
        """The hash this target keeps of a file holding ``data``."""

    def listing(self) -> dict[str, str]:
        """Every file the target serves now: relative POSIX path → :meth:`digest` of it."""

    def files(self, output: dict[str, bytes]) -> dict[str, bytes]:
        """What the target should hold to serve ``output`` (a branch adds ``.nojekyll``, …)."""

    def upload(self, path: str, data: bytes) -> None:
        """Put ``data`` at ``path``: readers see the old file or the new one, never a part."""

    def delete(self, path: str) -> None:
        """Remove ``path``."""

    def finish(self) -> None:
        """Make what was uploaded and deleted the target's content (a no-op where each step
        already is)."""


def open_target(text: str, endpoint_url: str | None = None) -> Target:
    """The target a checked target form names (``qrdir.deploy.targets.target_problem`` is None);
    ``endpoint_url`` is the S3 API's address when it is not AWS."""
    if text.lower().startswith("file://"):
        from qrdir.deploy.folder import FolderTarget

        return FolderTarget.from_url(text)
    if text.lower().startswith("git:"):
        from qrdir.deploy.git import GitTarget

        return GitTarget.from_target(text)
    if text.lower().startswith("s3://"):
        from qrdir.deploy.s3 import S3Target

        return S3Target.from_url(text, endpoint_url)
    from qrdir.deploy.sftp import SftpTarget

    return SftpTarget.from_url(text)  # the fourth and last kind target_problem accepts
