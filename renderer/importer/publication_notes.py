"""A note on the publication that closes a paragraph of other words goes alone: `Dana
Whitfield spent eleven years measuring groundwater for the county. This interview has been
edited for length and clarity.` keeps its first sentence, which says who answers. (A
paragraph that is only such a note is page noise, dropped whole.)"""

from __future__ import annotations

import re

from ..text import split_sentences
from .noise import classify, publication_note
from .paragraphs import Paragraph
from .report import Report

# what stays beside the note speaks of the recording too: `This interview was recorded in
# Boston last spring. It has been edited for length and clarity.` is one note
_ABOUT_THE_RECORDING = re.compile(
    r"^(?i:this|the) (?i:interview|conversation|episode|transcript|recording|exchange)\b|"
    r"^(?:这次|本次|此次)?(?:访谈|对话|采访|录音)(?:于|在|是在)")


def trim_publication_notes(paragraphs: list[Paragraph], report: Report) -> list[Paragraph]:
    """The paragraphs, each without the publication notes that close it."""
    return [_trimmed(p, report) if p.kind == "text" else p for p in paragraphs]


def _trimmed(paragraph: Paragraph, report: Report) -> Paragraph:
    sentences = split_sentences(paragraph.text)
    spoken = [index for index, sentence in enumerate(sentences) if sentence.strip()]
    if len(spoken) < 2:
        return paragraph
    notes = {index for index in spoken if publication_note(sentences[index])}
    if not notes or len(notes) == len(spoken):
        return paragraph
    # the notes that close it (one that opens a paragraph leads into more of the same:
    # `Copyright © 2026 NPR. All rights reserved. Visit our website terms of use …`)
    tail = len(spoken)
    while spoken[tail - 1] in notes:
        tail -= 1
    if tail == len(spoken) or any(index in notes for index in spoken[:tail]):
        return paragraph  # a note among the words is the whole paragraph's to judge
    end = sum(len(sentence) for sentence in sentences[:spoken[tail - 1] + 1])
    kept = paragraph.piece(0, end)
    notes_said = paragraph.text[end:].strip()
    # without a label, what stays must be the paragraph's main part and no noise itself:
    # `Transcript generated with Descript. May contain errors.` is a note as a whole
    if kept is None or (paragraph.label is None and (
            len(kept.text) < len(notes_said) or classify(kept.text) is not None
            or _ABOUT_THE_RECORDING.search(kept.text))):
        return paragraph
    report.add(paragraph.line, "rights", "dropped", notes_said, "publication/republication notice")
    return kept
