"""The decisions to check: every doubtful choice of an import, with its evidence and its fix.

The speaker model and the alias and caption rules say how sure they are. Whatever fell short
of sure — a speaker that might be noise, a label that might be a speaker, two names that
might be one person (or were merged on a typo), a block set aside or kept on weak evidence —
becomes a `Doubt`: where it is, what was decided, how sure, why, and the edit that reverses it
in the script's own terms (turn ids and words), which the studio applies in one click.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from ..script.model import Script
from ..text import is_cjk
from .cleanup import clean_text
from .paragraphs import Paragraph
from .report import BlockDoubt, Doubt, Fix, Place
from .speakers import SpeakerDoubt, Speakers

_ANCHOR = 24  # letters of the words after a dropped block that say where it goes back


@dataclass(frozen=True)
class Placed:
    """Where the import put things: speaker ids, the line each turn starts on, turn texts."""

    speaker_of: dict[str, str]  # a speaker's name → its id in the script
    starts: list[tuple[int, str]]  # (first source line, turn id), in order
    texts: dict[str, str]  # turn id → its words

    def turn_at(self, line: int) -> str | None:
        """The turn a source line belongs to (or, when dropped, the turn before it)."""
        index = bisect_right(self.starts, (line, "\U0010ffff")) - 1
        return self.starts[index][1] if index >= 0 else None

    def turn_starting(self, line: int) -> str | None:
        """The turn that starts on a source line."""
        index = bisect_right(self.starts, (line, "\U0010ffff")) - 1
        return self.starts[index][1] if index >= 0 and self.starts[index][0] == line else None


def collect_doubts(speakers: Speakers, paragraphs: list[Paragraph], blocks: list[BlockDoubt],
                   placed: Placed, script: Script) -> list[Doubt]:
    """Every doubtful decision of the import, least certain first."""
    found = [_speaker(doubt, speakers, paragraphs, placed, script) for doubt in speakers.doubts]
    found += [_block(block, placed) for block in blocks]
    kept = [doubt for doubt in found if doubt is not None]
    return sorted(kept, key=lambda d: (d.confidence, d.line))


def _speaker(doubt: SpeakerDoubt, speakers: Speakers, paragraphs: list[Paragraph],
             placed: Placed, script: Script) -> Doubt | None:
    lines = [paragraphs[i] for i in doubt.paragraphs]
    line = lines[0].line if lines else 0
    evidence = tuple(doubt.evidence)
    sid = placed.speaker_of.get(speakers.canonical.get(doubt.name, ""))
    if doubt.kind == "speaker":
        if sid is None:
            return None  # its turns all vanished in cleaning
        label = f"{doubt.name}：" if is_cjk(doubt.name[:1]) else f"{doubt.name}: "
        return Doubt("speaker", line, doubt.name, f"made “{doubt.name}” a speaker",
                     doubt.probability, evidence,
                     Fix(op="not_speaker", speaker=sid, label=label))
    if doubt.kind == "not-speaker":
        places = [_place(p, placed) for p in lines]
        return Doubt("not-speaker", line, doubt.name,
                     f"read “{doubt.name}” as words, not a speaker's label",
                     doubt.probability, evidence,
                     Fix(op="make_speaker", name=doubt.name, places=places))
    other = placed.speaker_of.get(doubt.other or "")
    other_name = _shown(script, other) or doubt.other or ""
    if doubt.kind == "same-person":
        turns = [turn for p in lines if (turn := placed.turn_starting(p.line))]
        if other is None or not turns:
            return None
        return Doubt("same-person", line, doubt.name, f"“{doubt.name}” taken as {other_name}",
                     doubt.probability, evidence,
                     Fix(op="separate_speaker", speaker=other, name=doubt.name, turns=turns))
    if sid is None or other is None or sid == other:
        return None
    return Doubt("maybe-same-person", line, doubt.name,
                 f"“{doubt.name}” and {other_name} kept apart", doubt.probability, evidence,
                 Fix(op="merge_speakers", speaker=sid, into=other))


def _place(paragraph: Paragraph, placed: Placed) -> Place:
    """Where a rejected label's line is now: inside a turn's words, or dropped after one."""
    turn = placed.turn_at(paragraph.line)
    text = clean_text(paragraph.text).text
    rest = clean_text(paragraph.label.rest if paragraph.label else paragraph.text).text
    inside = turn is not None and text and text in placed.texts.get(turn, "")
    return Place(turn=turn, text=text if inside else "", rest=rest)


def _block(block: BlockDoubt, placed: Placed) -> Doubt:
    turn = placed.turn_at(block.line)
    text = clean_text(block.text).text or block.text
    if block.dropped:
        following = clean_text(block.following).text[:_ANCHOR]
        words = placed.texts.get(turn or "", "")
        before = following if following and following in words else ""
        return Doubt("dropped-block", block.line, block.text, f"dropped: {block.reason}",
                     block.confidence, (block.reason,),
                     Fix(op="restore", turn=turn, text=text, before=before))
    return Doubt("kept-block", block.line, block.text, f"kept as speech, though {block.reason}",
                 block.confidence, (block.reason,), Fix(op="drop", turn=turn, text=text))


def _shown(script: Script, sid: str | None) -> str | None:
    speaker = script.speakers.get(sid) if sid else None
    return speaker.name if speaker else None

