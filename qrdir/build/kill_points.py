"""Kill points: a test hook that stops the process at a named step of publishing
or deploying.

output.md promises that a killed (``kill -9``) or interrupted (Ctrl-C) build leaves either the
previous output or the complete new one. A kill timed by the clock lands wherever the machine
happens to be, so it tests a few steps on one run and others on the next. Instead, a test sets
``QRDIR_TEST_KILL_AT`` (SIGKILL) or ``QRDIR_TEST_INTERRUPT_AT`` (SIGINT, as Ctrl-C) to one of
:data:`STEPS`, and the build sends itself that signal exactly there, every run.

The variables are read once, at import; unset (every real build), a kill point costs one
lookup in a tuple of eleven names and two comparisons. A name that is not a step, in a variable
or at a call site, is a programming error and raises at once, so a typo cannot make a test
pass by never stopping anything.
"""

from __future__ import annotations

import os
import signal

ENVIRONMENT_VARIABLE = "QRDIR_TEST_KILL_AT"
INTERRUPT_VARIABLE = "QRDIR_TEST_INTERRUPT_AT"

STEPS = (
    "staging",  # half of the new output's files written into the staging folder
    "staged",  # the staging folder complete and flushed; the ledger and the output untouched
    "ledger-written",  # the new ledger written, the old output still in place
    "between-renames",  # two-rename swap (no renameat2): the old output parked, the new not in
    "swapped",  # the new output in place, the old one not yet deleted
    "between-wards",  # a province: the first ward published, the others not yet
    "beside-staged",  # a province: every ward published, its own pages staged, none in place
    "deploy-writing",  # deploy to a folder: a file written beside its name, not renamed over it
    "deploy-uploading",  # deploy: half of the uploads done
    "deploy-uploaded",  # deploy: every upload done, no deletion yet
    "deploy-pushing",  # deploy to a branch: the commit made in the work repository, not pushed
)


def _armed_step(variable: str) -> str | None:
    """The step ``variable`` names, checked; None when it is unset."""
    step = os.environ.get(variable)
    if step is not None and step not in STEPS:
        raise ValueError(f"{variable}={step!r}: not one of {', '.join(STEPS)}")
    return step


_KILL_AT = _armed_step(ENVIRONMENT_VARIABLE)
_INTERRUPT_AT = _armed_step(INTERRUPT_VARIABLE)


def kill_point(step: str) -> None:
    """Send this process SIGKILL, or SIGINT, here when the environment names ``step``."""
    if step not in STEPS:
        raise ValueError(f"unknown kill point {step!r}")
    if step == _KILL_AT:
        # Not sys.exit nor an exception: nothing may run after this, exactly as under kill -9.
        os.kill(os.getpid(), getattr(signal, "SIGKILL", signal.SIGTERM))
    elif step == _INTERRUPT_AT:
        os.kill(os.getpid(), signal.SIGINT)  # Python raises KeyboardInterrupt right here
