"""Rendering the sample script with espeak: cold, warm, one-turn edit, one chapter, naive.

Every figure is the median of REPEATS runs, each in a fresh process (wall time and the
peak resident memory of that process, as wait4 reports it).
"""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

from .measure import ROOT, median, python, run_measured, table

REPEATS = 3
SAMPLE = ROOT / "scripts" / "000_9b6faf332502484a.yaml"
EDIT_FROM = "百模大战。"
EDITS = ["百模大战，真的很激烈。", "百模大战，非常激烈。", "百模大战，激烈极了。"]


def _podcast(*args: str) -> list[str]:
    return python("-m", "renderer", *args)


def main() -> None:
    """Print the table of figures."""
    rows: list[list[str]] = []
    results: dict[str, tuple[float, float]] = {}
    with tempfile.TemporaryDirectory() as folder_name:
        folder = Path(folder_name)
        script = folder / "sample.yaml"
        episode = folder / "out" / "sample.mp3"
        cache = folder / "cache"

        def render(label: str, prepare=None, expect: int | None = None) -> None:
            runs = []
            for _ in range(REPEATS):
                if prepare:
                    prepare()
                run = run_measured(_podcast("render", str(script), "--engine", "espeak", "-o",
                                            str(episode), "--cache-dir", str(cache), "--json"))
                summary = json.loads(run.output[run.output.index("{"):])
                if expect is not None:
                    assert summary["synthesized"] == expect, summary
                runs.append(run)
            results[label] = (median([r.seconds for r in runs]),
                              median([r.peak_rss_mb for r in runs]))

        def cold() -> None:
            shutil.copy(SAMPLE, script)
            shutil.rmtree(cache, ignore_errors=True)

        edits = iter(EDITS)

        def edit() -> None:
            # new words each time: one clip to synthesize, one segment to encode
            shutil.copy(SAMPLE, script)
            text = script.read_text(encoding="utf-8")
            script.write_text(text.replace(EDIT_FROM, next(edits), 1), encoding="utf-8")

        render("full render (cold cache)", cold, expect=57)
        shutil.copy(SAMPLE, script)
        render("re-render, nothing changed", expect=0)
        render("re-render after a one-turn edit", edit, expect=1)
        # export after a render of the same script, as a user would
        shutil.copy(SAMPLE, script)
        run_measured(_podcast("render", str(script), "--engine", "espeak", "-o", str(episode),
                              "--cache-dir", str(cache)))
        runs = [run_measured(_podcast("export", str(script), "--chapter", "3", "-o",
                                      str(folder / "chapter.mp3"), "--engine", "espeak",
                                      "--cache-dir", str(cache))) for _ in range(REPEATS)]
        results["export chapter 3"] = (median([r.seconds for r in runs]),
                                       median([r.peak_rss_mb for r in runs]))
        runs = [run_measured(python("-m", "bench.naive_render", str(SAMPLE),
                                    str(folder / "naive.mp3"))) for _ in range(REPEATS)]
        results["naive: sequential + pydub += + export"] = (
            median([r.seconds for r in runs]), median([r.peak_rss_mb for r in runs]))

    cold_seconds = results["full render (cold cache)"][0]
    for label, (seconds, rss) in results.items():
        rows.append([label, f"{seconds:.2f}", f"{rss:.0f}", f"{seconds / cold_seconds:.2f}"])
    print(f"sample script (57 turns, ~35 min of audio), espeak engine, median of {REPEATS}")
    print(table(["what", "seconds", "peak RSS MiB", "× full render"], rows))


if __name__ == "__main__":
    main()
