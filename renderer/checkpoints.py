"""Named points in a render where a test can hold the process, to interrupt it right there.

With `PODCAST_HOLD_AT=encoding`, a render that reaches the `encoding` checkpoint says
"holding at encoding" on stderr and waits there (at most a minute), so a test can send its
signal knowing exactly which phase it interrupts; timing guesses would make such a test
flaky. Without the variable a checkpoint costs one dictionary lookup.
"""

from __future__ import annotations

import os
import sys
import time

HOLD_VARIABLE = "PODCAST_HOLD_AT"
HOLD_SECONDS = 60.0
NAMES = ("synthesis", "early encoding", "mastering", "encoding", "joining", "tagging",
         "sidecars")


def checkpoint(name: str) -> None:
    """Hold here when `$PODCAST_HOLD_AT` names this point; otherwise return at once."""
    if os.environ.get(HOLD_VARIABLE) != name:
        return
    print(f"holding at {name}", file=sys.stderr, flush=True)
    deadline = time.monotonic() + HOLD_SECONDS
    while time.monotonic() < deadline:
        time.sleep(0.02)
