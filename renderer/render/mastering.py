"""Master: the episode's loudness from the clips' block powers, and the gain that fixes it.

The episode is never held in memory: its loudness is integrated from the powers each clip
recorded in the cache. The result is one gain (and a limiter only when a loud target needs
it) that every encoder applies as ffmpeg filters.
"""

from __future__ import annotations

import math
import re
import subprocess
from dataclasses import dataclass

from ..checkpoints import checkpoint
from ..clips.cache import ClipCache, ClipInfo
from ..clips.clip import REFERENCE_LUFS
from ..clips.timeline import Timeline
from ..encode.settings import LAME_QUALITY, OUTPUT_RATE, EncoderSettings, lame_args
from ..ffmpeg import OWN_GROUP, ffmpeg_exe
from ..script.model import Audio

# MP3 decoding overshoots sample peaks a little; keep this much under the ceiling.
_ENCODER_MARGIN_DB = 1.0
# A re-render keeps the previous render's gain while the new one is within this of it, so
# that the MP3 segments that did not change are reused byte for byte. 0.5 LU is the
# deviation from the target EBU R 128 permits; the level then never drifts further than
# that from the target, however many edits follow one another.
GAIN_TOLERANCE_DB = 0.5


@dataclass(frozen=True)
class Mastering:
    """What the master does to the joined clips."""

    gain_db: float
    limiter_db: float | None  # sample-peak ceiling of ffmpeg's limiter, when needed
    measured_lufs: float  # the joined clips' loudness before the gain (as the target counts it)
    target_lufs: float
    codec_loss_db: float = 0.0  # loudness the MP3 encoder takes away, added back to the gain
    kept: bool = False  # the previous render's gain, kept (within GAIN_TOLERANCE_DB)

    def filters(self) -> str:
        """ffmpeg's filter chain: the gain, a limiter if needed, 44.1 kHz."""
        chain = [f"volume={self.gain_db:.3f}dB"]
        if self.limiter_db is not None:
            # latency=1: the limiter's look-ahead must not shift the audio
            chain.append(f"alimiter=limit={10 ** (self.limiter_db / 20):.5f}"
                         ":attack=5:release=50:level=false:latency=1")
        chain.append(f"aresample={OUTPUT_RATE}")
        return ",".join(chain)

    def encoder_settings(self, bitrate_kbps: int) -> EncoderSettings:
        """How the episode is encoded with this mastering."""
        return EncoderSettings(bitrate_kbps, LAME_QUALITY, self.filters())


def plan_mastering(timeline: Timeline, infos: dict[str, ClipInfo], audio: Audio,
                   cache: ClipCache | None = None,
                   previous: Mastering | None = None,
                   codec_loss: float | None = None) -> Mastering:
    """The gain that brings the episode to the target, and whether a limiter is needed.

    With a cache, an excerpt of the episode is encoded and measured, and the loudness the
    MP3 encoder takes away (its low-pass and psychoacoustic model shave off some of the
    high frequencies that K-weighting counts) is added back to the gain. `previous` is the
    last render's mastering of this script with the same audio settings: its gain is kept
    while the new one is within GAIN_TOLERANCE_DB of it, and its codec loss is reused.
    `codec_loss`: the codec loss measured before (then nothing is encoded here).
    """
    checkpoint("mastering")
    mono, measured = _loudness(timeline, infos, audio)
    gain = audio.target_lufs - measured
    loss, kept = 0.0, False
    if previous is not None and abs(gain + previous.codec_loss_db
                                    - previous.gain_db) <= GAIN_TOLERANCE_DB:
        gain, loss, kept = previous.gain_db, previous.codec_loss_db, True
    elif codec_loss is not None:
        loss = codec_loss
        gain += loss
    elif cache is not None and math.isfinite(mono):
        loss = codec_loss_db(timeline, cache, gain, audio.bitrate_kbps)
        gain += loss
    return Mastering(gain, _limiter(timeline, infos, audio, gain), measured, audio.target_lufs,
                     loss, kept)


def estimate_mastering(timeline: Timeline, infos: dict[str, ClipInfo], audio: Audio,
                       codec_loss: float) -> Mastering:
    """The mastering of part of an episode (its first chapters), with a codec loss measured
    before: what a pipelined render encodes the first segments with."""
    _, measured = _loudness(timeline, infos, audio)
    gain = audio.target_lufs - measured + codec_loss
    return Mastering(gain, _limiter(timeline, infos, audio, gain), measured,
                     audio.target_lufs, codec_loss)


def _loudness(timeline: Timeline, infos: dict[str, ClipInfo], audio: Audio
              ) -> tuple[float, float]:
    """The timeline's integrated loudness: as mono, and as the target counts it."""
    import numpy as np

    from ..clips.loudness import BLOCK_SECONDS, DUAL_MONO_OFFSET, integrated

    block = round(BLOCK_SECONDS * timeline.rate)
    powers: list[np.ndarray] = []
    for piece in timeline.pieces():
        if piece.key is None:
            powers.append(np.zeros(round(piece.length / block)))
        else:
            clip = infos[piece.key].powers
            first = piece.offset // block
            powers.append(clip[first:first + math.ceil(piece.length / block)])
    mono = integrated(np.concatenate(powers)) if powers else float("-inf")
    offset = DUAL_MONO_OFFSET if audio.dual_mono else 0.0
    return mono, mono + offset if math.isfinite(mono) else REFERENCE_LUFS + offset


def _limiter(timeline: Timeline, infos: dict[str, ClipInfo], audio: Audio,
             gain: float) -> float | None:
    """The limiter's ceiling, when the loudest clip would go over the true-peak ceiling."""
    peak = max((infos[p.key].true_peak_db for p in timeline.placements),
               default=-math.inf)
    ceiling = audio.true_peak_db - _ENCODER_MARGIN_DB
    return ceiling - 0.5 if peak + gain > ceiling else None


def codec_loss_db(timeline: Timeline, cache: ClipCache, gain_db: float, bitrate_kbps: int,
                  excerpt_seconds: float = 60.0) -> float:
    """Loudness lost by MP3 encoding, measured on clips spread over the episode (≤ 1 minute)."""
    placements = timeline.placements
    if not placements:
        return 0.0
    total = sum(p.samples for p in placements)
    budget = int(excerpt_seconds * timeline.rate)
    step = max(1, math.ceil(total / budget)) if total > budget else 1
    picked = placements[::step] if step > 1 else placements
    excerpt = b"".join(b"".join(cache.read_chunks(p.key)) for p in picked)[: 2 * budget]
    before = _measure_pcm(excerpt, timeline.rate, [f"volume={gain_db:.3f}dB"])
    encoded = subprocess.run(
        [ffmpeg_exe(), "-hide_banner", "-v", "error", "-f", "s16le", "-ar", str(timeline.rate),
         "-ac", "1", "-i", "pipe:0", "-af", f"volume={gain_db:.3f}dB,aresample={OUTPUT_RATE}",
         *lame_args(bitrate_kbps), "-f", "mp3", "pipe:1"],
        input=excerpt, capture_output=True, check=False, process_group=OWN_GROUP,
    ).stdout
    after = _measure(["-f", "mp3", "-i", "pipe:0"], encoded, [])
    if not (math.isfinite(before) and math.isfinite(after)):
        return 0.0
    return max(-3.0, min(3.0, before - after))


def _measure_pcm(pcm: bytes, rate: int, filters: list[str]) -> float:
    return _measure(["-f", "s16le", "-ar", str(rate), "-ac", "1", "-i", "pipe:0"], pcm, filters)


def _measure(input_args: list[str], data: bytes, filters: list[str]) -> float:
    """Integrated loudness (LUFS) of audio bytes, as ffmpeg's ebur128 measures it."""
    chain = ",".join([*filters, "ebur128=framelog=quiet"])
    result = subprocess.run(
        [ffmpeg_exe(), "-hide_banner", "-nostats", *input_args, "-af", chain, "-f", "null", "-"],
        input=data, capture_output=True, check=False, process_group=OWN_GROUP,
    )
    text = result.stderr.decode(errors="replace")
    found = re.findall(r"I:\s+(-?[\d.]+) LUFS", text[text.rfind("Summary:"):])
    return float(found[-1]) if found else float("-inf")
