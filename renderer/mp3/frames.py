"""MPEG audio Layer III frames: find them in a stream and say how long each one is.

Frame sizes are plain lists of ints, not numpy arrays: exporting a chapter joins stored
segments by their sizes alone, and importing numpy was a tenth of that command's start-up.
"""

from __future__ import annotations

import base64
import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from ..errors import AudioFileError

FRAME = 1152  # samples per MPEG-1 Layer III frame
ENCODER_DELAY = 576  # LAME's delay at the start of every stream
# A decoder's output lags its input by 529 samples, so the last 529 samples of a stream
# come out only if the stream declares at least that much padding (ffmpeg, mpg123).
DECODER_DELAY = 529

# bitrates in kbit/s by header index, for MPEG-1 and for MPEG-2/2.5 Layer III
_BITRATES = {
    1: (0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320),
    2: (0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160),
}
_RATES = {3: (44100, 48000, 32000), 2: (22050, 24000, 16000), 0: (11025, 12000, 8000)}


@dataclass(frozen=True)
class FrameHeader:
    """What a frame's four header bytes say."""

    version: int  # 3: MPEG-1, 2: MPEG-2, 0: MPEG-2.5
    bitrate_kbps: int
    sample_rate: int
    padding: bool
    mono: bool

    @property
    def samples(self) -> int:
        """Samples per frame (Layer III)."""
        return FRAME if self.version == 3 else FRAME // 2

    @property
    def size(self) -> int:
        """Bytes in the frame, header included."""
        factor = 144 if self.version == 3 else 72
        return factor * self.bitrate_kbps * 1000 // self.sample_rate + int(self.padding)

    @property
    def side_info(self) -> int:
        """Bytes of side information after the header (where a Xing tag starts after)."""
        if self.version == 3:
            return 17 if self.mono else 32
        return 9 if self.mono else 17


def parse_header(data: bytes, offset: int = 0) -> FrameHeader | None:
    """The Layer III frame header at `offset`, or None if there is none."""
    if offset + 4 > len(data):
        return None
    word = int.from_bytes(data[offset:offset + 4], "big")
    version = (word >> 19) & 3
    if (word >> 21) & 0x7FF != 0x7FF or version == 1 or (word >> 17) & 3 != 1:
        return None
    bitrate_index = (word >> 12) & 15
    rate_index = (word >> 10) & 3
    if bitrate_index in (0, 15) or rate_index == 3:
        return None
    table = _BITRATES[1 if version == 3 else 2]
    return FrameHeader(version, table[bitrate_index], _RATES[version][rate_index],
                       bool((word >> 9) & 1), (word >> 6) & 3 == 3)


def frame_sizes(data: bytes, source: str = "MP3 stream") -> list[int]:
    """The size in bytes of every frame of a stream made only of frames."""
    offsets = frame_offsets(data, source)
    return [end - start for start, end in itertools.pairwise([*offsets, len(data)])]


def pack_sizes(sizes: Sequence[int]) -> tuple[int, str]:
    """A constant-bitrate stream's frame sizes as (size without padding, base64 bitmap of
    the padded frames, first frame in the highest bit): a few bytes per hundred frames,
    instead of parsing them again."""
    base = min(sizes, default=0)
    if sizes and max(sizes) - base > 1:
        raise ValueError("frames of more than one bitrate")
    bits = "".join("1" if size > base else "0" for size in sizes)
    bits += "0" * (-len(bits) % 8)
    packed = int(bits, 2).to_bytes(len(bits) // 8, "big") if bits else b""
    return base, base64.b64encode(packed).decode()


def unpack_sizes(base: int, bitmap: str, count: int) -> list[int]:
    """The frame sizes that pack_sizes packed."""
    packed = base64.b64decode(bitmap)
    if len(packed) * 8 < count:
        raise ValueError("frame bitmap too short")
    bits = format(int.from_bytes(packed, "big"), f"0{len(packed) * 8}b")[:count] if count else ""
    return [base + bit - 48 for bit in bits.encode()]  # (48 is "0")


def frame_offsets(data: bytes, source: str = "MP3 stream") -> list[int]:
    """The byte offset of every frame of a stream made only of frames (no tags)."""
    offsets = []
    position = 0
    while position < len(data):
        header = parse_header(data, position)
        if header is None or position + header.size > len(data):
            raise AudioFileError(f"{source}: no MP3 frame at byte {position}")
        offsets.append(position)
        position += header.size
    return offsets
