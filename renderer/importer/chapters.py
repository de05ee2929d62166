"""Group turns into chapters by topic, with short titles from their keywords.

How it works (explainable, deterministic, offline):
1. Each turn becomes a bag of content words: jieba's words for Chinese (cut by rjieba, the
   same dictionary and the same words, ~17× faster), words for English, without stop words.
2. At every turn boundary, the words of the ~2 minutes before are compared with the ~2 minutes
   after (cosine similarity). A topic shift is a valley in that curve; its depth (how much
   lower it is than the peaks on both sides, as in TextTiling) scores the boundary.
3. Host questions are natural boundaries and score a bonus; a boundary between a question
   and its answer is penalised.
4. The best-scoring boundaries are taken, strongest first, keeping every chapter at least
   ~40 % of the average length, until there are N chapters (`--chapters N`, else one per ~5
   minutes of estimated speech).
5. A chapter's title is its two most distinctive keywords (titles.py).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import chain

import numpy as np

from ..script.estimate import chars_per_second
from ..text import has_cjk
from .titles import keyword_titles, unique_titles

_WINDOW_SECONDS = 120
_CHAPTER_SECONDS = 300
_MIN_SHARE = 0.3
_BALANCE = 0.5  # cost of a chapter half again as long (or half as long) as average: 0.125
_MAX_CANDIDATES = 400  # the best-scoring boundaries the search considers
_QUESTION_BONUS = 0.15
# a host who opens a new topic names it: many words of the turn are new to the conversation
_NOVELTY_WEIGHT = 0.3
_NOVELTY_MIN_WORDS = 4
_SPLIT_ANSWER_PENALTY = 0.5
_QUESTION = re.compile(r"[?？]")
_WORD_CHARACTER = re.compile(r"\w")
# how jieba cuts what is neither Chinese nor in its dictionary: letters and digits with a
# decimal part and a per cent sign, and the runs of other characters between them
_LATIN_PIECE = re.compile(r"([A-Za-z0-9]+(?:\.\d+)?%?)")


def _stop_words(name: str) -> frozenset[str]:
    text = (resources.files("renderer") / "data" / name).read_text(encoding="utf-8")
    return frozenset(w for w in text.split("\n") if w and not w.startswith("#"))


_STOP_ZH = _stop_words("stopwords_zh.txt")
_STOP_EN = _stop_words("stopwords_en.txt")


@dataclass
class TurnText:
    """What the chapter finder needs to know about a turn."""

    speaker: str
    text: str
    is_host: bool


@dataclass
class Chapters:
    """Chapter start indexes (into the turn list), their titles, and why each starts there."""

    starts: list[int]
    titles: list[str]
    reasons: list[str]


def split_chapters(
    turns: Sequence[TurnText], language: str, count: int | None = None,
    fixed: dict[int, str] | None = None,
) -> Chapters:
    """Choose chapter boundaries and titles for `turns`."""
    tokens = [_tokens(turn.text, language) for turn in turns]
    if fixed and count is None:
        starts = sorted({0, *fixed})
        reasons = ["start"] + ["section heading in the article"] * (len(starts) - 1)
        made = keyword_titles(tokens, starts, [t.is_host for t in turns],
                              [t.text for t in turns], language)
        titles = [fixed.get(start) or made[i] for i, start in enumerate(starts)]
        return Chapters(starts, unique_titles(titles, language), reasons)

    sizes = [max(len(turn.text), 1) for turn in turns]
    total = sum(sizes)
    rate = chars_per_second(language)
    if count is None:
        count = max(1, round(total / rate / _CHAPTER_SECONDS))
    count = max(1, min(count, len(turns), 255))
    scores = _boundary_scores(turns, tokens, sizes, rate)
    starts, reasons = _pick(scores, sizes, count)
    titles = keyword_titles(tokens, starts, [t.is_host for t in turns],
                            [t.text for t in turns], language)
    return Chapters(starts, titles, reasons)


def _tokens(text: str, language: str) -> Counter[str]:
    if language.startswith("zh"):
        import rjieba

        return Counter(chain.from_iterable(map(_topic_words, rjieba.cut(text))))
    words = [_possessor(w) for w in re.findall(r"[A-Za-z][A-Za-z'’\-]+", text)]
    return Counter(_stem(w) for w in words if w and len(w) >= 3 and w.lower() not in _STOP_EN)


@lru_cache(maxsize=1 << 16)  # a conversation says the same words again and again
def _topic_words(word: str) -> tuple[str, ...]:
    """The topic words in one of jieba's words: none for a stop word, a number or a word of
    one character (no topic word is shorter; most words are longer). rjieba keeps `DALL-E`
    or `2-3` whole where jieba cuts at `-`: what is neither Chinese nor in its dictionary is
    cut as jieba cuts it."""
    import rjieba

    if len(word) < 2:
        return ()
    pieces = ([word] if has_cjk(word) or rjieba.has_word(word)
              else [piece for piece in _LATIN_PIECE.split(word) if piece])
    return tuple(w for w in (piece.strip() for piece in pieces)
                 if len(w) >= 2 and w not in _STOP_ZH and w.lower() not in _STOP_EN
                 and _WORD_CHARACTER.search(w) and not w.isdigit())


# words whose 's is "us" or "is", not a possessive
_CONTRACTED = {"let", "it", "that", "what", "there", "here", "he", "she", "who", "where", "how"}


def _possessor(word: str) -> str | None:
    """`Omar's` → `Omar`; a contraction (`let's`, `don't`, `I'm`) is no topic word: None."""
    match = re.fullmatch(r"(.+?)['’](.*)", word)
    if match is None:
        return word
    base, rest = match.groups()
    if rest.lower() != "s" or base.lower() in _STOP_EN or base.lower() in _CONTRACTED:
        return None
    return base


def _stem(word: str) -> str:
    word = word if word.isupper() else word.lower()
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def _cosine(a: Counter[str], b: Counter[str]) -> float:
    if not a or not b:
        return 0.0
    dot = sum(count * b[word] for word, count in a.items() if word in b)
    norm = math.sqrt(sum(v * v for v in a.values())) * math.sqrt(sum(v * v for v in b.values()))
    return dot / norm if norm else 0.0


def _boundary_scores(
    turns: Sequence[TurnText], tokens: list[Counter[str]], sizes: list[int], rate: float
) -> dict[int, tuple[float, str]]:
    """Score every boundary (before turn b) by topic-shift depth, question bonus and penalty."""
    window_chars = _WINDOW_SECONDS * rate
    similarity: dict[int, float] = {}
    novelties: dict[int, float] = {}  # for a host's turn: its words new to the conversation
    windows = zip(_windows_before(tokens, sizes, window_chars),
                  _windows_after(tokens, sizes, window_chars), strict=True)
    for b, (before, after) in enumerate(windows):
        if b > 0:
            similarity[b] = _cosine(before, after)
        if turns[b].is_host:
            novelties[b] = _novelty(tokens[b], before)
    scores: dict[int, tuple[float, str]] = {}
    curve = [similarity[b] for b in range(1, len(turns))]
    depths = {
        b: (_peak(curve, position, -1) - curve[position])
        + (_peak(curve, position, 1) - curve[position])
        for position, b in enumerate(range(1, len(turns)))
    }
    for b in range(1, len(turns)):
        depth = depths[b]
        why = [f"topic shift depth {depth:.2f}"]
        if _asks(turns, b) and depths.get(b + 1, 0.0) > depth:
            # the words change with the answer, but the new topic begins with its question
            depth = depths[b + 1]
            why = [f"topic shift depth {depth:.2f} (at the answer to this question)"]
        score = depth
        opener = turns[b]
        if opener.is_host and _QUESTION.search(opener.text):
            score += _QUESTION_BONUS
            why.append("host question")
        novelty = novelties.get(b, 0.0)
        if novelty:
            score += _NOVELTY_WEIGHT * novelty
            why.append(f"the host brings up new words ({novelty:.0%})")
        if _QUESTION.search(turns[b - 1].text[-20:]) and turns[b - 1].speaker != opener.speaker:
            score -= _SPLIT_ANSWER_PENALTY
            why.append("would split a question from its answer")
        scores[b] = (score, ", ".join(why))
    return scores


def _novelty(words: Counter[str], before: Counter[str]) -> float:
    """Share of a turn's content words not heard in the minutes before it."""
    if sum(words.values()) < _NOVELTY_MIN_WORDS:
        return 0.0
    return sum(n for word, n in words.items() if word not in before) / sum(words.values())


def _asks(turns: Sequence[TurnText], index: int) -> bool:
    """Whether turn `index` is a host's question answered by someone else in the next turn."""
    return (
        index + 1 < len(turns) and turns[index].is_host
        and bool(_QUESTION.search(turns[index].text))
        and turns[index + 1].speaker != turns[index].speaker
    )


def _peak(curve: list[float], position: int, step: int, reach: int = 50) -> float:
    """Climb from `position` while the curve keeps rising (TextTiling's depth score)."""
    best = curve[position]
    index = position + step
    while 0 <= index < len(curve) and abs(index - position) <= reach and curve[index] >= best:
        best = curve[index]
        index += step
    return best


def _windows_before(tokens: list[Counter[str]], sizes: list[int], chars: float
                    ) -> Iterator[Counter[str]]:
    """For each boundary b (before turn b), the words of the turns just before it, back to
    the first that brings them to `chars` characters: one window slid along (not rebuilt),
    so each is good until the next is asked for."""
    bag: Counter[str] = Counter()
    first, taken = 0, 0
    for boundary in range(len(tokens)):
        yield bag
        bag.update(tokens[boundary])
        taken += sizes[boundary]
        while first < boundary and taken - sizes[first] >= chars:
            _remove(bag, tokens[first])
            taken -= sizes[first]
            first += 1


def _windows_after(tokens: list[Counter[str]], sizes: list[int], chars: float
                   ) -> Iterator[Counter[str]]:
    """For each boundary b, the words of turn b and those after it, up to the first that
    brings them to `chars` characters."""
    bag: Counter[str] = Counter()
    end, taken = 0, 0  # the window holds turns boundary .. end - 1
    for boundary in range(len(tokens)):
        while end < len(tokens) and (end == boundary or taken < chars):
            bag.update(tokens[end])
            taken += sizes[end]
            end += 1
        yield bag
        _remove(bag, tokens[boundary])
        taken -= sizes[boundary]


def _remove(bag: Counter[str], words: Counter[str]) -> None:
    for word, count in words.items():
        left = bag[word] - count
        if left:
            bag[word] = left
        else:
            del bag[word]


def _pick(
    scores: dict[int, tuple[float, str]], sizes: list[int], count: int
) -> tuple[list[int], list[str]]:
    """The `count - 1` boundaries with the best total: their scores, less a cost for
    chapters far from the average length; no chapter under 30 % of the average.

    Dynamic programming over the candidate boundaries in order (a greedy pick lets one
    middling boundary crowd out two good ones): best[i] after j rounds is the best total
    of j + 1 chapters of which the last starts at candidate i.
    """
    total = float(sum(sizes))
    average = total / count
    prefix = np.concatenate([[0], np.cumsum(sizes)])
    ranked = sorted((b for b in scores if 0 < b < len(sizes)), key=lambda b: -scores[b][0])
    candidates = np.array(sorted(ranked[:_MAX_CANDIDATES]), dtype=np.int64)
    if count <= 1 or not len(candidates):
        return [0], ["start"]
    position = prefix[candidates].astype(float)
    value = np.array([scores[int(b)][0] for b in candidates])

    def cost(length: np.ndarray) -> np.ndarray:
        return np.where(length >= _MIN_SHARE * average,
                        _BALANCE * ((length - average) / average) ** 2, np.inf)

    between = cost(position[None, :] - position[:, None])  # [earlier, later]
    best = value - cost(position)
    choices: list[np.ndarray] = []
    for _ in range(count - 2):
        options = best[:, None] - between
        following = options.max(axis=0) + value
        if not np.isfinite(following).any():
            break
        choices.append(options.argmax(axis=0))
        best = following
    final = best - cost(total - position)
    last = int(np.argmax(final))
    if not np.isfinite(final[last]):
        return [0], ["start"]
    chosen = [last]
    for choice in reversed(choices):
        chosen.append(int(choice[chosen[-1]]))
    starts = [0, *sorted(int(candidates[i]) for i in chosen)]
    return starts, ["start"] + [scores[s][1] for s in starts[1:]]
