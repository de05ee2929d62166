"""Scale: the sample at 1x, 4x and 16x its length (16x is about 9 hours), espeak engine.

Each size is a synthetic script made from the sample's chapters repeated, every turn marked
with its repetition so no clip is shared. Measured in one run:
- wall time, peak memory (largest process, and the whole process tree), time per audio hour,
  and the render's own phase timings: what is neither synthesis nor the one encode, as a
  share of the encode;
- at 16x: re-render after a one-turn edit and exporting one chapter, against the full render;
- the naive approach (sequential synthesis, pydub `+=`, export) at 1x and 4x.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import yaml

from .measure import ROOT, Run, median, python, run_measured, table

SAMPLE = ROOT / "scripts" / "000_9b6faf332502484a.yaml"
SIZES = (1, 4, 16)
EDITS = ("，真激烈", "，很热闹", "，不好打")  # three one-turn edits at 16x
EXPORTS = 5  # chapter exports at 16x, one after another
NAIVE_SIZES = (1, 4)


def build_script(copies: int, folder: Path) -> Path:
    """The sample repeated `copies` times, each turn of copy k marked （第k遍）."""
    data = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    chapters = []
    for copy in range(copies):
        for chapter in data["chapters"]:
            turns = [{**turn, "id": f"{turn['id']}-{copy}",
                      "text": turn["text"] + (f"（第{copy + 1}遍）" if copy else "")}
                     for turn in chapter["turns"]]
            chapters.append({"title": f"{chapter['title']} {copy + 1}", "turns": turns})
    data["chapters"] = chapters[:255]  # ID3 holds at most 255 chapters
    path = folder / f"sample-x{copies}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _render(script: Path, folder: Path, *extra: str) -> tuple[Run, dict]:
    # a cache of its own per size: copy 1 of every size says what the sample says
    run = run_measured(python("-m", "renderer", "render", str(script), "--engine", "espeak",
                              "-o", str(folder / f"{script.stem}.mp3"), "--cache-dir",
                              str(folder / f"cache-{script.stem}"), "--json", *extra))
    return run, json.loads(run.output[run.output.index("{"):])


def main() -> None:
    """Print the scale table, the regeneration and export figures, and the naive ratios."""
    rows, figures = [], {}
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        for copies in SIZES:
            script = build_script(copies, folder)
            run, summary = _render(script, folder)
            timings = summary["timings"]
            other = run.seconds - timings["synthesis"] - timings["encode"]
            hours = summary["duration"] / 3600
            figures[copies] = (run, summary, script)
            rows.append([f"{copies}x", str(summary["turns"]), f"{hours:.2f}",
                         f"{run.seconds:.1f}", f"{run.seconds / figures[1][0].seconds:.2f}",
                         f"{run.seconds / hours:.0f}", f"{timings['synthesis']:.1f}",
                         f"{timings['encode']:.1f}", f"{other:.1f}",
                         f"{100 * other / timings['encode']:.1f}%",
                         f"{run.peak_rss_mb:.0f}", f"{run.tree_peak_mb:.0f}"])
        print("render with espeak, cold cache, one run per size "
              "(other = wall − synthesis − encode, start-up included)")
        print(table(["size", "turns", "audio h", "wall s", "× 1x", "s per audio h",
                     "synthesis s", "encode s", "other s", "other / encode",
                     "peak RSS MiB (largest process)", "peak MiB (all processes)"], rows))

        _, summary, script = figures[16]
        whole = figures[16][0].seconds
        edits = []
        for word in EDITS:  # a new word each time: one turn to synthesize, one segment
            text = script.read_text(encoding="utf-8").replace("百模大战", f"百模大战{word}", 1)
            script.write_text(text, encoding="utf-8")
            run, edited = _render(script, folder)
            assert edited["synthesized"] == 1, edited
            edits.append((run, edited))
        run, edited = sorted(edits, key=lambda pair: pair[0].seconds)[len(edits) // 2]
        segments = edited["segments"]
        print()
        print(f"16x, re-render after a one-turn edit (median of {len(edits)}: "
              f"{', '.join(f'{r.seconds:.1f}' for r, _ in edits)} s): {run.seconds:.1f} s wall = "
              f"{100 * run.seconds / whole:.1f}% of the full render ({whole:.1f} s); 1 turn "
              f"synthesized, {segments['encoded']} of {segments['total']} MP3 segments encoded, "
              f"encode phase {edited['timings']['encode']:.1f} s, peak "
              f"{run.tree_peak_mb:.0f} MiB (all processes)")
        chapter = summary["chapters"][2]
        share = (chapter["end"] - chapter["start"]) / summary["duration"]
        exports = [run_measured(python(
            "-m", "renderer", "export", str(script), "--chapter", "3", "-o",
            str(folder / "chapter.mp3"), "--engine", "espeak", "--cache-dir",
            str(folder / f"cache-{script.stem}"))).seconds for _ in range(EXPORTS)]
        print(f"16x, export chapter 3 ({chapter['end'] - chapter['start']:.0f} s, "
              f"{100 * share:.2f}% of the episode): median {median(exports):.2f} s wall of "
              f"{EXPORTS} ({', '.join(f'{s:.2f}' for s in exports)}) "
              f"= {100 * median(exports) / whole:.2f}% of the full render")

        rows = []
        for copies in NAIVE_SIZES:
            script = figures[copies][2]
            naive = run_measured(python("-m", "bench.naive_render", str(script),
                                        str(folder / "naive.mp3")))
            ours = figures[copies][0]
            rows.append([f"{copies}x", f"{naive.seconds:.1f}", f"{ours.seconds:.1f}",
                         f"{naive.seconds / ours.seconds:.2f}", f"{naive.peak_rss_mb:.0f}",
                         f"{ours.tree_peak_mb:.0f}"])
        print()
        print("naive (sequential espeak, pydub +=, pydub export) against the render above")
        print(table(["size", "naive s", "render s", "naive / render", "naive peak MiB",
                     "render peak MiB (all processes)"], rows))


if __name__ == "__main__":
    main()
