"""The one exception hierarchy: caught once around each command, so no traceback reaches a user."""

from __future__ import annotations

from qrdir.model import Problem


class QrdirError(Exception):
    """Base of every error qrdir reports to a user as sentences, not tracebacks."""


class ProblemsError(QrdirError):
    """Errors that come as a list of located problems (registry or print rules)."""

    def __init__(self, problems: list[Problem]):
        super().__init__(f"{sum(p.is_error for p in problems)} error(s)")
        self.problems = problems


class RegistryError(ProblemsError):
    """The registry has errors; nothing was written."""


class BuildError(ProblemsError):
    """A rule checked while rendering (print size, missing glyph) failed; nothing was written."""


class MessageError(QrdirError):
    """An error that is one catalogue message (:mod:`qrdir.messages`), not a list of problems."""

    def __init__(self, code: str, **args: object):
        super().__init__(code)
        self.code = code
        self.params = args


class UsageError(MessageError):
    """Wrong usage: a missing file, a bad option value (exit code 2)."""
