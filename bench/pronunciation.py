"""Polyphones: how often each way of reading Chinese picks the right reading, and how fast.

Data: the CPP benchmark's development split (`../shared/pronunciation/cpp-dev.*`, 9,893
sentences with one marked polyphonic character each). Its test split is kept aside for
checking, so everything here is tuned on dev only; the combination's weights are fitted on
dev and their accuracy is reported by 5-fold cross-validation (weights fitted without the
fold scored) beside the in-sample figure.

Options weighed, in one run:
- jieba words + pypinyin (what misaki's Mandarin front end and the renderer did before);
- g2pM alone (its BiLSTM, the argmax over the character's own readings);
- pypinyin's phrase dictionary where it has the word, else g2pM;
- the fitted combination (g2pM's probability, the phrase dictionary, the usual reading);
- the whole front end: `podcast pronounce --lines` on the dev sentences, timed.

    python -m bench.pronunciation          # the figures
    python -m bench.pronunciation --fit    # fit the combination, write the shipped weights
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from renderer.reading.polyphones import (
    FEATURES,
    candidate_features,
    longest_cover,
    model,
    phrase_reading,
    tone3,
)

from .measure import ROOT

DATA = ROOT.parent / "shared" / "pronunciation"
WEIGHTS = ROOT / "renderer" / "data" / "polyphone_weights.json"
MARK = "\u2581"
_FOLDS = 5
_L2 = 0.1

Item = tuple[str, int, str]  # sentence, position of the marked character, its reading


def dev_items() -> list[Item]:
    """The dev split: (sentence without marks, position of the marked character, reading)."""
    sentences = (DATA / "cpp-dev.sent").read_text(encoding="utf-8").split("\n")
    labels = (DATA / "cpp-dev.lb").read_text(encoding="utf-8").split("\n")
    return [(s.replace(MARK, ""), s.index(MARK), label.strip())
            for s, label in zip(sentences, labels, strict=False) if s.strip()]


def _word_at(sentence: str, index: int) -> tuple[str, int]:
    import jieba

    position = 0
    for word in jieba.lcut(sentence):
        if position <= index < position + len(word):
            return word, index - position
        position += len(word)
    return sentence[index], 0


def candidate_rows(items: list[Item]) -> list[tuple[np.ndarray, int, list[str]]]:
    """Every item's candidate readings as feature rows, and which one is right."""
    probabilities = model().batch([(s, [i]) for s, i, _ in items])
    rows = []
    for (sentence, index, label), found in zip(items, probabilities, strict=True):
        probability = found[0] if found else {}
        readings = list(probability)
        word, cover = _word_at(sentence, index), longest_cover(sentence, index)
        features = np.array([candidate_features(sentence[index], r, probability[r], word,
                                                cover) for r in readings])
        rows.append((features, readings.index(label) if label in readings else -1, readings))
    return rows


def fit(rows: list[tuple[np.ndarray, int, list[str]]], l2: float = _L2) -> np.ndarray:
    """Weights of the conditional logit: the right reading scores highest."""
    from scipy.optimize import minimize

    usable = [(x, y) for x, y, _ in rows if y >= 0 and len(x) > 1]

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        total, grad = 0.0, np.zeros_like(w)
        for x, y in usable:
            s = x @ w
            p = np.exp(s - s.max())
            p /= p.sum()
            total -= float(np.log(p[y] + 1e-12))
            grad -= x[y] - p @ x
        return total + l2 * float(w @ w), grad + 2 * l2 * w

    start = np.zeros(len(FEATURES))
    start[0] = 1.0
    return minimize(loss, start, jac=True, method="L-BFGS-B").x


def accuracy(rows: list[tuple[np.ndarray, int, list[str]]], w: np.ndarray) -> float:
    """Share of items whose right reading scores highest."""
    return float(np.mean([len(x) > 0 and int(np.argmax(x @ w)) == y for x, y, _ in rows]))


def cross_validated(rows: list[tuple[np.ndarray, int, list[str]]]) -> float:
    """Accuracy with weights fitted without the fold scored (5 folds, fixed seed)."""
    order = np.random.default_rng(0).permutation(len(rows))
    right = 0
    for fold in np.array_split(order, _FOLDS):
        held = set(fold.tolist())
        w = fit([r for i, r in enumerate(rows) if i not in held])
        right += sum(len(rows[i][0]) > 0 and int(np.argmax(rows[i][0] @ w)) == rows[i][1]
                     for i in fold)
    return right / len(rows)


def jieba_pypinyin(items: list[Item]) -> float:
    """The old way: jieba words, each read by pypinyin."""
    from pypinyin import Style, pinyin

    right = 0
    for sentence, index, label in items:
        word, offset = _word_at(sentence, index)
        reading = pinyin(word, style=Style.TONE3, neutral_tone_with_five=True)[offset][0]
        right += tone3(reading) == label
    return right / len(items)


def phrase_then_model(items: list[Item],
                      rows: list[tuple[np.ndarray, int, list[str]]]) -> float:
    """pypinyin's phrase dictionary where it has jieba's word, else g2pM."""
    right = 0
    for (sentence, index, label), (x, _, readings) in zip(items, rows, strict=True):
        reading = phrase_reading(*_word_at(sentence, index))
        if reading is None and len(x):
            reading = readings[int(np.argmax(x[:, 0]))]
        right += reading == label
    return right / len(items)


def pronounce_lines(items: list[Item]) -> tuple[float, float]:
    """`podcast pronounce --lines FILE --json` on the dev sentences: (seconds, accuracy)."""
    with tempfile.TemporaryDirectory() as tmp:
        lines = Path(tmp) / "dev.txt"
        lines.write_text("\n".join(s for s, _, _ in items) + "\n", encoding="utf-8")
        started = time.perf_counter()
        done = subprocess.run([str(ROOT / ".venv" / "bin" / "podcast"), "pronounce", "--lines",
                               str(lines), "--json"], capture_output=True, text=True,
                              check=True)
        seconds = time.perf_counter() - started
    right = 0
    for (sentence, index, label), line in zip(items, done.stdout.splitlines(), strict=True):
        position = 0
        for token in json.loads(line):
            if position <= index < position + len(token["text"]) and "pinyin" in token:
                right += token["pinyin"][index - position] == label
            position += len(token["text"])
        assert position == len(sentence)
    return seconds, right / len(items)


def main(argv: list[str] | None = None) -> None:
    """Print the figures (or, with --fit, write the shipped weights)."""
    argv = sys.argv[1:] if argv is None else argv
    if not (DATA / "cpp-dev.sent").exists():
        print(f"no CPP data at {DATA}")
        return
    items = dev_items()
    started = time.perf_counter()
    rows = candidate_rows(items)
    features_seconds = time.perf_counter() - started
    if "--fit" in argv:
        w = fit(rows)
        WEIGHTS.write_text(json.dumps({"weights": {n: round(float(v), 4) for n, v in
                                                    zip(FEATURES, w, strict=True)}},
                                      indent=2) + "\n", encoding="utf-8")
        print(f"wrote {WEIGHTS.relative_to(ROOT)} from {len(rows)} dev sentences")
        return
    model_only = np.zeros(len(FEATURES))
    model_only[0] = 1.0
    shipped = json.loads(WEIGHTS.read_text(encoding="utf-8"))["weights"]
    w = np.array([shipped[n] for n in FEATURES])
    print(f"CPP dev split: {len(items)} sentences, one marked polyphone each\n")
    print("| reading | accuracy |")
    print("|---------|----------|")
    print(f"| jieba words + pypinyin (before) | {jieba_pypinyin(items):.2%} |")
    print(f"| g2pM alone | {accuracy(rows, model_only):.2%} |")
    print(f"| phrase dictionary, else g2pM | {phrase_then_model(items, rows):.2%} |")
    print(f"| combination, 5-fold cross-validated | {cross_validated(rows):.2%} |")
    print(f"| combination, shipped weights (fitted on all of dev) | {accuracy(rows, w):.2%} |")
    print(f"\nevidence for all {len(items)} sentences: {features_seconds:.1f} s")
    seconds, right = pronounce_lines(items)
    print(f"`podcast pronounce --lines` on the dev sentences: {seconds:.1f} s "
          f"({len(items) / seconds:.0f} sentences/s), accuracy {right:.2%}")
    new, old, count = front_end_cost()
    print(f"Kokoro's front end on the sample's {count} sentences: {new:.1f} s "
          f"(before: misaki's jieba + pypinyin, {old:.1f} s)")


def front_end_cost() -> tuple[float, float, int]:
    """Seconds to make Kokoro's phonemes for every sentence of the sample: the reading front
    end, and misaki's legacy Mandarin front end it replaced (both warmed up first)."""
    from misaki.zh import ZHG2P

    from renderer.engines.kokoro_g2p import phonemes_many
    from renderer.reading.lexicon import spoken_form
    from renderer.script.model import load
    from renderer.text import has_speakable, split_sentences

    script = load(ROOT / "scripts" / "000_9b6faf332502484a.yaml")
    turns = [[s.strip() for s in split_sentences(spoken_form(t.text, script.lexicon, "kokoro"))
              if has_speakable(s)] for _, t in script.turns()]
    legacy = ZHG2P()
    phonemes_many(turns[0])
    legacy(turns[0][0])
    started = time.perf_counter()
    for sentences in turns:
        phonemes_many(sentences)
    new = time.perf_counter() - started
    started = time.perf_counter()
    for sentences in turns:
        for sentence in sentences:
            legacy(sentence)
    return new, time.perf_counter() - started, sum(len(t) for t in turns)


if __name__ == "__main__":
    main()
