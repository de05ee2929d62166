"""Encode a span of the timeline in one go: the MP4 formats, and chapters off the joints.

One ffmpeg reads the joined PCM from a pipe (clips read from the cache, silence between
them) and writes every format at once. The episode's MP3 is made of segments instead
(segments.py); this is for what cannot be joined from them.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

from ..atomic import temp_path_beside
from ..checkpoints import checkpoint
from ..clips.cache import ClipCache
from ..clips.pcm import piece_bytes
from ..clips.timeline import Timeline
from ..errors import OutputError
from ..ffmpeg import OWN_GROUP, failure, ffmpeg_exe
from ..progress import Reporter
from .settings import MONO_OUTPUT, EncoderSettings

FORMATS = ("mp3", "m4a", "m4b")


@dataclass(frozen=True)
class Target:
    """One file to encode: where it goes, its format, and (MP4) its tags and chapters."""

    path: Path
    format: str  # "mp3", "m4a" or "m4b"
    metadata: str | None = None  # an FFMETADATA document, for the MP4 formats


def encode(
    timeline: Timeline, cache: ClipCache, settings: EncoderSettings, targets: list[Target],
    reporter: Reporter, start: int = 0, end: int | None = None, label: str = "encoding",
) -> dict[Path, Path]:
    """Encode [start, end) of the timeline once into every target; returns target → temp file.

    The caller tags the temp files and renames them into place, so a target is never partial.
    """
    end = timeline.total if end is None else end
    temps = {target.path: temp_path_beside(target.path) for target in targets}
    metadata_files: list[Path] = []
    try:
        command = [ffmpeg_exe(), "-hide_banner", "-v", "error", "-y",
                   "-f", "s16le", "-ar", str(timeline.rate), "-ac", "1", "-i", "pipe:0"]
        outputs: list[str] = []
        for target in targets:
            outputs += _output_args(target, temps[target.path], settings,
                                    input_index=1 + len(metadata_files))
            if target.metadata is not None:
                meta = temp_path_beside(target.path.with_suffix(".ffmeta"))
                meta.write_text(target.metadata, encoding="utf-8")
                metadata_files.append(meta)
                command += ["-f", "ffmetadata", "-i", str(meta)]
        _run(command + outputs, timeline, cache, reporter, start, end, label, targets[0].path)
    except BaseException:
        for tmp in temps.values():
            tmp.unlink(missing_ok=True)
        raise
    finally:
        for meta in metadata_files:
            meta.unlink(missing_ok=True)
    return temps


def _output_args(target: Target, tmp: Path, settings: EncoderSettings,
                 input_index: int) -> list[str]:
    if target.format == "mp3":
        return ["-map", "0:a", "-af", settings.filters, *settings.lame_args(),
                "-write_xing", "1",
                # ffmpeg names itself ("Lavc…") in the LAME info tag; readers such as mutagen
                # only trust the tag's encoder delay and padding under LAME's own name, and
                # the encoder is LAME 3.100. With it every reader agrees on the duration.
                "-metadata:s:a:0", "encoder=LAME3.100",
                "-id3v2_version", "0", "-map_metadata", "-1", "-f", "mp3", str(tmp)]
    chapters = ["-map_metadata", str(input_index), "-map_chapters", str(input_index)] if (
        target.metadata is not None) else ["-map_metadata", "-1"]
    return ["-map", "0:a", "-af", settings.filters, *MONO_OUTPUT,
            "-c:a", "aac", "-b:a", f"{settings.bitrate_kbps}k", *chapters,
            "-movflags", "+faststart", "-f", "ipod", str(tmp)]


def _run(command: list[str], timeline: Timeline, cache: ClipCache, reporter: Reporter,
         start: int, end: int, label: str, output: Path) -> None:
    reporter.start(label, max(1, (end - start) // timeline.rate))  # in seconds of audio
    reported = 0
    process = subprocess.Popen(command, stdin=subprocess.PIPE, stderr=subprocess.PIPE,
                               process_group=OWN_GROUP)
    assert process.stdin is not None
    try:
        for number, piece in enumerate(timeline.pieces(start, end)):
            for chunk in piece_bytes(piece, cache):
                process.stdin.write(chunk)
            if number == 1:
                checkpoint("encoding")  # ffmpeg is writing the temporary file
            reported += piece.length
            while reported >= timeline.rate:
                reporter.advance()
                reported -= timeline.rate
        process.stdin.close()
        stderr = process.stderr.read() if process.stderr else b""
        code = process.wait()
    except BrokenPipeError:
        process.wait()
        stderr = process.stderr.read() if process.stderr else b""
        code = process.returncode or 1
    except BaseException:
        process.kill()
        process.wait()
        raise
    if code != 0:
        raise OutputError(f"{output}: encoding failed: {failure(stderr, code)}")


__all__ = ["FORMATS", "Target", "encode"]
