"""Encode the MP3 segments the cache lacks, one ffmpeg per segment, as many at once as cores.

A segment's key is a digest of what it encodes (its clips, their offsets, the silences) and
how (encoder, bitrate, quality, gain, limiter): an unchanged segment is never encoded twice.
Each ffmpeg writes to a temporary file beside the cache entry; a segment is stored only when
it has exactly the frames its plan says, so its place in the episode is known before it is
made and segments can be made in any order.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import threading
from collections.abc import Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait

from ..atomic import remove_stale_temps, temp_path_beside
from ..checkpoints import checkpoint
from ..clips.cache import ClipCache
from ..clips.pcm import pieces_bytes
from ..errors import OutputError
from ..ffmpeg import OWN_GROUP, failure, ffmpeg_exe, ffmpeg_version
from ..mp3.frames import frame_sizes
from ..progress import Reporter
from .layout import SegmentPlan
from .segment_cache import SegmentCache, StoredSegment
from .settings import EncoderSettings

SEGMENT_VERSION = 1


def segment_key(segment: SegmentPlan, settings: EncoderSettings) -> str:
    """The cache key of a segment encoded with these settings."""
    identity = {
        "version": SEGMENT_VERSION, "encoder": ffmpeg_version(), "rate": segment.rate,
        "bitrate": settings.bitrate_kbps, "quality": settings.quality,
        "filters": settings.filters, "content": segment.content_key(), "frames": segment.frames,
    }
    return hashlib.sha256(json.dumps(identity, sort_keys=True).encode()).hexdigest()[:40]


class _Running:
    """The ffmpeg processes at work, so that an interrupt can stop them all at once."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._processes: set[subprocess.Popen[bytes]] = set()
        self.stopped = False

    def add(self, process: subprocess.Popen[bytes]) -> None:
        with self._lock:
            if self.stopped:
                process.kill()
            self._processes.add(process)

    def discard(self, process: subprocess.Popen[bytes]) -> None:
        with self._lock:
            self._processes.discard(process)

    def stop(self) -> None:
        with self._lock:
            self.stopped = True
            for process in self._processes:
                process.kill()


def ensure_segments(
    segments: Sequence[SegmentPlan], settings: EncoderSettings, clips: ClipCache,
    store: SegmentCache, workers: int, reporter: Reporter,
) -> tuple[list[StoredSegment], int]:
    """Every segment, from the cache or encoded now; returns them and how many were encoded."""
    found: dict[int, StoredSegment] = {}
    missing: list[tuple[SegmentPlan, str]] = []
    for segment in segments:
        key = segment_key(segment, settings)
        stored = store.get(key)
        if stored is not None and stored.frames == segment.frames:
            found[segment.index] = stored
        else:
            missing.append((segment, key))
    if missing:
        found.update(_encode_all(missing, settings, clips, store, workers, reporter))
    return [found[segment.index] for segment in segments], len(missing)


def _encode_all(
    missing: list[tuple[SegmentPlan, str]], settings: EncoderSettings, clips: ClipCache,
    store: SegmentCache, workers: int, reporter: Reporter,
) -> dict[int, StoredSegment]:
    reporter.start("encoding", sum(segment.frames for segment, _ in missing))
    running = _Running()
    made: dict[int, StoredSegment] = {}
    # longest first, so that no long segment is left to run alone at the end
    queue = sorted(missing, key=lambda item: item[0].frames, reverse=True)
    executor = ThreadPoolExecutor(max(1, min(workers, len(queue))),
                                  thread_name_prefix="segment-encoder")
    pending: dict[Future[StoredSegment], SegmentPlan] = {}
    try:
        for segment, key in queue:
            future = executor.submit(_encode_one, segment, key, settings, clips, store, running)
            pending[future] = segment
        while pending:
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                segment = pending.pop(future)
                made[segment.index] = future.result()
                reporter.advance(segment.frames)
                if len(made) == 1:
                    checkpoint("encoding")  # a segment is stored, others are being encoded
    except BaseException:
        # interrupted, or one segment failed: stop every ffmpeg; the threads then end at once
        running.stop()
        executor.shutdown(wait=True, cancel_futures=True)
        raise
    executor.shutdown(wait=True)
    return made


def _encode_one(segment: SegmentPlan, key: str, settings: EncoderSettings, clips: ClipCache,
                store: SegmentCache, running: _Running) -> StoredSegment:
    target = store.path(key)
    remove_stale_temps(target.parent)  # left by a render that was killed
    tmp = temp_path_beside(target)
    command = [ffmpeg_exe(), "-hide_banner", "-v", "error", "-y", "-f", "s16le",
               "-ar", str(segment.rate), "-ac", "1", "-i", "pipe:0", "-af", settings.filters,
               *settings.lame_args(), "-write_xing", "0", "-id3v2_version", "0",
               "-map_metadata", "-1", "-f", "mp3", str(tmp)]
    try:
        process = subprocess.Popen(command, stdin=subprocess.PIPE, stderr=subprocess.PIPE,
                                   process_group=OWN_GROUP)
        running.add(process)
        try:
            assert process.stdin is not None
            try:
                for chunk in pieces_bytes(segment.pieces, clips):
                    process.stdin.write(chunk)
                process.stdin.close()
            except BrokenPipeError:
                pass
            stderr = process.stderr.read().decode(errors="replace") if process.stderr else ""
            code = process.wait()
        finally:
            running.discard(process)
        if running.stopped:
            raise OutputError(f"segment {segment.index + 1}: stopped")
        if code != 0:
            raise OutputError(f"segment {segment.index + 1}: encoding failed: "
                              f"{failure(stderr, code)}")
        data = tmp.read_bytes()
        sizes = frame_sizes(data, f"segment {segment.index + 1}")
        frames = len(sizes)
        if frames != segment.frames:
            raise OutputError(
                f"segment {segment.index + 1}: the encoder made {frames} frames where "
                f"{segment.frames} were planned; this ffmpeg's LAME pads differently "
                f"({ffmpeg_version()}); set $PODCAST_FFMPEG to the bundled one")
        return store.put(key, data, sizes)
    finally:
        tmp.unlink(missing_ok=True)


def encode_workers() -> int:
    """Segments encoded at once: one per core (each ffmpeg uses one)."""
    return max(1, os.cpu_count() or 1)


__all__ = ["encode_workers", "ensure_segments", "segment_key"]
