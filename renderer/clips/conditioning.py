"""Turn an engine's raw output into a clip ready to join: one rate, no padding, one loudness.

Every clip is converted once to the working rate, trimmed of the engine's leading and
trailing silence, and leveled to a reference loudness with its peaks kept under a fixed
ceiling. Leveling each turn makes voices of different engines sit at the same level, and
leaves the master a single gain to apply while encoding.
"""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
from scipy.ndimage import minimum_filter1d, uniform_filter1d
from scipy.signal import resample_poly

from ..engines.base import RawClip, Sentence
from .clip import REFERENCE_CEILING_DB, REFERENCE_LUFS, WORKING_RATE, Clip
from .loudness import as_float, block_powers, integrated, true_peak_db

_SILENCE = 10 ** (-50 / 20)
_KEEP_LEAD = 0.03
_KEEP_TAIL = 0.08
_MIN_SECONDS = 0.2
_LIMITER_WINDOW = 0.02


def condition(raw: RawClip) -> Clip:
    """Resample, trim, level and limit a raw clip."""
    # float32 all the way, changed in place: a long turn is minutes of audio, and copies add up
    audio = _resample(as_float(raw.samples, np.float32), raw.rate, WORKING_RATE)
    if np.shares_memory(audio, raw.samples):
        audio = audio.copy()
    audio, offset = _trim(audio, WORKING_RATE)
    sentences = _shift(raw.sentences, -offset, len(audio) / WORKING_RATE)
    powers = block_powers(audio, WORKING_RATE)
    loudness = integrated(powers)
    if math.isfinite(loudness):
        gain = 10 ** ((REFERENCE_LUFS - loudness) / 20)
        audio *= np.float32(gain)
        powers = powers * gain * gain
    if _limit(audio, 10 ** (REFERENCE_CEILING_DB / 20), WORKING_RATE):
        powers = block_powers(audio, WORKING_RATE)  # the limiter changed it: measure again
    audio *= np.float32(32767)
    np.round(audio, out=audio)
    np.clip(audio, -32768, 32767, out=audio)
    samples = audio.astype(np.int16)
    del audio
    return Clip(samples, sentences, powers, true_peak_db(samples))


def _resample(audio: np.ndarray, rate: int, target: int) -> np.ndarray:
    if rate == target or not len(audio):
        return audio
    ratio = Fraction(target, rate)
    resampled: np.ndarray = resample_poly(audio, ratio.numerator, ratio.denominator)
    return resampled.astype(np.float32, copy=False)


def _trim(audio: np.ndarray, rate: int) -> tuple[np.ndarray, float]:
    """Drop silence beyond a short lead and tail; returns the audio and seconds cut at the start."""
    loud = _loud(audio, _SILENCE)
    if not loud.any():
        return np.zeros(int(_MIN_SECONDS * rate), np.float32), 0.0
    first, last = int(loud.argmax()), len(loud) - 1 - int(loud[::-1].argmax())
    start = max(0, first - int(_KEEP_LEAD * rate))
    end = min(len(audio), last + 1 + int(_KEEP_TAIL * rate))
    return audio[start:end], start / rate


def _loud(audio: np.ndarray, level: float) -> np.ndarray:
    """Where |audio| > level, as booleans (no float copy: a long clip is minutes of audio)."""
    loud: np.ndarray = audio > level
    loud |= audio < -level
    return loud


def _shift(sentences: list[Sentence], delta: float, length: float) -> list[Sentence]:
    return [
        Sentence(min(max(s.start + delta, 0.0), length), min(max(s.end + delta, 0.0), length),
                 s.text)
        for s in sentences
    ]


def _limit(audio: np.ndarray, ceiling: float, rate: int) -> bool:
    """A look-ahead peak limiter, in place: gain never above what keeps every sample under
    `ceiling`. Says whether it changed anything."""
    if not len(audio) or max(float(audio.max()), -float(audio.min())) <= ceiling:
        return False
    # the gain each sample needs, then the gain, in one buffer
    gain = np.abs(audio)
    np.maximum(gain, 1e-12, out=gain)
    np.divide(np.float32(ceiling), gain, out=gain)
    np.minimum(gain, 1.0, out=gain)
    window = max(1, int(_LIMITER_WINDOW * rate))
    # A minimum over 2w+1 samples then a mean over w+1 never exceeds the gain a sample needs,
    # and spreads each gain change over ~w samples instead of distorting the waveform. The
    # gain differs from 1 only within 1.5 w of a sample over the ceiling, so the filters run
    # only around those (the same result as over the whole clip, at a fraction of the cost);
    # elsewhere the needed gain is already 1.
    over = np.flatnonzero(gain < 1.0)
    breaks = np.flatnonzero(np.diff(over) > 4 * window)
    starts = np.maximum(np.concatenate([[over[0]], over[breaks + 1]]) - 2 * window, 0)
    ends = np.minimum(np.concatenate([over[breaks], [over[-1]]]) + 2 * window + 1, len(gain))
    smoothed = [uniform_filter1d(minimum_filter1d(gain[start:end], 2 * window + 1), window + 1)
                for start, end in zip(starts, ends, strict=True)]
    for start, end, piece in zip(starts, ends, smoothed, strict=True):
        np.minimum(gain[start:end], piece, out=gain[start:end])
    audio *= gain
    return True


class PieceLeveler:
    """Levels a clip's pieces as they come, before the whole clip exists.

    Like `condition`: at the working rate, the lead trimmed, leveled to the reference
    loudness (the gain the first piece with speech needs), peaks limited, 16-bit.
    """

    def __init__(self) -> None:
        self._gain: float | None = None
        self._started = False

    def pcm(self, piece: RawClip) -> bytes:
        """The piece as 16-bit mono PCM at the working rate (nothing before the speech)."""
        audio = _resample(as_float(piece.samples, np.float32), piece.rate, WORKING_RATE)
        if not self._started:
            loud = np.flatnonzero(np.abs(audio) > _SILENCE)
            if not len(loud):
                return b""
            audio = audio[max(0, loud[0] - int(_KEEP_LEAD * WORKING_RATE)):]
            self._started = True
        if self._gain is None:
            loudness = integrated(block_powers(audio, WORKING_RATE))
            if math.isfinite(loudness):
                self._gain = 10 ** ((REFERENCE_LUFS - loudness) / 20)
        audio = audio * np.float32(self._gain or 1.0)
        _limit(audio, 10 ** (REFERENCE_CEILING_DB / 20), WORKING_RATE)
        scaled = np.clip(np.round(audio * np.float32(32767)), -32768, 32767)
        return scaled.astype("<i2").tobytes()
