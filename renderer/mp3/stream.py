"""Put an MP3 file together from encoded segments: ID3 tag, one info frame, every frame.

The segments are read twice — once to learn their frames and checksum (which the info
frame, written first, must hold), once to copy them — so a long episode is never in memory.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import BinaryIO, Protocol

from fastcrc import crc16

from ..errors import AudioFileError
from .frames import frame_offsets, parse_header
from .infotag import info_frame


class FrameSource(Protocol):
    """Bare MP3 frames kept somewhere (a cached segment)."""

    def read(self) -> bytes:
        """The frames."""
        ...


def write_joined(out: BinaryIO, id3: bytes, sources: Sequence[FrameSource], delay: int,
                 padding: int, quality: int,
                 copied: Callable[[int], None] | None = None) -> int:
    """Write `id3`, an info frame for the whole, then the frames of every source in order.

    `delay` and `padding` are the samples to drop at the very start and end (the first
    source's encoder delay, the last one's padding); `copied(n)` is called as each source
    is written. Returns the bytes written.
    """
    sizes: list[int] = []
    crc = 0
    header = None
    for source in sources:
        data = source.read()
        offsets = frame_offsets(data)
        sizes += [b - a for a, b in zip(offsets, [*offsets[1:], len(data)], strict=True)]
        crc = crc16.arc(data, crc)
        header = header or parse_header(data)
    if header is None:
        raise AudioFileError("no MP3 frames to write")
    tag = info_frame(header, sizes, delay, padding, crc, quality)
    out.write(id3)
    out.write(tag)
    for number, source in enumerate(sources):
        out.write(source.read())
        if copied is not None:
            copied(number)
    return len(id3) + len(tag) + sum(sizes)
