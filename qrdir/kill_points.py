"""Kill points: a test hook that ends the process at a named step of publishing, as ``kill -9``.

output.md promises that a killed build leaves either the previous output or the complete new
one. A kill timed by the clock lands wherever the machine happens to be, so it tests a few
steps on one run and others on the next. Instead, a test sets ``QRDIR_TEST_KILL_AT`` to one of
:data:`STEPS` and the build sends itself SIGKILL exactly there, every run.

The variable is read once, at import; unset (every real build), a kill point costs one lookup
in a tuple of six names and one comparison. A name that is not a step, in the variable or at
a call site, is a programming error and raises at once, so a typo cannot make a test pass by
never killing anything.
"""

from __future__ import annotations

import os
import signal

ENVIRONMENT_VARIABLE = "QRDIR_TEST_KILL_AT"

STEPS = (
    "staging",  # half of the new output's files written into the staging folder
    "staged",  # the staging folder complete and flushed, the old output untouched
    "ledger-written",  # the new ledger written, the old output still in place
    "between-renames",  # two-rename swap (no renameat2): the old output parked, the new not in
    "swapped",  # the new output in place, the old one not yet deleted
    "between-wards",  # a province: the first ward published, the others not yet
)


def _armed_step() -> str | None:
    """The step named by the environment, checked; None when the variable is unset."""
    step = os.environ.get(ENVIRONMENT_VARIABLE)
    if step is not None and step not in STEPS:
        raise ValueError(f"{ENVIRONMENT_VARIABLE}={step!r}: not one of {', '.join(STEPS)}")
    return step


_ARMED = _armed_step()


def kill_point(step: str) -> None:
    """End the process with SIGKILL here when ``QRDIR_TEST_KILL_AT`` names ``step``."""
    if step not in STEPS:
        raise ValueError(f"unknown kill point {step!r}")
    if step == _ARMED:
        # Not sys.exit nor an exception: nothing may run after this, exactly as under kill -9.
        os.kill(os.getpid(), getattr(signal, "SIGKILL", signal.SIGTERM))
