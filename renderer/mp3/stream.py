"""Put an MP3 file together from encoded segments: ID3 tag, one info frame, every frame.

Each segment is read once and copied; its frame sizes come from the cache (parsing a long
episode's frames in Python took seconds), the checksum is computed on the way, and the info
frame is written into the place kept for it at the end. A long episode is never in memory.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from typing import BinaryIO, Protocol

from fastcrc import crc16

from ..errors import AudioFileError
from .frames import parse_header
from .infotag import info_frame, info_frame_size


class FrameSource(Protocol):
    """Bare MP3 frames kept somewhere (a cached segment), with their sizes known."""

    def read(self) -> bytes:
        """The frames."""
        ...

    def frame_sizes(self) -> Sequence[int]:
        """The size of every frame, in order."""
        ...


def write_joined(out: BinaryIO, id3: bytes, sources: Sequence[FrameSource], delay: int,
                 padding: int, quality: int,
                 copied: Callable[[int], None] | None = None) -> int:
    """Write `id3`, an info frame for the whole, then the frames of every source in order.

    `delay` and `padding` are the samples to drop at the very start and end (the first
    source's encoder delay, the last one's padding); `copied(n)` is called as each source
    is written. The frames are read once: the info frame, which holds their checksum, is
    written into its place when they are all out (`out` must be seekable). Returns the
    bytes written.
    """
    sizes = [source.frame_sizes() for source in sources]
    if not sources or not sum(len(s) for s in sizes):
        raise AudioFileError("no MP3 frames to write")
    out.write(id3)
    start = out.tell()
    header = None
    crc = 0
    for number, source in enumerate(sources):
        data = source.read()
        if header is None:
            header = parse_header(data)
            if header is None:
                raise AudioFileError("no MP3 frame at the start of the first segment")
            out.write(bytes(info_frame_size(header)))  # the info frame's place
        crc = crc16.arc(data, crc)
        out.write(data)
        if copied is not None:
            copied(number)
    assert header is not None
    end = out.tell()
    out.seek(start)
    every = list(itertools.chain.from_iterable(sizes))
    out.write(info_frame(header, every, delay, padding, crc, quality))
    out.seek(end)
    return end
