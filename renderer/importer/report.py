"""The cleaning report: every piece of the article the importer dropped or changed, and why."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Protocol

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


@dataclass
class Report:
    """All entries of one import, in source order."""

    source: str
    entries: list[Entry] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    chapters: list[str] = field(default_factory=list)

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
        """The full report as text, one entry per line."""
        head = [f"# cleaning report for {self.source}", f"# {len(self.entries)} entries", ""]
        body = [
            f"line {e.line:5d}  {e.action:8s} {e.kind:18s} {_preview(e.text)}  ({e.reason})"
            for e in sorted(self.entries, key=lambda e: (e.line, e.kind))
        ]
        chapters = ["", "# chapters", *self.chapters] if self.chapters else []
        tail = ["", *(f"warning: {w}" for w in self.warnings)] if self.warnings else []
        return "\n".join(head + body + chapters + tail) + "\n"


def _preview(text: str) -> str:
    flat = text.replace("\n", " ⏎ ")
    return flat if len(flat) <= _PREVIEW_CHARS else flat[: _PREVIEW_CHARS - 1] + "…"
