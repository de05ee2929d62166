"""The record a render leaves beside its episode (NAME.render.json), read and written here.

Everything that comes after a render — a re-render keeping its gain, chapter export,
preview, feed, the studio's player — reads what the render recorded rather than redoing
work. The record is versioned: one this code cannot read is treated as absent (a new
render writes a fresh one).
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from ..atomic import write_text_atomic
from ..errors import NotFoundError
from ..script.model import Audio
from .mastering import Mastering

RECORD_VERSION = 1


class _Part(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


class TurnRecord(_Part):
    """Where a turn's clip sits in the episode (seconds) and how long it is (samples)."""

    id: str
    speaker: str
    key: str
    samples: int
    start: float
    end: float


class ChapterRecord(_Part):
    """A chapter's span of the episode, in seconds."""

    title: str
    start: float
    end: float


class SegmentRecord(_Part):
    """One MP3 segment of the episode: its key in the segment cache, start and frames."""

    key: str
    start: float
    frames: int


class RenderRecord(_Part):
    """What a render made: files, level, chapters, turns and segments, all times in the MP3."""

    version: int = RECORD_VERSION  # records written before the field existed are version 1
    script: str
    title: str
    rendered_at: str
    engine: str
    retries: dict[str, int] = {}
    duration: float
    files: dict[str, str]
    mastering: Mastering
    audio: Audio
    segments: list[SegmentRecord] = []
    chapters: list[ChapterRecord]
    turns: list[TurnRecord]

    def mastering_for(self, audio: Audio) -> Mastering | None:
        """The recorded mastering, if the render used these audio settings."""
        return self.mastering if self.audio == audio else None

    def file(self, kind: str) -> Path | None:
        """A file the render wrote (mp3, m4a, vtt, chapters …), if it is still there."""
        path = Path(self.files[kind]) if kind in self.files else None
        return path if path is not None and path.is_file() else None

    def write(self, path: Path) -> None:
        """Write the record atomically."""
        write_text_atomic(path, self.model_dump_json(indent=2) + "\n")


def load(path: Path | None) -> RenderRecord | None:
    """The record at `path`; None when there is none or it cannot be read (any reason)."""
    if path is None:
        return None
    try:
        return load_required(path)
    except NotFoundError:
        return None


def load_required(path: Path) -> RenderRecord:
    """The record at `path`, or a NotFoundError that says why it cannot be used."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise NotFoundError(f"{path}: no such render record (render the script, or name "
                            "the episode file)") from None
    except OSError as exc:
        raise NotFoundError(f"{path}: unreadable render record: {exc.strerror or exc}") from None
    try:
        record = RenderRecord.model_validate_json(text)
    except ValidationError as exc:
        problem = exc.errors()[0]
        where = ".".join(str(part) for part in problem["loc"]) or "the file"
        raise NotFoundError(f"{path}: unreadable render record: {where}: "
                            f"{problem['msg']}; render the script again") from None
    if record.version != RECORD_VERSION:
        raise NotFoundError(f"{path}: a render record of version {record.version} (this "
                            f"podcast reads version {RECORD_VERSION}); render the script again")
    return record
