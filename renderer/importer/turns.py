"""From paragraphs to turns: a label starts a turn, the rest continue it or are set aside.

Set aside (and reported) are: page noise; account cards; images, rules and captions;
stage directions and editor's notes (moved to the turn's note); section headings (they
become chapter titles); and the trailer after the last turn, which starts at the first
piece of page furniture (a rights notice, a credit, an end mark, a rule, an account card).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from ..text import ends_sentence, goes_on
from .cleanup import is_stage_direction
from .document import NON_SPEECH
from .label_words import HEADING_LABELS
from .labels import starts_with_stamp
from .noise import (
    FURNITURE,
    card_spans,
    classify,
    dated_line,
    end_mark,
    end_section,
    looks_like_heading,
    media_remnant,
    weak_noise,
)
from .paragraphs import Paragraph
from .report import Report
from .run_together import labels_inside, names_to_split_at
from .speakers import Speakers
from .titles import NUMBERING, heading_title

# an editor's note, perhaps signed by the site: `注：`, `编者按：`, `CDT 编辑注：`, `Editor's note:`
EDITOR_NOTE = re.compile(r"^(?:(?:[A-Za-z]{1,8}\s*)?(?:注|编者注|編者註|编注|編註|编辑注|編輯註|"
                         r"译者注|譯者註|译注|譯註|编者按|編者按)|"
                         r"editor['’]?s note|translator['’]?s note|"
                         # the page's own corrections, updates and disclosures, set in the text
                         r"corrections?|clarifications?|update[ds]?|disclosures?)"
                         r"\s*[:：]", re.IGNORECASE)
_HEADING_LABEL = re.compile(r"^(?P<label>[^\s:：]{1,10})\s*[:：]\s*(?P<title>\S.{0,120})$")
_MAX_HEADING_RUN = 4
# words broken off end no heading: `So it's like-`, `And then…` (a comma may: a heading
# wrapped over two lines, `几个人的兴趣小组，` / `三个月打磨出「妙鸭」`)
_CUT_OFF = re.compile(r"(?:[-–—]|\.\.\.|…)$")
_CAPITAL_HEADING_CHARS = 100
_HEADLINE_CHARS = 40
_TRAILER_MIN_TURNS = 4  # fewer turns say too little about how the dialogue is laid out
# where at least this share of at least this many of the speakers' paragraphs end a sentence,
# a line that ends none may be a heading up to this long
_PUNCTUATED_SHARE = 0.9
_PUNCTUATED_MIN_TURNS = 10
_PUNCTUATED_HEADING_CHARS = 60


@dataclass
class DraftTurn:
    """A turn being collected: its speaker, first line, paragraphs, notes and heading."""

    speaker: str
    line: int
    parts: list[Paragraph] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    heading: str | None = None


def split_runs(paragraphs: list[Paragraph]) -> list[Paragraph]:
    """Split paragraphs where a page ran several labelled turns together on one line.

    The names looked for are those that label some paragraph's start, in the same shape,
    and those that recur after the ends of sentences inside paragraphs.
    """
    names, forms = names_to_split_at(
        [p.label for p in paragraphs if p.label],
        [p.block_with_text() for p in paragraphs if p.kind == "text"])
    result: list[Paragraph] = []
    for paragraph in paragraphs:
        inside = labels_inside(paragraph.block_with_text(), names, forms) \
            if paragraph.kind == "text" else []
        if not inside:
            result.append(paragraph)
            continue
        cuts = [0, *(label.start for label in inside), len(paragraph.text)]
        for start, end in itertools.pairwise(cuts):
            piece = paragraph.piece(start, end)
            if piece is not None:
                result.append(piece)
    return result


def split_turns(
    paragraphs: list[Paragraph], speakers: Speakers, chrome: set[str], report: Report,
    language: str, styled: bool = False,
) -> tuple[list[Paragraph], list[DraftTurn]]:
    """Paragraphs before the dialogue, and the turns: a label starts one, the rest continue it.

    `styled`: the format can mark bold (Markdown, HTML), so a heading that is not marked up
    as one must at least be bold.
    """
    texts = [p.text for p in paragraphs]
    kinds = [p.kind for p in paragraphs]
    cards = card_spans(texts, kinds)
    # a speaker's name on page furniture (`李明远：电池成本还有下降空间` under `相关阅读`)
    # heads a link, not a turn
    is_turn = [p.label is not None and speakers.of(p.label) is not None and p.kind == "text"
               and not (p.furniture and looks_like_heading(p.label.rest)) for p in paragraphs]
    if is_turn and is_turn[0] and _headline(paragraphs, is_turn, chrome):
        is_turn[0] = False
    last_turn = max((i for i, turn in enumerate(is_turn) if turn), default=-1)
    first_turn = is_turn.index(True) if True in is_turn else len(paragraphs)
    # the dialogue marks its sections up itself: lines that only look like headings are not
    marked = any(p.kind == "heading" for p in paragraphs[first_turn:])
    # in a document of mixed case, a run of lines in capitals is a heading (a court record's
    # `ORAL ARGUMENT OF MARK LANE` / `ON BEHALF OF THE PETITIONER`)
    spoken = [p.label.rest if p.label else p.text for p in paragraphs if p.kind == "text"]
    mixed_case = sum(_capitals(t) for t in spoken) < 0.5 * max(1, len(spoken))
    said = _words_under_labels(paragraphs, is_turn)
    punctuated = _punctuated(paragraphs, is_turn, said)
    # every turn is one labelled paragraph (or a label alone and the paragraph under it): an
    # unlabelled one that talks like the page ("Thanks for reading! Subscribe …") is
    # something no speaker says
    one_paragraph_turns = not any(
        _plain_continuation(paragraphs[i], chrome) for i in range(first_turn, last_turn)
        if not is_turn[i] and i not in said)
    # no turn goes on past its labelled paragraph (or the words under its label): a section
    # after the last one is the page's (`Transcribe Your Own Content`, `About the guest`)
    # (a plain continuation may go on, so this holds only where `one_paragraph_turns` does)
    enough_turns = sum(is_turn) >= _TRAILER_MIN_TURNS
    whole_turns = (one_paragraph_turns and last_turn < len(paragraphs) - 1 and enough_turns
                   and not any(_may_go_on(paragraphs[i], chrome)
                               for i in range(first_turn, last_turn)
                               if not is_turn[i] and i not in said))
    # no turn is set in italics, so a paragraph in italics after the last is the page's
    italic_notes = not any(p.block.all_emphasis() for p, turn in zip(paragraphs, is_turn,
                                                                      strict=True) if turn)
    opening = paragraphs[first_turn].label if first_turn < len(paragraphs) else None
    chat_log = opening is not None and opening.form == "chat"
    preamble: list[Paragraph] = []
    drafts: list[DraftTurn] = []
    pending: str | None = None
    trailer = False
    chat = False  # the last turn was a chat log's message
    index = 0
    while index < len(paragraphs):
        paragraph = paragraphs[index]
        if is_turn[index]:
            label = paragraph.label
            assert label is not None
            draft = DraftTurn(speakers.of(label) or label.name, paragraph.line, heading=pending)
            pending = None
            chat = label.form == "chat"
            if media_remnant(label.rest):
                # `Tom: <Media omitted>`: the picture was sent, its words are not there
                report.note(paragraph, "image", "dropped", "what is left of a picture or a video")
            elif label.rest:
                draft.parts.append(paragraph.with_text(label.rest))
                hint = weak_noise(label.rest, paragraph.block.link_share)
                if hint:
                    report.doubt_block(paragraph.with_text(hint[1]), False, hint[0], 0.75)
            if label.timestamp:
                report.note(paragraph, "timestamp", "dropped", "timestamp in the speaker label")
            drafts.append(draft)
            index += 1
            continue
        if not drafts and chat_log and starts_with_stamp(paragraph.text):
            report.note(paragraph, "chat-event", "dropped",
                        "a chat log's notice or event, not a message")
            index += 1
            continue
        if not drafts:
            preamble.append(paragraph)
            index += 1
            continue
        if trailer:
            report.note(paragraph, "trailer", "dropped", "page furniture after the dialogue")
            if reads_as_speech(paragraph) and not classify(paragraph.text, chrome,
                                                           paragraph.block.link_share):
                report.doubt_block(paragraph, True, "after the page's furniture that ends "
                                   "the dialogue, though it reads as speech", 0.6,
                                   _following(paragraphs, index))
            index += 1
            continue
        if index > last_turn and end_section(paragraph.text):
            report.note(paragraph, "trailer", "dropped",
                        "sources or further reading after the dialogue")
            trailer = True
            index += 1
            continue
        if (index > last_turn and paragraph.kind == "text" and italic_notes
                and paragraph.block.all_emphasis()):
            # `*Ruth Okafor's "The Salt Road" is published on December 4.*` under the last
            # answer: set apart as no turn is, the page's note on its guest
            reason = "in italics after the last turn, as no turn is: the page's note"
            report.note(paragraph, "editor-note", "dropped", reason)
            report.doubt_block(paragraph, True, reason, 0.75, _following(paragraphs, index))
            index += 1
            continue
        if chat and paragraph.kind == "text":
            # every message of a chat log names its sender: a line without one is an event
            report.note(paragraph, "chat-event", "dropped",
                        "a chat log's event (a join, a log marker), not a message")
            index += 1
            continue
        if paragraph.kind == "text" and _aside(paragraph.text):
            _continue_turn(drafts[-1], paragraph, report)
            index += 1
            continue
        # a numbered heading ("01", then its title) is not a stray page number; a heading
        # is set aside only when it is surely page furniture ("Sign up for our newsletter")
        numbered = paragraph.kind == "heading" or NUMBERING.match(paragraph.text.strip())
        kind = (_furniture_heading(paragraph, report) if paragraph.kind == "heading"
                else None if numbered else _set_aside(paragraphs, index, cards, chrome, report))
        if kind:
            trailer = index > last_turn and kind in FURNITURE
            index += 1
            continue
        if (index > last_turn and whole_turns
                and (paragraph.kind == "heading" or heading_like(paragraph))):
            report.note(paragraph, "trailer", "dropped",
                        "a heading after the last turn, where every turn is one paragraph")
            trailer = True
            index += 1
            continue
        run = 0 if index in said else heading_run(paragraphs, index, is_turn, marked, styled,
                                                  mixed_case, punctuated)
        if not run and numbered:
            kind = _set_aside(paragraphs, index, cards, chrome, report)
            if kind:
                index += 1
                continue
        if run:
            title = heading_title([p.text for p in paragraphs[index:index + run]], language)
            for heading in paragraphs[index:index + run]:
                report.note(heading, "heading", "moved", "section heading became a chapter title")
            pending = title or pending
            index += run
            continue
        after = index > last_turn and enough_turns
        hint = (weak_noise(paragraph.text, paragraph.block.link_share)
                if one_paragraph_turns and (index < last_turn or after)
                and paragraph.kind == "text" else None)
        if hint:
            # after the last turn it ends the dialogue: `Thanks for reading! Subscribe …`
            where = "after the last turn" if after else "between turns"
            reason = f"{where}, where every turn is one labelled paragraph, {hint[0]}"
            report.note(paragraph, "trailer" if after else "insert", "dropped", reason)
            report.doubt_block(paragraph, True, reason, 0.7, _following(paragraphs, index))
            trailer = after
        else:
            _continue_turn(drafts[-1], paragraph, report)
        index += 1
    return preamble, drafts


def _headline(paragraphs: list[Paragraph], is_turn: list[bool], chrome: set[str]) -> bool:
    """`王明：AI不会取代好译者` opening a page over its byline is the headline quoting its
    guest: no turn opens a page, stops short of a full stop and gives way to a byline (or
    is the only one its label opens)."""
    label, after = paragraphs[0].label, paragraphs[1] if len(paragraphs) > 1 else None
    if label is None or after is None or is_turn[1] or after.kind != "text":
        return False
    rest = label.rest.strip()
    # (or a label that never comes again: `Oral History Project: Voices of the Harbour`)
    once = sum(1 for p in paragraphs if p.label and p.label.name == label.name) == 1
    return (0 < len(rest) <= _HEADLINE_CHARS and not ends_sentence(rest)
            and (once or dated_line(after.text)
                 or classify(after.text, chrome, after.block.link_share) is not None))


def _punctuated(paragraphs: list[Paragraph], is_turn: list[bool], said: set[int]) -> bool:
    """Whether the speakers' words end their sentences, nearly always: then a line between
    turns that ends none is a heading, though longer than most."""
    words = [p.label.rest if is_turn[i] and p.label else p.text
             for i, p in enumerate(paragraphs) if (is_turn[i] and p.label and p.label.rest)
             or i in said]
    ended = sum(ends_sentence(text) for text in words)
    return len(words) >= _PUNCTUATED_MIN_TURNS and ended >= _PUNCTUATED_SHARE * len(words)


def _words_under_labels(paragraphs: list[Paragraph], is_turn: list[bool]) -> set[int]:
    """The paragraphs under a label with no words of its own that are surely its words,
    however short (never a heading): where most labels stand alone on their line, or where
    the label ends a line of run-together turns. A rare label alone on its line may head a
    section instead (`朱军：` over its title, `18 个月，在 L4 取得进展`)."""
    alone = [i for i, (paragraph, turn) in enumerate(zip(paragraphs, is_turn, strict=True))
             if turn and paragraph.label is not None and not paragraph.label.rest]
    usual = len(alone) >= 0.5 * max(1, sum(is_turn))
    return {i + 1 for i in alone
            if i + 1 < len(paragraphs) and paragraphs[i + 1].kind == "text"
            and not is_turn[i + 1]
            and (usual or (i > 0 and paragraphs[i - 1].line == paragraphs[i].line))}


def _plain_continuation(paragraph: Paragraph, chrome: set[str]) -> bool:
    """An unlabelled paragraph of speech with nothing of the page about it: a turn goes on."""
    return (reads_as_speech(paragraph) and not _aside(paragraph.text)
            and classify(paragraph.text, chrome, paragraph.block.link_share) is None
            and weak_noise(paragraph.text, paragraph.block.link_share) is None)


def _may_go_on(paragraph: Paragraph, chrome: set[str]) -> bool:
    """An unlabelled paragraph that may be a speaker's words going on: no heading, no aside,
    nothing of the page."""
    return (paragraph.kind == "text" and not heading_like(paragraph) and not _aside(paragraph.text)
            and classify(paragraph.text, chrome, paragraph.block.link_share) is None)


def _set_aside(paragraphs: list[Paragraph], index: int, cards: set[int], chrome: set[str],
               report: Report) -> str | None:
    """Report a paragraph that is not words of the turn; returns the kind it was."""
    paragraph = paragraphs[index]
    if paragraph.caption is not None and not paragraph.caption.sure:
        report.doubt_block(paragraph, True, paragraph.caption.reason, 0.65,
                           _following(paragraphs, index))
    if paragraph.kind in NON_SPEECH:
        kind = "rule" if paragraph.kind == "rule" else paragraph.kind
        report.note(paragraph, kind, "dropped", NON_SPEECH[paragraph.kind])
        return kind
    if index in cards:
        report.note(paragraph, "card", "dropped", "account card of the publishing site")
        return "card"
    noise = classify(paragraph.text, chrome, paragraph.block.link_share,
                     paragraph.kind == "heading")
    if noise:
        report.note(paragraph, noise.kind, "dropped", noise.reason)
        if noise.confidence < 1:
            report.doubt_block(paragraph, True, noise.reason, noise.confidence,
                               _following(paragraphs, index))
        return noise.kind
    return None


def _furniture_heading(paragraph: Paragraph, report: Report) -> str | None:
    """A heading that is surely the page's furniture: a call to subscribe, navigation."""
    noise = classify(paragraph.text, None, paragraph.block.link_share)
    if noise is None or noise.confidence < 1 or noise.kind not in FURNITURE:
        return None
    report.note(paragraph, noise.kind, "dropped", noise.reason)
    return noise.kind


def _following(paragraphs: list[Paragraph], index: int) -> str:
    """The words of the next paragraph that is not set aside itself (where a block goes back)."""
    for paragraph in paragraphs[index + 1:index + 4]:
        if paragraph.kind == "text" and paragraph.label is None:
            return paragraph.text
    return ""


def reads_as_speech(paragraph: Paragraph) -> bool:
    """A paragraph of sentences: long enough and ending like something said."""
    text = paragraph.text.strip()
    return paragraph.kind == "text" and len(text) >= 60 and ends_sentence(text)


def _aside(text: str) -> bool:
    """A stage direction or an editor's note: it goes to the turn's note, not its words
    (`（完）` in brackets ends the article instead, and a notice in brackets,
    `（未经授权不得转载）`, is the page's)."""
    if not (is_stage_direction(text) or EDITOR_NOTE.match(text.strip())) or end_mark(text):
        return False
    notice = classify(text)
    return notice is None or notice.kind not in _PAGES_NOTICES


_PAGES_NOTICES = {"rights", "ad", "credit"}  # in brackets still the page's, not a note on a turn


def _continue_turn(draft: DraftTurn, paragraph: Paragraph, report: Report) -> None:
    text = paragraph.text.strip()
    if is_stage_direction(text):
        draft.notes.append(text)
        report.note(paragraph, "stage-direction", "moved",
                    "stage direction moved to the turn's note")
    elif EDITOR_NOTE.match(text):
        draft.notes.append(text)
        report.note(paragraph, "editor-note", "moved", "editor's note moved to the turn's note")
    else:
        draft.parts.append(paragraph)
        hint = weak_noise(text, paragraph.block.link_share)
        if hint:
            report.doubt_block(paragraph.with_text(hint[1]), False, hint[0], 0.75)


def heading_run(paragraphs: list[Paragraph], index: int, is_turn: list[bool],
                marked: bool = False, styled: bool = False, mixed_case: bool = False,
                punctuated: bool = False) -> int:
    """How many paragraphs from `index` form a section heading (0 if they do not).

    Headings the markup marks (#, <h2>, `Topic:`) always count. Lines that only look like
    headings (short, bold, no full stop) count when a labelled turn follows them and they
    are numbered (**01**), in capitals where the rest is not (`mixed_case`), or are a single
    short line in a document whose markup marks no headings of its own — longer where the
    speakers' words end their sentences (`punctuated`: `Requesting addresses from peers`
    between such words is no speech).
    """
    first = paragraphs[index]
    if first.kind == "heading" or is_heading_label(first.text):
        run = 1
        while (index + run < len(paragraphs) and run < _MAX_HEADING_RUN
               and paragraphs[index + run].kind == "heading"):
            run += 1
        return run
    run = 0
    while (index + run < len(paragraphs) and run < _MAX_HEADING_RUN
           and not is_turn[index + run]
           and (heading_like(paragraphs[index + run], punctuated)
                or (mixed_case and _capital_heading(paragraphs[index + run].text)))):
        run += 1
    if not run or index + run >= len(paragraphs) or not is_turn[index + run]:
        return 0
    lines = paragraphs[index:index + run]
    numbered = any(NUMBERING.match(p.text.strip()) for p in lines)
    longest = _PUNCTUATED_HEADING_CHARS if punctuated else 30
    single = (run == 1 and len(lines[0].text) <= longest
              and (lines[0].bold or not styled or punctuated))
    capitals = mixed_case and all(_capitals(p.text) for p in lines)
    if numbered or capitals or (single and not marked):
        return run
    return 0


def _capitals(text: str) -> bool:
    """Words in capitals only (two words at least, a hyphen's halves count, or one long
    word): `ON BEHALF OF THE PETITIONER`, `CROSS-EXAMINATION`, `EXAMINATION` — not `NO`."""
    letters = [ch for ch in text if ch.isalpha()]
    return ((len(re.split(r"[\s\-‐–]+", text.strip())) >= 2 or len(letters) >= 6)
            and bool(letters) and all(ch.isupper() for ch in letters))


def _capital_heading(text: str) -> bool:
    """A longer line in capitals with no full stop: `STATEMENT OF ANA RUIZ, OWNER, RUIZ LLC`."""
    return (len(text.strip()) <= _CAPITAL_HEADING_CHARS and _capitals(text)
            and not ends_sentence(text))


def heading_like(paragraph: Paragraph, punctuated: bool = False) -> bool:
    """A short line with no full stop (bold ones may be longer, and so may any where speech
    is `punctuated`), or a section number; never one that opens with a mark that goes on a
    sentence (`，讲的是…`: a line wrapped there)."""
    text = paragraph.text.strip()
    if paragraph.kind != "text" or not text or goes_on(text) or _CUT_OFF.search(text):
        return False
    if NUMBERING.match(text):
        return True
    limit = _PUNCTUATED_HEADING_CHARS if punctuated else 40 if paragraph.bold else 30
    return len(text) <= limit and looks_like_heading(text) and not ends_sentence(text)


def is_heading_label(text: str) -> bool:
    """`Topic: …` and the like: a label that names a section, not a speaker."""
    match = _HEADING_LABEL.match(text.strip())
    return match is not None and match.group("label").lower() in HEADING_LABELS
