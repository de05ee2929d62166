"""Rough speech-rate figures, for chapter sizes and duration estimates before rendering."""

from __future__ import annotations

from .model import Script

# Measured on neural voices at their default rate: Mandarin ~4.5 characters a second,
# English ~14 characters a second (about 150 words a minute).
_CHARS_PER_SECOND = {"zh": 4.5, "ja": 6.0, "en": 14.0}


def chars_per_second(language: str) -> float:
    """Characters spoken per second in `language` at a normal pace."""
    return _CHARS_PER_SECOND.get(language.split("-")[0].lower(), 14.0)


def estimate_seconds(text: str, language: str) -> float:
    """Estimated speaking time of `text`."""
    return len(text) / chars_per_second(language)


def estimate_episode(script: Script) -> tuple[float, list[float]]:
    """Estimated episode duration and per-chapter durations, with the pauses a render makes."""
    per_chapter: list[float] = []
    previous: tuple[int, str] | None = None
    for chapter, turn in script.turns():
        if previous is None or chapter != previous[0]:
            per_chapter.append(0.0)
        if previous is not None:
            per_chapter[-1] += script.pauses.between_ms(
                chapter == previous[0], turn.speaker == previous[1]) / 1000
        per_chapter[-1] += estimate_seconds(turn.text, script.language)
        previous = (chapter, turn.speaker)
    return sum(per_chapter), per_chapter
