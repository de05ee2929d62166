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
              recorded: Sequence[str] | None = None) -> WrittenMp3:
    """Encode what is missing and join `segments` with `tags` into a temporary file.

    `encoder` may have been handed some of the segments already (a pipelined render).
    `recorded`: the segments' keys as a render stored them; when all are still stored, their
    frames are joined as they are (an export copies the episode's own frames, and needs no
    encoder to work out the keys).
    `ends_episode`: the last segment ends the episode, so players drop its encoder padding;
    a chapter that ends at a joint plays on into that padding (silence of the pause).
    """
    stored = _stored(segments, recorded, segment_store(clips)) if recorded else None
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


def _stored(segments: Sequence[SegmentPlan], keys: Sequence[str], store: SegmentCache
            ) -> list[StoredSegment] | None:
    """The segments stored under `keys`, if every one is there with the frames planned."""
    found = [store.get(key) for key in keys]
    if len(found) != len(segments) or any(
            entry is None or entry.frames != segment.frames
            for entry, segment in zip(found, segments, strict=False)):
        return None
    return [entry for entry in found if entry is not None]


__all__ = ["WrittenMp3", "segment_encoder", "segment_store", "write_mp3"]
