"""Subtitle files: SRT (with the `srt` library) and WebVTT (with `webvtt-py`).

A cue's timing is dropped; its text is kept as lines that continue one another, so a
sentence spread over several cues is read as one. `<v Name>` voice spans name the speaker;
otherwise a `Name:` at the start of a cue does, as in any transcript. A line opened by a
dash (`- Out.`) is another speaker's, as subtitles mark it.
"""

from __future__ import annotations

import html
import io
import itertools
import re
from dataclasses import dataclass

import srt
import webvtt
from webvtt.errors import MalformedCaptionError, MalformedFileError

from ...errors import ArticleError
from ..document import Block, Document, Removal
from ..labels import read_label
from .html import read_html_fragment

_TIMING = re.compile(r"-->")
_VOICE_TAG = re.compile(r"<v(?:\.[\w.-]+)*\s+(?P<name>[^>]+)>")
# `- Out.`, `>> MARK: …`: subtitles' and closed captions' mark of another speaker
_CHANGE_MARK = re.compile(r"[-–]\s|>>")
_SOUND = re.compile(r"[\[(（♪].*[\])）♪]")
_ASS_TAGS = re.compile(r"\{\\[^{}]*\}")  # {\an8} positioning codes some SRT files carry


def read_srt(text: str, source: str) -> Document:
    """Read an SRT file into blocks, one per cue line."""
    try:
        cues = [_Span(cue.content, None) for cue in srt.parse(text)]
    except (srt.SRTParseError, ValueError) as exc:
        raise ArticleError(f"{source}: not a valid SRT file: {_first_line(exc)}") from None
    return _document("srt", text, cues)


def read_vtt(text: str, source: str) -> Document:
    """Read a WebVTT file into blocks, one per cue line, with <v> voices as speakers."""
    try:
        captions = webvtt.from_buffer(io.StringIO(text)).captions
    except (MalformedFileError, MalformedCaptionError, ValueError) as exc:
        raise ArticleError(f"{source}: not a valid WebVTT file: {_first_line(exc)}") from None
    cues = [span for c in captions for span in _voice_spans(c.raw_text, c.voice)]
    return _document("vtt", text, cues)


@dataclass(frozen=True)
class _Span:
    """Words of a cue in one voice; `more` for a second voice inside the same cue."""

    words: str
    voice: str | None
    more: bool = False


def _voice_spans(raw: str, voice: str | None) -> list[_Span]:
    """A cue's words by voice: `<v Esme>Forty!</v> <v Mary>Forty.</v>` is two speakers."""
    tags = list(_VOICE_TAG.finditer(raw))
    if len(tags) < 2:
        return [_Span(raw, voice)]
    head = raw[:tags[0].start()]
    spans = [_Span(head, voice)] if head.strip() else []
    for number, tag in enumerate(tags):
        end = tags[number + 1].start() if number + 1 < len(tags) else len(raw)
        spans.append(_Span(raw[tag.start():end], tag.group("name").strip(), bool(spans)))
    return spans


def _document(kind: str, text: str, cues: list[_Span]) -> Document:
    timing_lines = [number for number, line in enumerate(text.split("\n"), start=1)
                    if _TIMING.search(line)]
    removed: list[Removal] = []
    cues = _without_rolled_lines(cues, timing_lines, removed)
    blocks: list[Block] = []
    previous_voice: str | None = None
    speakers = _Speakers()
    cue = -1
    for span in cues:
        cue += not span.more
        content, voice = span.words, span.voice
        first = timing_lines[cue] + 1 if cue < len(timing_lines) else 1
        # every line of a cue a block of its own, which the next goes on unless a label or
        # a dash opens it (`[THUNDER]` / `BEN: Anna, wait!`); HTML would join them
        words = _ASS_TAGS.sub("", content).replace("\n", "<br>")
        fragment = read_html_fragment(_voice_free(words), first)
        for number, block in enumerate(fragment.blocks):
            block.text = html.unescape(block.text)
            block.after_blank = False
            block.soft = True
            if voice and number == 0 and voice != previous_voice:
                block.speaker = voice
                block.text = f"{voice}: {block.text}"
                block.after_blank, block.soft = True, False
            elif change := _CHANGE_MARK.match(block.text):
                # `- Out.`: another speaker's line; where the cue does not name them, the
                # other of the two who spoke last (where nobody is named yet, the dash
                # stays: an interview's dashed turns are read as such)
                block.after_blank, block.soft = True, False
                rest = block.text[change.end():].lstrip()
                other = None if read_label(rest) else speakers.other()
                if other:
                    block.text = f"{other}: {rest}"
            elif blocks and not _SOUND.fullmatch(blocks[-1].text.strip()) and (
                    same := speakers.again(block.text)) is not None:
                # `Karen Liu: start with …` after `Karen Liu: … so let's`: a meeting
                # recorder names the speaker in every cue; a run of one speaker's cues is
                # one turn, as a run of one voice is (a sound between them ends the turn)
                block.text = same
            speakers.saw(block.text)
            blocks.append(block)
        previous_voice = voice or previous_voice
    # every line that is not a cue's words: the header, cue numbers, timings, notes
    cue_lines = _cue_text_lines(text.split("\n"))
    removed += [Removal(number, "timestamp" if _TIMING.search(line) else "markup",
                       line.strip()[:80], "subtitle cue timing" if _TIMING.search(line)
                       else "subtitle file markup (header, cue number, note)")
               for number, line in enumerate(text.split("\n"), start=1)
               if line.strip() and number not in cue_lines]
    if blocks:
        blocks[0].after_blank = True
        blocks[0].soft = False
    return Document(kind, blocks, removed=removed)


class _Speakers:
    """Who spoke, in order, as the labels opening the cues' lines name them."""

    def __init__(self) -> None:
        self.names: list[str] = []

    def saw(self, text: str) -> None:
        """Note the speaker a line's label names, if any."""
        label = read_label(text)
        if label is not None and label.form == "colon" and (
                not self.names or self.names[-1] != label.name):
            self.names.append(label.name)

    def again(self, text: str) -> str | None:
        """The words of a line whose label names the one who spoke last, else None."""
        label = read_label(text)
        if label is not None and label.form == "colon" and self.names[-1:] == [label.name]:
            return label.rest
        return None

    def other(self) -> str | None:
        """The speaker before the last one (the last one's partner in a dialogue), if any."""
        return self.names[-2] if len(self.names) >= 2 else None


def _without_rolled_lines(cues: list[_Span], timing_lines: list[int],
                          removed: list[Removal]) -> list[_Span]:
    """Roll-up captions (live TV, a video site's automatic ones) repeat the last lines of a
    cue at the top of the next: where most cues do, each line is kept once (elsewhere a
    line said twice, `No.` / `No.`, is said twice)."""
    lines_of = [span.words.split("\n") for span in cues]
    rolled = sum(1 for above, lines in itertools.pairwise(lines_of) if lines[0] == above[-1])
    if rolled < max(3, 0.3 * len(cues)):
        return cues
    kept: list[_Span] = []
    above: list[str] = []
    cue = -1
    for span, lines in zip(cues, lines_of, strict=True):
        cue += not span.more
        if span.more:
            kept.append(span)
            above = lines
            continue
        repeated = max((k for k in range(1, len(lines) + 1) if lines[:k] == above[-k:]),
                       default=0)
        if repeated:
            line = timing_lines[cue] + 1 if cue < len(timing_lines) else 1
            removed.append(Removal(line, "duplicate", " / ".join(lines[:repeated])[:80],
                                   "a roll-up caption's repeat of the cue above",
                                   line + repeated - 1))
            span = _Span("\n".join(lines[repeated:]), span.voice)
        kept.append(span)  # (a cue left empty still counts: cues are matched to timings)
        above = lines
    return kept


def _cue_text_lines(lines: list[str]) -> set[int]:
    """The numbers of the lines that hold cues' words: after a timing, up to a blank line."""
    found: set[int] = set()
    inside = False
    for number, line in enumerate(lines, start=1):
        if _TIMING.search(line):
            inside = True
        elif not line.strip():
            inside = False
        elif inside:
            found.add(number)
    return found


def _voice_free(text: str) -> str:
    """Cue text without <v …> and </v> tags (the voice is read separately)."""
    return re.sub(r"</?v(?:\.[\w.-]+)?(?:\s[^>]*)?>", "", text)


def _first_line(exc: Exception) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0][:120]
