"""Transcripts laid out as tables: a row per turn, a column of speakers, a column of words.

Transcript services and web pages often export a conversation as `| Time | Speaker | Text |`.
Read cell by cell, such a table has no labels at all; read row by row it is a transcript
whose speakers the markup names. A table is read so when its columns say it: a header that
names a speaker column, or else a column of short names that recur beside a column of
longer text; a time column is dropped (and reported), an empty speaker cell continues the
turn above, and the table's end ends the dialogue's last turn (like a rule: what follows
the last turn is the page's). Any other table is left to be read cell by cell.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ...text import ends_sentence
from ..document import Block, Removal
from ..labels import TIME, plausible_name

_SPEAKER_HEADER = re.compile(
    r"^(?:speakers?|names?|who|persons?|voices?|participants?|role|"
    r"说话人|說話人|发言人|發言人|讲者|講者|姓名|角色|人物)$", re.IGNORECASE)
# what a header row of an exported transcript names its columns
_HEADER_WORD = re.compile(
    r"^(?:start|end|time|timestamp|timecode|in|out|begin|duration|text|words|transcript|"
    r"content|utterance|caption|dialogue|时间|開始|开始|结束|內容|内容|文本|文字)$", re.IGNORECASE)
_TIME_CELL = re.compile(rf"^[\[(]?{TIME}(?:\s*[-–—]+\s*{TIME})?[\])]?$")
_NAME_CHARS = 40


@dataclass(frozen=True)
class Cell:
    """One cell's plain text, the source line it is on, and whether it is a header cell."""

    text: str
    line: int
    header: bool = False


def transcript_table(rows: list[list[Cell]]) -> tuple[list[Block], list[Removal]] | None:
    """The table as one block per turn (the speaker named by the markup), or None when it
    is not a transcript."""
    header = rows[0] if rows and all(cell.header for cell in rows[0]) else None
    body = [row for row in (rows[1:] if header else rows) if any(c.text for c in row)]
    if len(body) < 2:
        return None
    width = len(body[0])
    if width < 2 or any(len(row) != width for row in body) or (header and len(header) != width):
        return None
    columns = [[row[i].text for row in body] for i in range(width)]
    times = {i for i, column in enumerate(columns) if _all_times(column)}
    speaker = _speaker_column(columns, header, times)
    if speaker is None:
        return None
    rest = [i for i in range(width) if i not in times and i != speaker]
    if len(rest) != 1 or _mean_length(columns[rest[0]]) <= _mean_length(columns[speaker]):
        return None
    said = rest[0]
    if not _reads_as_speech(columns[said]):
        return None  # an agenda's items beside who leads them: `Release plan | Priya`
    removed = ([Removal(header[0].line, "markup", " | ".join(c.text for c in header)[:80],
                        "the header of a transcript table")] if header else [])
    blocks = []
    for row in body:
        removed += [Removal(row[i].line, "timestamp", row[i].text, "a turn's time (a column "
                            "of the transcript table)") for i in sorted(times) if row[i].text]
        name, words = row[speaker].text, row[said].text
        if words:
            blocks.append(Block(row[said].line, words, speaker=name or None))
        elif name:
            removed.append(Removal(row[speaker].line, "empty-turn", name,
                                   "a row of the transcript table with no words"))
    # the table's end ends the last turn: what the page says below is not that row's words
    blocks.append(Block(body[-1][said].line, "end of the transcript table", kind="table"))
    return blocks, removed


def _all_times(column: list[str]) -> bool:
    filled = [text for text in column if text]
    return bool(filled) and all(_TIME_CELL.match(text) for text in filled)


def _speaker_column(columns: list[list[str]], header: list[Cell] | None,
                    times: set[int]) -> int | None:
    """The column of speakers: the one the header names so, else the one of short names
    that recur (fewer distinct ones than half the rows, at least two)."""
    if header:
        named = [i for i, cell in enumerate(header)
                 if i not in times and _SPEAKER_HEADER.match(cell.text.strip().rstrip(":："))]
        if len(named) == 1:
            return named[0]
    found = []
    for i, column in enumerate(columns):
        names = [text for text in column if text]
        if i in times or not names:
            continue
        if not all(len(name) <= _NAME_CHARS and plausible_name(name) for name in names):
            continue
        counts = Counter(names)
        if 2 <= len(counts) <= max(2, len(column) // 2) and counts.most_common(1)[0][1] >= 2:
            found.append(i)
    return found[0] if len(found) == 1 else None


def _reads_as_speech(column: list[str]) -> bool:
    """At least half the cells are sentences or long: words said, not items listed."""
    filled = [text for text in column if text]
    said = sum(1 for text in filled if ends_sentence(text) or len(text) >= 40)
    return 2 * said >= len(filled)


def _mean_length(column: list[str]) -> float:
    return sum(len(text) for text in column) / max(1, len(column))


def header_row(texts: list[str]) -> bool:
    """A row that names the columns (`Speaker  Start  Text`) rather than holding a turn."""
    words = [text.strip().rstrip(":：") for text in texts]
    return all(words) and any(_SPEAKER_HEADER.match(w) for w in words) and all(
        _SPEAKER_HEADER.match(w) or _HEADER_WORD.match(w) for w in words)
