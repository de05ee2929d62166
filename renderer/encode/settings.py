"""How the episode is encoded: the output rate, LAME's settings, and their ffmpeg arguments."""

from __future__ import annotations

from dataclasses import dataclass

OUTPUT_RATE = 44_100
# LAME's -q: 5 is as good as the default (3) and q0–q2 for speech at 64 kbit/s by PESQ and
# spectral distance, and faster; q7 halves the time but loses detail above 8 kHz
# (bench/mp3_quality.py).
LAME_QUALITY = 5
# every output format: mono at the output rate
MONO_OUTPUT = ("-ar", str(OUTPUT_RATE), "-ac", "1")


@dataclass(frozen=True)
class EncoderSettings:
    """How every part of an episode is encoded (all of it part of every segment's key)."""

    bitrate_kbps: int
    quality: int  # LAME's -q: 0 slowest … 9 fastest
    filters: str  # the mastering's ffmpeg filters: gain, limiter, resampling to 44.1 kHz

    def lame_args(self) -> list[str]:
        """ffmpeg's output arguments for LAME at these settings (mono, 44.1 kHz)."""
        return lame_args(self.bitrate_kbps, self.quality)


def lame_args(bitrate_kbps: int, quality: int = LAME_QUALITY) -> list[str]:
    """ffmpeg's output arguments for LAME: mono at the output rate, constant bitrate."""
    return [*MONO_OUTPUT, "-c:a", "libmp3lame", "-b:a", f"{bitrate_kbps}k",
            "-compression_level", str(quality)]
