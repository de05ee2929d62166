"""Ctrl-C and kill -9 during a render: the episode is the old one or a complete new one."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .audio_checks import id3_chapters, mp3_seconds
from .helpers import SAMPLE_SCRIPT

pytestmark = pytest.mark.slow


def _start(script: Path, episode: Path, cache: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "renderer", "render", str(script), "--engine", "espeak",
         "-o", str(episode), "--cache-dir", str(cache), "--json"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )


def _wait_for(condition, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_interrupt_and_kill_never_leave_a_broken_episode(tmp_path):
    script = tmp_path / "sample.yaml"
    shutil.copy(SAMPLE_SCRIPT, script)
    cache = tmp_path / "cache"
    episode = tmp_path / "out" / "sample.mp3"

    # Ctrl-C while turns are being synthesized
    process = _start(script, episode, cache)
    _wait_for(lambda: len(list(cache.rglob("*.json"))) >= 5)
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130, err.decode()
    made = len(list(cache.rglob("*.json")))
    assert 5 <= made < 57
    assert not episode.exists()
    assert not [p for p in tmp_path.rglob("*.partial")], "no temporary file left behind"

    # the next run reuses every clip already made
    process = _start(script, episode, cache)
    out, err = process.communicate(timeout=300)
    assert process.returncode == 0, err.decode()
    summary = json.loads(out)
    assert summary["cached"] == made and summary["synthesized"] == 57 - made
    before = _digest(episode)

    # kill -9 while the new episode is being encoded: the old one stays intact
    script.write_text(script.read_text(encoding="utf-8").replace(
        "- title: ", "- title: 新", 1), encoding="utf-8")
    process = _start(script, episode, cache)
    _wait_for(lambda: any(episode.parent.glob(".*.mp3.partial")))
    time.sleep(0.5)
    os.kill(process.pid, signal.SIGKILL)
    process.communicate(timeout=30)
    assert _digest(episode) == before
    _, chapters = id3_chapters(episode)
    assert abs(chapters[-1][2] / 1000 - mp3_seconds(episode)) <= 0.05

    # and the run after that finishes, cleans up, and synthesizes nothing
    process = _start(script, episode, cache)
    out, err = process.communicate(timeout=300)
    assert process.returncode == 0, err.decode()
    assert json.loads(out)["synthesized"] == 0
    assert _digest(episode) != before
    assert not list(episode.parent.glob(".*.partial"))
