"""How the importer does on transcripts it has not seen: leave-one-out over the corpus.

The speaker model's weights are fitted on labelled documents (`import_truth.yaml`: the
corpus in ../shared/corpus and our own fixtures). For every corpus file, the weights are
fitted again without it, the file is imported with those weights, and the corpus's own
score.py judges the result — so a weight that only helps the file it came from shows up as a
file that fails here. The same run prints how the shipped weights (fitted on everything) do.

    python -m bench.import_general          # leave-one-out and shipped figures
    python -m bench.import_general --fit    # fit on everything, write the shipped weights
"""

from __future__ import annotations

import importlib.util
import os
import sys
import tempfile
import time
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from types import ModuleType

import yaml

from renderer.importer.pipeline import speaker_candidates
from renderer.importer.sources import load_document
from renderer.importer.speaker_model import SpeakerModel, fit

from .measure import ROOT

TRUTH = Path(__file__).with_name("import_truth.yaml")
CORPUS = Path(os.environ.get("PODCAST_CORPUS") or ROOT.parent / "shared" / "corpus")
WEIGHTS = ROOT / "renderer" / "data" / "speaker_weights.json"
PODCAST = ROOT / ".venv" / "bin" / "podcast"

Sample = tuple[Mapping[str, float], bool, float]


def documents() -> dict[str, tuple[Path, set[str]]]:
    """Every labelled document: key → (path, the label names that are speakers)."""
    truth = yaml.safe_load(TRUTH.read_text(encoding="utf-8"))
    found = {f"corpus/{name}": (CORPUS / name, {str(s) for s in speakers})
             for name, speakers in truth["corpus"].items()}
    found.update({name: (ROOT / name, {str(s) for s in speakers})
                  for name, speakers in truth["ours"].items()})
    return found


def samples_by_document() -> dict[str, list[Sample]]:
    """The candidates of every document as training samples (each document weighs one)."""
    result: dict[str, list[Sample]] = {}
    for key, (path, speakers) in documents().items():
        candidates = speaker_candidates(load_document(path), str(path))
        missing = speakers - {c.name for c in candidates}
        if missing:
            raise SystemExit(f"{key}: no label named {sorted(missing)} (import_truth.yaml)")
        result[key] = [(c.features, c.name in speakers, 1 / len(candidates))
                       for c in candidates]
    return result


def fit_without(samples: dict[str, list[Sample]], left_out: str | None) -> SpeakerModel:
    """Weights fitted on every document but one."""
    return fit([s for key, items in samples.items() if key != left_out for s in items])


def _score_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("corpus_score", CORPUS / "score.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _judge(score: ModuleType, name: str, expect: dict, model: SpeakerModel,
           workdir: Path) -> list[str]:
    """score.py's verdict on one corpus file imported with `model`'s weights."""
    weights = workdir / f"{name}.weights.json"
    weights.write_text(model.to_json(), encoding="utf-8")
    wrapper = workdir / f"{name}.podcast"
    wrapper.write_text(f'#!/bin/sh\nexec "{PODCAST}" "$@" --weights "{weights}"\n',
                       encoding="utf-8")
    wrapper.chmod(0o755)
    return score.score(str(wrapper), str(CORPUS / name), expect, str(workdir))


def main(argv: list[str] | None = None) -> None:
    """Fit (with --fit) or print leave-one-out and shipped figures."""
    argv = sys.argv[1:] if argv is None else argv
    if not (CORPUS / "expect.yaml").exists():
        print(f"no corpus at {CORPUS}: set $PODCAST_CORPUS")
        return
    started = time.perf_counter()
    samples = samples_by_document()
    if "--fit" in argv:
        WEIGHTS.write_text(fit_without(samples, None).to_json(), encoding="utf-8")
        print(f"wrote {WEIGHTS.relative_to(ROOT)} from {len(samples)} documents, "
              f"{sum(len(s) for s in samples.values())} candidate labels")
        return
    score = _score_module()
    expects = yaml.safe_load((CORPUS / "expect.yaml").read_text(encoding="utf-8"))
    shipped = fit_without(samples, None)
    with tempfile.TemporaryDirectory(prefix="import-general-") as tmp:
        work = Path(tmp)

        def both(name: str) -> tuple[list[str], list[str]]:
            unseen = fit_without(samples, f"corpus/{name}")
            return (_judge(score, name, expects[name], unseen, work),
                    _judge(score, name, expects[name], shipped, work))

        with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
            verdicts = dict(zip(expects, pool.map(both, expects), strict=True))
    print(f"{'file':50s} {'unseen (leave-one-out)':32s} shipped weights")
    for name, (unseen, fitted) in verdicts.items():
        print(f"{name[:50]:50s} {_short(unseen):32s} {_short(fitted)}")
    right_unseen = sum(not unseen for unseen, _ in verdicts.values())
    right_fitted = sum(not fitted for _, fitted in verdicts.values())
    print(f"\nfiles right when unseen (weights fitted without the file): "
          f"{right_unseen}/{len(verdicts)}")
    print(f"files right with the shipped weights (fitted on all):      "
          f"{right_fitted}/{len(verdicts)}")
    print(f"({time.perf_counter() - started:.0f} s; judged by {CORPUS / 'score.py'})")


def _short(problems: list[str]) -> str:
    return "ok" if not problems else "; ".join(problems)[:60]


if __name__ == "__main__":
    main()
