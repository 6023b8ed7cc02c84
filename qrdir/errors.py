"""The one exception hierarchy: caught once around each command, so no traceback reaches a user.

Every error pickles with its type and data, so one raised in a worker process (a province
build stages wards in parallel) reaches the command line as it was raised: a usage error
still exits 2 there.
"""

from __future__ import annotations

from qrdir.registry.model import Problem


class QrdirError(Exception):
    """Base of every error qrdir reports to a user as sentences, not tracebacks."""


class ProblemsError(QrdirError):
    """Errors that come as a list of located problems (registry or print rules)."""

    def __init__(self, problems: list[Problem]):
        super().__init__(f"{sum(p.is_error for p in problems)} error(s)")
        self.problems = problems

    def __reduce__(self):
        # Exception's own pickling would call the class with the summary text, not the list.
        return type(self), (self.problems,)


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

    def __reduce__(self):
        # Keyword arguments have no place in Exception's pickling: rebuild through _remake.
        return _remake, (type(self), self.code, self.params)


class UsageError(MessageError):
    """Wrong usage: a missing file, a bad option value (exit code 2)."""


def _remake(kind: type[MessageError], code: str, params: dict) -> MessageError:
    """A message error of ``kind`` again, for unpickling."""
    return kind(code, **params)


class InterruptedAfterPublishing(KeyboardInterrupt):
    """Ctrl-C after (some of) the new output was swapped in: it is no longer the old one.

    A KeyboardInterrupt still, so every handler that lets Ctrl-C through lets this through too;
    the command line tells the person that the output changed, and to build again to finish.
    """
