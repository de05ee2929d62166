"""Tokens → what each engine is given: Kokoro's phonemes, espeak-ng's text.

Kokoro-82M v1.0 was trained on misaki's Mandarin phonemes: pinyin → IPA with tone arrows,
a space between words, punctuation as misaki maps it; English words inside go through
espeak-ng's IPA mapped onto Kokoro's symbols. espeak-ng's Mandarin voice reads pinyin with
tone digits itself, so it is given the readings as pinyin.
"""

from __future__ import annotations

import re
from functools import cache

from ..espeak_ng import espeak_phonemes
from . import latin
from .frontend import Token
from .lexicon import OVERRIDE

_LETTER_RUN = re.compile(r"(?<![\w-])[A-Z](?: [A-Z](?![\w-]))+")
_LONE_LETTER = re.compile(r"(?<![\w-])[A-Z](?![\w-])")
# full-width punctuation → what misaki gives Kokoro (and espeak-ng pauses on)
_PUNCTUATION = str.maketrans({"、": ",", "，": ",", "。": ".", "．": ".", "！": "!", "：": ":",
                              "；": ";", "？": "?", "«": "“", "»": "”", "《": "“", "》": "”",
                              "「": "“", "」": "”", "【": "“", "】": "”", "（": "(", "）": ")"})

# espeak-ng IPA (with "^" ties) → Kokoro's symbols; longest first (from misaki's fallback)
_ESPEAK_TO_KOKORO = sorted({
    "ʔˌn\u0329": "ʔn", "ʔn\u0329": "ʔn", "a^ɪ": "I", "a^ʊ": "W", "d^ʒ": "ʤ", "e^ɪ": "A",
    "e": "A", "t^ʃ": "ʧ", "ɔ^ɪ": "Y", "ə^l": "ᵊl", "ʲo": "jo", "ʲə": "jə", "ʲ": "", "ɚ": "əɹ",
    "r": "ɹ", "x": "k", "ç": "k", "ɐ": "ə", "ɬ": "l", "\u0303": "",
}.items(), key=lambda kv: -len(kv[0]))


def kokoro(tokens: list[Token]) -> str:
    """Kokoro phonemes for a sentence."""
    parts: list[str] = []
    for token in tokens:
        if token.ipa is not None:
            parts.append(token.ipa)
        elif token.source == "lexicon" and token.say is not None:
            parts.append(english_phonemes_or_chinese(token.say))
        elif token.spoken is not None:
            parts.append("".join(_ipa(syllable) for syllable in token.spoken))
        elif token.kind == "latin":
            # unit by unit: "A G I" said together reads its A as the article
            parts.append(" ".join(_english(unit) for unit in (token.say or token.text).split()))
        elif token.kind == "other":
            marks = token.text.translate(_PUNCTUATION).strip()
            if marks:
                parts.append(marks)
    return _join(parts)


def espeak(tokens: list[Token]) -> str:
    """The text espeak-ng's Mandarin voice speaks: pinyin syllables and spoken forms."""
    parts: list[str] = []
    for token in tokens:
        if token.source == "lexicon" and token.say is not None:
            parts.append(token.say)
        elif token.spoken is not None:
            parts.append(" ".join(s.replace("u:", "v") for s in token.spoken))
        elif token.kind == "latin":
            parts.append(_letters_joined(token.say or token.text))
        elif token.kind == "chinese":
            parts.append(token.text)  # an ipa entry (for Kokoro only): the word as written
        else:
            parts.append(token.text.translate(_PUNCTUATION))
    return re.sub(r"\s+", " ", " ".join(parts)).strip()


def _join(parts: list[str]) -> str:
    text = " ".join(p for p in parts if p)
    return re.sub(r"\s+([,.!?;:)”])", r"\1", text).strip()


def english_phonemes_or_chinese(text: str) -> str:
    """Phonemes for a spoken form given in a lexicon (Chinese or English words)."""
    from .frontend import chinese, read

    return kokoro(read(text)) if chinese(text) else kokoro_english(text)


def _letters_joined(said: str) -> str:
    """Letters joined by hyphens (A-G-I), which espeak-ng says as letters — apart, it reads
    an A as the article; a lone letter gets a hyphen of its own (A-)."""
    joined = _LETTER_RUN.sub(lambda match: match.group(0).replace(" ", "-"), said)
    return _LONE_LETTER.sub(lambda match: match.group(0) + "-", joined)


@cache
def _english(unit: str) -> str:
    return english_phonemes(unit)


@cache
def _ipa(syllable: str) -> str:
    from misaki.zh import ZHG2P

    # misaki's legacy Mandarin front end, which Kokoro v1.0 learned, has no non-syllabic marks
    try:
        return str(ZHG2P.py2ipa(syllable.replace("u:", "v"))).replace("\u032f", "")
    except (ValueError, KeyError, IndexError, AssertionError):
        return ""  # a syllable misaki cannot transcribe (a rare dialect reading) is unsaid


def english_for_espeak(text: str) -> str:
    """An English sentence as espeak-ng is given it: acronyms and table terms in their
    spoken form, letters joined so they are said as letters; lexicon overrides as written."""
    from .lexicon import plain

    words = plain(text)
    capitals = not latin.shouted(words)

    def spoken(match: re.Match[str]) -> str:
        said, source = latin.say(match.group(0), capitals=capitals)
        return _letters_joined(said) if source != "rule" or said != match.group(0) else said

    return latin.LATIN_WORD.sub(spoken, words)


def kokoro_english(text: str) -> str:
    """Kokoro phonemes for an English sentence (Kokoro lexicon overrides kept as phonemes)."""
    parts: list[str] = []
    position = 0
    for match in OVERRIDE.finditer(text):
        parts.append(english_phonemes(english_for_espeak(text[position:match.start()])))
        parts.append(match.group(3).strip() if match.group(2) == "ipa" else
                     english_phonemes(match.group(1)))
        position = match.end()
    parts.append(english_phonemes(english_for_espeak(text[position:])))
    return _join(parts)


def english_phonemes(text: str) -> str:
    """English → Kokoro phonemes via espeak-ng (American English)."""
    if not re.search(r"[A-Za-z0-9]", text):
        return ""
    ipa = espeak_phonemes(text, "en-us", tie="^")
    for old, new in _ESPEAK_TO_KOKORO:
        ipa = ipa.replace(old, new)
    ipa = re.sub(r"(\S)\u0329", r"ᵊ\1", ipa).replace("\u0329", "")
    ipa = ipa.replace("o^ʊ", "O").replace("ɜːɹ", "ɜɹ").replace("ɜː", "ɜɹ").replace("ɪə", "iə")
    ipa = ipa.replace("ː", "").replace("o", "ɔ").replace("ɾ", "T").replace("ʔ", "t")
    return ipa.replace("^", "")
