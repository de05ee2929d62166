"""A clip made for someone listening: each piece heard as soon as the engine has made it.

The pieces are leveled as the clip will be (its gain measured on the first piece with
speech: the whole clip's measure differs by a decibel or so) and handed over as 16-bit PCM
at the working rate. The clip stored is made from all the pieces exactly as a render makes
it, so the cache holds the same clip either way.
"""

from __future__ import annotations

from collections.abc import Callable

from ..engines.base import Engine, join_clips
from .cache import ClipCache, ClipInfo
from .conditioning import PieceLeveler, condition
from .synthesis import SynthesisJob


def make_clip_live(engine: Engine, cache: ClipCache, job: SynthesisJob,
                   hear: Callable[[bytes], None]) -> ClipInfo:
    """Make and store `job`'s clip, passing each piece's PCM to `hear` as it is made."""
    pieces = []
    leveler = PieceLeveler()
    for piece in engine.stream(job.text, job.settings):
        pieces.append(piece)
        pcm = leveler.pcm(piece)
        if pcm:
            hear(pcm)
    return cache.put(job.key, condition(join_clips(pieces)))
