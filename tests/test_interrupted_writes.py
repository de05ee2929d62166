"""An interrupted synthesis finishes the clip writes under way and starts no new one."""

from __future__ import annotations

import signal
import subprocess
import sys
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


# A writer killed (SIGKILL, as an interrupted render kills its synthesis workers) after its
# n-th rename: 0 = before the data is in place, 1 = data in place, description not yet.
_KILLED_WRITER = """
import os, signal, sys
from pathlib import Path
from renderer.store import Store

renames = 0
real_replace = os.replace

def replace(src, dst):
    global renames
    if renames == int(sys.argv[2]):
        os.kill(os.getpid(), signal.SIGKILL)
    real_replace(src, dst)
    renames += 1

os.replace = replace
Store(Path(sys.argv[1]), ".pcm", 1, "clip cache").put("ab" * 16, b"x" * 1000, {"size": 1000})
"""


@pytest.mark.parametrize("renames", [0, 1, 2])
def test_a_writer_killed_at_any_point_leaves_a_whole_entry_or_nothing(tmp_path, renames):
    from renderer.store import Store

    folder = tmp_path / "store"
    writer = subprocess.Popen([sys.executable, "-c", _KILLED_WRITER, str(folder), str(renames)],
                              stderr=subprocess.PIPE)
    _, err = writer.communicate(timeout=60)
    store = Store(folder, ".pcm", 1, "clip cache")
    if renames < 2:
        assert writer.returncode == -signal.SIGKILL
        assert store.discard_unfinished([writer.pid]) >= 1
        assert store.get("ab" * 16) is None
        left = sorted(p.name for p in folder.rglob("*"))
        assert left == ["ab"], f"nothing but the fan-out folder is left: {left}"
    else:
        assert writer.returncode == 0, err.decode()
        assert store.discard_unfinished([writer.pid]) == 0
        assert store.get("ab" * 16, verify=True) is not None
