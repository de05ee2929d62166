"""MPEG audio Layer III frames: find them in a stream and say how long each one is."""

from __future__ import annotations

import base64
from dataclasses import dataclass

import numpy as np

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


def frame_sizes(data: bytes, source: str = "MP3 stream") -> np.ndarray:
    """The size in bytes of every frame of a stream made only of frames."""
    offsets = frame_offsets(data, source)
    return np.diff(np.asarray([*offsets, len(data)], dtype=np.int64))


def pack_sizes(sizes: np.ndarray) -> tuple[int, str]:
    """A constant-bitrate stream's frame sizes as (size without padding, base64 bitmap of
    the padded frames): a few bytes per hundred frames, instead of parsing them again."""
    base = int(sizes.min()) if len(sizes) else 0
    extra = sizes - base
    if len(sizes) and int(extra.max()) > 1:
        raise ValueError("frames of more than one bitrate")
    return base, base64.b64encode(np.packbits(extra.astype(np.uint8)).tobytes()).decode()


def unpack_sizes(base: int, bitmap: str, count: int) -> np.ndarray:
    """The frame sizes that pack_sizes packed."""
    bits = np.unpackbits(np.frombuffer(base64.b64decode(bitmap), np.uint8))[:count]
    if len(bits) != count:
        raise ValueError("frame bitmap too short")
    return bits.astype(np.int64) + base


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
