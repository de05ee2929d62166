"""Rough speech-rate figures, for chapter sizes and duration estimates before rendering."""

from __future__ import annotations

# Measured on neural voices at their default rate: Mandarin ~4.5 characters a second,
# English ~14 characters a second (about 150 words a minute).
_CHARS_PER_SECOND = {"zh": 4.5, "ja": 6.0, "en": 14.0}


def chars_per_second(language: str) -> float:
    """Characters spoken per second in `language` at a normal pace."""
    return _CHARS_PER_SECOND.get(language.split("-")[0].lower(), 14.0)


def estimate_seconds(text: str, language: str) -> float:
    """Estimated speaking time of `text`."""
    return len(text) / chars_per_second(language)
