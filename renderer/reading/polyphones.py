"""Which reading a polyphonic character has here: a model of the context, weighed with the
phrase dictionary, in one fitted step.

Evidence for each candidate reading of a character:

- **g2pM** (Park & Lee 2020, kakaobrain, Apache-2.0, on PyPI with its weights): a
  bidirectional LSTM over the sentence's characters, trained on the CPP benchmark's training
  split. We run its weights batched in numpy and take the softmax over the character's own
  readings only (its logits span all 876 syllables).
- **pypinyin's phrase dictionary**: the reading the character has in the dictionary word
  jieba cuts around it, and in the longest dictionary word of the sentence that covers it
  (each also when that word has three or more characters).
- how common that word is (jieba's frequency): a common word (了解) is a word, a rare
  string the segmenter made is less sure;
- the character's usual reading (pypinyin's first).

A linear score per candidate, `Σ wᵢ·xᵢ`, picks the reading; the weights are data
(`renderer/data/polyphone_weights.json`), fitted on the CPP development split by
`python -m bench.pronunciation --fit` (a conditional logit) and checked there by 5-fold
cross-validation. The softmax of the scores says how sure the choice is.
"""

from __future__ import annotations

import json
import math
import pickle
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import numpy as np

FEATURES = ("model", "word", "word_long", "cover", "cover_long", "usual", "word_common")
_BATCH = 64
_MAX_COVER = 8


@dataclass(frozen=True)
class Choice:
    """The reading chosen for one character, how sure, where from, and the others."""

    reading: str  # pinyin with a tone digit, 1–5
    confidence: float
    source: str  # "dictionary" (the phrase dictionary agrees) or "model"
    alternatives: tuple[str, ...]


@dataclass(frozen=True)
class Weights:
    """The combiner's weights, one per feature."""

    values: dict[str, float]

    def score(self, features: Sequence[float]) -> float:
        """The score of one candidate reading."""
        return sum(self.values.get(name, 0.0) * x
                   for name, x in zip(FEATURES, features, strict=True))


def load_weights() -> Weights:
    """The shipped combiner weights."""
    text = (resources.files("renderer") / "data" / "polyphone_weights.json").read_text(
        encoding="utf-8")
    return Weights({k: float(v) for k, v in json.loads(text)["weights"].items()})


class G2pM:
    """g2pM's BiLSTM, run on many sentences at once."""

    def __init__(self) -> None:
        folder = resources.files("g2pM")

        def load(name: str) -> object:
            with (folder / name).open("rb") as handle:
                return pickle.load(handle)

        self.readings: dict[str, list[str]] = load("digest_cedict.pkl")  # type: ignore[assignment]
        self.char_ids: dict[str, int] = load("char2idx.pkl")  # type: ignore[assignment]
        self.class_ids: dict[str, int] = load("class2idx.pkl")  # type: ignore[assignment]
        state: dict[str, np.ndarray] = load("np_ckpt.pkl")  # type: ignore[assignment]
        self.embedding = state["embedding.weight"]
        self.forward_weights = (state["lstm.weight_ih_l0"], state["lstm.weight_hh_l0"],
                                state["lstm.bias_ih_l0"] + state["lstm.bias_hh_l0"])
        self.backward_weights = (state["lstm.weight_ih_l0_reverse"],
                                 state["lstm.weight_hh_l0_reverse"],
                                 state["lstm.bias_ih_l0_reverse"]
                                 + state["lstm.bias_hh_l0_reverse"])
        self.hidden = (state["logit_layer.0.weight"], state["logit_layer.0.bias"])
        self.output = (state["logit_layer.2.weight"], state["logit_layer.2.bias"])
        self.unknown = self.char_ids["<UNK>"]
        self.begin, self.end = self.char_ids["시"], self.char_ids["끝"]  # g2pM's BOS, EOS

    def polyphonic(self, char: str) -> bool:
        """Whether g2pM knows several readings for `char`."""
        return len(self.readings.get(char, ())) > 1

    def probabilities(self, sentence: str, positions: list[int]) -> list[dict[str, float]]:
        """For each position, the probability of each of its character's readings."""
        return self.batch([(sentence, positions)])[0]

    def batch(self, items: Sequence[tuple[str, list[int]]]) -> list[list[dict[str, float]]]:
        """`probabilities` for many sentences, computed together."""
        results: list[list[dict[str, float]]] = [[] for _ in items]
        order = sorted(range(len(items)), key=lambda i: len(items[i][0]))
        for start in range(0, len(order), _BATCH):
            chunk = [i for i in order[start:start + _BATCH] if items[i][1]]
            if not chunk:
                continue
            states = self._states([items[i][0] for i in chunk])
            for row, index in enumerate(chunk):
                sentence, positions = items[index]
                hidden = states[row, [p + 1 for p in positions]]  # +1: the begin mark
                logits = self._logits(hidden)
                results[index] = [self._softmax(logits[k], sentence[p])
                                  for k, p in enumerate(positions)]
        return results

    def _states(self, sentences: list[str]) -> np.ndarray:
        ids = [[self.begin, *(self.char_ids.get(ch, self.unknown) for ch in s), self.end]
               for s in sentences]
        lengths = [len(x) for x in ids]
        width = max(lengths)
        forward = np.zeros((len(ids), width), np.int64)
        backward = np.zeros((len(ids), width), np.int64)
        for row, sequence in enumerate(ids):
            forward[row, :len(sequence)] = sequence
            backward[row, :len(sequence)] = sequence[::-1]
        ahead = self._lstm(self.embedding[forward], self.forward_weights)
        behind = self._lstm(self.embedding[backward], self.backward_weights)
        for row, length in enumerate(lengths):  # put the backward states back in order
            behind[row, :length] = behind[row, :length][::-1]
        return np.concatenate([ahead, behind], axis=2)

    @staticmethod
    def _lstm(inputs: np.ndarray, weights: tuple[np.ndarray, ...]) -> np.ndarray:
        w_ih, w_hh, bias = weights
        size = w_hh.shape[1]
        projected = inputs @ w_ih.T + bias  # every step's input part at once
        h = np.zeros((inputs.shape[0], size))
        c = np.zeros_like(h)
        out = np.empty((inputs.shape[0], inputs.shape[1], size))
        for step in range(inputs.shape[1]):
            gates = projected[:, step] + h @ w_hh.T
            i, f = _sigmoid(gates[:, :size]), _sigmoid(gates[:, size:2 * size])
            g, o = np.tanh(gates[:, 2 * size:3 * size]), _sigmoid(gates[:, 3 * size:])
            c = f * c + i * g
            h = o * np.tanh(c)
            out[:, step] = h
        return out

    def _logits(self, hidden: np.ndarray) -> np.ndarray:
        layer = np.maximum(hidden @ self.hidden[0].T + self.hidden[1], 0.0)
        logits: np.ndarray = layer @ self.output[0].T + self.output[1]
        return logits

    def _softmax(self, logits: np.ndarray, char: str) -> dict[str, float]:
        readings = [r for r in self.readings.get(char, []) if r in self.class_ids]
        if not readings:
            return {}
        values = np.array([logits[self.class_ids[r]] for r in readings])
        values = np.exp(values - values.max())
        values /= values.sum()
        return dict(zip(readings, (float(v) for v in values), strict=True))


def _sigmoid(x: np.ndarray) -> np.ndarray:
    result: np.ndarray = 1.0 / (1.0 + np.exp(-x))
    return result


@cache
def model() -> G2pM:
    """The g2pM model of this process, loaded once."""
    return G2pM()


def candidate_features(char: str, reading: str, probability: float, word: tuple[str, int],
                       cover: tuple[str, int] | None) -> list[float]:
    """The evidence for `reading` of `char`: the model's probability, the dictionary's word
    around it (jieba's, and the longest that covers it), and the usual reading."""
    in_word = phrase_reading(*word)
    in_cover = phrase_reading(*cover) if cover else None
    return [
        math.log(probability + 1e-9),
        float(in_word == reading),
        float(in_word == reading and len(word[0]) >= 3),
        float(in_cover == reading),
        float(in_cover == reading and cover is not None and len(cover[0]) >= 3),
        float(usual_reading(char) == reading),
        _commonness(word[0]) if in_word == reading else 0.0,
    ]


def _commonness(word: str) -> float:
    """About 0 for a rare string, 1 for a word used a million times (jieba's counts)."""
    import jieba

    jieba.dt.check_initialized()
    return math.log10(jieba.dt.FREQ.get(word, 0) + 1) / 6 if len(word) > 1 else 0.0


def choose(char: str, probabilities: dict[str, float], word: tuple[str, int],
           cover: tuple[str, int] | None, weights: Weights) -> Choice:
    """The reading of a polyphonic `char` at this place, with its confidence and source."""
    readings = list(probabilities)
    scores = [weights.score(candidate_features(char, r, probabilities[r], word, cover))
              for r in readings]
    top = max(scores)
    exp = [math.exp(s - top) for s in scores]
    best = int(np.argmax(scores))
    reading = readings[best]
    dictionary = phrase_reading(*word) == reading or (
        cover is not None and phrase_reading(*cover) == reading)
    return Choice(reading, exp[best] / sum(exp), "dictionary" if dictionary else "model",
                  tuple(r for r in readings if r != reading))


def longest_cover(sentence: str, index: int) -> tuple[str, int] | None:
    """The longest dictionary word of `sentence` that covers position `index`."""
    phrases = _phrases()
    for length in range(_MAX_COVER, 1, -1):
        for start in range(max(0, index - length + 1), min(index, len(sentence) - length) + 1):
            word = sentence[start:start + length]
            if word in phrases:
                return word, index - start
    return None


def phrase_reading(word: str, index: int) -> str | None:
    """The reading pypinyin's phrase dictionary gives the `index`th character of `word`."""
    if len(word) < 2:
        return None
    readings = _phrases().get(word)
    if not readings or len(readings) != len(word):
        return None
    return tone3(readings[index][0])


@cache
def usual_reading(char: str) -> str | None:
    """A character's first (most common) reading in pypinyin."""
    readings = _pypinyin().constants.PINYIN_DICT.get(ord(char))
    return tone3(readings.split(",")[0]) if readings else None


@cache
def tone3(marked: str) -> str:
    """`háng` → `hang2`, `lǜ` → `lu:4` (CC-CEDICT's and the CPP benchmark's ü); a neutral
    tone is 5."""
    plain = _pypinyin().contrib.tone_convert.to_tone3(marked, neutral_tone_with_five=True)
    return normal(plain if plain[-1:].isdigit() else plain + "5")


def normal(syllable: str) -> str:
    """One spelling of ü: `lv4`, `lü4` and `lu:4` are all `lu:4`."""
    return syllable.replace("ü", "u:").replace("v", "u:")


def _phrases() -> dict[str, list[list[str]]]:
    phrases: dict[str, list[list[str]]] = _pypinyin().constants.PHRASES_DICT
    return phrases


_IMPORTING = threading.Lock()
_imported: Any = None


def _pypinyin() -> Any:
    """pypinyin, imported by one thread at a time: its modules import each other, and two
    threads importing two of them at once (two turns read side by side, the first time) can
    see a half-made module and fail with ImportError."""
    global _imported
    if _imported is None:
        with _IMPORTING:
            import pypinyin.constants
            import pypinyin.contrib.tone_convert

            _imported = pypinyin
    return _imported
