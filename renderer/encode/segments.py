"""Encode the MP3 segments the cache lacks, one ffmpeg per segment, as many at once as cores.

A segment's key is a digest of what it encodes (its clips, their offsets, the silences) and
how (encoder, bitrate, quality, gain, limiter): an unchanged segment is never encoded twice.
Each ffmpeg writes to a temporary file beside the cache entry; a segment is stored only when
it has exactly the frames its plan says, so its place in the episode is known before it is
made and segments can be made in any order.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import subprocess
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait

from ..atomic import remove_stale_temps, temp_path_beside
from ..checkpoints import checkpoint
from ..clips.cache import ClipCache
from ..clips.pcm import pieces_bytes
from ..errors import OutputError
from ..ffmpeg import OWN_GROUP, failure, ffmpeg_exe, ffmpeg_version
from ..mp3.frames import frame_sizes
from ..progress import Reporter, Stage
from .layout import SegmentPlan
from .segment_cache import SegmentCache, StoredSegment
from .settings import EncoderSettings

SEGMENT_VERSION = 1
ENCODER_NICENESS = 19


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


class SegmentEncoder:
    """Encodes MP3 segments into the segment cache: one ffmpeg per core, in threads.

    Segments can be handed over early — a render hands over each chapter's segments while
    later chapters' clips are still being made — and are collected when the MP3 is joined.
    A segment already stored, or already handed over under the same key, is never encoded
    twice. Used as a context manager: leaving it by an exception (an interrupt, a failed
    segment) stops every ffmpeg at once.
    """

    def __init__(self, clips: ClipCache, store: SegmentCache, workers: int,
                 reporter: Reporter) -> None:
        self._clips = clips
        self._store = store
        self._reporter = reporter
        self._executor = ThreadPoolExecutor(max(1, workers), thread_name_prefix="segment-encoder")
        self._running = _Running()
        self._jobs: dict[str, Future[StoredSegment]] = {}
        self._encoded: set[str] = set()  # keys this encoder encodes (the rest were stored)
        self._stage: Stage | None = None

    def __enter__(self) -> SegmentEncoder:
        return self

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None:
        if kind is not None:
            self.stop()
        else:
            self._executor.shutdown(wait=True)

    def submit(self, segments: Sequence[SegmentPlan], settings: EncoderSettings) -> list[str]:
        """Start encoding the segments the cache lacks (longest first); returns their keys."""
        keys: list[str] = []
        new: list[tuple[SegmentPlan, str]] = []
        for segment in segments:
            key = segment_key(segment, settings)
            keys.append(key)
            if key in self._jobs:
                continue
            stored = self._store.get(key)
            if stored is not None and stored.frames == segment.frames:
                self._jobs[key] = _done(stored)
            else:
                new.append((segment, key))
                self._jobs[key] = Future()  # claimed: a duplicate in `segments` waits on it
        if new:
            self._stage = self._stage or self._reporter.also("encoding")
            self._stage.add(sum(segment.frames for segment, _ in new))
        # longest first, so that no long segment is left to run alone at the end
        for segment, key in sorted(new, key=lambda item: item[0].frames, reverse=True):
            future = self._executor.submit(_encode_one, segment, key, settings, self._clips,
                                           self._store, self._running)
            future.add_done_callback(self._progress(segment.frames))
            self._jobs[key] = future
            self._encoded.add(key)
        return keys

    def collect(self, segments: Sequence[SegmentPlan], settings: EncoderSettings
                ) -> tuple[list[StoredSegment], int]:
        """Every segment, stored or encoded; and how many of them this encoder encoded."""
        keys = self.submit(segments, settings)
        pending = {self._jobs[key] for key in keys}
        held = False
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                future.result()  # a failed segment raises here
            if not held:
                held = True
                checkpoint("encoding")  # a segment is stored, others may be being encoded
        return [self._jobs[key].result() for key in keys], len(set(keys) & self._encoded)

    @property
    def encoded_keys(self) -> frozenset[str]:
        """The keys of the segments this encoder encoded (or is encoding)."""
        return frozenset(self._encoded)

    def stop(self) -> None:
        """Stop every ffmpeg and drop the segments not started (an interrupt or a failure)."""
        self._running.stop()
        self._executor.shutdown(wait=True, cancel_futures=True)

    def _progress(self, frames: int) -> Callable[[Future[StoredSegment]], None]:
        def advance(future: Future[StoredSegment]) -> None:
            if self._stage is not None and not future.cancelled() and future.exception() is None:
                self._stage.advance(frames)
        return advance


def _done(stored: StoredSegment) -> Future[StoredSegment]:
    future: Future[StoredSegment] = Future()
    future.set_result(stored)
    return future


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
        # below synthesis: encoders use what the synthesis workers leave of the cores
        with contextlib.suppress(OSError):
            os.setpriority(os.PRIO_PROCESS, process.pid, ENCODER_NICENESS)
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


__all__ = ["SegmentEncoder", "encode_workers", "segment_key"]
