"""Group turns into chapters by topic, with short titles from their keywords.

How it works (explainable, deterministic, offline):
1. Each turn becomes a bag of content words: jieba tokens for Chinese, words for English,
   without stop words.
2. At every turn boundary, the words of the ~2 minutes before are compared with the ~2 minutes
   after (cosine similarity). A topic shift is a valley in that curve; its depth (how much
   lower it is than the peaks on both sides, as in TextTiling) scores the boundary.
3. Host questions are natural boundaries and score a bonus; a boundary between a question
   and its answer is penalised.
4. The best-scoring boundaries are taken, strongest first, keeping every chapter at least
   ~40 % of the average length, until there are N chapters (`--chapters N`, else one per ~5
   minutes of estimated speech).
5. A chapter's title is its two most distinctive keywords (TF-IDF across the chapters,
   weighted by jieba's IDF table for Chinese), preferring words of its opening question.
"""

from __future__ import annotations

import itertools
import logging
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources

from ..estimate import chars_per_second

_WINDOW_SECONDS = 120
_CHAPTER_SECONDS = 300
_MIN_SHARE = 0.4
_QUESTION_BONUS = 0.15
_SPLIT_ANSWER_PENALTY = 0.5
_QUESTION = re.compile(r"[?？]")


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
    _quiet_jieba()
    tokens = [_tokens(turn.text, language) for turn in turns]
    if fixed and count is None:
        starts = sorted({0, *fixed})
        reasons = ["start"] + ["section heading in the article"] * (len(starts) - 1)
        titles = [
            fixed.get(start) or _titles(tokens, starts, turns, language)[i]
            for i, start in enumerate(starts)
        ]
        return Chapters(starts, titles, reasons)

    sizes = [max(len(turn.text), 1) for turn in turns]
    total = sum(sizes)
    rate = chars_per_second(language)
    if count is None:
        count = max(1, round(total / rate / _CHAPTER_SECONDS))
    count = max(1, min(count, len(turns), 255))
    scores = _boundary_scores(turns, tokens, sizes, rate)
    starts, reasons = _pick(scores, sizes, count)
    return Chapters(starts, _titles(tokens, starts, turns, language), reasons)


def _quiet_jieba() -> None:
    import jieba

    jieba.setLogLevel(logging.WARNING)


def _tokens(text: str, language: str) -> Counter[str]:
    if language.startswith("zh"):
        import jieba

        words = (w.strip() for w in jieba.lcut(text))
        return Counter(
            w for w in words
            if len(w) >= 2 and w not in _STOP_ZH and w.lower() not in _STOP_EN
            and re.search(r"\w", w) and not w.isdigit()
        )
    words = re.findall(r"[A-Za-z][A-Za-z'\-]+", text)
    return Counter(_stem(w) for w in words if len(w) >= 3 and w.lower() not in _STOP_EN)


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
    for b in range(1, len(turns)):
        similarity[b] = _cosine(_window(tokens, sizes, b, -1, window_chars),
                                _window(tokens, sizes, b, 1, window_chars))
    scores: dict[int, tuple[float, str]] = {}
    curve = [similarity[b] for b in range(1, len(turns))]
    for position, b in enumerate(range(1, len(turns))):
        depth = (_peak(curve, position, -1) - curve[position]) + (
            _peak(curve, position, 1) - curve[position]
        )
        score = depth
        why = [f"topic shift depth {depth:.2f}"]
        opener = turns[b]
        if opener.is_host and _QUESTION.search(opener.text):
            score += _QUESTION_BONUS
            why.append("host question")
        if _QUESTION.search(turns[b - 1].text[-20:]) and turns[b - 1].speaker != opener.speaker:
            score -= _SPLIT_ANSWER_PENALTY
            why.append("would split a question from its answer")
        scores[b] = (score, ", ".join(why))
    return scores


def _peak(curve: list[float], position: int, step: int, reach: int = 50) -> float:
    """Climb from `position` while the curve keeps rising (TextTiling's depth score)."""
    best = curve[position]
    index = position + step
    while 0 <= index < len(curve) and abs(index - position) <= reach and curve[index] >= best:
        best = curve[index]
        index += step
    return best


def _window(
    tokens: list[Counter[str]], sizes: list[int], boundary: int, step: int, chars: float
) -> Counter[str]:
    bag: Counter[str] = Counter()
    taken = 0
    index = boundary - 1 if step < 0 else boundary
    while 0 <= index < len(tokens) and taken < chars:
        bag.update(tokens[index])
        taken += sizes[index]
        index += step
    return bag


def _pick(
    scores: dict[int, tuple[float, str]], sizes: list[int], count: int
) -> tuple[list[int], list[str]]:
    total = sum(sizes)
    min_chars = _MIN_SHARE * total / count
    prefix = [0]
    for size in sizes:
        prefix.append(prefix[-1] + size)
    starts = [0]
    reasons = {0: "start"}
    ranked = sorted(scores, key=lambda b: (-scores[b][0], b))
    for b in ranked:
        if len(starts) >= count:
            break
        before = max(s for s in starts if s < b)
        after = min([s for s in starts if s > b], default=len(sizes))
        if prefix[b] - prefix[before] < min_chars or prefix[after] - prefix[b] < min_chars:
            continue
        starts.append(b)
        reasons[b] = scores[b][1]
    starts.sort()
    return starts, [reasons[s] for s in starts]


def _titles(
    tokens: list[Counter[str]], starts: list[int], turns: Sequence[TurnText], language: str
) -> list[str]:
    bounds = [*starts, len(tokens)]
    bags = []
    openers = []
    texts = []
    for start, end in itertools.pairwise(bounds):
        bag: Counter[str] = Counter()
        for bag_part in tokens[start:end]:
            bag.update(bag_part)
        bags.append(bag)
        opener = next((tokens[i] for i in range(start, end) if turns[i].is_host), Counter())
        openers.append(opener)
        texts.append("\n".join(turn.text for turn in turns[start:end]))
    df = Counter(word for bag in bags for word in bag)
    idf = _background_idf(language)
    titles: list[str] = []
    for bag, opener, text in zip(bags, openers, texts, strict=True):
        ranked = sorted(
            bag,
            key=lambda w: (
                -(bag[w] * idf(w) * math.log(1 + len(bags) / df[w]) * (1.5 if w in opener else 1)),
                w,
            ),
        )
        titles.append(_join_title(_keywords(ranked[:12], text, language), language))
    return _unique(titles)


def _keywords(ranked: list[str], text: str, language: str, count: int = 2) -> list[str]:
    """The top words, where two of them that the text says together become one phrase."""
    glue = "" if language.startswith("zh") else " "
    words: list[str] = []
    for word in ranked:
        if any(word.lower() in other.lower() for other in words):
            continue
        for index, other in enumerate(words):
            for phrase in (f"{other}{glue}{word}", f"{word}{glue}{other}"):
                if text.count(phrase) >= 2:
                    words[index] = phrase
                    break
            else:
                continue
            break
        else:
            words.append(word)
        if len(words) == count:
            break
    return words


def _background_idf(language: str):
    if language.startswith("zh"):
        import jieba.analyse

        table = jieba.analyse.default_tfidf
        return lambda word: table.idf_freq.get(word, table.median_idf)
    return lambda word: 1.0 + min(len(word), 12) / 6


def _join_title(words: list[str], language: str) -> str:
    if not words:
        return "对话" if language.startswith("zh") else "Conversation"
    if language.startswith("zh"):
        return "与".join(words)
    return " and ".join(w.capitalize() for w in words)


def _unique(titles: list[str]) -> list[str]:
    seen: Counter[str] = Counter()
    result = []
    for title in titles:
        seen[title] += 1
        result.append(title if seen[title] == 1 else f"{title} ({seen[title]})")
    return result
