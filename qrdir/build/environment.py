"""What a build reads from the process environment, checked before any work starts.

``SOURCE_DATE_EPOCH`` (reproducible-builds.org) dates a build: the day a change is recorded
when the registry has no ``updated``, and, whatever the registry says, the clock ReportLab
reads for itself while writing every poster. A value that cannot be read is the user's to fix
(cli.md: a bad environment is a sentence and exit code 2), so every build checks it first,
with or without ``updated``, instead of failing inside ReportLab halfway through.
"""

from __future__ import annotations

import datetime as dt
import os

from qrdir.errors import UsageError

# A later moment is no date in any calendar Python (or a poster's footer) can write.
_LATEST = int(dt.datetime(9999, 12, 31, tzinfo=dt.UTC).timestamp())


def source_date_epoch() -> int | None:
    """``SOURCE_DATE_EPOCH`` in seconds since 1970, None when unset; UsageError when invalid."""
    value = os.environ.get("SOURCE_DATE_EPOCH")
    if value is None:
        return None
    text = value.strip()
    # isascii: "²" and "٣" are digits to str.isdigit but not to int() nor to ReportLab.
    if not (text.isascii() and text.isdigit()) or int(text) > _LATEST:
        raise UsageError("bad_source_date_epoch", value=value)
    return int(text)
