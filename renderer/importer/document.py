"""What every reader yields: the article's blocks as a listener would hear them, with hints."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

# text: words that may be spoken; the other kinds are kept only so that the pipeline can
# report them and use them as landmarks (an image before a caption, a rule before a trailer).
BlockKind = Literal["text", "heading", "caption", "image", "rule", "code", "markup", "table",
                    "affiliation", "participants"]
SPEECH_KINDS = ("text", "heading")
# kinds of blocks that are never spoken, and why (for the report)
NON_SPEECH = {"image": "image", "rule": "horizontal rule", "caption": "image caption",
              "table": "table (not speech)",
              "affiliation": "the speaker's affiliation, printed under the name every time",
              "participants": "a list of who takes part, before or after the dialogue"}

_SPACE_RUN = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")


@dataclass
class Block:
    """One line or paragraph of the source: its words (no markup) and the hints its format gave."""

    line: int
    text: str
    after_blank: bool = True  # a paragraph boundary comes before it
    soft: bool = False  # continues the line above within one paragraph (a soft line break)
    kind: BlockKind = "text"
    level: int = 0  # heading level 1–6
    strong: tuple[tuple[int, int], ...] = ()  # spans of `text` that were bold
    speaker: str | None = None  # a speaker the markup itself names (<v Name>, class="name")
    list_item: bool = False
    quote: bool = False
    link_chars: int = 0  # characters of `text` that were the text of links
    through: int = 0  # the last source line the block spans (a setext underline), if later
    emphasis: tuple[tuple[int, int], ...] = ()  # spans of `text` that were in italics

    @property
    def lines(self) -> list[int]:
        """The source lines the block spans."""
        return list(range(self.line, max(self.through, self.line) + 1))

    @property
    def link_share(self) -> float:
        """Share of the words that were link text (navigation and link lists are mostly links)."""
        letters = len("".join(self.text.split()))
        return self.link_chars / letters if letters else 0.0

    def all_strong(self) -> bool:
        """Whether every word of the block was bold."""
        return _covers(self.strong, self.text)

    def all_emphasis(self) -> bool:
        """Whether every word of the block was in italics."""
        return _covers(self.emphasis, self.text)


def shift_spans(spans: Iterable[tuple[int, int]], shift: int, length: int
                ) -> tuple[tuple[int, int], ...]:
    """Spans of a text moved to the part of it that starts at `shift` and is `length` long."""
    return tuple((max(0, a - shift), min(length, b - shift))
                 for a, b in spans if b - shift > 0 and a - shift < length)


# what bold or italics cover when they cover a whole line: all but spaces and the
# punctuation a label's markup often leaves outside (`**Ann**:`)
_MARKABLE = re.compile(r"[^\s，,:：]")


def _covers(spans: tuple[tuple[int, int], ...], text: str) -> bool:
    if not spans:
        return False
    covered = sum(end - start for start, end in spans)
    letters = len(_MARKABLE.findall(text))
    return covered >= letters * 0.9


@dataclass
class Metadata:
    """What the document says about itself (front matter, <title>, <meta>)."""

    title: str | None = None
    # the title as its author wrote it (front matter, an export's field), not a browser tab's
    # `Headline | Site`: kept whole
    title_whole: bool = False
    speakers: list[str] = field(default_factory=list)
    date: dt.date | None = None
    authors: list[str] = field(default_factory=list)
    description: str | None = None


@dataclass(frozen=True)
class Removal:
    """Something a reader removed before the pipeline saw it (front matter, scripts, styles)."""

    line: int
    kind: str
    text: str
    reason: str
    through: int = 0
    action: str = "dropped"  # or "changed": read right where the bytes were read wrong


@dataclass
class Document:
    """An article read by one of the readers: blocks in source order, metadata, removals."""

    format: str
    blocks: list[Block]
    meta: Metadata = field(default_factory=Metadata)
    removed: list[Removal] = field(default_factory=list)


def collapse_spaces(text: str) -> str:
    """Runs of spaces (of any width) become one space; lines are trimmed."""
    return "\n".join(_SPACE_RUN.sub(" ", line).strip() for line in text.split("\n")).strip()
