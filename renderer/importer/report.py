"""The cleaning report: every piece of the article the importer dropped or changed, and why."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Protocol, TypedDict

_PREVIEW_CHARS = 60


class Piece(Protocol):
    """Anything with source lines and text (a paragraph of the article)."""

    line: int
    text: str

    @property
    def last_line(self) -> int: ...


@dataclass(frozen=True)
class Entry:
    """One dropped or changed piece: where it was, what kind of thing, what happened."""

    line: int
    kind: str
    action: str  # "dropped", "changed", "moved", "kept"
    text: str
    reason: str
    through: int = 0  # the last source line of the piece, when it spans several


class Place(TypedDict):
    """Where a label's line ended up: in a turn (its words as written there), or dropped."""

    turn: str | None  # the turn that holds the line, or (dropped) the turn before it
    text: str  # the line's words with their label, as the turn says them
    rest: str  # the words after the label


class Fix(TypedDict, total=False):
    """The edit that reverses a doubtful decision, in the script's terms (see the studio)."""

    op: str  # merge_speakers, separate_speaker, make_speaker, not_speaker, restore, drop
    speaker: str  # the speaker id it acts on
    into: str  # merge_speakers: the speaker who keeps the turns
    name: str  # make_speaker, separate_speaker: the new speaker's name
    label: str  # not_speaker: the label as it reads when it is words again
    turns: list[str]  # separate_speaker: the turns that go to the new speaker
    places: list[Place]  # make_speaker: every line the label starts
    turn: str | None  # restore, drop: the turn the block belongs to
    text: str  # restore, drop: the block's words
    before: str  # restore: the words the block came before in that turn ("": at the end)


@dataclass(frozen=True)
class Doubt:
    """A decision the evidence did not make certain: what was decided, how sure, and why."""

    kind: str  # speaker, not-speaker, same-person, maybe-same-person, dropped-block, kept-block
    line: int
    subject: str  # a label's name, or a block's words
    decision: str  # what the import did, in words
    confidence: float  # how likely the decision is right (0.5–1)
    evidence: tuple[str, ...]
    fix: Fix | None = None


@dataclass(frozen=True)
class BlockDoubt:
    """A paragraph set aside (or kept) on weak evidence, before turns have ids."""

    line: int
    last_line: int
    text: str
    dropped: bool
    reason: str
    confidence: float
    following: str  # the words of the paragraph after it (where it goes back)


@dataclass
class Report:
    """All entries of one import, in source order, and the decisions to check."""

    source: str
    entries: list[Entry] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    chapters: list[str] = field(default_factory=list)
    doubts: list[Doubt] = field(default_factory=list)
    blocks: list[BlockDoubt] = field(default_factory=list)

    def doubt_block(self, piece: Piece, dropped: bool, reason: str, confidence: float,
                    following: str = "") -> None:
        """A paragraph dropped (or kept) on weak evidence: a decision to check."""
        self.blocks.append(BlockDoubt(piece.line, piece.last_line, piece.text, dropped,
                                      reason, confidence, following))

    def add(self, line: int, kind: str, action: str, text: str, reason: str,
            through: int = 0) -> None:
        """Record one piece (from `line` through `through`, when it spans several lines)."""
        self.entries.append(Entry(line, kind, action, text, reason, max(through, line)))

    def note(self, piece: Piece, kind: str, action: str, reason: str) -> None:
        """Record what happened to a whole paragraph, over every line it spans."""
        self.add(piece.line, kind, action, piece.text, reason, piece.last_line)

    def lines_with(self, action: str | None = None) -> set[int]:
        """Source lines that have an entry (optionally of one action)."""
        return {number for e in self.entries if action is None or e.action == action
                for number in range(e.line, max(e.through, e.line) + 1)}

    def counts(self) -> Counter[tuple[str, str]]:
        """How many entries per (action, kind)."""
        return Counter((e.action, e.kind) for e in self.entries)

    def summary(self) -> list[str]:
        """Short lines: one per (action, kind), most frequent first."""
        return [
            f"{count:4d} {action} {kind}"
            for (action, kind), count in sorted(self.counts().items(), key=lambda kv: -kv[1])
        ]

    def render(self) -> str:
        """The full report as text: the decisions to check first, then one entry per line."""
        head = [f"# cleaning report for {self.source}", f"# {len(self.entries)} entries", ""]
        if self.doubts:
            count = len(self.doubts)
            head[2:2] = [f"# {count} decision{'s' if count > 1 else ''} to check, least "
                         "certain first", ""]
            head[4:4] = [*(doubt_line(d) for d in self.doubts), ""]
        body = [
            f"line {e.line:5d}  {e.action:8s} {e.kind:18s} {_preview(e.text)}  ({e.reason})"
            for e in sorted(self.entries, key=lambda e: (e.line, e.kind))
        ]
        chapters = ["", "# chapters", *self.chapters] if self.chapters else []
        tail = ["", *(f"warning: {w}" for w in self.warnings)] if self.warnings else []
        return "\n".join(head + body + chapters + tail) + "\n"


def doubt_line(doubt: Doubt) -> str:
    """One decision to check, on one line: where, what was decided, how sure, why."""
    evidence = "; ".join(doubt.evidence)
    return (f"line {doubt.line:5d}  {doubt.kind:18s} {_preview(doubt.subject)}: "
            f"{doubt.decision} ({doubt.confidence:.0%} sure: {evidence})")


def _preview(text: str) -> str:
    flat = text.replace("\n", " ⏎ ")
    return flat if len(flat) <= _PREVIEW_CHARS else flat[: _PREVIEW_CHARS - 1] + "…"
