"""LAME's quality setting (-q, ffmpeg's compression_level) for speech at 64 kbit/s mono.

Speech is made with Kokoro (neural, the closest offline voice to edge-tts) and espeak from
the sample's first turns. Each setting encodes it as the render does (44.1 kHz, 64 kbit/s,
ffmpeg's libmp3lame) and is scored against the unencoded audio:
- PESQ (ITU-T P.862.2, wide band, MOS-LQO 1–4.64), the standard objective speech quality,
  averaged over 10-second windows;
- SNR of the decoded waveform, and the log-spectral distance below 8 kHz and from 8 to
  16 kHz (the band PESQ does not see);
- encode time of 35 minutes of that speech (the clip repeated), one encoder, one core.
"""

from __future__ import annotations

import json
import subprocess
import tempfile
import time
from pathlib import Path

import numpy as np
import yaml
from pesq import pesq

from renderer.clips.cache import ClipCache
from renderer.ffmpeg import ffmpeg_exe

from .measure import ROOT, python, run_measured, table

SAMPLE = ROOT / "scripts" / "000_9b6faf332502484a.yaml"
SETTINGS: tuple[int | None, ...] = (0, 2, 3, None, 5, 7, 9)  # None: ffmpeg's default
TURNS = 8
LONG_SECONDS = 35 * 60
RATE = 24_000


def _speech(engine: str, folder: Path) -> np.ndarray:
    """The sample's first turns spoken by `engine`, joined, int16 at 24 kHz."""
    data = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    turns = [turn for chapter in data["chapters"] for turn in chapter["turns"]][:TURNS]
    data["chapters"] = [{"title": "excerpt", "turns": turns}]
    script = folder / f"excerpt-{engine}.yaml"
    script.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    episode = folder / f"excerpt-{engine}.mp3"
    cache = folder / "cache"
    run_measured(python("-m", "renderer", "render", str(script), "--engine", engine, "-o",
                        str(episode), "--cache-dir", str(cache)))
    record = json.loads(episode.with_name(f"{episode.stem}.render.json").read_text("utf-8"))
    clips = ClipCache(cache)
    gap = np.zeros(RATE // 2, np.int16)
    parts = []
    for turn in record["turns"]:
        parts += [np.frombuffer(b"".join(clips.read_chunks(turn["key"])), np.int16), gap]
    return np.concatenate(parts)


def _ffmpeg(args: list[str], data: bytes = b"") -> bytes:
    return subprocess.run([ffmpeg_exe(), "-hide_banner", "-v", "error", *args], input=data,
                          capture_output=True, check=True).stdout


def _encode(pcm: bytes, quality: int | None, target: Path) -> float:
    """Encode as the render does; returns the seconds it took."""
    level = [] if quality is None else ["-compression_level", str(quality)]
    started = time.perf_counter()
    _ffmpeg(["-y", "-f", "s16le", "-ar", str(RATE), "-ac", "1", "-i", "pipe:0", "-af",
             "aresample=44100", "-ar", "44100", "-c:a", "libmp3lame", "-b:a", "64k", *level,
             str(target)], pcm)
    return time.perf_counter() - started


def _decoded(path_or_pcm: Path | bytes, rate: int) -> np.ndarray:
    """Float mono at `rate`: an MP3 file decoded (gapless), or 24 kHz PCM resampled."""
    if isinstance(path_or_pcm, Path):
        raw = _ffmpeg(["-i", str(path_or_pcm), "-f", "s16le", "-ac", "1", "-ar", str(rate), "-"])
    else:
        raw = _ffmpeg(["-f", "s16le", "-ar", str(RATE), "-ac", "1", "-i", "pipe:0", "-f",
                       "s16le", "-ar", str(rate), "-"], path_or_pcm)
    return np.frombuffer(raw, np.int16).astype(np.float64) / 32768


def _pesq(reference: np.ndarray, decoded: np.ndarray, seconds: int = 10) -> float:
    """Mean PESQ over 10-second windows (P.862 is made for utterances of 8–30 s)."""
    window = seconds * 16_000
    scores = [pesq(16_000, reference[start:start + window], decoded[start:start + window], "wb")
              for start in range(0, min(len(reference), len(decoded)) - window + 1, window)]
    return float(np.mean(scores))


def _snr(reference: np.ndarray, decoded: np.ndarray) -> float:
    n = min(len(reference), len(decoded))
    noise = reference[:n] - decoded[:n]
    return float(10 * np.log10(np.sum(reference[:n] ** 2) / np.sum(noise ** 2)))


def _lsd(reference: np.ndarray, decoded: np.ndarray, low: float, high: float,
         rate: int = 44_100) -> float:
    """Log-spectral distance (dB) over [low, high) Hz, 2048-sample frames with speech."""
    n = min(len(reference), len(decoded)) // 2048 * 2048
    window = np.hanning(2048)
    a = np.abs(np.fft.rfft(reference[:n].reshape(-1, 2048) * window, axis=1)) ** 2
    b = np.abs(np.fft.rfft(decoded[:n].reshape(-1, 2048) * window, axis=1)) ** 2
    frequencies = np.fft.rfftfreq(2048, 1 / rate)
    band = (frequencies >= low) & (frequencies < high)
    voiced = a.sum(axis=1) > 1e-3 * a.sum(axis=1).max()
    diff = 10 * np.log10((a[voiced][:, band] + 1e-10) / (b[voiced][:, band] + 1e-10))
    return float(np.mean(np.sqrt(np.mean(diff ** 2, axis=1))))


def main() -> None:
    """Print quality and speed of each LAME quality setting, for Kokoro and espeak speech."""
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        for engine in ("kokoro", "espeak"):
            speech = _speech(engine, folder)
            pcm = speech.tobytes()
            repeats = -(-LONG_SECONDS * RATE // len(speech))
            long_pcm = np.tile(speech, repeats)[: LONG_SECONDS * RATE].tobytes()
            reference_44 = _decoded(pcm, 44_100)
            reference_16 = _decoded(pcm, 16_000)
            rows, base = [], None
            for quality in SETTINGS:
                excerpt = folder / f"q{quality}.mp3"
                _encode(pcm, quality, excerpt)
                seconds = _encode(long_pcm, quality, folder / "long.mp3")
                base = base or seconds
                score = _pesq(reference_16, _decoded(excerpt, 16_000))
                decoded = _decoded(excerpt, 44_100)
                rows.append(["default" if quality is None else f"q{quality}",
                             f"{score:.3f}", f"{_snr(reference_44, decoded):.2f}",
                             f"{_lsd(reference_44, decoded, 0, 8000):.2f}",
                             f"{_lsd(reference_44, decoded, 8000, 16_000):.2f}", f"{seconds:.1f}",
                             f"{seconds / base:.2f}"])
            print(f"{engine}: {len(speech) / RATE:.0f} s of speech scored; encode time for "
                  f"{LONG_SECONDS // 60} min (64 kbit/s mono, 44.1 kHz, one core)")
            print(table(["LAME -q", "PESQ WB", "SNR dB", "LSD dB 0–8 kHz", "LSD dB 8–16 kHz",
                         "encode s", "× q0 time"], rows))
            print()


if __name__ == "__main__":
    main()
