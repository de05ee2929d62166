"""`podcast pronounce`: how every turn will be read, to check before listening.

Every polyphonic character gets its reading and where it came from (the dictionary, the
model, the lexicon), every Latin term its spoken form; `--polyphones` lists the least
certain choices first, so a person checks the twenty doubtful ones, not the whole episode.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..text import split_sentences
from .frontend import Token, read_many
from .lexicon import BAR, CLOSE, OPEN, Value

_LINES_BATCH = 512


@dataclass(frozen=True)
class Doubt:
    """One polyphone choice, for the list of least certain ones."""

    turn: str
    context: str  # the sentence around it, the character in brackets
    char: str
    reading: str
    confidence: float
    source: str
    alternatives: tuple[str, ...]


def read_text(text: str, lexicon: Mapping[str, Value] | None = None) -> list[Token]:
    """The tokens of a turn (sentence by sentence); lexicon entries are tokens of their own.
    Their texts join to exactly `text`."""
    return read_texts([text], lexicon)[0]


def read_texts(texts: Sequence[str], lexicon: Mapping[str, Value] | None = None
               ) -> list[list[Token]]:
    """`read_text` for many texts at once."""
    sentences = [[_marked(s, lexicon or {}) for s in split_sentences(text)] for text in texts]
    flat = [s for group in sentences for s in group]
    read = iter(read_many(flat))
    return [[token for _ in group for token in next(read)] for group in sentences]


def read_lines(lines: Sequence[str]) -> Iterator[list[Token]]:
    """Tokens for one sentence per line, in order (read in batches)."""
    for start in range(0, len(lines), _LINES_BATCH):
        yield from read_many(list(lines[start:start + _LINES_BATCH]))


def _marked(text: str, lexicon: Mapping[str, Value]) -> str:
    """The text with every lexicon word marked as an override the front end obeys."""
    if not lexicon:
        return text
    words = sorted((w for w in lexicon if w and w in text), key=len, reverse=True)
    if not words:
        return text
    pattern = re.compile("|".join(re.escape(w) for w in words))

    def mark(match: re.Match[str]) -> str:
        value = lexicon[match.group(0)]
        if isinstance(value, str):
            kind, said = "say", value
        else:
            kind = "pinyin" if value.pinyin else "ipa" if value.ipa else "say"
            said = value.pinyin or value.ipa or value.say or ""
        return f"{OPEN}{match.group(0)}{BAR}{kind}:{said}{CLOSE}"

    return pattern.sub(mark, text)


def tokens_json(tokens: list[Token]) -> list[dict[str, Any]]:
    """The tokens as `--json` prints them."""
    return [token.as_json() for token in tokens]


def turn_line(turn_id: str, tokens: list[Token]) -> str:
    """One turn as a JSON line: {"turn": ID, "tokens": [...]}."""
    return json.dumps({"turn": turn_id, "tokens": tokens_json(tokens)}, ensure_ascii=False)


def annotated(tokens: list[Token]) -> str:
    """The text with each polyphonic word and Latin term followed by its reading:
    银行[yin2 hang2] 行长[hang2 zhang3 · lexicon] ChatGPT[Chat G P T]."""
    parts: list[str] = []
    for token in tokens:
        note = _note(token)
        parts.append(f"{token.text}[{note}]" if note else token.text)
    return "".join(parts)


def _note(token: Token) -> str:
    if token.source == "lexicon":
        said = " ".join(token.pinyin) if token.pinyin else token.ipa or token.say or ""
        return f"{said} · lexicon"
    if token.kind == "chinese" and token.polyphones and token.pinyin:
        return f"{' '.join(token.pinyin)} · {token.source}"
    if token.kind == "latin" and token.say:
        return f"{token.say} · {token.source}" if token.say != token.text else ""
    return ""


def doubts(turns: Sequence[tuple[str, list[Token]]]) -> list[Doubt]:
    """Every polyphone choice of the turns, least certain first."""
    found: list[Doubt] = []
    for turn_id, tokens in turns:
        text = "".join(t.text for t in tokens)
        offset = 0
        for token in tokens:
            for choice in token.polyphones:
                at = offset + choice.index
                context = f"{text[max(0, at - 8):at]}[{text[at]}]{text[at + 1:at + 9]}"
                found.append(Doubt(turn_id, context.replace("\n", " "), text[at],
                                   choice.reading, choice.confidence, choice.source,
                                   choice.alternatives))
            offset += len(token.text)
    return sorted(found, key=lambda d: (d.confidence, d.turn))


def doubt_line(doubt: Doubt) -> str:
    """One polyphone choice on one line: how sure, where, which reading, the others."""
    others = f"; or {', '.join(doubt.alternatives)}" if doubt.alternatives else ""
    return (f"{doubt.confidence:4.0%}  {doubt.turn:8s} {doubt.context}  "
            f"{doubt.char} {doubt.reading} ({doubt.source}{others})")
