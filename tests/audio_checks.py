"""Read rendered files back with real readers (mutagen, ffmpeg), for the tests."""

from __future__ import annotations

import subprocess
from pathlib import Path

import numpy as np
from mutagen.id3 import ID3, CTOCFlags
from mutagen.mp3 import MP3

from renderer.ffmpeg import ffmpeg_exe, measure_loudness
from renderer.metadata.ffmetadata import probe

__all__ = ["decode", "id3_chapters", "measure_loudness", "median_f0", "mp3_seconds", "probe",
           "spectral_centroid"]


def id3_chapters(path: Path) -> tuple[ID3, list[tuple[str, int, int, str]]]:
    """The tag and its chapters as mutagen reads them, in the CTOC's order."""
    tags = ID3(path)
    tocs = tags.getall("CTOC")
    assert len(tocs) == 1, "one table of contents"
    toc = tocs[0]
    assert toc.flags & CTOCFlags.TOP_LEVEL and toc.flags & CTOCFlags.ORDERED
    chapters = {f.element_id: f for f in tags.getall("CHAP")}
    ordered = []
    for element_id in toc.child_element_ids:
        chap = chapters[element_id]
        ordered.append((chap.sub_frames["TIT2"].text[0], chap.start_time, chap.end_time,
                        element_id))
    return tags, ordered


def mp3_seconds(path: Path) -> float:
    """Duration as mutagen computes it (uses the LAME header's delay and padding)."""
    return MP3(path).info.length


def decode(path: Path, rate: int = 24_000) -> np.ndarray:
    """Decoded audio as float mono at `rate`."""
    raw = subprocess.run(
        [ffmpeg_exe(), "-v", "error", "-i", str(path), "-f", "s16le", "-ac", "1", "-ar",
         str(rate), "-"], capture_output=True, check=True,
    ).stdout
    return np.frombuffer(raw, np.int16).astype(np.float64) / 32768


def median_f0(samples: np.ndarray, rate: int = 24_000) -> float:
    """Median fundamental frequency (Hz) of the voiced frames, by autocorrelation."""
    audio = np.asarray(samples, dtype=np.float64)
    if np.issubdtype(np.asarray(samples).dtype, np.integer):
        audio = audio / 32768
    frame, hop = 1024, 256
    lo, hi = rate // 400, rate // 60
    found = []
    for start in range(0, len(audio) - frame, hop):
        window = audio[start:start + frame] * np.hanning(frame)
        if np.sqrt(np.mean(window ** 2)) < 0.01:
            continue
        correlation = np.correlate(window, window, "full")[frame - 1:]
        lag = lo + int(np.argmax(correlation[lo:hi]))
        if correlation[lag] > 0.4 * correlation[0]:
            found.append(rate / lag)
    return float(np.median(found)) if found else 0.0


def spectral_centroid(samples: np.ndarray, rate: int = 24_000) -> float:
    """Spectral centroid (Hz) of the whole clip."""
    spectrum = np.abs(np.fft.rfft(np.asarray(samples, dtype=np.float64)))
    freqs = np.fft.rfftfreq(len(samples), 1 / rate)
    return float((spectrum * freqs).sum() / spectrum.sum())
