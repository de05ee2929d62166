"""An interrupted synthesis finishes the clip writes under way and starts no new one."""

from __future__ import annotations

import threading
import time

import pytest

from renderer.clips.synthesis import _Stores
from renderer.errors import Cancelled


def test_closing_waits_for_a_write_under_way_and_refuses_new_ones():
    stores = _Stores()
    entered, release, finished = threading.Event(), threading.Event(), threading.Event()

    def write() -> None:
        with stores.storing():
            entered.set()
            release.wait(10)
        finished.set()

    writer = threading.Thread(target=write)
    writer.start()
    assert entered.wait(10)
    closed = threading.Event()
    closer = threading.Thread(target=lambda: (stores.close(timeout=10), closed.set()))
    closer.start()
    # the write is still under way, so closing has not returned
    assert not closed.wait(0.2)
    release.set()
    assert closed.wait(10) and finished.is_set()
    with pytest.raises(Cancelled), stores.storing():
        pass
    writer.join()
    closer.join()


def test_closing_gives_up_after_its_timeout():
    stores = _Stores()
    entered, release = threading.Event(), threading.Event()

    def write() -> None:
        with stores.storing():
            entered.set()
            release.wait(10)

    writer = threading.Thread(target=write)
    writer.start()
    assert entered.wait(10)
    started = time.monotonic()
    stores.close(timeout=0.3)
    assert time.monotonic() - started < 5
    release.set()
    writer.join()
