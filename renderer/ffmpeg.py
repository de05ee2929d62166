"""Find and run ffmpeg: `$PODCAST_FFMPEG`, else one on PATH, else imageio-ffmpeg's binary."""

from __future__ import annotations

import functools
import os
import re
import shutil
import subprocess
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import AudioFileError, EngineUnavailableError

if TYPE_CHECKING:
    import numpy as np

# ffmpeg runs in a process group of its own: Ctrl-C at the terminal reaches the renderer,
# which stops ffmpeg itself and removes what it was writing. (Given SIGINT, ffmpeg would
# finish its output file and exit 255, racing the renderer's own clean-up.)
OWN_GROUP = 0  # process_group=0: the child leads a process group of its own


@functools.cache
def ffmpeg_exe() -> str:
    """Path of the ffmpeg binary to use."""
    override = os.environ.get("PODCAST_FFMPEG")
    if override:
        if not (os.path.isfile(override) and os.access(override, os.X_OK)):
            raise EngineUnavailableError(f"$PODCAST_FFMPEG={override}: no such program "
                                         "(unset it to use the bundled ffmpeg)")
        return override
    on_path = shutil.which("ffmpeg")
    if on_path:
        return on_path
    try:
        import imageio_ffmpeg

        return str(imageio_ffmpeg.get_ffmpeg_exe())
    except (ImportError, RuntimeError) as exc:
        raise EngineUnavailableError(f"ffmpeg not found (install imageio-ffmpeg): {exc}") from None


def failure(stderr: bytes | str, code: int | None) -> str:
    """What went wrong, in one line: ffmpeg's last line of errors, else its exit status."""
    text = stderr.decode(errors="replace") if isinstance(stderr, bytes) else stderr
    lines = text.strip().splitlines()
    return lines[-1] if lines else f"ffmpeg exit status {code}"


_VERSION_LOCK = threading.Lock()
_VERSION: list[str] = []


def ffmpeg_version() -> str:
    """ffmpeg's version line (a different LAME could make different frames)."""
    with _VERSION_LOCK:
        if not _VERSION:
            result = subprocess.run([ffmpeg_exe(), "-hide_banner", "-version"],
                                    capture_output=True, text=True, check=False,
                                    process_group=OWN_GROUP)
            _VERSION.append((result.stdout.splitlines() or ["ffmpeg"])[0])
        return _VERSION[0]


def decode_to_pcm(data: bytes, rate: int) -> np.ndarray:
    """Decode compressed audio bytes to int16 mono samples at `rate`."""
    import numpy as np

    result = subprocess.run(
        [ffmpeg_exe(), "-hide_banner", "-v", "error", "-i", "pipe:0", "-f", "s16le",
         "-ac", "1", "-ar", str(rate), "pipe:1"],
        input=data, capture_output=True, check=False, process_group=OWN_GROUP,
    )
    if result.returncode != 0:
        raise AudioFileError(f"cannot decode audio: {failure(result.stderr, result.returncode)}")
    return np.frombuffer(result.stdout, dtype=np.int16)


def read_metadata(path: Path) -> tuple[float, str]:
    """An audio file's duration (seconds) and its metadata as an FFMETADATA document."""
    result = subprocess.run(
        [ffmpeg_exe(), "-hide_banner", "-nostdin", "-i", str(path), "-f", "ffmetadata", "-"],
        capture_output=True, check=False, process_group=OWN_GROUP,
    )
    stderr = result.stderr.decode(errors="replace")
    if result.returncode != 0:
        raise AudioFileError(f"{path}: cannot read audio: "
                             f"{failure(stderr, result.returncode)}")
    match = re.search(r"Duration: (\d+):(\d+):(\d+(?:\.\d+)?)", stderr)
    duration = (int(match.group(1)) * 3600 + int(match.group(2)) * 60 + float(match.group(3))
                if match else 0.0)
    return duration, result.stdout.decode("utf-8", errors="replace")


def measure_loudness(path: Path) -> tuple[float, float]:
    """Integrated loudness (LUFS, mono measured as dual-mono) and true peak (dBTP) by ffmpeg."""
    result = subprocess.run(
        [ffmpeg_exe(), "-hide_banner", "-nostdin", "-nostats", "-i", str(path),
         "-af", "ebur128=peak=true:dualmono=true", "-f", "null", "-"],
        capture_output=True, check=False, process_group=OWN_GROUP,
    )
    text = result.stderr.decode(errors="replace")
    summary = text[text.rfind("Summary:"):]
    integrated = re.search(r"I:\s+(-?[\d.]+|-inf) LUFS", summary)
    peak = re.search(r"Peak:\s+(-?[\d.]+|-inf) dBFS", summary)
    if result.returncode != 0 or not integrated or not peak:
        raise AudioFileError(f"{path}: cannot measure loudness")
    return float(integrated.group(1)), float(peak.group(1))
