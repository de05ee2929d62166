"""Offline engines on this machine: real-time factor of kokoro and espeak on the same text,
and the full offline render of the sample with kokoro.

RTF = seconds of computing per second of audio (lower is faster; < 1 is faster than real
time). Synthesis only: model loading is reported on its own line.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from pathlib import Path

import yaml

from .measure import ROOT, median, python, run_measured, table

SAMPLE = ROOT / "scripts" / "000_9b6faf332502484a.yaml"
REPEATS = 3


def _sample_text(turns: int = 6) -> str:
    script = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    texts = [t["text"] for c in script["chapters"] for t in c["turns"]]
    return "\n".join(texts[1:1 + turns])


def main() -> None:
    """Print RTFs and the full render time."""
    from renderer.engines.espeak import EspeakEngine
    from renderer.engines.kokoro import KokoroEngine

    text = _sample_text()
    rows = []
    for engine, settings in ((KokoroEngine(), {"voice": "jm_kumo", "pitch": 1.05}),
                             (EspeakEngine(), {"voice": "cmn", "variant": "m3"})):
        start = time.perf_counter()
        engine.version()
        load = time.perf_counter() - start
        valid = engine.settings(settings)
        runs = []
        for _ in range(REPEATS):
            start = time.perf_counter()
            clip = engine.synthesize(text, valid)
            runs.append((time.perf_counter() - start, len(clip.samples) / clip.rate))
        seconds = median([r[0] for r in runs])
        audio = runs[0][1]
        rows.append([engine.name, f"{load:.2f}", f"{seconds:.2f}", f"{audio:.1f}",
                     f"{seconds / audio:.3f}", f"{audio / seconds:.1f}x"])
    print(f"{len(text)} characters of the sample, {os.cpu_count()} cores, median of {REPEATS}")
    print(table(["engine", "load s", "synthesis s", "audio s", "RTF", "speed"], rows))

    with tempfile.TemporaryDirectory() as folder:
        run = run_measured(python("-m", "renderer", "render", str(SAMPLE), "--engine", "kokoro",
                                  "-o", str(Path(folder) / "sample.mp3"), "--cache-dir",
                                  str(Path(folder) / "cache"), "--json"))
    summary = json.loads(run.output[run.output.index("{"):])
    print()
    print("full offline render of the sample with kokoro (cold cache, one run):")
    print(table(["turns", "audio minutes", "wall minutes", "overall RTF", "peak RSS MiB"],
                [[str(summary["turns"]), f"{summary['duration'] / 60:.1f}",
                  f"{run.seconds / 60:.1f}", f"{run.seconds / summary['duration']:.3f}",
                  f"{run.peak_rss_mb:.0f}"]]))


if __name__ == "__main__":
    main()
