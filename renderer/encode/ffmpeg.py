"""Find and run ffmpeg: `$PODCAST_FFMPEG`, else one on PATH, else imageio-ffmpeg's binary."""

from __future__ import annotations

import functools
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..errors import AudioFileError, EngineUnavailableError

# ffmpeg runs in a process group of its own: Ctrl-C at the terminal reaches the renderer,
# which stops ffmpeg itself and removes what it was writing. (Given SIGINT, ffmpeg would
# finish its output file and exit 255, racing the renderer's own clean-up.)
CHILD = {"process_group": 0}


@functools.cache
def ffmpeg_exe() -> str:
    """Path of the ffmpeg binary to use."""
    override = os.environ.get("PODCAST_FFMPEG")
    if override:
        return override
    on_path = shutil.which("ffmpeg")
    if on_path:
        return on_path
    try:
        import imageio_ffmpeg

        return imageio_ffmpeg.get_ffmpeg_exe()
    except (ImportError, RuntimeError) as exc:
        raise EngineUnavailableError(f"ffmpeg not found (install imageio-ffmpeg): {exc}") from None


def decode_to_pcm(data: bytes, rate: int) -> np.ndarray:
    """Decode compressed audio bytes to int16 mono samples at `rate`."""
    result = subprocess.run(
        [ffmpeg_exe(), "-hide_banner", "-v", "error", "-i", "pipe:0", "-f", "s16le",
         "-ac", "1", "-ar", str(rate), "pipe:1"],
        input=data, capture_output=True, check=False, **CHILD,
    )
    if result.returncode != 0:
        message = result.stderr.decode(errors="replace").strip().splitlines()
        raise AudioFileError(f"cannot decode audio: {message[-1] if message else 'ffmpeg failed'}")
    return np.frombuffer(result.stdout, dtype=np.int16)


@dataclass(frozen=True)
class FileChapter:
    """A chapter as ffmpeg reads it from a file."""

    title: str
    start: float
    end: float


@dataclass(frozen=True)
class Probe:
    """What ffmpeg says about an audio file."""

    duration: float
    chapters: list[FileChapter]
    metadata: str


def probe(path: Path) -> Probe:
    """Duration, chapters and global metadata of an audio file, as ffmpeg reads them."""
    result = subprocess.run(
        [ffmpeg_exe(), "-hide_banner", "-nostdin", "-i", str(path), "-f", "ffmetadata", "-"],
        capture_output=True, check=False, **CHILD,
    )
    stderr = result.stderr.decode(errors="replace")
    if result.returncode != 0:
        last = stderr.strip().splitlines()[-1] if stderr.strip() else "ffmpeg failed"
        raise AudioFileError(f"{path}: cannot read audio: {last}")
    match = re.search(r"Duration: (\d+):(\d+):(\d+(?:\.\d+)?)", stderr)
    duration = (int(match.group(1)) * 3600 + int(match.group(2)) * 60 + float(match.group(3))
                if match else 0.0)
    metadata = result.stdout.decode("utf-8", errors="replace")
    return Probe(duration, parse_ffmetadata_chapters(metadata), metadata)


def parse_ffmetadata_chapters(text: str) -> list[FileChapter]:
    """The [CHAPTER] sections of an FFMETADATA document, in file order."""
    chapters: list[FileChapter] = []
    for block in re.split(r"^\[CHAPTER\]\s*$", text, flags=re.MULTILINE)[1:]:
        block = re.split(r"^\[", block, maxsplit=1, flags=re.MULTILINE)[0]
        fields = dict(_ffmetadata_fields(block))
        num, den = (int(x) for x in fields.get("TIMEBASE", "1/1000").split("/"))
        scale = num / den
        chapters.append(FileChapter(fields.get("title", ""), int(fields["START"]) * scale,
                                    int(fields["END"]) * scale))
    return chapters


def _ffmetadata_fields(block: str):
    """key=value lines of an FFMETADATA section, with backslash escapes undone."""
    lines = re.split(r"(?<!\\)\n", block)
    for line in lines:
        if not line.strip() or line.startswith((";", "#")):
            continue
        key, _, value = _split_unescaped(line)
        yield _unescape(key), _unescape(value)


def _split_unescaped(line: str) -> tuple[str, str, str]:
    index = 0
    while index < len(line):
        if line[index] == "\\":
            index += 2
            continue
        if line[index] == "=":
            return line[:index], "=", line[index + 1:]
        index += 1
    return line, "", ""


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text, flags=re.DOTALL)


def measure_loudness(path: Path) -> tuple[float, float]:
    """Integrated loudness (LUFS, mono measured as dual-mono) and true peak (dBTP) by ffmpeg."""
    result = subprocess.run(
        [ffmpeg_exe(), "-hide_banner", "-nostdin", "-nostats", "-i", str(path),
         "-af", "ebur128=peak=true:dualmono=true", "-f", "null", "-"],
        capture_output=True, check=False, **CHILD,
    )
    text = result.stderr.decode(errors="replace")
    summary = text[text.rfind("Summary:"):]
    integrated = re.search(r"I:\s+(-?[\d.]+|-inf) LUFS", summary)
    peak = re.search(r"Peak:\s+(-?[\d.]+|-inf) dBFS", summary)
    if result.returncode != 0 or not integrated or not peak:
        raise AudioFileError(f"{path}: cannot measure loudness")
    return float(integrated.group(1)), float(peak.group(1))
