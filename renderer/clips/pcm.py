"""The episode's PCM, streamed piece by piece from the clip cache (never held whole)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from .cache import ClipCache
from .timeline import Piece

_SILENCE_CHUNK = 1 << 16


def piece_bytes(piece: Piece, cache: ClipCache) -> Iterator[bytes]:
    """The int16 bytes of one piece: silence, or part of a cached clip."""
    if piece.key is None:
        remaining = piece.length
        silence = bytes(2 * _SILENCE_CHUNK)
        while remaining > 0:
            count = min(remaining, _SILENCE_CHUNK)
            yield silence[: 2 * count]
            remaining -= count
        return
    skip = piece.offset * 2
    remaining = piece.length * 2
    for chunk in cache.read_chunks(piece.key):
        if skip >= len(chunk):
            skip -= len(chunk)
            continue
        part = chunk[skip: skip + remaining]
        skip = 0
        remaining -= len(part)
        yield part
        if remaining <= 0:
            break


def pieces_bytes(pieces: Iterable[Piece], cache: ClipCache) -> Iterator[bytes]:
    """The bytes of several pieces, in order."""
    for piece in pieces:
        yield from piece_bytes(piece, cache)
