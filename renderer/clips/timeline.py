"""Turns and pauses laid out on a sample-accurate timeline; chapter spans from sample counts."""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property

from ..script.model import Pauses
from .clip import WORKING_RATE


@dataclass(frozen=True)
class TurnAudio:
    """A turn to place: which chapter, who speaks, which clip, how long."""

    turn_id: str
    chapter: int
    speaker: str
    key: str
    samples: int


@dataclass(frozen=True)
class Placement:
    """Where a turn's clip sits in the episode (samples)."""

    turn_id: str
    chapter: int
    speaker: str
    key: str
    start: int
    samples: int

    @property
    def end(self) -> int:
        """First sample after the clip."""
        return self.start + self.samples


@dataclass(frozen=True)
class Span:
    """A chapter's part of the episode, [start, end) in samples."""

    chapter: int
    title: str
    start: int
    end: int


@dataclass(frozen=True)
class Piece:
    """A piece to stream: `length` samples of silence (key None) or of a clip from `offset`."""

    key: str | None
    offset: int
    length: int


@dataclass
class Timeline:
    """The episode: clip placements, chapter spans, total length, all in samples."""

    placements: list[Placement]
    spans: list[Span]
    total: int
    rate: int = WORKING_RATE

    def seconds(self, samples: int) -> float:
        """Samples as seconds."""
        return samples / self.rate

    @cached_property
    def _ends(self) -> list[int]:
        return [placement.end for placement in self.placements]

    def pieces(self, start: int = 0, end: int | None = None) -> Iterator[Piece]:
        """Silence and clip pieces covering [start, end), in order."""
        end = self.total if end is None else end
        cursor = start
        first = bisect.bisect_right(self._ends, start)  # the clips before `start` end there
        for placement in itertools.islice(self.placements, first, None):
            if placement.end <= cursor:
                continue
            if placement.start >= end:
                break
            if placement.start > cursor:
                yield Piece(None, 0, placement.start - cursor)
                cursor = placement.start
            stop = min(placement.end, end)
            yield Piece(placement.key, cursor - placement.start, stop - cursor)
            cursor = stop
        if cursor < end:
            yield Piece(None, 0, end - cursor)


def _ms(milliseconds: int, rate: int) -> int:
    return round(milliseconds * rate / 1000)


def build_timeline(turns: list[TurnAudio], titles: Sequence[str] | dict[int, str], pauses: Pauses,
                   rate: int = WORKING_RATE) -> Timeline:
    """Place clips with the script's pauses; a chapter starts halfway through its pause."""
    placements: list[Placement] = []
    starts: list[int] = []
    cursor = 0
    previous: TurnAudio | None = None
    for turn in turns:
        if previous is None:
            starts.append(0)
        else:
            same_chapter = turn.chapter == previous.chapter
            gap = _ms(pauses.between_ms(same_chapter, turn.speaker == previous.speaker), rate)
            if not same_chapter:
                starts.append(cursor + gap // 2)  # a chapter starts halfway through its pause
            cursor += gap
        placements.append(Placement(turn.turn_id, turn.chapter, turn.speaker, turn.key,
                                    cursor, turn.samples))
        cursor += turn.samples
        previous = turn
    chapters = sorted({t.chapter for t in turns})
    bounds = [*starts, cursor]
    spans = [Span(chapter, titles[chapter], bounds[i], bounds[i + 1])
             for i, chapter in enumerate(chapters)]
    return Timeline(placements, spans, cursor, rate)


def chapter_timeline(turns: list[TurnAudio], title: str, pauses: Pauses, first: bool,
                     last: bool, rate: int = WORKING_RATE) -> Timeline:
    """One chapter on its own: exactly its span of the episode, pauses at its edges included."""
    inner = build_timeline(turns, {turns[0].chapter: title} if turns else {}, pauses, rate)
    gap = _ms(pauses.chapter_ms, rate)
    lead = 0 if first else gap - gap // 2
    tail = 0 if last else gap // 2
    placements = [
        Placement(p.turn_id, p.chapter, p.speaker, p.key, p.start + lead, p.samples)
        for p in inner.placements
    ]
    total = inner.total + lead + tail
    chapter = turns[0].chapter if turns else 0
    return Timeline(placements, [Span(chapter, title, 0, total)], total, rate)
