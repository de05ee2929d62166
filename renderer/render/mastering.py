"""Master: episode loudness from the clips' block powers; the filters and encoder settings.

The episode is never held in memory: clips are read from the cache and written to ffmpeg's
stdin with PCM silence between them. ffmpeg applies the one gain (and a limiter only when a
loud target needs it), resamples to 44.1 kHz and encodes. The MP3 episode is encoded in
segments (segment_encoder.py); `encode` here makes the MP4 formats and exported chapters
that do not fall on segment joints.
"""

from __future__ import annotations

import math
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..atomic import temp_path_beside
from ..checkpoints import checkpoint
from ..clips.cache import ClipCache, ClipInfo
from ..clips.clip import REFERENCE_LUFS
from ..clips.loudness import BLOCK_SECONDS, DUAL_MONO_OFFSET, integrated
from ..clips.pcm import piece_bytes
from ..clips.timeline import Timeline
from ..encode.ffmpeg import CHILD, ffmpeg_exe
from ..errors import OutputError
from ..progress import Reporter
from ..script.model import Audio

OUTPUT_RATE = 44_100
# MP3 decoding overshoots sample peaks a little; keep this much under the ceiling.
_ENCODER_MARGIN_DB = 1.0
# LAME's -q: 5 is as good as the default (3) and q0–q2 for speech at 64 kbit/s by PESQ and
# spectral distance, and faster; q7 halves the time but loses detail above 8 kHz
# (bench/mp3_quality.py).
LAME_QUALITY = 5
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


def recorded_mastering(record: dict | None, audio: Audio) -> Mastering | None:
    """The mastering a render recorded (its render.json), if it used these audio settings."""
    try:
        recorded = record["mastering"] if record else None
        if not recorded or record.get("audio") != audio.model_dump() or (
                "codec_loss_db" not in recorded):
            return None
        return Mastering(**recorded)
    except (KeyError, TypeError, AttributeError):
        return None


def plan_mastering(timeline: Timeline, infos: dict[str, ClipInfo], audio: Audio,
                   cache: ClipCache | None = None,
                   previous: Mastering | None = None) -> Mastering:
    """The gain that brings the episode to the target, and whether a limiter is needed.

    With a cache, an excerpt of the episode is encoded and measured, and the loudness the
    MP3 encoder takes away (its low-pass and psychoacoustic model shave off some of the
    high frequencies that K-weighting counts) is added back to the gain. `previous` is the
    last render's mastering of this script with the same audio settings: its gain is kept
    while the new one is within GAIN_TOLERANCE_DB of it, and its codec loss is reused.
    """
    checkpoint("mastering")
    block = round(BLOCK_SECONDS * timeline.rate)
    powers: list[np.ndarray] = []
    for segment in timeline.segments():
        if segment.key is None:
            powers.append(np.zeros(round(segment.length / block)))
        else:
            clip = infos[segment.key].powers
            first = segment.offset // block
            powers.append(clip[first:first + math.ceil(segment.length / block)])
    mono = integrated(np.concatenate(powers)) if powers else float("-inf")
    offset = DUAL_MONO_OFFSET if audio.dual_mono else 0.0
    measured = mono + offset if math.isfinite(mono) else REFERENCE_LUFS + offset
    gain = audio.target_lufs - measured
    loss, kept = 0.0, False
    if previous is not None and abs(gain + previous.codec_loss_db
                                    - previous.gain_db) <= GAIN_TOLERANCE_DB:
        gain, loss, kept = previous.gain_db, previous.codec_loss_db, True
    elif cache is not None and math.isfinite(mono):
        loss = codec_loss_db(timeline, cache, gain, audio.bitrate_kbps)
        gain += loss
    peak = max((infos[p.key].true_peak_db for p in timeline.placements), default=-math.inf)
    ceiling = audio.true_peak_db - _ENCODER_MARGIN_DB
    limiter = ceiling - 0.5 if peak + gain > ceiling else None
    return Mastering(gain, limiter, measured, audio.target_lufs, loss, kept)


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
         "-c:a", "libmp3lame", "-b:a", f"{bitrate_kbps}k", "-compression_level",
         str(LAME_QUALITY), "-f", "mp3", "pipe:1"],
        input=excerpt, capture_output=True, check=False, **CHILD,
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
        input=data, capture_output=True, check=False, **CHILD,
    )
    text = result.stderr.decode(errors="replace")
    found = re.findall(r"I:\s+(-?[\d.]+) LUFS", text[text.rfind("Summary:"):])
    return float(found[-1]) if found else float("-inf")


@dataclass(frozen=True)
class Target:
    """One file to encode: where it goes, its format, and (MP4) its tags and chapters."""

    path: Path
    format: str  # "mp3", "m4a" or "m4b"
    metadata: str | None = None  # an FFMETADATA document, for the MP4 formats


FORMATS = ("mp3", "m4a", "m4b")


def encode(
    timeline: Timeline, cache: ClipCache, mastering: Mastering, bitrate_kbps: int,
    targets: list[Target], reporter: Reporter, start: int = 0, end: int | None = None,
    label: str = "encoding",
) -> dict[Path, Path]:
    """Encode [start, end) of the timeline once into every target; returns target → temp file.

    One ffmpeg reads the joined PCM from a pipe and writes all formats. The caller tags the
    temp files and renames them into place, so a target is never partial.
    """
    end = timeline.total if end is None else end
    temps = {target.path: temp_path_beside(target.path) for target in targets}
    metadata_files: list[Path] = []
    try:
        command = [ffmpeg_exe(), "-hide_banner", "-v", "error", "-y",
                   "-f", "s16le", "-ar", str(timeline.rate), "-ac", "1", "-i", "pipe:0"]
        outputs: list[str] = []
        for target in targets:
            outputs += _output_args(target, temps[target.path], mastering, bitrate_kbps,
                                    input_index=1 + len(metadata_files))
            if target.metadata is not None:
                meta = temp_path_beside(target.path.with_suffix(".ffmeta"))
                meta.write_text(target.metadata, encoding="utf-8")
                metadata_files.append(meta)
                command += ["-f", "ffmetadata", "-i", str(meta)]
        _run_encoder(command + outputs, timeline, cache, reporter, start, end, label,
                     targets[0].path)
    except BaseException:
        for tmp in temps.values():
            tmp.unlink(missing_ok=True)
        raise
    finally:
        for meta in metadata_files:
            meta.unlink(missing_ok=True)
    return temps


def _output_args(target: Target, tmp: Path, mastering: Mastering, bitrate_kbps: int,
                 input_index: int) -> list[str]:
    common = ["-map", "0:a", "-af", mastering.filters(), "-ar", str(OUTPUT_RATE), "-ac", "1"]
    if target.format == "mp3":
        return [*common, "-c:a", "libmp3lame", "-b:a", f"{bitrate_kbps}k", "-compression_level",
                str(LAME_QUALITY), "-write_xing", "1",
                # ffmpeg names itself ("Lavc…") in the LAME info tag; readers such as mutagen
                # only trust the tag's encoder delay and padding under LAME's own name, and
                # the encoder is LAME 3.100. With it every reader agrees on the duration.
                "-metadata:s:a:0", "encoder=LAME3.100",
                "-id3v2_version", "0", "-map_metadata", "-1", "-f", "mp3", str(tmp)]
    chapters = ["-map_metadata", str(input_index), "-map_chapters", str(input_index)] if (
        target.metadata is not None) else ["-map_metadata", "-1"]
    return [*common, "-c:a", "aac", "-b:a", f"{bitrate_kbps}k", *chapters,
            "-movflags", "+faststart", "-f", "ipod", str(tmp)]


def _run_encoder(command: list[str], timeline: Timeline, cache: ClipCache, reporter: Reporter,
                 start: int, end: int, label: str, output: Path) -> None:
    reporter.start(label, max(1, (end - start) // timeline.rate))  # in seconds of audio
    reported = 0
    process = subprocess.Popen(command, stdin=subprocess.PIPE, stderr=subprocess.PIPE,
                               **CHILD)
    assert process.stdin is not None
    try:
        for number, segment in enumerate(timeline.segments(start, end)):
            for chunk in piece_bytes(segment, cache):
                process.stdin.write(chunk)
            if number == 1:
                checkpoint("encoding")  # ffmpeg is writing the temporary file
            reported += segment.length
            while reported >= timeline.rate:
                reporter.advance()
                reported -= timeline.rate
        process.stdin.close()
        stderr = process.stderr.read().decode(errors="replace") if process.stderr else ""
        code = process.wait()
    except BrokenPipeError:
        process.wait()
        stderr = process.stderr.read().decode(errors="replace") if process.stderr else ""
        code = process.returncode or 1
    except BaseException:
        process.kill()
        process.wait()
        raise
    if code != 0:
        last = stderr.strip().splitlines()[-1] if stderr.strip() else f"exit status {code}"
        raise OutputError(f"{output}: encoding failed: {last}")
