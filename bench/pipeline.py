"""Encode while synthesizing: 4x the sample with espeak, and the sample through Edge.

In one run, cold caches, one run each:
- 4x the sample (bench/scale.py's script), espeak: `--pipelined` (segments encoded while
  later clips are made), `--sequential` (espeak's default), and the naive approach
  (sequential synthesis, pydub `+=`, pydub export);
- the floor: the CPU work of a render (user + system seconds of all its processes) over the
  cores — no schedule on this machine finishes sooner. Synthesis and encoding are measured
  apart: the clips alone into a fresh cache, then a render from those clips;
- the sample through the loopback Edge server (latency, audio streamed at 5x real time),
  where synthesis waits on the network and leaves the cores idle: pipelined and sequential.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

from tests.edge_server import EdgeServer, RunningServer

from .edge_parallel import LATENCY, SPEED
from .measure import ROOT, Run, python, run_measured, table
from .scale import build_script

SAMPLE = ROOT / "scripts" / "000_9b6faf332502484a.yaml"
COPIES = 4


def synthesize_only(script: Path, cache: Path) -> None:
    """Make the script's clips into `cache` and nothing else (run in a child process)."""
    from renderer.progress import Silent
    from renderer.render.plan import RenderOptions, ensure_clips, plan_render

    options = RenderOptions(engine="espeak", cache_dir=cache)
    plan = plan_render(script, options, Silent())
    ensure_clips(plan, plan.plans, options, Silent())


def _render(script: Path, folder: Path, cache: Path, *extra: str,
            env: dict[str, str] | None = None) -> tuple[Run, dict]:
    run = run_measured(python("-m", "renderer", "render", str(script), "-o",
                              str(folder / f"{script.stem}.mp3"), "--cache-dir", str(cache),
                              "--json", *extra), env=env)
    return run, json.loads(run.output[run.output.index("{"):])


def _espeak(folder: Path) -> None:
    script = build_script(COPIES, folder)
    pipelined, summary = _render(script, folder, folder / "cache-pipelined", "--engine",
                                 "espeak", "--pipelined")
    sequential, _ = _render(script, folder, folder / "cache-sequential", "--engine", "espeak",
                            "--sequential")
    clips = run_measured(python("-m", "bench.pipeline", "synthesize", str(script),
                                str(folder / "cache-apart")))
    encode, _ = _render(script, folder, folder / "cache-apart", "--engine", "espeak")
    naive = run_measured(python("-m", "bench.naive_render", str(script),
                                str(folder / "naive.mp3")))
    cores = os.cpu_count() or 1
    floor = (clips.cpu_seconds + encode.cpu_seconds) / cores
    segments = summary["segments"]
    print(f"{COPIES}x the sample ({summary['duration'] / 3600:.2f} h, {summary['turns']} turns), "
          f"espeak, cold cache, one run each; {cores} cores")
    print(table(
        ["render", "wall s", "CPU s (all processes)", "naive / render", "render / floor"],
        [[name, f"{run.seconds:.1f}", f"{run.cpu_seconds:.1f}",
          f"{naive.seconds / run.seconds:.2f}", f"{run.seconds / floor:.2f}"]
         for name, run in (("--pipelined", pipelined),
                           ("--sequential (espeak's default)", sequential), ("naive", naive))]))
    print(f"pipelined: {segments['encoded_while_synthesizing']} of {segments['total']} "
          f"segments encoded while synthesizing, {segments['encoded_again']} encoded again")
    print(f"floor: synthesis {clips.cpu_seconds:.1f} CPU s (clips alone, "
          f"{clips.seconds:.1f} s wall) + encode and the rest {encode.cpu_seconds:.1f} CPU s "
          f"(a render from those clips, {encode.seconds:.1f} s wall) = "
          f"{clips.cpu_seconds + encode.cpu_seconds:.1f} CPU s / {cores} cores = {floor:.1f} s; "
          f"naive / floor = {naive.seconds / floor:.2f} (the most any schedule could reach)")


def _edge(folder: Path) -> None:
    rows, seconds = [], []
    for name, extra in (("pipelined (edge's default)", ()), ("--sequential", ("--sequential",))):
        server = EdgeServer(latency=LATENCY, speed=SPEED)
        with RunningServer(server):
            run, summary = _render(SAMPLE, folder, folder / f"cache-edge{len(extra)}", "--engine",
                                   "edge", *extra, env={"PODCAST_EDGE_URL": server.url})
        seconds.append(run.seconds)
        timings = summary["timings"]
        after = sum(timings.get(phase, 0.0) for phase in ("mastering", "encode", "files"))
        rows.append([name, f"{run.seconds:.1f}", f"{timings['synthesis']:.1f}", f"{after:.1f}",
                     f"{run.cpu_seconds:.1f}",
                     str(summary["segments"]["encoded_while_synthesizing"])])
    print(f"\nthe sample through the loopback Edge server ({LATENCY * 1000:.0f} ms latency, "
          f"streaming at {SPEED:.0f}x real time), default --jobs, one run each")
    print(table(["render", "wall s", "synthesis s", "after the last clip s", "CPU s",
                 "segments encoded while synthesizing"], rows))
    print(f"sequential / pipelined: {seconds[1] / seconds[0]:.2f} (the synthesis time varies "
          "from run to run by more than the encode takes: compare the time after the last clip)")


def main() -> None:
    """Print the pipelined, sequential and naive figures and the floor."""
    with tempfile.TemporaryDirectory() as name:
        _espeak(Path(name))
        _edge(Path(name))


if __name__ == "__main__":
    if sys.argv[1:2] == ["synthesize"]:
        synthesize_only(Path(sys.argv[2]), Path(sys.argv[3]))
    else:
        main()
