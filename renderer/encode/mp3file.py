"""Write an MP3 — the episode, or one chapter of it — from its segments.

The segments the cache lacks are encoded (in parallel), then the file is put together in a
temporary file beside the target: the ID3 tag, one info frame for the whole, the frames of
every segment. The caller renames it into place.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..atomic import temp_file_beside
from ..checkpoints import checkpoint
from ..clips.cache import ClipCache
from ..metadata.id3 import id3_bytes
from ..metadata.tags import Tags
from ..mp3.frames import ENCODER_DELAY
from ..mp3.stream import write_joined
from ..progress import Reporter
from .layout import SegmentPlan, end_padding
from .segment_cache import SegmentCache, StoredSegment
from .segments import SegmentEncoder, encode_workers
from .settings import EncoderSettings


@dataclass(frozen=True)
class WrittenMp3:
    """A joined MP3 in its temporary file, and how many of its segments were encoded now."""

    tmp: Path
    keys: list[str]  # each segment's key in the segment cache, in order
    encoded: int


def segment_store(clips: ClipCache) -> SegmentCache:
    """The segment cache kept beside the clip cache."""
    return SegmentCache(clips.folder / "segments")


def segment_encoder(clips: ClipCache, reporter: Reporter) -> SegmentEncoder:
    """An encoder of segments into the cache beside the clip cache, one ffmpeg per core."""
    return SegmentEncoder(clips, segment_store(clips), encode_workers(), reporter)


def write_mp3(target: Path, segments: Sequence[SegmentPlan], settings: EncoderSettings,
              clips: ClipCache, tags: Tags, reporter: Reporter, ends_episode: bool,
              encoder: SegmentEncoder | None = None,
              stored: list[StoredSegment] | None = None) -> WrittenMp3:
    """Encode what is missing and join `segments` with `tags` into a temporary file.

    `encoder` may have been handed some of the segments already (a pipelined render).
    `stored`: the segments as a render stored them (`stored_as_recorded`): their frames are
    joined as they are (an export copies the episode's own frames, and needs no encoder to
    work out the keys).
    `ends_episode`: the last segment ends the episode, so players drop its encoder padding;
    a chapter that ends at a joint plays on into that padding (silence of the pause).
    """
    if stored is not None:
        encoded = 0
    elif encoder is None:
        with segment_encoder(clips, reporter) as own:
            stored, encoded = own.collect(segments, settings)
    else:
        stored, encoded = encoder.collect(segments, settings)
    padding = end_padding(list(segments), ends_episode)
    reporter.start("joining", len(stored))

    def copied(number: int) -> None:
        reporter.advance()
        if number == 0:
            checkpoint("joining")  # the temporary file is half written

    with temp_file_beside(target) as (out, tmp):
        write_joined(out, id3_bytes(tags, str(target)), stored, ENCODER_DELAY, padding,
                     settings.quality, copied)
    return WrittenMp3(tmp, [segment.key for segment in stored], encoded)


def stored_as_recorded(segments: Sequence[SegmentPlan], keys: Sequence[str],
                       clips: ClipCache) -> list[StoredSegment] | None:
    """The segments a render recorded under `keys`, if every one is still stored with the
    frames planned."""
    store = segment_store(clips)
    found = []
    for key, segment in zip(keys, segments, strict=True):
        entry = store.get(key)
        if entry is None or entry.frames != segment.frames:
            return None
        found.append(entry)
    return found


__all__ = ["WrittenMp3", "segment_encoder", "segment_store", "stored_as_recorded", "write_mp3"]
