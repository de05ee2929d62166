"""Ctrl-C, SIGTERM and kill -9 during a render: the episode is the old one or a complete new one.

The render is held at a named phase (PODCAST_HOLD_AT, see renderer/checkpoints.py) and the
signal is sent once it says it is there, so each test interrupts exactly the phase it
names, however loaded the machine is. Each phase is interrupted by SIGINT to the process,
SIGINT to its whole process group (Ctrl-C at a terminal) and SIGTERM; the process must end
within two seconds with 130 (143 for SIGTERM), leave the previous episode as it was, no
temporary file, and every clip it finished in the cache.
"""

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

from renderer.clips.cache import ClipCache

from .audio_checks import id3_chapters, mp3_seconds
from .edge_server import EdgeServer, RunningServer
from .helpers import FIXTURES, SAMPLE_SCRIPT, assert_segments_sound, clip_metas

pytestmark = pytest.mark.slow

SMALL = FIXTURES / "scripts" / "small_zh.yaml"
PROMPT_SECONDS = 2.0
SIGNALS = {  # name → (signal, to the whole group, exit status)
    "sigint": (signal.SIGINT, False, 130),
    "sigint-group": (signal.SIGINT, True, 130),
    "sigterm": (signal.SIGTERM, False, 143),
}
# phase → engine: synthesis is held with worker processes (espeak) and worker threads (edge)
PHASES = [("synthesis", "espeak"), ("synthesis", "edge"), ("mastering", "espeak"),
          ("encoding", "espeak"), ("joining", "espeak"), ("tagging", "espeak"),
          ("sidecars", "espeak")]


def _start(script: Path, episode: Path, cache: Path, engine: str = "espeak",
           hold: str | None = None, env: dict[str, str] | None = None,
           extra: tuple[str, ...] = ()) -> subprocess.Popen:
    environment = {**os.environ, **(env or {})}
    environment.pop("PODCAST_HOLD_AT", None)
    if hold:
        environment["PODCAST_HOLD_AT"] = hold
    return subprocess.Popen(
        [sys.executable, "-m", "renderer", "render", str(script), "--engine", engine,
         "-o", str(episode), "--cache-dir", str(cache), "--json", *extra],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=environment,
        start_new_session=True,  # its own process group, as a job started at a terminal
    )


def _wait_for_hold(process: subprocess.Popen, phase: str, timeout: float = 120.0) -> None:
    """Read the render's stderr until it says it holds at `phase`."""
    assert process.stderr is not None
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = process.stderr.readline().decode(errors="replace")
        if not line and process.poll() is not None:
            pytest.fail(f"the render ended before reaching {phase} ({process.returncode})")
        if line.strip() == f"holding at {phase}":
            return
    pytest.fail(f"the render did not reach {phase} in {timeout:.0f} s")


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _cache_is_sound(cache: Path) -> int:
    """Every clip in the cache reads back whole; returns how many there are."""
    clips = ClipCache(cache)
    assert_segments_sound(cache)
    keys = [p.stem for p in clip_metas(cache)]
    for key in keys:
        info = clips.info(key)
        assert info is not None, f"clip {key} is broken"
        assert sum(len(c) for c in clips.read_chunks(key)) == 2 * info.samples
    return len(keys)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """A rendered episode of the small script (the one an interrupted render must keep)."""
    folder = tmp_path_factory.mktemp("interrupt")
    script = folder / "small.yaml"
    shutil.copy(SMALL, script)
    episode = folder / "out" / "small.mp3"
    cache = folder / "cache"
    process = _start(script, episode, cache)
    _, err = process.communicate(timeout=300)
    assert process.returncode == 0, err.decode()
    # the next render has something new to say in every turn, and a new chapter title
    text = script.read_text(encoding="utf-8").replace("text: ", "text: 好的。")
    script.write_text(text.replace("- title: 开场", "- title: 开场白"), encoding="utf-8")
    return script, episode, cache, _digest(episode)


def _signal_and_expect_prompt_exit(process: subprocess.Popen, number: int, to_group: bool,
                                   status: int) -> None:
    sent = time.monotonic()
    if to_group:
        os.killpg(process.pid, number)
    else:
        process.send_signal(number)
    _, err = process.communicate(timeout=30)
    took = time.monotonic() - sent
    assert process.returncode == status, err.decode()
    assert took <= PROMPT_SECONDS, f"{took:.2f} s to stop"


@pytest.fixture(scope="module")
def edge_server():
    server = EdgeServer(speed=4.0)  # slow enough that clips are still being made when held
    with RunningServer(server):
        yield server


@pytest.mark.parametrize("name", list(SIGNALS))
@pytest.mark.parametrize(("phase", "engine"), PHASES, ids=[f"{p}-{e}" for p, e in PHASES])
def test_interrupt_at_every_phase(rendered, edge_server, tmp_path, phase, engine, name):
    script, episode, warm_cache, before = rendered
    number, to_group, status = SIGNALS[name]
    # synthesis needs clips still to make; the later phases find every clip made, and no
    # MP3 segment (what an earlier test made must not let this one skip encoding)
    cache = tmp_path / "cache"
    if phase != "synthesis":
        shutil.copytree(warm_cache, cache, ignore=shutil.ignore_patterns("segments"))
    env = {"PODCAST_EDGE_URL": edge_server.url, "PODCAST_EDGE_BACKOFF": "0.01"}
    process = _start(script, episode, cache, engine, hold=phase, env=env)
    _wait_for_hold(process, phase)
    _signal_and_expect_prompt_exit(process, number, to_group, status)
    assert _digest(episode) == before, "the previous episode is untouched"
    assert not list(episode.parent.glob(".*.partial")), "no temporary file left behind"
    assert not list(cache.rglob("*.partial"))
    made = _cache_is_sound(cache)
    if phase == "synthesis":
        assert made >= 1, "the clips finished before the interrupt are kept"


@pytest.mark.parametrize("name", list(SIGNALS))
def test_interrupt_while_encoding_and_synthesizing_at_once(tmp_path, name):
    """Held once the opening chapters' segments are being encoded and later clips are still
    being made: both stop within two seconds, and what either finished is whole."""
    number, to_group, status = SIGNALS[name]
    script = tmp_path / "sample.yaml"
    shutil.copy(SAMPLE_SCRIPT, script)
    cache = tmp_path / "cache"
    episode = tmp_path / "out" / "sample.mp3"
    process = _start(script, episode, cache, hold="early encoding", extra=("--pipelined",))
    _wait_for_hold(process, "early encoding")
    _signal_and_expect_prompt_exit(process, number, to_group, status)
    assert not episode.exists()
    assert not list(tmp_path.rglob("*.partial")), "no temporary file left behind"
    assert 1 <= _cache_is_sound(cache) < 57


def test_after_an_interrupt_the_next_render_reuses_every_clip(tmp_path):
    script = tmp_path / "sample.yaml"
    shutil.copy(SAMPLE_SCRIPT, script)
    cache = tmp_path / "cache"
    episode = tmp_path / "out" / "sample.mp3"

    process = _start(script, episode, cache, hold="synthesis")
    _wait_for_hold(process, "synthesis")
    process.send_signal(signal.SIGINT)
    process.communicate(timeout=30)
    assert process.returncode == 130
    made = _cache_is_sound(cache)
    assert 1 <= made < 57

    process = _start(script, episode, cache)
    out, err = process.communicate(timeout=300)
    assert process.returncode == 0, err.decode()
    summary = json.loads(out)
    assert summary["cached"] == made and summary["synthesized"] == 57 - made
    before = _digest(episode)

    # kill -9 while segments are encoded, then while the new episode is being written:
    # the old one stays intact, and every segment stored is whole
    script.write_text(script.read_text(encoding="utf-8").replace(
        "- title: ", "- title: 新", 1).replace("text: ", "text: 嗯，", 1), encoding="utf-8")
    for phase in ("encoding", "joining"):
        process = _start(script, episode, cache, hold=phase)
        _wait_for_hold(process, phase)
        if phase == "joining":
            assert list(episode.parent.glob(".*.mp3.partial")), "held while it is written"
        os.kill(process.pid, signal.SIGKILL)
        process.communicate(timeout=30)
        assert _digest(episode) == before
        assert_segments_sound(cache)
    _, chapters = id3_chapters(episode)
    assert abs(chapters[-1][2] / 1000 - mp3_seconds(episode)) <= 0.05

    # and the run after that finishes, cleans up, and synthesizes nothing
    process = _start(script, episode, cache)
    out, err = process.communicate(timeout=300)
    assert process.returncode == 0, err.decode()
    assert json.loads(out)["synthesized"] == 0
    assert _digest(episode) != before
    assert not list(episode.parent.glob(".*.partial"))


def test_ctrl_c_works_when_the_shell_started_us_with_sigint_ignored(rendered, tmp_path):
    """A job started in the background by a non-interactive shell inherits SIGINT ignored;
    the render must still stop on it (it used to run on to the end and exit 0)."""
    script, episode, _, before = rendered
    process = subprocess.Popen(
        ["sh", "-c", 'trap "" INT; exec "$0" -m renderer render "$1" --engine espeak '
         '-o "$2" --cache-dir "$3" --json', sys.executable, str(script), str(episode),
         str(tmp_path / "cache")],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        env={**os.environ, "PODCAST_HOLD_AT": "synthesis"},
    )
    _wait_for_hold(process, "synthesis")
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=30)
    assert process.returncode == 130, err.decode()
    assert _digest(episode) == before


def _children(pid: int) -> list[int]:
    """The processes whose parent is `pid`."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(stat[1]) == pid:
                found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_kill_9_leaves_no_worker_process_behind(tmp_path):
    """Workers of a render killed with -9 exit on their own (they used to wait forever)."""
    script = tmp_path / "sample.yaml"
    shutil.copy(SAMPLE_SCRIPT, script)
    process = _start(script, tmp_path / "out" / "sample.mp3", tmp_path / "cache",
                     hold="synthesis")
    _wait_for_hold(process, "synthesis")
    workers = _children(process.pid)
    assert workers, "espeak synthesizes in worker processes"
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=30)  # not communicate(): live workers would hold its pipes open
    deadline = time.monotonic() + 30
    while any(_alive(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    left = [w for w in workers if _alive(w)]
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    process.stdout.close()
    process.stderr.close()
    assert not left, f"{len(left)} worker(s) still running after their render was killed"
    _cache_is_sound(tmp_path / "cache")
