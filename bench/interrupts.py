"""How fast a render stops, at every phase, with both cores busy.

Two busy loops keep both cores at 100 % while renders are started, held at each checkpoint
(`PODCAST_HOLD_AT`, so the signal lands in exactly that phase), and sent SIGINT (to the
process alone, and to its process group, as Ctrl-C at a terminal does) or SIGTERM. Reports,
per phase and signal, how many renders stopped with the right exit status and no temporary
file left, and the median and longest time from the signal to the exit. The aim is ≤ 2 s.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.edge_server import EdgeServer, RunningServer

from .measure import ROOT, median, table

SMALL = ROOT / "tests" / "fixtures" / "scripts" / "small_zh.yaml"
SAMPLE = ROOT / "scripts" / "000_9b6faf332502484a.yaml"
REPEATS = {"SIGINT to the process": 10, "SIGINT to the group": 3, "SIGTERM": 3}
SIGNALS = {"SIGINT to the process": (signal.SIGINT, False, 130),
           "SIGINT to the group": (signal.SIGINT, True, 130),
           "SIGTERM": (signal.SIGTERM, False, 143)}
# phase → (engine, script, clips made before): synthesis needs clips still to make
PHASES = {"synthesis": ("espeak", SMALL, False), "synthesis (edge)": ("edge", SMALL, False),
          "early encoding": ("espeak", SAMPLE, False), "mastering": ("espeak", SMALL, True),
          "encoding": ("espeak", SMALL, True), "joining": ("espeak", SMALL, True),
          "tagging": ("espeak", SMALL, True), "sidecars": ("espeak", SMALL, True)}


def _busy() -> None:
    while True:
        pass


def _render(script: Path, folder: Path, cache: Path, engine: str, hold: str | None,
            env: dict[str, str]) -> subprocess.Popen:
    environment = {**os.environ, **env}
    if hold:
        environment["PODCAST_HOLD_AT"] = hold
    return subprocess.Popen(
        [sys.executable, "-m", "renderer", "render", str(script), "--engine", engine, "-o",
         str(folder / "out" / "episode.mp3"), "--cache-dir", str(cache), "--json",
         "--pipelined"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=environment, cwd=ROOT,
        start_new_session=True)


def _stop_once(phase: str, name: str, folder: Path, warm: dict[Path, Path],
               env: dict[str, str]) -> tuple[float, bool]:
    engine, script, made = PHASES[phase]
    number, to_group, status = SIGNALS[name]
    cache = folder / "cache"
    shutil.rmtree(cache, ignore_errors=True)
    if made:
        shutil.copytree(warm[script], cache, ignore=shutil.ignore_patterns("segments"))
    process = _render(script, folder, cache, engine, phase.split(" (")[0], env)
    assert process.stderr is not None
    for line in process.stderr:
        if line.decode(errors="replace").startswith("holding at"):
            break
    if process.poll() is not None:  # ended before it got there
        return 0.0, False
    sent = time.monotonic()
    if to_group:
        os.killpg(process.pid, number)
    else:
        process.send_signal(number)
    process.wait(60)
    took = time.monotonic() - sent
    clean = (process.returncode == status and not list(folder.rglob("*.partial")))
    return took, clean


def main() -> None:
    """Run every phase and signal under load and print the table."""
    loops = [multiprocessing.Process(target=_busy, daemon=True)
             for _ in range(os.cpu_count() or 2)]
    rows = []
    server = EdgeServer(speed=4.0)
    with tempfile.TemporaryDirectory() as name, RunningServer(server):
        folder = Path(name)
        env = {"PODCAST_EDGE_URL": server.url, "PODCAST_EDGE_BACKOFF": "0.01"}
        warm = {}
        for script in (SMALL,):
            warm[script] = folder / f"warm-{script.stem}"
            _render(script, folder, warm[script], "espeak", None, env).wait(300)
        for loop in loops:
            loop.start()
        try:
            for phase in PHASES:
                for name, repeats in REPEATS.items():
                    runs = [_stop_once(phase, name, folder, warm, env) for _ in range(repeats)]
                    times = [took for took, _ in runs]
                    rows.append([phase, name, f"{sum(c for _, c in runs)}/{repeats}",
                                 f"{median(times):.2f}", f"{max(times):.2f}"])
        finally:
            for loop in loops:
                loop.kill()
    print(f"renders held at each phase and stopped, with {len(loops)} busy loops on "
          f"{os.cpu_count()} cores")
    print(table(["phase", "signal", "clean exits", "median s", "longest s"], rows))


if __name__ == "__main__":
    main()
