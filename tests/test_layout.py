"""Where the MP3 segments begin and end, and the timeline as the joined MP3 plays it."""

from __future__ import annotations

import itertools
import math
import random

from hypothesis import given, settings
from hypothesis import strategies as st

from renderer.clips.timeline import Timeline, TurnAudio, build_timeline
from renderer.encode.layout import end_padding, plan_layout, played_samples
from renderer.encode.settings import OUTPUT_RATE
from renderer.mp3.frames import DECODER_DELAY, ENCODER_DELAY, FRAME
from renderer.script.model import Pauses

RATE = 24_000
PAUSES = Pauses()


def _turns(lengths: list[list[float]], seed: int = 1) -> list[TurnAudio]:
    """Turns of the given lengths (seconds) per chapter, two speakers taking turns."""
    turns = []
    for chapter, seconds in enumerate(lengths):
        for number, length in enumerate(seconds):
            key = f"{seed}-{chapter}-{number}"
            turns.append(TurnAudio(key, chapter, "ab"[number % 2], key, round(length * RATE)))
    return turns


def _timeline(lengths: list[list[float]], pauses: Pauses = PAUSES) -> Timeline:
    return build_timeline(_turns(lengths), [f"c{i}" for i in range(len(lengths))], pauses)


def _long_script(seed: int, chapters: int = 6) -> list[list[float]]:
    rng = random.Random(seed)
    return [[rng.uniform(1.0, 25.0) for _ in range(rng.randint(2, 60))]
            for _ in range(chapters)]


lengths_strategy = st.lists(
    st.lists(st.floats(0.2, 40.0), min_size=1, max_size=40), min_size=1, max_size=8)


@settings(max_examples=60, deadline=None)
@given(lengths_strategy)
def test_segments_cover_the_timeline_and_join_inside_pauses(lengths):
    timeline = _timeline(lengths)
    layout = plan_layout(timeline)
    segments = layout.segments
    assert segments[0].source_start == 0
    for first, second in itertools.pairwise(segments):
        assert first.source_start < second.source_start
        # every clip that starts in a segment ends before the segment's audio does
        ends = [p.end for p in timeline.placements
                if first.source_start <= p.start < second.source_start]
        assert max(ends) <= first.source_start + first.length
        # and the joint is in silence: no clip crosses it
        assert not any(p.start < second.source_start < p.end for p in timeline.placements)
    for segment in segments:
        assert sum(piece.length for piece in segment.pieces) == segment.length
        assert segment.frames == math.ceil(segment.output_samples / FRAME) + 1
        assert segment.padding >= DECODER_DELAY, "a decoder can play every sample"
    assert segments[-1].source_start + segments[-1].length == timeline.total


@settings(max_examples=60, deadline=None)
@given(lengths_strategy)
def test_the_adjusted_timeline_is_where_the_frames_put_everything(lengths):
    timeline = _timeline(lengths)
    layout = plan_layout(timeline)
    adjusted = layout.timeline
    segments = layout.segments
    output = 0
    for segment in segments:
        assert abs(segment.start - output * RATE / OUTPUT_RATE) <= 0.5
        output += segment.frames * FRAME
    # the whole plays for exactly the adjusted total
    played = played_samples(segments, ends_episode=True)
    # exact but for rounding: the last segment's start is rounded to a timeline sample
    # (≤ ½) and its audio is a whole number of output samples (< one, 24/44.1 of a
    # timeline sample); a bound of 1 failed when both fell the same way (1.0136)
    assert abs(played * RATE / OUTPUT_RATE - adjusted.total) <= 0.5 + RATE / OUTPUT_RATE
    # each joint moves what follows by less than half a frame, unless the sound before it
    # needed a frame more
    starts = [s.source_start for s in segments]
    for original, moved in zip(timeline.placements, adjusted.placements, strict=True):
        index = max(i for i, start in enumerate(starts) if start <= original.start)
        assert moved.start - original.start == segments[index].start - starts[index]
        assert moved.samples == original.samples
    for first, second in itertools.pairwise(segments):
        stretch = (second.source_start - first.source_start) * OUTPUT_RATE / RATE
        assert first.frames * FRAME - stretch > -FRAME / 2 - 1
    assert adjusted.spans[0].start == 0


def test_chapters_start_at_joints_and_long_ones_are_cut_further():
    timeline = _timeline(_long_script(7))
    layout = plan_layout(timeline)
    for chapter, span in enumerate(layout.timeline.spans):
        segments = layout.chapter_segments(chapter)
        assert segments is not None
        assert segments[0].start == span.start, "the chapter begins with its segment"
        following = layout.chapter_starts[chapter + 1:] or [len(layout.segments)]
        assert segments[-1].index + 1 == following[0]
    longest = max(s.length for s in layout.segments) / RATE
    assert longest <= 240 + 25, "no segment much longer than four minutes"
    assert len(layout.segments) > len(timeline.spans)


def test_a_chapter_pause_too_short_for_a_joint_leaves_the_chapter_inside_a_segment():
    timeline = _timeline([[5.0, 6.0], [4.0, 3.0], [2.0]], Pauses(turn_ms=0,
                                                                  speaker_change_ms=0,
                                                                  chapter_ms=0))
    layout = plan_layout(timeline)
    assert len(layout.segments) == 1
    assert layout.chapter_segments(0) is None or len(layout.chapter_segments(0)) == 1
    assert layout.chapter_segments(1) is None and layout.chapter_segments(2) is None


def test_an_edit_changes_only_the_segments_around_it():
    lengths = _long_script(11)
    before = plan_layout(_timeline(lengths)).segments
    for chapter, turn, new_length in ((3, 5, 19.0), (0, 0, 1.5), (5, -1, 40.0)):
        edited = [list(c) for c in lengths]
        edited[chapter][turn] = new_length
        turns = _turns(edited)
        # the edited turn is a new clip (new words)
        index = sum(len(c) for c in edited[:chapter]) + (turn % len(edited[chapter]))
        turns[index] = TurnAudio("new", chapter, turns[index].speaker, "new",
                                 turns[index].samples)
        after = plan_layout(build_timeline(turns, [f"c{i}" for i in range(len(edited))],
                                           PAUSES)).segments
        old = {s.content_key() for s in before}
        new = {s.content_key() for s in after}
        assert len(new - old) <= 2, f"edit in chapter {chapter}: {len(new - old)} new segments"
        assert len(old & new) >= len(before) - 3


def test_segments_are_identified_by_what_they_say_not_where():
    lengths = _long_script(5)
    first = plan_layout(_timeline(lengths)).segments
    # a new chapter in front moves everything; no segment's content changes but the first
    # one's, which now begins with the pause before its chapter
    turns = [TurnAudio("intro", 0, "a", "intro", 30 * RATE)] + [
        TurnAudio(t.turn_id, t.chapter + 1, t.speaker, t.key, t.samples)
        for t in _turns(lengths)]
    moved = plan_layout(build_timeline(turns, [f"c{i}" for i in range(len(lengths) + 1)],
                                       PAUSES)).segments
    assert {s.content_key() for s in first[1:]} <= {s.content_key() for s in moved}


def test_the_end_of_a_chapter_export_keeps_what_a_decoder_needs():
    layout = plan_layout(_timeline(_long_script(3)))
    inner = layout.chapter_segments(1)
    assert inner is not None
    assert end_padding(inner, ends_episode=False) == DECODER_DELAY
    last = layout.segments[-1:]
    assert end_padding(last, ends_episode=True) == last[0].padding
    assert played_samples(inner, False) == (sum(s.frames for s in inner) * FRAME
                                            - ENCODER_DELAY - DECODER_DELAY)


@settings(max_examples=80, deadline=None)
@given(lengths_strategy, st.data())
def test_settled_segments_do_not_depend_on_the_chapters_not_made_yet(lengths, data):
    """What a pipelined render encodes early is what the finished layout has."""
    known = data.draw(st.integers(0, len(lengths)))
    guessed = [chapter if index < known else [1.0] * len(chapter)
               for index, chapter in enumerate(lengths)]
    final = plan_layout(_timeline(lengths)).segments
    early = plan_layout(_timeline(guessed)).settled(known)
    assert [(s.content_key(), s.frames, s.length) for s in early] == \
        [(s.content_key(), s.frames, s.length) for s in final[:len(early)]]
    if known == len(lengths):
        assert len(early) == len(final)


def test_a_long_first_chapter_is_settled_before_the_rest_is_made():
    lengths = _long_script(seed=7)
    guessed = [lengths[0], *[[1.0] * len(chapter) for chapter in lengths[1:]]]
    early = plan_layout(_timeline(guessed)).settled(1)
    final = plan_layout(_timeline(lengths))
    assert len(early) >= 2, "a long chapter is several segments, all settled"
    assert [s.content_key() for s in early] == [
        s.content_key() for s in final.segments[:len(early)]]
    assert early[-1].index + 1 == final.chapter_starts[1]
