"""Finish the turns: clean their words, trim a cut-off ending, split a turn too long to edit."""

from __future__ import annotations

from dataclasses import dataclass

from ..script.model import MAX_TURN_CHARS
from ..text import ends_sentence, has_speakable, split_sentences
from .cleanup import Cleaned, clean_text, site_names, trim_to_last_sentence
from .paragraphs import Paragraph, join_parts
from .report import Report
from .turns import DraftTurn


@dataclass
class FinishedTurn:
    """A turn ready for the script: speaker, words, note, and the chapter heading it opens."""

    speaker: str
    text: str
    note: str | None
    heading: str | None
    line: int  # the last source line of its words
    first: int = 0  # the source line it starts on (its label)


def finish_turns(drafts: list[DraftTurn], report: Report,
                 limit: int = MAX_TURN_CHARS) -> list[FinishedTurn]:
    """Clean every turn; trim the cut-off ending of the last one; split over-long turns."""
    finished: list[FinishedTurn] = []
    carried: str | None = None  # the heading of a turn that vanished opens the next one
    for draft in drafts:
        cleaned = clean_text(join_parts(draft.parts))
        report_cleaning(draft.parts, draft.line, cleaned, report)
        notes = draft.notes + cleaned.directions + cleaned.addresses
        heading = draft.heading or carried
        if not has_speakable(cleaned.text) and cleaned.addresses:
            # a turn that only shared a link says where it points; the address is in the note
            cleaned.text = site_names(cleaned.addresses)
        if not has_speakable(cleaned.text):
            report.add(draft.line, "empty-turn", "dropped", draft.speaker,
                       "turn had no words left after cleaning" if not notes
                       else "turn was only a stage direction")
            carried = heading
            continue
        carried = None
        finished.append(FinishedTurn(draft.speaker, cleaned.text, " ".join(notes) or None,
                                     heading, _last_line(draft), draft.line))
    _trim_cut_off_ending(finished, report)
    return [piece for turn in finished for piece in _split_long(turn, limit, report)]


def _last_line(draft: DraftTurn) -> int:
    last: Paragraph | None = draft.parts[-1] if draft.parts else None
    return max(last.lines) if last and last.lines else draft.line


def _trim_cut_off_ending(finished: list[FinishedTurn], report: Report) -> None:
    if not finished or not _punctuated(finished[:-1]) or ends_sentence(finished[-1].text):
        return
    last = finished[-1]
    kept, cut = trim_to_last_sentence(last.text)
    report.add(last.line, "truncated", "changed" if kept else "dropped", cut,
               "the article is cut off here; trimmed to the last complete sentence")
    if kept:
        last.text = kept
    else:
        finished.pop()


def _punctuated(turns: list[FinishedTurn]) -> bool:
    """Whether turns normally end on a full stop (so a final turn without one was cut off)."""
    if not turns:
        return True
    return sum(ends_sentence(turn.text) for turn in turns) >= len(turns) / 2


def _split_long(turn: FinishedTurn, limit: int, report: Report) -> list[FinishedTurn]:
    """A turn longer than a script allows becomes several, cut at paragraphs or sentences."""
    if len(turn.text) <= limit:
        return [turn]
    pieces: list[str] = []
    current = ""
    for sentence in split_sentences(turn.text):
        while len(sentence) > limit:  # one "sentence" longer than the limit: cut it hard
            if current:
                pieces.append(current)
                current = ""
            pieces.append(sentence[:limit])
            sentence = sentence[limit:]
        if len(current) + len(sentence) > limit:
            pieces.append(current)
            current = sentence.lstrip("\n")
        else:
            current += sentence
    if current:
        pieces.append(current)
    pieces = [piece.strip() for piece in pieces if has_speakable(piece)]
    report.add(turn.line, "long-turn", "changed", f"{len(turn.text)} characters",
               f"a turn over {limit} characters was split into {len(pieces)} at sentence ends")
    return [
        FinishedTurn(turn.speaker, piece, turn.note if i == 0 else None,
                     turn.heading if i == 0 else None, turn.line, turn.first)
        for i, piece in enumerate(pieces)
    ]


def report_cleaning(parts: list[Paragraph], line: int, cleaned: Cleaned, report: Report,
                    to_note: bool = True) -> None:
    """Put what cleaning a text removed or changed into the report, at the paragraph (of
    `parts`) where each piece was; `line` where none holds it."""
    def at(piece: str) -> tuple[int, int]:
        part = next((p for p in parts if piece in p.text), None)
        return (part.line, part.last_line) if part else (line, line)

    for piece in cleaned.placeholders:
        report.add(at(piece)[0], "placeholder", "dropped", piece, "redaction placeholder",
                   at(piece)[1])
    for piece in cleaned.directions:
        report.add(at(piece)[0], "stage-direction", "moved", piece,
                   "stage direction moved to the note", at(piece)[1])
    for piece in cleaned.addresses:
        action, reason = (("moved", "web address moved to the turn's note") if to_note
                          else ("dropped", "web address in the text"))
        report.add(at(piece)[0], "link", action, piece, reason, at(piece)[1])
    for piece in cleaned.timestamps:
        report.add(at(piece)[0], "timestamp", "dropped", piece, "timestamp in the text",
                   at(piece)[1])
    if cleaned.punctuation:
        report.add(line, "punctuation", "changed", f"{cleaned.punctuation} marks",
                   "half-width punctuation in Chinese text made full-width")
