"""Ctrl-C and SIGTERM end a command promptly, with exit status 130 or 143.

A process started in the background by a non-interactive shell inherits SIGINT as
ignored, and Python then leaves it ignored: Ctrl-C or `kill -INT` would do nothing and a
render would run on to the end. So the handlers are installed explicitly. SIGTERM is
raised like Ctrl-C (a KeyboardInterrupt) so that every cleanup path the code has for an
interrupt runs for it too.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from types import FrameType


class Terminated(KeyboardInterrupt):
    """SIGTERM arrived: stop like Ctrl-C, but say so with exit status 143."""


received: int | None = None  # the last signal that interrupted this process


def install() -> None:
    """Make SIGINT raise KeyboardInterrupt and SIGTERM raise Terminated (main thread only)."""
    global received
    received = None
    if threading.current_thread() is not threading.main_thread():
        return
    signal.signal(signal.SIGINT, _interrupt)
    signal.signal(signal.SIGTERM, _terminate)


def _interrupt(signum: int, frame: FrameType | None) -> None:
    global received
    received = signum
    raise KeyboardInterrupt


def _terminate(signum: int, frame: FrameType | None) -> None:
    global received
    received = signum
    raise Terminated


def ignore_in_worker() -> None:
    """In a worker process: leave interrupts to the parent, which stops the workers."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)


def exit_with_parent(parent: int, busy: threading.Lock) -> None:
    """In a worker process: exit once `parent` is gone, after the job in hand (`busy`).

    A parent killed with -9 cannot stop its workers, and a worker of a process pool holds
    both ends of its own job queue, so it never sees the queue close: it would wait for
    work forever.
    """
    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.25)
        with busy:  # the clip being made is stored first
            os._exit(0)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()
