"""Encoded MP3 segments, kept by the content of the PCM they were made from.

An entry is `KEY.mp3` (bare MP3 frames: no tag, no info frame) and `KEY.json` (how many
frames and bytes, every frame's size packed, a CRC-32 of the bytes). Like the clip cache,
the frames are renamed into place first and the description last, and an entry that does
not check out is missing.
"""

from __future__ import annotations

import json
import zlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..atomic import write_bytes_atomic
from ..errors import OutputError
from ..mp3.frames import pack_sizes, unpack_sizes

ENTRY_VERSION = 2


@dataclass(frozen=True)
class StoredSegment:
    """A segment in the cache: where its frames are and what they hold."""

    key: str
    path: Path
    frames: int
    size: int
    frame_bytes: int  # the size of a frame without padding
    padded: str  # which frames carry a padding byte (a base64 bitmap)

    def read(self) -> bytes:
        """The segment's MP3 frames."""
        return self.path.read_bytes()

    def frame_sizes(self) -> np.ndarray:
        """The size of every frame, in order."""
        return unpack_sizes(self.frame_bytes, self.padded, self.frames)


class SegmentCache:
    """A folder of encoded segments keyed by what they encode and how."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)

    def _paths(self, key: str) -> tuple[Path, Path]:
        base = self.folder / key[:2] / key
        return base.with_suffix(".mp3"), base.with_suffix(".json")

    def get(self, key: str, verify: bool = False) -> StoredSegment | None:
        """The entry if present and intact (`verify` also checks its CRC), else None."""
        audio, meta = self._paths(key)
        try:
            data = json.loads(meta.read_text(encoding="utf-8"))
            if data.get("version") != ENTRY_VERSION or data.get("key") != key:
                return None
            if audio.stat().st_size != data["size"]:
                return None
            if verify and zlib.crc32(audio.read_bytes()) != data["crc32"]:
                return None
            return StoredSegment(key, audio, int(data["frames"]), int(data["size"]),
                                 int(data["frame_bytes"]), str(data["padded"]))
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def put(self, key: str, data: bytes, sizes: np.ndarray) -> StoredSegment:
        """Store a segment's frames (of these sizes) atomically: frames first, description
        last."""
        audio, meta = self._paths(key)
        frame_bytes, padded = pack_sizes(sizes)
        record = {"version": ENTRY_VERSION, "key": key, "frames": len(sizes),
                  "size": len(data), "crc32": zlib.crc32(data), "frame_bytes": frame_bytes,
                  "padded": padded}
        try:
            write_bytes_atomic(audio, data, durable=False)
            write_bytes_atomic(meta, json.dumps(record).encode("utf-8"), durable=False)
        except OutputError as exc:
            raise OutputError(f"{self.folder}: cannot write the segment cache ({exc})") from None
        return StoredSegment(key, audio, len(sizes), len(data), frame_bytes, padded)
