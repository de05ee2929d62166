"""Text → tokens with readings, the one Mandarin front end of every engine that takes phonemes.

    normalization (numbers) → words (jieba) → readings: the dictionary where a character has
    one, else the polyphone step (g2pM weighed with the phrase dictionary) → the script's
    lexicon (overrides in the spoken text) → tone sandhi → the engine's phonemes

Latin-script words become their spoken form (`latin`). A token keeps the exact text it
covers, so the tokens of a sentence join to exactly that sentence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from ..text import cjk_ratio, is_cjk
from . import latin, sandhi
from .lexicon import OVERRIDE, plain
from .numbers import NUMBER, spoken_number
from .polyphones import (
    Weights,
    choose,
    load_weights,
    longest_cover,
    model,
    normal,
    usual_reading,
)

_SYLLABLE = re.compile(r"^[a-z:]+[1-5]$")
# a run of Latin words (a phrase in another script reads as one), or a number
_PIECES = re.compile(rf"(?P<latin>{latin.LATIN_WORD.pattern}(?:[ \t]+{latin.LATIN_WORD.pattern})*)"
                     rf"|(?P<number>{NUMBER.pattern})")


@dataclass
class Polyphone:
    """The choice made for one polyphonic character of a token."""

    index: int  # the character's place in the token's text
    reading: str
    confidence: float
    source: str  # dictionary, model, lexicon
    alternatives: tuple[str, ...] = ()


@dataclass
class Token:
    """A piece of text and how it is read."""

    text: str
    kind: str  # chinese, latin, number, other
    pinyin: list[str] | None = None  # chinese: one dictionary reading per character
    say: str | None = None  # latin: spoken units; number: the Chinese words said
    source: str | None = None  # dictionary, model, lexicon, rule, table
    polyphones: list[Polyphone] = field(default_factory=list)
    spoken: list[str] | None = None  # readings after tone sandhi (chinese, number)
    ipa: str | None = None  # a lexicon's phonemes for the token (Kokoro)

    def as_json(self) -> dict[str, Any]:
        """The token as `podcast pronounce --json` prints it."""
        data: dict[str, Any] = {"text": self.text}
        if self.pinyin is not None and self.kind == "chinese":
            data["pinyin"] = self.pinyin
        if self.say is not None:
            data["say"] = self.say
        if self.source is not None:
            data["source"] = self.source
        if self.ipa is not None:
            data["ipa"] = self.ipa
        if self.polyphones:
            data["polyphones"] = [{"index": p.index, "pinyin": p.reading,
                                   "confidence": round(p.confidence, 3), "source": p.source,
                                   "alternatives": list(p.alternatives)}
                                  for p in self.polyphones]
        return data


def read(text: str, weights: Weights | None = None) -> list[Token]:
    """The tokens of one sentence (or line) with their readings."""
    return read_many([text], weights)[0]


def read_many(texts: Sequence[str], weights: Weights | None = None) -> list[list[Token]]:
    """`read` for many sentences; the polyphone model runs on them together."""
    weights = weights or _weights()
    drafts = [_tokens(text) for text in texts]
    requests = []
    for tokens in drafts:
        sentence = "".join(t.text for t in tokens)
        positions = [offset + i for offset, token in _offsets(tokens)
                     if token.kind == "chinese" and token.source != "lexicon"
                     for i, ch in enumerate(token.text) if model().polyphonic(ch)]
        requests.append((sentence, positions))
    found = model().batch(requests)
    for tokens, (sentence, positions), probabilities in zip(drafts, requests, found,
                                                            strict=True):
        chosen = dict(zip(positions, probabilities, strict=True))
        for offset, token in _offsets(tokens):
            if token.kind == "chinese" and token.source != "lexicon":
                _choose(token, offset, sentence, chosen, weights)
        _modal_dei(tokens)
        _sandhi(tokens)
    return drafts


def chinese(text: str) -> bool:
    """Whether a sentence is read as Chinese (mostly Chinese characters)."""
    return cjk_ratio(plain(text)) >= 0.3


def _tokens(text: str) -> list[Token]:
    """Split a sentence into tokens: overrides, Chinese words, Latin words, numbers, other."""
    tokens: list[Token] = []
    position = 0
    capitals = not latin.shouted(plain(text))
    for match in OVERRIDE.finditer(text):
        tokens += _plain_tokens(text[position:match.start()], text[match.start():], capitals)
        word, kind, value = match.group(1), match.group(2), match.group(3).strip()
        tokens.append(_override(word, kind, value))
        position = match.end()
    tokens += _plain_tokens(text[position:], "", capitals)
    return tokens


def _override(word: str, kind: str, value: str) -> Token:
    if kind == "say":  # a spoken form, shown by `pronounce` (engines get the words said)
        return Token(word, "other", say=value, source="lexicon")
    if kind == "ipa":
        return Token(word, "latin" if not any(is_cjk(c) for c in word) else "chinese",
                     source="lexicon", ipa=value)
    readings = [normal(r) for r in value.split()]
    return Token(word, "chinese", pinyin=readings, source="lexicon",
                 polyphones=[Polyphone(i, r, 1.0, "lexicon")
                             for i, (ch, r) in enumerate(zip(word, readings, strict=False))
                             if model().polyphonic(ch)])


def _plain_tokens(text: str, following: str, capitals: bool = True) -> list[Token]:
    tokens: list[Token] = []
    position = 0
    for match in _PIECES.finditer(text):
        tokens += _chinese_or_other(text[position:match.start()])
        piece = match.group(0)
        if match.group("latin"):
            said = [latin.say(word, capitals=capitals) for word in piece.split()]
            source = next((s for _, s in said if s != "rule"), "rule")
            tokens.append(Token(piece, "latin", say=" ".join(s for s, _ in said), source=source))
        else:
            after = (text[match.end():] or following)[:1]
            tokens.append(Token(piece, "number", say=spoken_number(piece, after), source="rule"))
        position = match.end()
    tokens += _chinese_or_other(text[position:])
    return tokens


def _chinese_or_other(text: str) -> list[Token]:
    if not text:
        return []
    tokens: list[Token] = []
    for run in re.finditer(r"[\u3400-\u9fff\uf900-\ufaff]+|[^\u3400-\u9fff\uf900-\ufaff]+", text):
        piece = run.group(0)
        if is_cjk(piece[0]):
            for word in _words(piece):
                tokens += _known(word)
        else:
            tokens.append(Token(piece, "other"))
    return tokens


def _known(word: str) -> list[Token]:
    """A Chinese word as a token; characters no dictionary can read are left unsaid."""
    if all(_single_reading(ch) for ch in word):
        return [Token(word, "chinese")]
    return [Token(ch, "chinese" if _single_reading(ch) else "other") for ch in word]


def _words(text: str) -> list[str]:
    import jieba

    _jieba()
    words: list[str] = jieba.lcut(text)
    return words


@cache
def _jieba() -> None:
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.dt.check_initialized()


@cache
def _weights() -> Weights:
    return load_weights()


def _offsets(tokens: list[Token]) -> list[tuple[int, Token]]:
    result, offset = [], 0
    for token in tokens:
        result.append((offset, token))
        offset += len(token.text)
    return result


def _choose(token: Token, offset: int, sentence: str, chosen: dict[int, dict[str, float]],
            weights: Weights) -> None:
    """Every character's reading: the dictionary's when it has one, the polyphone step's."""
    readings: list[str] = []
    polyphones: list[Polyphone] = []
    for i, ch in enumerate(token.text):
        probabilities = chosen.get(offset + i)
        if probabilities:
            choice = choose(ch, probabilities, (token.text, i),
                            longest_cover(sentence, offset + i), weights)
            readings.append(choice.reading)
            polyphones.append(Polyphone(i, choice.reading, choice.confidence, choice.source,
                                        choice.alternatives))
        else:
            readings.append(_single_reading(ch))
    token.pinyin = readings
    token.polyphones = polyphones
    token.source = "model" if any(p.source == "model" for p in polyphones) else "dictionary"


@cache
def _single_reading(ch: str) -> str:
    """The reading of a character that has one (or, unknown to g2pM, pypinyin's first);
    "" when neither knows the character."""
    known = model().readings.get(ch)
    if known and _SYLLABLE.match(known[0]):
        return known[0]
    usual = usual_reading(ch)
    return usual if usual and _SYLLABLE.match(usual) else ""


# the words before a modal 得 ("must"): pronouns, nouns, time words, adverbs, conjunctions
_SUBJECT_TAGS = ("r", "n", "t", "d", "c")


def _modal_dei(tokens: list[Token]) -> None:
    """得 standing alone, read from the words around it — spoken Chinese the model, trained
    on written text, rarely met: after a verb or adjective it marks a complement, de5
    (跑得快); between a subject (a time, an adverb) and a verb it is the modal "must", dei3
    (我明天得去, 我们得走了)."""
    words = [(i, t) for i, t in enumerate(tokens) if t.kind == "chinese"]
    for k, (place, token) in enumerate(words):
        if token.text != "得" or token.source == "lexicon" or not 0 < k < len(words) - 1:
            continue
        (before_at, before), (after_at, after) = words[k - 1], words[k + 1]
        if before_at != place - 1:
            continue
        reading = None
        if _tag(before.text).startswith(("v", "a")):
            reading = "de5"
        elif (after_at == place + 1 and _tag(before.text).startswith(_SUBJECT_TAGS)
              and _tag(after.text).startswith(("v", "d", "a"))):
            reading = "dei3"
        if reading:
            token.pinyin = [reading]
            token.source = "rule"
            others = tuple(r for r in ("de2", "de5", "dei3") if r != reading)
            token.polyphones = [Polyphone(0, reading, 0.8, "rule", others)]


def _tag(word: str) -> str:
    """jieba's part of speech of a word (of its first character, if the word is unknown)."""
    tags = _tags()
    return tags.get(word) or tags.get(word[:1]) or ""


@cache
def _tags() -> dict[str, str]:
    import jieba.posseg

    _jieba()
    if not jieba.posseg.dt.word_tag_tab:
        jieba.posseg.dt.load_word_tag(jieba.posseg.dt.tokenizer.get_dict_file())
    tags: dict[str, str] = jieba.posseg.dt.word_tag_tab
    return tags


def _sandhi(tokens: list[Token]) -> None:
    """Tone sandhi over the Chinese words (and numbers said in Chinese) of a sentence."""
    units: list[Token] = []
    for token in tokens:
        if token.kind == "number" and token.say:
            token.pinyin = [_single_reading(ch) for ch in token.say]
            units.append(token)
        elif token.kind == "chinese" and token.pinyin is not None and token.ipa is None:
            units.append(token)
        elif token.kind != "other" or token.text.strip():
            if units:
                _apply(units)
            units = []
    if units:
        _apply(units)


def _apply(units: list[Token]) -> None:
    texts = [u.say if u.kind == "number" and u.say else u.text for u in units]
    spoken = sandhi.apply([list(u.pinyin or []) for u in units], texts)
    for unit, readings in zip(units, spoken, strict=True):
        unit.spoken = readings
