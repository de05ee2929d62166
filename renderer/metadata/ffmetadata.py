"""FFMETADATA documents: how ffmpeg takes tags and chapters for M4A/M4B files."""

from __future__ import annotations

import re
from collections.abc import Sequence


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
