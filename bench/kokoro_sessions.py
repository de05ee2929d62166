"""Kokoro on two cores: one onnxruntime session using every core against one single-thread
session per core, on the full sample, in the same run.

- before: one session with a thread per core, one turn at a time
  (`PODCAST_KOKORO_SESSIONS=1 --jobs 1`, the layout until 2026-12);
- now: a single-thread session per core, each sentence on the next free session, two turns
  at a time (the default).

Cold cache each; wall time, real-time factor (seconds of computing per second of audio),
peak memory of the render process, and whether the clips are the same, sample for sample.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from renderer.clips.cache import ClipCache

from .measure import ROOT, Run, python, run_measured, table

SAMPLE = ROOT / "scripts" / "000_9b6faf332502484a.yaml"
LAYOUTS = {
    "one session, every core (before)": ({"PODCAST_KOKORO_SESSIONS": "1"}, ["--jobs", "1"]),
    "a session per core (now)": ({}, []),
}


def _render(folder: Path, name: str, env: dict[str, str], extra: list[str]) -> tuple[Run, dict]:
    run = run_measured(python("-m", "renderer", "render", str(SAMPLE), "--engine", "kokoro",
                              "-o", str(folder / f"{name}.mp3"), "--cache-dir",
                              str(folder / name), "--json", *extra), env=env)
    return run, json.loads(run.output[run.output.index("{"):])


def main() -> None:
    """Render the sample with each layout and print the comparison."""
    rows, seconds = [], []
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        caches = []
        for number, (label, (env, extra)) in enumerate(LAYOUTS.items()):
            run, summary = _render(folder, f"cache{number}", env, extra)
            audio = summary["duration"]
            seconds.append(run.seconds)
            caches.append(ClipCache(folder / f"cache{number}"))
            rows.append([label, f"{run.seconds:.0f}", f"{audio / 60:.1f}",
                         f"{run.seconds / audio:.3f}", f"{run.peak_rss_mb:.0f}",
                         f"{run.tree_peak_mb:.0f}"])
        keys = [{p.stem for p in c.folder.glob("??/*.pcm")} for c in caches]
        same = sum(b"".join(caches[0].read_chunks(k)) == b"".join(caches[1].read_chunks(k))
                   for k in keys[0] & keys[1])
    print("the sample with kokoro, cold cache, one run each")
    print(table(["layout", "wall s", "audio min", "RTF", "peak MiB (render process)",
                 "peak MiB (all processes)"], rows))
    print(f"before / now: {seconds[0] / seconds[1]:.2f}x; clips with the same key in both: "
          f"{len(keys[0] & keys[1])} of {len(keys[0])}, identical sample for sample: {same}")


if __name__ == "__main__":
    main()
