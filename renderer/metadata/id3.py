"""ID3v2.3 tags with chapters: one CHAP per chapter and a top-level ordered CTOC.

ID3v2.3 because Apple Podcasts mishandles some v2.4 chapter titles. CHAP ids are
zero-padded (ch000, ch001, …) so that mutagen, which sorts frames by id, and ffmpeg, which
reads them in file order, agree on the order.
"""

from __future__ import annotations

from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mutagen.id3 import (
    APIC,
    CHAP,
    COMM,
    CTOC,
    ID3,
    TALB,
    TCON,
    TDRC,
    TIT2,
    TLEN,
    TPE1,
    CTOCFlags,
    Encoding,
)
from mutagen.id3._tags import save_frame

from ..errors import OutputError

if TYPE_CHECKING:
    from .tags import Tags

_NO_OFFSET = 0xFFFFFFFF
MAX_CHAPTERS = 255
_FIRST = ["TIT2", "TPE1", "TALB", "TDRC", "TCON", "TLEN", "COMM", "CTOC", "CHAP"]


class _ChapterOrderID3(ID3):
    """An ID3 tag that writes CTOC, then the CHAP frames in id (= time) order.

    mutagen orders frames by size when saving; readers that take chapters in file order
    (ffmpeg) would then list them out of time order.
    """

    def _write(self, config: Any) -> bytearray:
        def rank(frame: Any) -> tuple[int, str, str]:
            group = _FIRST.index(frame.FrameID) if frame.FrameID in _FIRST else len(_FIRST)
            group = len(_FIRST) + 1 if frame.FrameID == "APIC" else group
            return group, getattr(frame, "element_id", ""), frame.HashKey

        frames = sorted(self.values(), key=rank)
        return bytearray().join(save_frame(frame, config=config) for frame in frames)


def write_id3(path: Path, tags: Tags) -> None:
    """Replace the file's ID3 tag with `tags`, saved as ID3v2.3."""
    frames = _frames(tags, str(path))
    try:
        frames.save(path, v2_version=3, v23_sep="/")
    except OSError as exc:
        raise OutputError(f"{path}: cannot write tags: {exc.strerror or exc}") from None


def id3_bytes(tags: Tags, name: str) -> bytes:
    """The ID3v2.3 tag for `tags`, as the bytes that start an MP3 file."""
    buffer = BytesIO()
    _frames(tags, name).save(buffer, v2_version=3, v23_sep="/")
    return buffer.getvalue()


def _frames(tags: Tags, name: str) -> ID3:
    if len(tags.chapters) > MAX_CHAPTERS:
        raise OutputError(f"{name}: {len(tags.chapters)} chapters; ID3 allows {MAX_CHAPTERS}")
    frames = _ChapterOrderID3()
    text = Encoding.UTF16
    frames.add(TIT2(encoding=text, text=[tags.title]))
    if tags.artists:
        frames.add(TPE1(encoding=text, text=tags.artists))
    frames.add(TALB(encoding=text, text=[tags.album]))
    frames.add(TCON(encoding=text, text=["Podcast"]))
    frames.add(TLEN(encoding=text, text=[str(tags.duration_ms)]))
    if tags.date:
        frames.add(TDRC(encoding=text, text=[tags.date]))
    if tags.comment:
        frames.add(COMM(encoding=text, lang="und", desc="", text=[tags.comment]))
    if tags.cover:
        data, mime = tags.cover
        frames.add(APIC(encoding=text, mime=mime, type=3, desc="Cover", data=data))
    if tags.chapters:
        ids = [f"ch{index:03d}" for index in range(len(tags.chapters))]
        frames.add(CTOC(element_id="toc", flags=CTOCFlags.TOP_LEVEL | CTOCFlags.ORDERED,
                        child_element_ids=ids,
                        sub_frames=[TIT2(encoding=text, text=["Chapters"])]))
        for element_id, (title, start, end) in zip(ids, tags.chapters, strict=True):
            frames.add(CHAP(element_id=element_id, start_time=start, end_time=end,
                            start_offset=_NO_OFFSET, end_offset=_NO_OFFSET,
                            sub_frames=[TIT2(encoding=text, text=[title])]))
    return frames
