"""Loudness measurement and the clip limiter, against their definitions."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy.ndimage import minimum_filter1d, uniform_filter1d
from scipy.signal import lfilter

from renderer.clips.conditioning import _LIMITER_WINDOW, _limit
from renderer.clips.loudness import _k_filter, block_powers, integrated, true_peak_db

RATE = 24_000


def test_a_full_scale_sine_reads_minus_3_lufs():
    """BS.1770's calibration: a 0 dBFS 997 Hz sine in one channel reads −3.01 LUFS."""
    t = np.arange(RATE * 10) / RATE
    for level_db in (0.0, -20.0):
        sine = 10 ** (level_db / 20) * np.sin(2 * math.pi * 997 * t)
        assert integrated(block_powers(sine, RATE)) == pytest.approx(-3.01 + level_db, abs=0.05)


def test_block_powers_are_the_k_weighted_mean_squares():
    signal = np.random.default_rng(3).standard_normal(RATE * 25 + 1234) * 0.1
    weighted = signal
    for b, a in _k_filter(RATE):  # the two biquads one after the other, as BS.1770 says
        weighted = lfilter(b, a, weighted)
    size = RATE // 10
    padded = np.pad(weighted, (0, -len(weighted) % size))
    expected = (padded.reshape(-1, size) ** 2).mean(axis=1)
    np.testing.assert_allclose(block_powers(signal, RATE), expected, rtol=1e-9)


@pytest.mark.parametrize("seed", range(8))
def test_the_limiter_keeps_peaks_under_the_ceiling_and_changes_nothing_else(seed):
    rng = np.random.default_rng(seed)
    audio = (rng.standard_normal(int(rng.integers(2_000, 300_000))) * 0.2).astype(np.float32)
    audio[: len(audio) // 7] *= 4  # a loud stretch, and scattered peaks elsewhere
    ceiling = 0.7
    limited = audio.copy()
    assert _limit(limited, ceiling, RATE), "the limiter says it changed the clip"
    assert np.max(np.abs(limited)) <= ceiling * (1 + 1e-6)
    # the definition: the needed gain, its minimum over 2w+1 samples, averaged over w+1
    need = np.minimum(ceiling / np.maximum(np.abs(audio), 1e-12), 1.0).astype(np.float32)
    window = int(_LIMITER_WINDOW * RATE)
    gain = np.minimum(uniform_filter1d(minimum_filter1d(need, 2 * window + 1), window + 1),
                      need)
    np.testing.assert_allclose(limited, audio * gain, atol=1e-6)
    quiet = np.abs(audio) < ceiling / 8
    far = np.ones(len(audio), bool)
    for index in np.flatnonzero(np.abs(audio) > ceiling):
        far[max(0, index - 2 * window): index + 2 * window + 1] = False
    assert np.array_equal(limited[quiet & far], audio[quiet & far]), "untouched far from peaks"


def test_the_limiter_leaves_a_clip_under_the_ceiling_as_it_is():
    audio = (np.random.default_rng(3).standard_normal(50_000) * 0.1).astype(np.float32)
    before = audio.copy()
    assert not _limit(audio, float(np.max(np.abs(audio))) + 1e-3, RATE)
    assert np.array_equal(audio, before)


@pytest.mark.parametrize("samples", [np.array([0, -32768, 0, 100], np.int16),
                                     np.array([0, 32767, -5], np.int16),
                                     np.array([0.0, -0.5, 0.25], np.float32)])
def test_true_peak_is_at_least_the_sample_peak_of_ints_and_floats(samples):
    scale = 32768 if samples.dtype == np.int16 else 1
    sample_peak_db = 20 * math.log10(float(np.max(np.abs(samples.astype(np.float64)))) / scale)
    assert true_peak_db(samples) >= sample_peak_db - 1e-9
    assert true_peak_db(np.zeros(10, np.int16)) == float("-inf")
