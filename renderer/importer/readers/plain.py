"""Plain text: one block per line, with the page layout read for paragraphs.

Typed transcripts come in three layouts: one paragraph per line (web text); hard-wrapped
lines with blank lines between paragraphs; and hard-wrapped, double-spaced lines where only
indentation marks a new paragraph (stenographic records). Page numbers and line numbers of
printed records are removed here, where the layout is still visible.
"""

from __future__ import annotations

import csv
import itertools
import re
from collections import Counter

from ...text import ends_sentence
from ..document import Block, Document, Removal
from .tables import Cell, header_row, transcript_table

_PAGE_NUMBER = re.compile(r"^\s*(?:-\s*)?(\d{1,4})(?:\s*-)?\s*$")
# a record's line number; one space after it where the text was copied out of a PDF viewer
_LINE_NUMBER = re.compile(r"^\s*(\d{1,2})(?: +|\t)(?=\S)")
# a court record's caption box (`ANNA REYES,            :  No. 24-881`): its lines are set
# in columns, each its own, never a sentence wrapped at the margin
_CAPTION_BOX = re.compile(r"\S {3,}:(?:\s|$)")
# a heading set in spaced letters, `P R O C E E D I N G S`: display type, never a wrapped line
_LETTER_SPACED = re.compile(r"^\s*(?:\S ){3,}\S\s*$")
_RULE = re.compile(r"^\s*(?:[-=_*~—–]\s*){3,}x?\s*$")
_LINE_NUMBER_ALONE = re.compile(r"^\s*(\d{1,2})\s*$")
_WRAP_WIDTH = 100  # lines of a hard-wrapped text are at most this long


def read_plain(text: str) -> Document:
    """Read plain text into blocks, one per line, with paragraph boundaries from the layout."""
    lines = text.split("\n")
    removed: list[Removal] = []
    lines = _strip_line_numbers(lines, removed)
    numbered = bool(removed)  # (the line numbers are the only thing taken out yet)
    page_numbers = _page_number_lines(lines)
    for index in sorted(page_numbers):
        removed.append(Removal(index + 1, "page-number", lines[index].strip(),
                               "page number of a printed record"))
    tables = _tab_separated_transcripts(lines, removed)
    inside = {i for start, (end, _) in tables.items() for i in range(start, end)}
    content = [i for i, line in enumerate(lines)
               if line.strip() and i not in page_numbers and (i not in inside or i in tables)]
    layout = _layout(lines, content, numbered)
    blocks: list[Block] = []
    previous: int | None = None
    for index in content:
        line = lines[index]
        if index in tables:
            blocks.extend(tables[index][1])
            previous = None
            continue
        if _RULE.match(line):  # `-----`, or a court caption box's edge `- - - - x`
            blocks.append(Block(index + 1, line.strip(), after_blank=True, kind="rule"))
            previous = None
            continue
        blank_before = previous is not None and any(
            not lines[i].strip() for i in range(previous + 1, index)
        )
        boxed = _alone(line) or (previous is not None and _alone(lines[previous]))
        if layout.double_spaced:
            # blank lines are spacing here; two or more (without a page break) still part
            page_break = previous is not None and any(
                i in page_numbers for i in range(previous + 1, index))
            starts = previous is None or boxed or _starts_paragraph(
                line, layout, lines[previous]) or (index - previous > 2 and not page_break)
            blocks.append(Block(index + 1, line.strip(), after_blank=starts,
                                soft=not starts and layout.wrapped))
        else:
            starts = previous is None or blank_before or boxed or (
                layout.indented and _indent(line) > layout.body_indent
            )
            blocks.append(Block(index + 1, line.strip(), after_blank=starts,
                                soft=not starts and layout.wrapped))
        previous = index
    return Document("plain", blocks, removed=removed)


def _tab_separated_transcripts(lines: list[str], removed: list[Removal]
                               ) -> dict[int, tuple[int, list[Block]]]:
    """Runs of three lines or more with the same tab-separated columns that read as a
    transcript table (an export's `Speaker⇥Time⇥Text`): first line → (end, its blocks)."""
    found: dict[int, tuple[int, list[Block]]] = {}
    index = 0
    while index < len(lines):
        width = lines[index].count("\t") + 1
        end = index
        while (end < len(lines) and lines[end].strip()
               and lines[end].count("\t") + 1 == width):
            end += 1
        if width >= 2 and end - index >= 3:
            rows = list(csv.reader(lines[index:end], delimiter="\t"))
            header = header_row(rows[0])
            cells = [[Cell(text.strip(), index + number + 1, header and number == 0)
                      for text in row] for number, row in enumerate(rows)]
            transcript = transcript_table(cells)
            if transcript is not None:
                found[index] = (end, transcript[0])
                removed.extend(transcript[1])
        index = max(end, index + 1)
    return found


def _alone(line: str) -> bool:
    """A line that is never part of a wrapped paragraph: a caption box's, a spaced heading."""
    return _CAPTION_BOX.search(line) is not None or _LETTER_SPACED.match(line) is not None


class _Layout:
    def __init__(self, wrapped: bool, double_spaced: bool, body_indent: int, indented: bool):
        self.wrapped = wrapped
        self.double_spaced = double_spaced
        self.body_indent = body_indent
        self.indented = indented


def _layout(lines: list[str], content: list[int], numbered: bool) -> _Layout:
    """How the text is laid out; a record with numbered lines is a printed page, its lines
    wrapped at the margin however short the last words of its paragraphs leave them."""
    if not content:
        return _Layout(False, False, 0, False)
    lengths = sorted(len(lines[i].strip()) for i in content)
    width = lengths[int(len(lengths) * 0.9)]
    near_margin = sum(1 for n in lengths if 0.7 * width <= n <= width)
    open_ended = sum(1 for i in content if not ends_sentence(lines[i].strip()))
    wrapped = numbered or (
        width <= _WRAP_WIDTH and len(content) >= 8
        and near_margin >= 0.5 * len(content) and open_ended >= 0.3 * len(content)
    )
    gaps = [b - a for a, b in itertools.pairwise(content)]
    double_spaced = bool(gaps) and sum(1 for g in gaps if g == 2) >= 0.7 * len(gaps)
    indents = Counter(_indent(lines[i]) for i in content)
    body_indent = indents.most_common(1)[0][0]
    indented = len(indents) > 1 and indents[body_indent] < len(content)
    return _Layout(wrapped, double_spaced and wrapped, body_indent, indented and wrapped)


def _starts_paragraph(line: str, layout: _Layout, previous: str) -> bool:
    """In a double-spaced record, blank lines are spacing: indentation starts a paragraph."""
    if layout.indented:
        return _indent(line) != layout.body_indent
    return ends_sentence(previous.strip())


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _page_number_lines(lines: list[str]) -> set[int]:
    """Lines holding only a number that grows through the document: page numbers."""
    found = [(i, int(m.group(1))) for i, line in enumerate(lines)
             if (m := _PAGE_NUMBER.match(line))]
    if len(found) < 2:
        return set()
    rising = sum(1 for (_, a), (_, b) in itertools.pairwise(found) if b > a)
    if rising < 0.8 * (len(found) - 1):
        return set()
    return {i for i, _ in found}


def _numbers_aligned(numbered: list[str]) -> bool:
    """Whether one- and two-digit line numbers leave the words in the same column (the
    leftmost, where lines that start no paragraph stand, in each)."""
    columns: dict[int, list[int]] = {1: [], 2: []}
    for line in numbered:
        if match := _LINE_NUMBER.match(line):
            columns[len(match.group(1))].append(match.end())
    return not columns[1] or not columns[2] or min(columns[1]) == min(columns[2])


def _strip_line_numbers(lines: list[str], removed: list[Removal]) -> list[str]:
    """Remove the line numbers of a numbered record (1, 2, 3 … at every line's start)."""
    numbered = [(i, int(m.group(1))) for i, line in enumerate(lines)
                if (m := _LINE_NUMBER.match(line))]
    content = sum(1 for line in lines if line.strip())
    if not content or len(numbered) < max(10, 0.6 * content):
        return lines
    steps = sum(1 for (_, a), (_, b) in itertools.pairwise(numbered)
                if b == a + 1 or b == 1)
    if steps < 0.8 * (len(numbered) - 1):
        return lines
    # spaces where the number was: the words keep their column, so indentation still tells
    # where a paragraph starts — unless the numbers are not set in a column of their own
    # (`9 MR. PARK: …` / `10 please the Court:`), where the number's width is no indent
    aligned = _numbers_aligned([lines[i] for i, _ in numbered])
    stripped = list(lines)
    for index, _ in numbered:
        stripped[index] = _LINE_NUMBER.sub(
            lambda m: " " * (len(m.group(0)) - (0 if aligned else len(m.group(1)))),
            lines[index], count=1)
    last = 0
    for index, line in enumerate(lines):  # a numbered line left empty holds its number only
        if (number := _LINE_NUMBER_ALONE.match(line)) and int(number.group(1)) == last + 1:
            stripped[index] = ""
        if (match := _LINE_NUMBER.match(line) or _LINE_NUMBER_ALONE.match(line)):
            last = int(match.group(1))
    removed.append(Removal(numbered[0][0] + 1, "line-number", f"{len(numbered)} lines",
                           "line numbers of a numbered transcript"))
    return stripped
