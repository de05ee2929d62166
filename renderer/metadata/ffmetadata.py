"""FFMETADATA documents: how ffmpeg takes tags and chapters (M4A/M4B) and reads them back."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..ffmpeg import read_metadata


def escape(value: str) -> str:
    """Escape the characters FFMETADATA gives a meaning: = ; # \\ and newlines."""
    return re.sub(r"([=;#\\\n])", r"\\\1", value)


def document(tags: dict[str, str], chapters: Sequence[tuple[str, int, int]]) -> str:
    """An FFMETADATA1 document: global tags, then one [CHAPTER] per (title, start, end) in ms."""
    lines = [";FFMETADATA1"]
    lines += [f"{escape(key)}={escape(value)}" for key, value in tags.items() if value]
    for title, start, end in chapters:
        lines += ["[CHAPTER]", "TIMEBASE=1/1000", f"START={start}", f"END={end}",
                  f"title={escape(title)}"]
    return "\n".join(lines) + "\n"


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
    duration, metadata = read_metadata(path)
    return Probe(duration, parse_chapters(metadata), metadata)


def parse_chapters(text: str) -> list[FileChapter]:
    """The [CHAPTER] sections of an FFMETADATA document, in file order."""
    chapters: list[FileChapter] = []
    for block in re.split(r"^\[CHAPTER\]\s*$", text, flags=re.MULTILINE)[1:]:
        block = re.split(r"^\[", block, maxsplit=1, flags=re.MULTILINE)[0]
        fields = dict(_fields(block))
        num, den = (int(x) for x in fields.get("TIMEBASE", "1/1000").split("/"))
        scale = num / den
        chapters.append(FileChapter(fields.get("title", ""), int(fields["START"]) * scale,
                                    int(fields["END"]) * scale))
    return chapters


def _fields(block: str) -> Iterator[tuple[str, str]]:
    """key=value lines of an FFMETADATA section, with backslash escapes undone."""
    for line in re.split(r"(?<!\\)\n", block):
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
