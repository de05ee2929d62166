"""Clips: what the cache keeps (conditioned engine output), and the constants they share."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..engines.base import Sentence

if TYPE_CHECKING:
    import numpy as np

WORKING_RATE = 24_000
REFERENCE_LUFS = -24.0
# Peaks at most 16 dB above the reference loudness: at the default target (-16 LUFS
# dual-mono, i.e. -19 LUFS mono) they stay near -3 dBTP, under the -1 dBTP ceiling
# with room for the MP3 encoder's overshoot.
REFERENCE_CEILING_DB = REFERENCE_LUFS + 16.0
CONDITIONING_VERSION = 2  # bump when conditioning.py changes what it produces


@dataclass
class Clip:
    """A conditioned clip: int16 mono at the working rate, leveled, with its measurements."""

    samples: np.ndarray
    sentences: list[Sentence]
    powers: np.ndarray
    true_peak_db: float
    rate: int = WORKING_RATE

    @property
    def seconds(self) -> float:
        """Duration in seconds."""
        return len(self.samples) / self.rate
