"""Text → Kokoro-82M phonemes for Mandarin (with English words inside) and for English.

Mandarin goes through the reading front end (`renderer.reading`): numbers said in Chinese,
readings from the dictionary or the polyphone step, the script's lexicon, tone sandhi, then
misaki's pinyin → IPA with tone arrows, the phonemes Kokoro v1.0 was trained with. English
words inside Chinese (letters said as letters) and English sentences go through espeak-ng's
IPA, mapped onto Kokoro's symbols as misaki's English fallback does.
"""

from __future__ import annotations

import re

from .espeak import espeak_phonemes

# espeak-ng IPA (with "^" ties) → Kokoro's symbols; longest first (from misaki's fallback)
_ESPEAK_TO_KOKORO = sorted({
    "ʔˌn\u0329": "ʔn", "ʔn\u0329": "ʔn", "a^ɪ": "I", "a^ʊ": "W", "d^ʒ": "ʤ", "e^ɪ": "A",
    "e": "A", "t^ʃ": "ʧ", "ɔ^ɪ": "Y", "ə^l": "ᵊl", "ʲo": "jo", "ʲə": "jə", "ʲ": "", "ɚ": "əɹ",
    "r": "ɹ", "x": "k", "ç": "k", "ɐ": "ə", "ɬ": "l", "\u0303": "",
}.items(), key=lambda kv: -len(kv[0]))


def phonemes(text: str) -> str:
    """Kokoro phonemes for one sentence (Mandarin when mostly Chinese, else English)."""
    return phonemes_many([text])[0]


def phonemes_many(sentences: list[str]) -> list[str]:
    """Kokoro phonemes for a turn's sentences (Chinese ones read together, for speed)."""
    from ..reading.frontend import chinese, kokoro_phonemes, read_many
    from ..reading.phonemes import kokoro_english

    zh = [i for i, s in enumerate(sentences) if chinese(s)]
    out = {i: kokoro_phonemes(tokens)
           for i, tokens in zip(zh, read_many([sentences[i] for i in zh]), strict=True)}
    return [out[i] if i in out else kokoro_english(s) for i, s in enumerate(sentences)]


def mandarin_phonemes(text: str) -> str:
    """Phonemes for a Mandarin sentence, through the reading front end."""
    from ..reading.frontend import kokoro_phonemes, read

    return kokoro_phonemes(read(text))


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
