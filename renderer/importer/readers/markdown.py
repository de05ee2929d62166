"""Markdown, parsed with markdown-it-py (CommonMark, tables, strikethrough, footnotes,
CJK-friendly emphasis).

Every source line of a paragraph becomes a block (soft line breaks join them again later),
so a label at the start of any line is still seen. Link text is kept and URLs dropped,
images and emphasis markers vanish, and bold runs are kept as hints.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_cjk_friendly import cjk_friendly
from mdit_py_plugins.footnote import footnote_plugin

from ..document import Block, BlockKind, Document, Removal, shift_spans
from .html import read_html_fragment
from .tables import Cell, transcript_table

# footnotes: a `[^1]` mark is no word, and the notes at the end are not speech
_PARSER = MarkdownIt("commonmark", {"html": True}).use(cjk_friendly).use(
    footnote_plugin).enable(["table", "strikethrough"])
# Emphasis delimiters the parser could not pair (CommonMark's flanking rules leave them as
# literal text); they are markup, never words.
_UNPAIRED = re.compile(r"\*+|_{2,}|~{2,}")
_CODE_BRACKETS = re.compile(r"\s*[<>]+\s*")
_KRAMDOWN_ATTRIBUTES = re.compile(r"^\{:[^}]*\}$")
_BREAK_TAG = re.compile(r"^<br\s*/?>$", re.IGNORECASE)


@dataclass
class _Line:
    number: int
    soft: bool
    parts: list[str] = field(default_factory=list)
    strong: list[tuple[int, int]] = field(default_factory=list)
    emphasis: list[tuple[int, int]] = field(default_factory=list)
    link_chars: int = 0
    images: int = 0
    text_after_image: bool = False
    fences: list[str] = field(default_factory=list)  # ```notes``` written inside a line

    @property
    def text(self) -> str:
        return "".join(self.parts)

    def add(self, piece: str) -> None:
        if piece and self.images and piece.strip():
            self.text_after_image = True
        self.parts.append(piece)

    def length(self) -> int:
        return sum(len(p) for p in self.parts)


def read_markdown(text: str, first_line: int = 1) -> Document:
    """Read Markdown into blocks: paragraphs line by line, headings, rules, images, captions."""
    blocks: list[Block] = []
    removed: list[Removal] = []
    _walk(_PARSER.parse(text), first_line, blocks, removed)
    removed += _markup_lines(text.split("\n"), first_line, blocks, removed)
    return Document("markdown", blocks, removed=removed)


def _markup_lines(lines: list[str], first_line: int, blocks: list[Block],
                  removed: list[Removal]) -> list[Removal]:
    """Lines that hold only markup (a `>` of an empty quote line, a `<br />`, a table's
    `|---|` row, a setext underline): no block has their words, so the report says so."""
    covered = {n for block in blocks for n in block.lines}
    covered |= {n for r in removed for n in range(r.line, max(r.through, r.line) + 1)}
    return [Removal(number, "markup", line.strip()[:80], "markup without words")
            for number, line in enumerate(lines, start=first_line)
            if line.strip() and number not in covered]


def _walk(tokens: list[Token], first_line: int, blocks: list[Block],
          removed: list[Removal]) -> None:
    lists = quotes = tables = 0
    skip_to = -1  # a transcript table is read as a whole, up to its closing token
    for index, token in enumerate(tokens):
        if index <= skip_to:
            continue
        kind = token.type
        start = first_line + (token.map[0] if token.map else 0)
        end = first_line + token.map[1] - 1 if token.map else start  # the block's last line
        if kind in ("bullet_list_open", "ordered_list_open"):
            lists += 1
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists -= 1
        elif kind == "table_open":
            close = next(i for i in range(index, len(tokens)) if tokens[i].type == "table_close")
            transcript = transcript_table(_table_rows(tokens[index:close], first_line))
            if transcript is None:
                tables += 1
            else:
                blocks.extend(transcript[0])
                removed.extend(transcript[1])
                skip_to = close
        elif kind == "footnote_block_open":
            skip_to = next(i for i in range(index, len(tokens))
                           if tokens[i].type == "footnote_block_close")
            removed.extend(
                Removal(first_line + note.map[0], "footnote", note.content.strip()[:80],
                        "footnote (not speech)", first_line + note.map[1] - 1)
                for note in tokens[index:skip_to] if note.type == "inline" and note.map)
        elif kind == "table_close":
            tables -= 1
        elif kind == "blockquote_open":
            quotes += 1
        elif kind == "blockquote_close":
            quotes -= 1
        elif kind == "inline":
            opener = tokens[index - 1] if index else None
            heading = opener.tag if opener and opener.type == "heading_open" else ""
            # a setext heading's underline is the heading's own last line
            last = first_line + opener.map[1] - 1 if heading and opener and opener.map else end
            _paragraph(token, start, int(heading[1]) if heading else 0, lists > 0, quotes > 0,
                       blocks, removed, last, table=tables > 0)
        elif kind == "hr":
            blocks.append(Block(start, token.markup or "---", kind="rule"))
        elif kind == "fence":
            removed.append(Removal(start, "code", token.content.strip()[:80],
                                   "code block (not speech)", end))
        elif kind == "code_block":
            # four-space indentation in a scraped article is layout, not code: read it again
            _walk(_PARSER.parse(_dedent(token.content)), start, blocks, removed)
        elif kind == "html_block":
            fragment = read_html_fragment(token.content, start)
            blocks.extend(fragment.blocks)
            removed.extend(fragment.removed)
            if not fragment.blocks:
                removed.append(Removal(start, "markup", token.content.strip()[:80],
                                       "HTML markup without words", end))


def _table_rows(tokens: list[Token], first_line: int) -> list[list[Cell]]:
    """A table's cells, row by row, as plain text."""
    rows: list[list[Cell]] = []
    line = first_line
    for index, token in enumerate(tokens):
        if token.type == "tr_open":
            rows.append([])
            line = first_line + (token.map[0] if token.map else 0)
        elif token.type == "inline" and rows:
            header = tokens[index - 1].type == "th_open"
            text = " ".join(item.text.strip() for item in _lines(token.children or [], line))
            rows[-1].append(Cell(text.strip(), line, header))
    return rows


def _paragraph(token: Token, line: int, level: int, list_item: bool, quote: bool,
               blocks: list[Block], removed: list[Removal], last_line: int = 0,
               table: bool = False) -> None:
    lines = _lines(token.children or [], line)
    for item in lines:
        removed.extend(Removal(item.number, "code", note, "a note in a code fence written "
                               "inline (not speech)") for note in item.fences)
    if lines and _KRAMDOWN_ATTRIBUTES.match(lines[-1].text.strip()):
        for item in lines:
            removed.append(Removal(item.number, "markup", item.text.strip(),
                                   "kramdown attribute list or table-of-contents placeholder"))
        return
    first = True
    for item in lines:
        text = item.text
        stripped = text.strip()
        if not stripped:
            if item.images:
                blocks.append(Block(item.number, "image", after_blank=first, kind="image"))
                first = False
            continue
        offset = len(text) - len(text.lstrip())
        kind: BlockKind
        if table:
            kind = "table"
        elif item.text_after_image:
            kind = "caption"
        elif level:
            kind = "heading"
        else:
            kind = "text"
        blocks.append(Block(
            item.number, stripped, after_blank=first, soft=item.soft and not first,
            kind=kind, level=level, strong=shift_spans(item.strong, offset, len(stripped)),
            list_item=list_item, quote=quote, link_chars=item.link_chars,
            through=last_line if item is lines[-1] else 0,
            emphasis=shift_spans(item.emphasis, offset, len(stripped)),
        ))
        first = False


def _lines(children: list[Token], first_line: int) -> list[_Line]:
    """The inline tokens of a paragraph as source lines of plain text with bold and italic
    spans."""
    lines = [_Line(first_line, soft=False)]
    strong_from: list[tuple[int, int]] = []  # (line count when opened, offset)
    emphasis_from: list[tuple[int, int]] = []
    link_from: int | None = None
    for child in children:
        line = lines[-1]
        kind = child.type
        if kind == "text":
            line.add(_UNPAIRED.sub("", child.content))
        elif kind == "code_inline" and len(child.markup) >= 3:
            # ```…``` inside a line is a fenced note written inline (a gloss, a
            # pronunciation): not speech. Code in a sentence uses one backtick.
            line.fences.append(child.content.strip())
        elif kind == "code_inline":
            # `Vec<T>` is said "Vec T": angle brackets of code are not words
            line.add(_CODE_BRACKETS.sub(" ", child.content).strip())
        elif kind == "softbreak":
            lines.append(_Line(line.number + 1, soft=True))
        elif kind == "hardbreak":
            lines.append(_Line(line.number + 1, soft=False))
        elif kind == "html_inline":
            if _BREAK_TAG.match(child.content.strip()):
                lines.append(_Line(line.number, soft=False))
        elif kind in ("strong_open", "em_open"):
            (strong_from if kind == "strong_open" else emphasis_from).append(
                (len(lines), line.length()))
        elif kind in ("strong_close", "em_close"):
            opened = strong_from if kind == "strong_close" else emphasis_from
            spans = line.strong if kind == "strong_close" else line.emphasis
            if opened:
                opened_on, begin = opened.pop()
                begin = begin if opened_on == len(lines) else 0
                if not opened and line.length() > begin:
                    spans.append((begin, line.length()))
        elif kind == "link_open":
            link_from = line.length()
        elif kind == "link_close" and link_from is not None:
            _close_link(line, link_from)
            link_from = None
        elif kind == "image":
            line.images += 1
    return lines


def _close_link(line: _Line, start: int) -> None:
    """A link's words stay (an address shown as the link's text is cleaned out later)."""
    line.link_chars += sum(1 for ch in line.text[start:] if not ch.isspace())


def _dedent(text: str) -> str:
    lines = text.split("\n")
    widths = [len(line) - len(line.lstrip(" ")) for line in lines if line.strip()]
    cut = min(widths, default=0)
    return "\n".join(line[cut:] for line in lines)
