"""Join a document's lines into paragraphs: wrapped lines back together, labels kept apart."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from ..text import ends_sentence, goes_on, wide_char
from .document import Block, collapse_spaces, shift_spans

if TYPE_CHECKING:
    from .captions import Caption
from .labels import (
    Label,
    keep_bare_names,
    keep_period_names,
    name_before_time,
    parse_label,
    stray_name_lines,
)
from .names import english_word


@dataclass
class Paragraph:
    """A paragraph of the article: where it starts, its words, its first block's hints."""

    line: int
    text: str
    block: Block = field(default_factory=lambda: Block(0, ""))
    lines: list[int] = field(default_factory=list)
    bold: bool = False  # every line of it was bold
    label: Label | None = None
    furniture: bool = False  # page furniture (a card, a byline, a credit), whatever it says
    caption: Caption | None = None  # why it was read as an image's caption

    @property
    def last_line(self) -> int:
        """The last source line the paragraph spans."""
        return max(self.lines, default=self.line)

    @property
    def kind(self) -> str:
        """The kind of the block it came from (text, heading, caption, image, rule)."""
        return self.block.kind

    def relabel(self) -> None:
        """Read the speaker label again (after the text changed)."""
        self.label = parse_label(self.block_with_text())
        if self.label is not None:
            self.label.rest = collapse_spaces(self.label.rest)

    def block_with_text(self) -> Block:
        """The first block's hints with the whole paragraph's text."""
        return _with_text(self.block, self.text)

    def with_text(self, text: str) -> Paragraph:
        """The same paragraph with other words (a label's rest, a cleaned text)."""
        return Paragraph(self.line, text, self.block, self.lines, self.bold, None)

    def piece(self, start: int, end: int) -> Paragraph | None:
        """The part text[start:end] as a paragraph of its own, with its label read again."""
        text = self.text[start:end]
        lead = len(text) - len(text.lstrip())
        words = text.strip()
        if not words:
            return None
        shift = start + lead
        block = _with_text(self.block, words)
        block.strong = shift_spans(self.block.strong, shift, len(words))
        block.emphasis = shift_spans(self.block.emphasis, shift, len(words))
        block.speaker = self.block.speaker if shift == 0 else None
        piece = Paragraph(self.line, words, block, self.lines, self.bold, None)
        piece.relabel()
        return piece


def assemble(blocks: list[Block]) -> list[Paragraph]:
    """Paragraphs from blocks: a soft or hard-wrapped line continues the paragraph above,
    unless it starts with a speaker label or is a different kind of block. A name alone on
    a plain line is a label only where no other labels recur (`keep_bare_names`) and the
    name is not written with its words after it more often (`stray_name_lines`); so is a
    name closed by a full stop (`keep_period_names`)."""
    paragraphs: list[Paragraph] = []
    current: Paragraph | None = None
    for block in _names_with_times(blocks):
        label = parse_label(block)
        text = collapse_spaces(block.text)
        if not text:
            continue
        if label is not None and label.form == "period" and _mid_sentence(current, block):
            label = None  # `Thank you,` / `Mr. President.  Would the sponsor…`: a wrapped line
        if current is not None and label is None and _continues(current, block):
            current.text = _join(current.text, text)
            if current.label is not None:  # the words after the label go on too
                rest = current.label.rest
                current.label.rest = _join(rest, text) if rest else text
            current.lines.extend(block.lines)
            current.bold = current.bold and block.all_strong()
            continue
        if label is not None:
            label.rest = collapse_spaces(label.rest)
        current = Paragraph(block.line, text, block, block.lines, block.all_strong(), label)
        paragraphs.append(current)
    labels = [p.label for p in paragraphs]
    stray = stray_name_lines(labels)
    weak = {form for form, keep in (("bare-name", keep_bare_names(labels)),
                                    ("period", keep_period_names(labels))) if not keep}
    for index, paragraph in enumerate(paragraphs):
        label = paragraph.label
        if index in stray or (label is not None and label.form in weak):
            paragraph.label = None
    return paragraphs


def _mid_sentence(current: Paragraph | None, block: Block) -> bool:
    """Whether `block` goes on with a sentence the paragraph above left open."""
    if current is None or current.kind != "text" or block.kind != "text":
        return False
    if current.text.upper() == current.text and block.text.upper() != block.text:
        return False  # a heading in capitals (`STATEMENT OF ANA RUIZ, OWNER`) leaves none open
    last = current.text.rstrip()[-1:]
    return last.isalnum() or last in ",;:-–"


def _names_with_times(blocks: list[Block]) -> list[Block]:
    """A name on its own line and the time on the next are one label: joined into one block."""
    joined: list[Block] = []
    for block in blocks:
        if joined and name_before_time(joined[-1], block):
            name = joined.pop()
            joined.append(replace(name, text=f"{name.text.strip()} {block.text}",
                                  through=max(block.lines), soft=False))
        else:
            joined.append(block)
    return joined


def _continues(current: Paragraph, block: Block) -> bool:
    """Only a soft line break (Markdown's, or a wrapped text's) continues a paragraph here;
    other lines stay apart so that page noise is judged line by line, and are joined when
    their turn is put together (see `join_parts`)."""
    chat = current.label is not None and current.label.form == "chat"  # one line a message
    return (block.soft and block.kind == current.block.kind and block.kind in ("text", "heading")
            and not chat)


def join_parts(parts: list[Paragraph]) -> str:
    """The words of consecutive paragraphs: a hard-wrapped line continues the one above —
    in a double-spaced record too, where the line below goes on in lower case or with a
    continuing mark (`tender of` / `delivery, Justice Thomas`)."""
    text = ""
    for part in parts:
        if not text:
            text = part.text
        elif not ends_sentence(text) and (not part.block.after_blank or goes_on_below(part.text)):
            text = _join(text, part.text)
        else:
            text = f"{text}\n{part.text}"
    return text


def goes_on_below(text: str) -> bool:
    """A line that goes on the sentence of the line above: in lower case, or after a mark."""
    return text[:1].islower() or goes_on(text)


_HYPHEN_BREAK = re.compile(r"(?<![A-Za-z])(?P<part>[A-Za-z]+)-$")


def _join(text: str, more: str) -> str:
    # (only the end is looked at: a paragraph is joined a line at a time)
    broken = _HYPHEN_BREAK.search(text[-40:]) if text.endswith("-") else None
    if broken and more[:1].islower():
        # a word hyphenated where a hard-wrapped line ends: `un-` / `til` is `until`;
        # `well-` / `known` stays `well-known`
        after = re.match(r"[a-z]+", more)
        word = broken.group("part") + (after.group(0) if after else "")
        return f"{text[:-1]}{more}" if english_word(word) else f"{text}{more}"
    joiner = "" if wide_char(text[-1]) or wide_char(more[0]) else " "
    return f"{text}{joiner}{more}"


def _with_text(block: Block, text: str) -> Block:
    return Block(block.line, text, block.after_blank, block.soft, block.kind, block.level,
                 block.strong, block.speaker, block.list_item, block.quote, block.link_chars,
                 block.through, block.emphasis)
