"""Latin-script terms: letters said as letters, words as words.

A Mandarin (or English) speaker says `AI`, `GPU`, `IMF` letter by letter; `ChatGPT` is
"Chat G P T", `OpenAI` "Open A I", `macOS` "mac O S"; `iPhone`, `transformer` and `Python`
are words. The rule: a run of two or more capitals is letters, the rest of a word stays a
word; digits are numbers. A shipped table (`renderer/data/latin_terms.yaml`) holds the
terms the rule gets wrong (`NASA` is a word, `JSON` is "Jason"), and a script's lexicon
(`say:`) adds its own.

A term's spoken form is written as spoken units separated by spaces, a letter said by its
name written as that single capital: "A G I", "Chat G P T", "iPhone".
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from importlib import resources

import yaml

from ..text import has_cjk

# camel-case pieces: capitals before a capitalised word, a capitalised word, lower case,
# a run of capitals, digits
_PIECE = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|[0-9]+")
# a sentence this much in capitals is written in capitals, not full of acronyms
_SHOUTED_SHARE = 0.8
LATIN_WORD = re.compile(r"[A-Za-z0-9]*[A-Za-z][A-Za-z0-9]*(?:[-'’.+][A-Za-z0-9]+)*\+*")


def say(word: str, terms: Mapping[str, str] | None = None,
        capitals: bool = True) -> tuple[str, str]:
    """(spoken form, source) of one Latin word: "table" (or "lexicon") or "rule".

    `capitals`: whether capitals mean letters here — not in a sentence written all in
    capitals (see `shouted`), where `GOOD` is a word."""
    table = terms if terms is not None else shipped_terms()
    for key in (word, word.lower(), word.upper()):
        if key in table:
            return table[key], "table" if terms is None else "lexicon"
    if not capitals:
        return word, "rule"
    pieces = _PIECE.findall(word)
    numbered = any(p.isdigit() for p in pieces)  # 5G, H100: a capital beside a number too
    if not any(p.isupper() and (len(p) >= 2 or numbered) for p in pieces):
        return word, "rule"  # a word, however it is capitalised: iPhone, Python
    spoken: list[str] = []
    for piece in pieces:
        if piece.isupper():
            spoken.extend(piece)  # letters: A G I
        else:
            spoken.append(piece)
    return " ".join(spoken), "rule"


def shouted(text: str) -> bool:
    """Whether a sentence of Latin script is written in capitals throughout (a TV caption,
    a telegram, an old record): its capitals say nothing about letters."""
    if has_cjk(text):
        return False  # `AI和GPU`: in Chinese, capitals are letters
    words = [w for w in LATIN_WORD.findall(text) if sum(ch.isalpha() for ch in w) >= 2]
    capitals = sum(1 for w in words if w.isupper())
    return len(words) >= 2 and capitals >= _SHOUTED_SHARE * len(words)


def letters(word: str) -> bool:
    """Whether the word is said letter by letter (some of it, at least)."""
    spoken, _ = say(word)
    return any(len(unit) == 1 and unit.isupper() for unit in spoken.split())


@cache
def shipped_terms() -> dict[str, str]:
    """The table of terms whose spoken form the rule gets wrong."""
    text = (resources.files("renderer") / "data" / "latin_terms.yaml").read_text(
        encoding="utf-8")
    data = yaml.safe_load(text) or {}
    return {str(k): str(v) for k, v in data.items()}
