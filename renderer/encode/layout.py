"""Cut the episode into MP3 segments that are encoded on their own and joined frame to frame.

An MP3 stream is a run of frames of 1152 samples. LAME starts every stream with 576 samples
of encoder delay and ends it with padding (as ffmpeg drives it: at least 576 samples, up to
one frame more): a stream of n samples takes ceil(n / 1152) + 1 frames. Streams encoded on
their own and joined byte for byte make one valid stream (each stream's first frame owes
nothing to a bit reservoir), in which each joint adds the padding of the stream before it
and the delay of the stream after it. So:

- segments start and end inside pauses (a chapter's, or a pause between turns in a long
  chapter), chosen by the turn after them, so an edit moves no other segment's content;
- a segment encodes `length` samples of the timeline from its junction on, a length chosen
  so that its frames are a whole number that makes the segment last about as long as its
  stretch of the timeline; the rest of its pause is the padding and delay at the joint;
- the *adjusted* timeline is the timeline as the joined MP3 plays it: each segment starts
  exactly where the frames before it end (at most half a frame, 13 ms, from where the
  timeline had it), so chapter marks, transcripts and render.json are exact to the sample.
"""

from __future__ import annotations

import bisect
import hashlib
import itertools
import math
from dataclasses import dataclass, replace

from ..clips.timeline import Piece, Placement, Timeline
from ..mp3.frames import DECODER_DELAY, ENCODER_DELAY, FRAME
from .settings import OUTPUT_RATE

_SAFETY = 48  # output samples kept clear of the next frame count
_MARGIN_SECONDS = 0.02  # silence kept after the last sound of a segment
_MIN_PAUSE_SECONDS = 0.12  # a pause shorter than this holds no junction
_MIN_SEGMENT_SECONDS = 60.0
_MAX_SEGMENT_SECONDS = 240.0
_SPLIT_ONE_IN = 4  # within a long chapter, one pause in four (by turn) may end a segment


@dataclass(frozen=True)
class SegmentPlan:
    """One segment: where its content starts, how much of it, and what it encodes to."""

    index: int
    source_start: int  # where the segment's content starts in the original timeline
    length: int  # timeline samples encoded
    pieces: tuple[Piece, ...]  # the content, as clip pieces and silences from its start
    frames: int  # MP3 frames it encodes to
    start: int  # where it starts in the adjusted timeline (timeline samples)
    rate: int  # the timeline's sample rate

    @property
    def output_samples(self) -> int:
        """Output samples of audio it carries (before the encoder's padding)."""
        return math.ceil(self.length * OUTPUT_RATE / self.rate)

    @property
    def padding(self) -> int:
        """Samples the encoder adds after the audio (what a player drops at the very end)."""
        return self.frames * FRAME - ENCODER_DELAY - self.output_samples

    def content_key(self) -> str:
        """A digest of what this segment says (clips, offsets, silences), not where it is."""
        digest = hashlib.sha256(f"{self.length}".encode())
        for piece in self.pieces:
            digest.update(f"|{piece.key}:{piece.offset}:{piece.length}".encode())
        return digest.hexdigest()


@dataclass
class Layout:
    """The segments, the timeline as the joined MP3 plays it, and each chapter's segments."""

    timeline: Timeline  # adjusted: every time in it is a time in the MP3
    segments: list[SegmentPlan]
    chapter_starts: list[int | None]  # per chapter, the segment it starts with (None: inside)

    def chapter_segments(self, chapter: int) -> list[SegmentPlan] | None:
        """The segments that make up chapter `chapter`, when it starts and ends at joints."""
        first = self.chapter_starts[chapter]
        following = (self.chapter_starts[chapter + 1:] or [len(self.segments)])[0]
        if first is None or following is None:
            return None
        return self.segments[first:following]

    def settled(self, known_chapters: int) -> list[SegmentPlan]:
        """The segments the first `known_chapters` chapters alone decide: planned the same
        whatever the later chapters hold, so they can be encoded before those are made.

        A segment ends at a joint; the joints up to the first unknown chapter's start (if it
        starts at one) depend only on what comes before it.
        """
        if known_chapters >= len(self.chapter_starts):
            return list(self.segments)
        for chapter in range(known_chapters, 0, -1):
            first = self.chapter_starts[chapter]
            if first is not None:
                return self.segments[:first]
        return []


def end_padding(segments: list[SegmentPlan], ends_episode: bool) -> int:
    """The padding to declare for these segments joined: the encoder's at the end of the
    episode; elsewhere the least a decoder needs (what follows is pause)."""
    return segments[-1].padding if ends_episode else DECODER_DELAY


def played_samples(segments: list[SegmentPlan], ends_episode: bool) -> int:
    """Output samples a decoder plays from these segments joined (delay and padding dropped)."""
    samples = sum(segment.frames for segment in segments) * FRAME - ENCODER_DELAY
    return samples - end_padding(segments, ends_episode)


def frames_for(output_samples: int) -> int:
    """MP3 frames LAME (through ffmpeg) writes for a stream of `output_samples` samples."""
    return math.ceil(output_samples / FRAME) + 1


def plan_layout(timeline: Timeline) -> Layout:
    """Segments for the timeline, and the timeline adjusted to where they put everything."""
    junctions, chapter_junctions = _junctions(timeline)
    bounds = [*junctions, timeline.total]
    segments: list[SegmentPlan] = []
    output = 0
    starts = [placement.start for placement in timeline.placements]
    for index, (start, end) in enumerate(itertools.pairwise(bounds)):
        last = index == len(bounds) - 2
        sound_end = _sound_end(timeline, starts, start, end)
        length, frames = _size(timeline.rate, end - start, sound_end - start, last)
        pieces = tuple(_pieces(timeline, start, min(end, start + length), length))
        adjusted = _to_timeline(output, timeline.rate)
        segments.append(SegmentPlan(index, start, length, pieces, frames, adjusted,
                                    timeline.rate))
        output += frames * FRAME
    by_start = {segment.source_start: segment.index for segment in segments}
    chapter_starts = [by_start[j] if j is not None else None for j in chapter_junctions]
    return Layout(_adjust(timeline, segments, junctions), segments, chapter_starts)


def _junctions(timeline: Timeline) -> tuple[list[int], list[int | None]]:
    """Where segments begin (timeline samples), and which of those begin chapters."""
    rate = timeline.rate
    gaps = _gaps(timeline)
    junctions = [0]
    chapter_junctions: list[int | None] = [0]
    for span in timeline.spans[1:]:
        gap = next((g for g in gaps if g[0] <= span.start <= g[1]), None)
        if gap and _room(gap, span.start, rate):
            junctions.append(span.start)
            chapter_junctions.append(span.start)
        else:
            chapter_junctions.append(None)
    # long stretches between junctions are cut at pauses chosen by their content
    cuts = []
    edges = [*junctions, timeline.total]
    chapter_edges = iter(itertools.pairwise(edges))
    start, end = next(chapter_edges)
    since = start
    for gap in gaps:
        middle = (gap[0] + gap[1]) // 2
        while middle >= end:
            start, end = next(chapter_edges)
            since = start
        if middle <= start or not _room(gap, middle, rate):
            continue
        held = (middle - since) / rate
        chosen = hashlib.sha256(gap[2].encode()).digest()[0] % _SPLIT_ONE_IN == 0
        due = held >= _MAX_SEGMENT_SECONDS or (held >= _MIN_SEGMENT_SECONDS and chosen)
        if due and (end - middle) / rate >= _MIN_SEGMENT_SECONDS / 2:
            cuts.append(middle)
            since = middle
    return sorted({*junctions, *cuts}), chapter_junctions


def _gaps(timeline: Timeline) -> list[tuple[int, int, str]]:
    """The silences between clips: end of one clip, start of the next, the next one's turn.

    A pause may hold a junction by the id of the turn after it, not by its words: an edit
    of that turn (or a new reading front end) never moves a junction, only lengths do."""
    placements = timeline.placements
    return [(a.end, b.start, b.turn_id) for a, b in itertools.pairwise(placements)
            if b.start > a.end]


def _room(gap: tuple[int, int, str], point: int, rate: int) -> bool:
    """Whether a joint at `point` leaves enough silence on both sides within `gap`."""
    need = round(_MIN_PAUSE_SECONDS * rate) // 2
    return point - gap[0] >= need and gap[1] - point >= need // 2


def _sound_end(timeline: Timeline, starts: list[int], start: int, end: int) -> int:
    """The end of the last clip that starts in [start, end) (`starts`: every clip's start)."""
    last = bisect.bisect_left(starts, end) - 1
    if last < 0 or starts[last] < start:
        return start
    return timeline.placements[last].end


def _size(rate: int, stretch: int, sound: int, last: bool) -> tuple[int, int]:
    """Samples to encode and frames they make, for a segment of `stretch` timeline samples
    holding `sound` samples of clips (then silence)."""
    if last:
        length = stretch
        return length, frames_for(math.ceil(length * OUTPUT_RATE / rate))
    wanted = max(1, round(stretch * OUTPUT_RATE / rate / FRAME))
    needed = sound + round(_MARGIN_SECONDS * rate)
    frames = wanted
    while _length_for(frames, rate) < needed:
        frames += 1
    return _length_for(frames, rate), frames


def _length_for(frames: int, rate: int) -> int:
    """The most timeline samples that still encode to `frames` frames (with a little room)."""
    return max(0, math.floor((frames * FRAME - FRAME - _SAFETY) * rate / OUTPUT_RATE))


def _pieces(timeline: Timeline, start: int, stop: int, length: int) -> list[Piece]:
    """The timeline's pieces in [start, stop), then silence up to `length` samples."""
    pieces = list(timeline.pieces(start, stop))
    if stop - start < length:
        pieces.append(Piece(None, 0, length - (stop - start)))
    return pieces


def _to_timeline(output_samples: int, rate: int) -> int:
    return round(output_samples * rate / OUTPUT_RATE)


def _adjust(timeline: Timeline, segments: list[SegmentPlan], junctions: list[int]) -> Timeline:
    """The timeline as the joined MP3 plays it: each segment's content moved to its start."""
    def shift(position: int) -> int:
        index = max(0, bisect.bisect_right(junctions, position) - 1)
        return position + segments[index].start - segments[index].source_start

    placements = [Placement(p.turn_id, p.chapter, p.speaker, p.key, shift(p.start), p.samples)
                  for p in timeline.placements]
    last = segments[-1]
    total = last.start + (timeline.total - last.source_start)
    starts = [shift(span.start) for span in timeline.spans]
    spans = [replace(span, start=start, end=end)
             for span, start, end in zip(timeline.spans, starts, [*starts[1:], total],
                                         strict=True)]
    return Timeline(placements, spans, total, timeline.rate)


__all__ = ["Layout", "SegmentPlan", "end_padding", "frames_for", "plan_layout",
           "played_samples"]
