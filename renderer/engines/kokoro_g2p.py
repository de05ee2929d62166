"""Text → Kokoro-82M phonemes for Mandarin (with English words inside) and for English.

Mandarin goes through the reading front end (`renderer.reading`): numbers said in Chinese,
readings from the dictionary or the polyphone step, the script's lexicon, tone sandhi, then
misaki's pinyin → IPA with tone arrows, the phonemes Kokoro v1.0 was trained with. English
words inside Chinese (letters said as letters) and English sentences go through espeak-ng's
IPA, mapped onto Kokoro's symbols as misaki's English fallback does
(`renderer.reading.phonemes`).
"""

from __future__ import annotations

from ..reading.frontend import chinese, read, read_many
from ..reading.phonemes import kokoro, kokoro_english


def phonemes(text: str) -> str:
    """Kokoro phonemes for one sentence (Mandarin when mostly Chinese, else English)."""
    return phonemes_many([text])[0]


def phonemes_many(sentences: list[str]) -> list[str]:
    """Kokoro phonemes for a turn's sentences (Chinese ones read together, for speed)."""
    zh = [i for i, s in enumerate(sentences) if chinese(s)]
    out = {i: kokoro(tokens)
           for i, tokens in zip(zh, read_many([sentences[i] for i in zh]), strict=True)}
    return [out[i] if i in out else kokoro_english(s) for i, s in enumerate(sentences)]


def mandarin_phonemes(text: str) -> str:
    """Phonemes for a Mandarin sentence, through the reading front end."""
    return kokoro(read(text))
