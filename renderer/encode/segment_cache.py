"""Encoded MP3 segments, kept by the content of the PCM they were made from.

A store (`renderer.store`) of `KEY.mp3` (bare MP3 frames: no tag, no info frame) described
by how many frames and bytes it holds and every frame's size, packed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..mp3.frames import pack_sizes, unpack_sizes
from ..store import Store

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

    def frame_sizes(self) -> list[int]:
        """The size of every frame, in order."""
        return unpack_sizes(self.frame_bytes, self.padded, self.frames)


class SegmentCache:
    """A folder of encoded segments keyed by what they encode and how."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self._store = Store(self.folder, ".mp3", ENTRY_VERSION, "segment cache")

    def path(self, key: str) -> Path:
        """Where a segment's frames are (or will be)."""
        return self._store.data_path(key)

    def get(self, key: str, verify: bool = False) -> StoredSegment | None:
        """The entry if present and intact (`verify` also checks its CRC), else None."""
        entry = self._store.get(key, verify)
        if entry is None:
            return None
        data = entry.description
        try:
            return StoredSegment(key, entry.path, int(data["frames"]), int(data["size"]),
                                 int(data["frame_bytes"]), str(data["padded"]))
        except (ValueError, KeyError, TypeError):
            return None

    def put(self, key: str, data: bytes, sizes: Sequence[int]) -> StoredSegment:
        """Store a segment's frames (of these sizes) atomically: frames first, description
        last."""
        frame_bytes, padded = pack_sizes(sizes)
        entry = self._store.put(key, data, {"frames": len(sizes), "size": len(data),
                                            "frame_bytes": frame_bytes, "padded": padded})
        return StoredSegment(key, entry.path, len(sizes), len(data), frame_bytes, padded)
