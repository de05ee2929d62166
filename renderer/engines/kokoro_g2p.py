"""Text → Kokoro-82M phonemes for Mandarin (with English words inside) and for English.

Mandarin comes from misaki's ZHG2P (jieba words → pinyin → IPA with tone arrows), the
front end Kokoro v1.0 was trained with. Numbers, percentages, years, fractions and ranges
are first written out the way a Chinese speaker says them (cn2an). English words inside
Chinese text (ChatGPT, transformer, AI…) and English text go through espeak-ng's IPA,
mapped onto Kokoro's symbols as misaki's English fallback does.
"""

from __future__ import annotations

import functools
import re
import warnings

from ..text import cjk_ratio
from .espeak import espeak_phonemes

# espeak-ng IPA (with "^" ties) → Kokoro's symbols; longest first (from misaki's fallback)
_ESPEAK_TO_KOKORO = sorted({
    "ʔˌn\u0329": "ʔn", "ʔn\u0329": "ʔn", "a^ɪ": "I", "a^ʊ": "W", "d^ʒ": "ʤ", "e^ɪ": "A",
    "e": "A", "t^ʃ": "ʧ", "ɔ^ɪ": "Y", "ə^l": "ᵊl", "ʲo": "jo", "ʲə": "jə", "ʲ": "", "ɚ": "əɹ",
    "r": "ɹ", "x": "k", "ç": "k", "ɐ": "ə", "ɬ": "l", "\u0303": "",
}.items(), key=lambda kv: -len(kv[0]))
_LATIN_RUN = re.compile(r"[A-Za-z][A-Za-z'’\-]*(?:[ \t]+[A-Za-z][A-Za-z'’\-]*)*")
_DIGITS = "零一二三四五六七八九"
_RANGE = re.compile(r"(\d+(?:\.\d+)?)\s*[-~～—–]\s*(\d+(?:\.\d+)?)(?=\s*[\u4e00-\u9fff%％])")


def phonemes(text: str) -> str:
    """Kokoro phonemes for one sentence (Mandarin when mostly Chinese, else English)."""
    if cjk_ratio(text) >= 0.3:
        return mandarin_phonemes(text)
    return english_phonemes(text)


def mandarin_phonemes(text: str) -> str:
    """Mandarin sentence → phonemes; Latin-script words through English phonemes."""
    text = chinese_numbers(text)
    parts: list[str] = []
    position = 0
    for match in _LATIN_RUN.finditer(text):
        if match.start() > position:
            parts.append(_zh(text[position:match.start()]))
        parts.append(english_phonemes(match.group(0)))
        position = match.end()
    if position < len(text):
        parts.append(_zh(text[position:]))
    return " ".join(p for p in (part.strip() for part in parts) if p)


def chinese_numbers(text: str) -> str:
    """Arabic numerals in Chinese words: 2019年 → 二零一九年, 50% → 百分之五十, 2-3年 → 二到三年."""
    import cn2an

    text = _RANGE.sub(r"\1到\2", text)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # cn2an warns and leaves what it cannot read
            text = cn2an.transform(text, "an2cn")
    except (ValueError, KeyError, IndexError):
        pass
    # what cn2an left (very long numbers, odd forms) is read digit by digit
    return re.sub(r"[0-9]", lambda m: _DIGITS[int(m.group(0))], text)


def _zh(text: str) -> str:
    if not text.strip():
        return ""
    phones, _ = _zhg2p()(text)
    return phones


@functools.cache
def _zhg2p():
    import logging

    import jieba
    from misaki.zh import ZHG2P

    jieba.setLogLevel(logging.WARNING)
    return ZHG2P()


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
