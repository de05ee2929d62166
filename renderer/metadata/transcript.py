"""Transcripts beside the episode: WebVTT with voice tags, SRT, Podcasting 2.0 JSON.

A cue per sentence. Times come from the engine's sentence timings where it gives them,
otherwise the turn's span is shared out by characters. A sentence longer than a line is cut
at clause marks into several cues. Apple Podcasts shows speaker names only from the WebVTT
`<v Speaker>` tags.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..engines.base import Sentence
from ..text import has_speakable, join_lines, split_sentences

MAX_LINE = 65
_CLAUSE = re.compile(r"(?<=[，,、；;：:])")


@dataclass(frozen=True)
class TurnTiming:
    """A turn as placed in the episode: who, what was written, when, and its sentence times."""

    speaker: str
    text: str
    chapter: int
    start: float
    end: float
    sentences: Sequence[Sentence]  # engine timings, relative to the turn's start


@dataclass(frozen=True)
class Cue:
    """One transcript cue."""

    start: float
    end: float
    speaker: str
    text: str
    chapter: int


def build_cues(turns: Sequence[TurnTiming]) -> list[Cue]:
    """Cues for every turn, in time order."""
    cues: list[Cue] = []
    for turn in turns:
        written = [s.strip() for s in split_sentences(turn.text) if has_speakable(s)]
        for text, start, end in _time_sentences(turn, written):
            cues += [Cue(a, b, turn.speaker, piece, turn.chapter)
                     for piece, a, b in _split_long(text, start, end)]
    return cues


def _time_sentences(turn: TurnTiming, written: list[str]) -> list[tuple[str, float, float]]:
    engine = [s for s in turn.sentences if s.end > s.start]
    if engine and len(engine) == len(written):
        return [(text, turn.start + s.start, turn.start + s.end)
                for text, s in zip(written, engine, strict=True)]
    # no usable engine timings: share the spoken span out by characters
    begin = turn.start + (engine[0].start if engine else 0.0)
    finish = turn.start + engine[-1].end if engine else turn.end
    return _share(written, begin, finish)


def _share(texts: list[str], start: float, end: float) -> list[tuple[str, float, float]]:
    total = sum(len(t) for t in texts) or 1
    result = []
    cursor = start
    for text in texts:
        length = (end - start) * len(text) / total
        result.append((text, cursor, cursor + length))
        cursor += length
    return result


def _split_long(text: str, start: float, end: float) -> list[tuple[str, float, float]]:
    """Pieces of at most MAX_LINE characters, cut at clause marks where possible."""
    text = join_lines(text)  # a sentence over two lines: no space inside Chinese
    if len(text) <= MAX_LINE:
        return [(text, start, end)]
    pieces: list[str] = []
    for clause in _CLAUSE.split(text):
        while len(clause) > MAX_LINE:
            pieces.append(clause[:MAX_LINE])
            clause = clause[MAX_LINE:]
        if pieces and len(pieces[-1]) + len(clause) <= MAX_LINE:
            pieces[-1] += clause
        elif clause:
            pieces.append(clause)
    return _share([p.strip() or p for p in pieces], start, end)


def _clock(seconds: float, separator: str) -> str:
    milliseconds = max(0, round(seconds * 1000))
    hours, rest = divmod(milliseconds, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    secs, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}{separator}{millis:03d}"


def _vtt_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def to_vtt(cues: Sequence[Cue], chapter_titles: Sequence[str]) -> str:
    """WebVTT: a NOTE with each chapter's title where it starts, `<v Speaker>` on every cue."""
    lines = ["WEBVTT", ""]
    chapter = None
    for number, cue in enumerate(cues, start=1):
        if cue.chapter != chapter:
            chapter = cue.chapter
            title = re.sub(r"\n\s*\n+", "\n", chapter_titles[chapter]).replace("-->", "->")
            lines += [f"NOTE chapter {chapter + 1}: {title}", ""]
        speaker = _vtt_escape(cue.speaker).replace("\n", " ")
        lines += [str(number), f"{_clock(cue.start, '.')} --> {_clock(cue.end, '.')}",
                  f"<v {speaker}>{_vtt_escape(cue.text)}", ""]
    return "\n".join(lines)


def to_srt(cues: Sequence[Cue]) -> str:
    """SubRip: the speaker's name before each cue's text."""
    blocks = [
        f"{number}\n{_clock(cue.start, ',')} --> {_clock(cue.end, ',')}\n{cue.speaker}: {cue.text}"
        for number, cue in enumerate(cues, start=1)
    ]
    return "\n\n".join(blocks) + "\n"


def to_json(cues: Sequence[Cue]) -> str:
    """Podcasting 2.0 JSON transcript."""
    document = {
        "version": "1.0.0",
        "segments": [
            {"speaker": cue.speaker, "startTime": round(cue.start, 3),
             "endTime": round(cue.end, 3), "body": cue.text}
            for cue in cues
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"
