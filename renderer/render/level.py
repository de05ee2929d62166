"""The episode's level: what the whole episode measures, steadied by what its opening does.

`plan_mastering` finds the gain the whole episode needs (keeping the last render's while
within 0.5 dB). A render encodes its first chapters' segments before the other clips exist,
at the level the opening chapters alone measure; when that is within OPENING_TOLERANCE_DB
of the whole's and needs the same limiter, the episode keeps it, so those segments are used
as they are. The loudness then differs from the whole's own measure by at most 0.1 LU, well
under what a listener notices. The loudness the MP3 encoder takes away is measured once, on
the opening (its measure has a resolution of 0.1 dB and varies by that much between
excerpts: measured on two excerpts, the two levels would rarely agree). Both levels depend
only on the clips, so a render that encodes while synthesizing, one that does not, and an
export that finds no render record all choose the same level, and make the same segments.
"""

from __future__ import annotations

import math
from dataclasses import replace

from ..clips.cache import ClipCache, ClipInfo
from ..clips.timeline import Timeline, TurnAudio, build_timeline
from ..script.model import Audio, Pauses
from .mastering import Mastering, codec_loss_db, estimate_mastering, plan_mastering

OPENING_CHAPTERS = 2  # the first chapter alone is often short, or an introduction
OPENING_TOLERANCE_DB = 0.1


def opening_chapters(chapters: int) -> int:
    """How many chapters make the opening (none when the episode is one chapter)."""
    return min(OPENING_CHAPTERS, chapters - 1)


def opening_level(turns: list[TurnAudio], titles: list[str], pauses: Pauses,
                  infos: dict[str, ClipInfo], audio: Audio, cache: ClipCache
                  ) -> Mastering | None:
    """The level the opening chapters measure (`turns` holds at least theirs)."""
    count = opening_chapters(len(titles))
    if count < 1:
        return None
    opening = build_timeline([t for t in turns if t.chapter < count], titles, pauses)
    uncorrected = estimate_mastering(opening, infos, audio, 0.0)
    loss = codec_loss_db(opening, cache, uncorrected.gain_db, audio.bitrate_kbps)
    return estimate_mastering(opening, infos, audio, loss)


def choose_level(timeline: Timeline, turns: list[TurnAudio], titles: list[str],
                 pauses: Pauses, infos: dict[str, ClipInfo], audio: Audio, cache: ClipCache,
                 previous: Mastering | None, opening: Mastering | None = None) -> Mastering:
    """The level the episode is encoded at: the last render's while close (plan_mastering),
    else the opening's when close to the whole's, else the whole's.

    `timeline` is the episode's; `opening`, the opening's level if already measured.
    """
    if previous is not None:
        whole = plan_mastering(timeline, infos, audio, cache, previous)
        if whole.kept:
            return whole
    if opening is None:
        opening = opening_level(turns, titles, pauses, infos, audio, cache)
    if opening is None:  # one chapter: no opening to steady it by
        return plan_mastering(timeline, infos, audio, cache)
    whole = plan_mastering(timeline, infos, audio, cache, codec_loss=opening.codec_loss_db)
    if opening.limiter_db == whole.limiter_db and math.isclose(
            opening.gain_db, whole.gain_db, abs_tol=OPENING_TOLERANCE_DB):
        return replace(whole, gain_db=opening.gain_db)
    return whole
