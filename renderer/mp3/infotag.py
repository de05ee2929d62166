"""The Xing "Info" frame with its LAME extension: how players learn an MP3's true length.

The first frame of a gapless MP3 carries no audio but a tag: the number of frames and bytes,
a seek table (the byte position at each percent of the duration), and LAME's extension with
the encoder delay at the start and the padding at the end, which decoders drop so the
decoded audio is exactly what was encoded. Written here for a stream put together from
independently encoded pieces, whose own tags do not describe the whole.

Layout (after the frame header and its side information): "Info", flags, frames, bytes,
100-byte TOC, quality, then "LAME3.100" and 27 bytes: revision and VBR method, lowpass,
peak, track and album gain, flags and ATH, bitrate, delay and padding (12 bits each), misc,
MP3 gain, preset and surround, music length, music CRC, and the CRC of the tag itself
(CRC-16/ARC of every byte of the frame before it).
"""

from __future__ import annotations

import struct
from collections.abc import Sequence

from fastcrc import crc16

from .frames import FrameHeader

ENCODER = b"LAME3.100"
_FLAGS = 0x0F  # frames, bytes, TOC and quality are present
_TAG_BYTES = 4 + 4 + 4 + 4 + 100 + 4 + len(ENCODER) + 27  # "Info" … tag CRC
_VBR_METHOD_CBR = 1
_BITRATE_INDEX = {1: (0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320),
                  2: (0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160)}
_RATE_INDEX = {44100: 0, 48000: 1, 32000: 2, 22050: 0, 24000: 1, 16000: 2, 11025: 0,
               12000: 1, 8000: 2}


def info_frame(stream: FrameHeader, frame_sizes: Sequence[int], delay: int, padding: int,
               music_crc: int, quality: int = 5) -> bytes:
    """The info frame for a stream of `frame_sizes` frames (audio frames, not this one).

    `delay` and `padding` are the samples decoders drop at the start and the end;
    `music_crc` is the CRC-16/ARC of the audio frames; `quality` is LAME's -q (0–9).
    """
    header = _tag_header(stream)
    size = header.size
    audio_bytes = sum(frame_sizes)
    total = size + audio_bytes
    frame = bytearray(size)
    frame[0:4] = _header_bytes(header)
    position = 4 + header.side_info
    toc = _toc(frame_sizes, size, total)
    block = b"Info" + struct.pack(">III", _FLAGS, len(frame_sizes), total) + toc
    frame[position:position + len(block)] = block
    position += len(block)
    frame[position:position + 4] = struct.pack(">I", 100 - quality)
    position += 4
    lame = bytearray(27)
    lame[0] = _VBR_METHOD_CBR  # revision 0 in the high nibble
    lame[11] = min(255, stream.bitrate_kbps)
    lame[12:15] = ((min(delay, 4095) << 12) | min(padding, 4095)).to_bytes(3, "big")
    lame[19:23] = struct.pack(">I", total)
    lame[23:25] = struct.pack(">H", music_crc & 0xFFFF)
    frame[position:position + len(ENCODER)] = ENCODER
    position += len(ENCODER)
    frame[position:position + 25] = lame[:25]
    tag_crc = crc16.arc(bytes(frame[:position + 25]))
    frame[position + 25:position + 27] = struct.pack(">H", tag_crc)
    return bytes(frame)


def info_frame_size(stream: FrameHeader) -> int:
    """The size of the info frame `info_frame` writes for this stream."""
    return _tag_header(stream).size


def _tag_header(stream: FrameHeader) -> FrameHeader:
    """The stream's own frame header if the tag fits in it, else the smallest bitrate that
    fits (a low-bitrate frame is too small for the tag; players skip this frame anyway)."""
    table = _BITRATE_INDEX[1 if stream.version == 3 else 2]
    for bitrate in (stream.bitrate_kbps, *table[1:]):
        candidate = FrameHeader(stream.version, bitrate, stream.sample_rate, False, stream.mono)
        if candidate.size >= 4 + candidate.side_info + _TAG_BYTES:
            return candidate
    raise ValueError("no MPEG bitrate gives a frame large enough for the info tag")


def _header_bytes(header: FrameHeader) -> bytes:
    table = _BITRATE_INDEX[1 if header.version == 3 else 2]
    word = (0x7FF << 21) | (header.version << 19) | (1 << 17) | (1 << 16)  # Layer III, no CRC
    word |= table.index(header.bitrate_kbps) << 12
    word |= _RATE_INDEX[header.sample_rate] << 10
    word |= (3 if header.mono else 1) << 6  # mono, or joint stereo
    word |= 1 << 2  # "original"
    return word.to_bytes(4, "big")


def _toc(frame_sizes: Sequence[int], tag_size: int, total: int) -> bytes:
    """The seek table: for each percent of the duration, where its frame starts (÷ 256)."""
    count = len(frame_sizes)
    if not count:
        return bytes(100)
    toc = bytearray(100)
    start, done = tag_size, 0
    for percent in range(100):
        frame = min(count - 1, percent * count // 100)
        start += sum(frame_sizes[done:frame])  # (the frames before this one)
        done = frame
        toc[percent] = min(255, start * 256 // total)
    return bytes(toc)
