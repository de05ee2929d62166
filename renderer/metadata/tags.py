"""What a file says about itself (title, speakers, show, chapters, cover), in every format."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import OutputError
from ..script.model import Script
from .id3 import write_id3


@dataclass
class Tags:
    """Tags of an episode or exported chapter."""

    title: str
    artists: list[str]
    album: str
    duration_ms: int
    date: str | None = None
    comment: str | None = None
    cover: tuple[bytes, str] | None = None  # image bytes, MIME type
    chapters: list[tuple[str, int, int]] = field(default_factory=list)  # title, start, end ms

    def as_ffmetadata(self) -> dict[str, str]:
        """Global tags in ffmpeg's names (for the MP4 formats)."""
        return {"title": self.title, "artist": "/".join(self.artists), "album": self.album,
                "date": self.date or "", "comment": self.comment or "", "genre": "Podcast"}


def tag_file(path: Path, file_format: str, tags: Tags) -> None:
    """Write tags into an encoded file: ID3v2.3 for MP3; for MP4 ffmpeg wrote them, add cover."""
    if file_format == "mp3":
        write_id3(path, tags)
    elif tags.cover:
        _mp4_cover(path, *tags.cover)


def _mp4_cover(path: Path, data: bytes, mime: str) -> None:
    from mutagen.mp4 import MP4, MP4Cover

    kind = MP4Cover.FORMAT_PNG if mime == "image/png" else MP4Cover.FORMAT_JPEG
    try:
        audio = MP4(path)
        audio["covr"] = [MP4Cover(data, imageformat=kind)]
        audio.save()
    except OSError as exc:
        raise OutputError(f"{path}: cannot write the cover: {exc.strerror or exc}") from None


def episode_tags(script: Script, cover: tuple[bytes, str] | None, duration_ms: int,
                 chapters: list[tuple[str, int, int]] | None = None,
                 chapter_title: str | None = None) -> Tags:
    """The tags of a script's episode, or (with `chapter_title`) of one exported chapter."""
    return Tags(
        title=f"{script.title} – {chapter_title}" if chapter_title else script.title,
        artists=[s.name for s in script.speakers.values() if s.role != "narrator"],
        album=script.show or script.title,
        duration_ms=duration_ms,
        date=script.date.isoformat() if script.date else None,
        comment=None if chapter_title else script.description,
        cover=cover,
        chapters=chapters or [],
    )
