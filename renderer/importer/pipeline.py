"""Article → Script: the import pipeline, step by step, each step reporting what it removed."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ArticleError
from ..script import Chapter, Script, Speaker, Turn
from ..text import detect_language, ends_sentence, has_speakable
from ..voices import VoiceLibrary
from .chapters import TurnText, split_chapters
from .cleanup import clean_text, is_stage_direction, trim_to_last_sentence
from .decode import read_article
from .dedupe import merge_copies
from .labels import Label, find_speakers, parse_label
from .noise import classify, looks_like_heading, repeated_short_lines
from .paragraphs import Paragraph, split_paragraphs
from .report import Report
from .speaker_ids import display_name, speaker_id

NARRATOR = "narrator"


@dataclass
class ImportOptions:
    """Choices a user can make about an import."""

    speakers: list[str] | None = None
    keep_intro: bool = True
    chapters: int | None = None
    voices: dict[str, str] = field(default_factory=dict)
    title: str | None = None
    language: str | None = None


@dataclass
class ImportResult:
    """The script, the cleaning report and the source lines whose words are in the script."""

    script: Script
    report: Report
    kept_lines: set[int]


@dataclass
class _DraftTurn:
    speaker: str
    line: int
    parts: list[Paragraph] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    heading: str | None = None


def import_article(
    path: Path, options: ImportOptions | None = None, voices: VoiceLibrary | None = None
) -> ImportResult:
    """Turn a scraped dialogue article into a podcast script and a cleaning report."""
    options = options or ImportOptions()
    voices = voices or VoiceLibrary.load()
    source = str(path)
    paragraphs = split_paragraphs(read_article(Path(path)))
    if not paragraphs:
        raise ArticleError(f"{source}: the file has no text")
    report = Report(source)
    chrome = repeated_short_lines([p.text for p in paragraphs])
    paragraphs = merge_copies(paragraphs, report)
    labels = [parse_label(p.text) for p in paragraphs]
    speakers = find_speakers(paragraphs, labels, source, options.speakers)

    preamble, drafts = _split_turns(paragraphs, labels, set(speakers.names), chrome, report)
    _first_section_heading(preamble, drafts, report)
    title, intro = _read_preamble(preamble, chrome, report, options.keep_intro)
    turns = _finish_turns(drafts, report)
    if not turns:
        raise ArticleError(f"{source}: the dialogue has no words left after cleaning")
    language = options.language or detect_language("".join(t[1] for t in turns))

    names = speakers.names
    ids = _unique_ids([speaker_id(name) for name in names])
    roles = {ids[i]: speakers.roles[name] for i, name in enumerate(names)}
    display = {ids[i]: display_name(name, language, names) for i, name in enumerate(names)}
    order: list[tuple[str, str | None]] = [(ids[i], roles[ids[i]]) for i in range(len(names))]
    speaker_of = dict(zip(names, ids, strict=True))

    intro_text = _clean_intro(intro, report) if intro else None
    if intro_text:
        display[NARRATOR] = "旁白" if language.startswith("zh") else "Narrator"
        roles[NARRATOR] = "narrator"
        order.insert(0, (NARRATOR, "narrator"))

    fixed = {speaker_of.get(name, name): voice for name, voice in options.voices.items()}
    unknown = [name for name in fixed if name not in display]
    if unknown:
        raise ArticleError(f"{source}: --voice names a speaker not in the dialogue: "
                           f"{', '.join(unknown)} (speakers: {', '.join(names)})")
    assignment, warnings = voices.assign(order, language, fixed)
    report.warnings.extend(warnings)

    script_turns: list[tuple[str, str, str | None, str | None]] = []
    if intro_text:
        script_turns.append((NARRATOR, intro_text, None, None))
    script_turns += [(speaker_of[s], text, note, heading) for s, text, note, heading in turns]
    width = max(3, len(str(len(script_turns))))
    first = 0 if intro_text else 1
    turn_models = [
        Turn(id=f"t{number:0{width}d}", speaker=speaker, text=text, note=note)
        for number, (speaker, text, note, _) in enumerate(script_turns, start=first)
    ]
    headings = {i: h for i, (_, _, _, h) in enumerate(script_turns) if h}
    host_ids = {sid for sid, role in roles.items() if role == "host"}
    chapters = split_chapters(
        [TurnText(t.speaker, t.text, t.speaker in host_ids) for t in turn_models],
        language, options.chapters, headings,
    )
    bounds = [*chapters.starts, len(turn_models)]
    chapter_models = [
        Chapter(title=chapters.titles[i], turns=turn_models[bounds[i]:bounds[i + 1]])
        for i in range(len(chapters.starts))
    ]
    for number, (start, reason) in enumerate(zip(chapters.starts, chapters.reasons, strict=True)):
        report.chapters.append(
            f"chapter {number + 1} \u201c{chapters.titles[number]}\u201d starts at turn "
            f"{turn_models[start].id}: {reason}"
        )

    script = Script(
        title=options.title or title or Path(path).stem,
        language=language,
        source=Path(path).name,
        speakers={
            sid: Speaker(name=display[sid], voice=assignment[sid], role=roles.get(sid))
            for sid, _ in order
        },
        chapters=chapter_models,
    )
    kept = {p.line for d in drafts for p in d.parts} | {d.line for d in drafts}
    kept |= {p.line for p in intro} if intro_text else set()
    return ImportResult(script, report, kept - _fully_dropped(report))


def _split_turns(
    paragraphs: list[Paragraph], labels: list[Label | None], speakers: set[str],
    chrome: set[str], report: Report,
) -> tuple[list[Paragraph], list[_DraftTurn]]:
    """Paragraphs before the dialogue, and the turns: a label starts one, the rest continue it."""
    preamble: list[Paragraph] = []
    drafts: list[_DraftTurn] = []
    pending_heading: str | None = None
    for index, paragraph in enumerate(paragraphs):
        label = labels[index]
        if label and label.name in speakers:
            draft = _DraftTurn(label.name, paragraph.line, heading=pending_heading)
            pending_heading = None
            if label.rest:
                draft.parts.append(Paragraph(paragraph.line, label.rest, True))
            if label.timestamp:
                report.add(paragraph.line, "timestamp", "dropped", paragraph.text,
                           "timestamp in the speaker label")
            drafts.append(draft)
            continue
        if not drafts:
            preamble.append(paragraph)
            continue
        noise = classify(paragraph.text, chrome)
        if noise:
            report.add(paragraph.line, noise.kind, "dropped", paragraph.text, noise.reason)
        elif is_stage_direction(paragraph.text):
            drafts[-1].notes.append(paragraph.text.strip())
            report.add(paragraph.line, "stage-direction", "moved", paragraph.text,
                       "stage direction moved to the turn's note")
        elif _is_section_heading(paragraphs, labels, speakers, index):
            pending_heading = paragraph.text.strip()
            report.add(paragraph.line, "heading", "moved", paragraph.text,
                       "section heading became a chapter title")
        else:
            drafts[-1].parts.append(paragraph)
    return preamble, drafts


def _first_section_heading(
    preamble: list[Paragraph], drafts: list[_DraftTurn], report: Report
) -> None:
    """When the dialogue has section headings, the heading just before it opens chapter 1."""
    if not preamble or not any(draft.heading for draft in drafts[1:]):
        return
    last = preamble[-1]
    if len(last.text) <= 30 and looks_like_heading(last.text):
        preamble.pop()
        drafts[0].heading = last.text.strip()
        report.add(last.line, "heading", "moved", last.text,
                   "section heading became a chapter title")


def _is_section_heading(
    paragraphs: list[Paragraph], labels: list[Label | None], speakers: set[str], index: int
) -> bool:
    text = paragraphs[index].text
    following = labels[index + 1] if index + 1 < len(labels) else None
    return (
        len(text) <= 30
        and looks_like_heading(text)
        and following is not None
        and following.name in speakers
    )


def _read_preamble(
    preamble: list[Paragraph], chrome: set[str], report: Report, keep_intro: bool
) -> tuple[str | None, list[Paragraph]]:
    """Pick the title and the narrative intro out of what precedes the dialogue."""
    title: str | None = None
    intro: list[Paragraph] = []
    for paragraph in preamble:
        text = paragraph.text
        noise = classify(text, chrome)
        if noise:
            report.add(paragraph.line, noise.kind, "dropped", text, noise.reason)
        elif looks_like_heading(text) and title is None and len(text) >= 4:
            title = _title_from_headline(text)
            report.add(paragraph.line, "title", "moved", text, "page headline became the title")
        elif looks_like_heading(text) or len(text) < 12:
            report.add(paragraph.line, "heading", "dropped", text, "heading or page chrome")
        elif not keep_intro:
            report.add(paragraph.line, "intro", "dropped", text, "intro dropped (--no-intro)")
        else:
            intro.append(paragraph)
    return title, intro


def _title_from_headline(text: str) -> str:
    parts = [p.strip() for p in re.split(r"\s*[|｜]\s*|\s+[-–—_]\s+", text) if p.strip()]
    best = parts[0] if parts and len(parts[0]) >= 4 else max(parts, key=len, default=text)
    cleaned = clean_text(best).text
    return cleaned or text


def _join(parts: list[Paragraph]) -> str:
    text = ""
    for part in parts:
        if not text:
            text = part.text
        elif not part.after_blank and not ends_sentence(text):
            # a hard-wrapped line continues the same paragraph
            joiner = " " if text[-1].isascii() and part.text[0].isascii() else ""
            text = f"{text}{joiner}{part.text}"
        else:
            text = f"{text}\n{part.text}"
    return text


def _finish_turns(
    drafts: list[_DraftTurn], report: Report
) -> list[tuple[str, str, str | None, str | None]]:
    """Clean every turn; trim the cut-off ending of the last one."""
    finished: list[tuple[str, str, str | None, str | None, _DraftTurn]] = []
    for draft in drafts:
        cleaned = clean_text(_join(draft.parts))
        _report_cleaning(draft.line, cleaned, report)
        notes = draft.notes + cleaned.directions
        if not has_speakable(cleaned.text):
            report.add(draft.line, "empty-turn", "dropped", draft.speaker,
                       "turn had no words left after cleaning" if not notes
                       else "turn was only a stage direction")
            continue
        finished.append((draft.speaker, cleaned.text, " ".join(notes) or None, draft.heading,
                         draft))
    if finished and _punctuated(finished[:-1]) and not ends_sentence(finished[-1][1]):
        speaker, text, note, heading, draft = finished[-1]
        kept, cut = trim_to_last_sentence(text)
        line = draft.parts[-1].line if draft.parts else draft.line
        report.add(line, "truncated", "changed" if kept else "dropped", cut,
                   "the article is cut off here; trimmed to the last complete sentence")
        if kept:
            finished[-1] = (speaker, kept, note, heading, draft)
        else:
            finished.pop()
    return [(s, t, n, h) for s, t, n, h, _ in finished]


def _punctuated(turns: list) -> bool:
    """Whether turns normally end on a full stop (so a final turn without one was cut off)."""
    if not turns:
        return True
    return sum(ends_sentence(turn[1]) for turn in turns) >= len(turns) / 2


def _report_cleaning(line: int, cleaned, report: Report) -> None:
    for piece in cleaned.placeholders:
        report.add(line, "placeholder", "dropped", piece, "redaction placeholder")
    for piece in cleaned.directions:
        report.add(line, "stage-direction", "moved", piece, "stage direction moved to the note")
    if cleaned.punctuation:
        report.add(line, "punctuation", "changed", f"{cleaned.punctuation} marks",
                   "half-width punctuation in Chinese text made full-width")


def _clean_intro(intro: list[Paragraph], report: Report) -> str | None:
    cleaned = clean_text(_join(intro))
    _report_cleaning(intro[0].line, cleaned, report)
    return cleaned.text or None


def _unique_ids(ids: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    result = []
    for sid in ids:
        base = sid if sid != NARRATOR else "narrator_speaker"
        seen[base] = seen.get(base, 0) + 1
        result.append(base if seen[base] == 1 else f"{base}_{seen[base]}")
    return result


def _fully_dropped(report: Report) -> set[int]:
    return {e.line for e in report.entries if e.action == "dropped" and e.kind == "empty-turn"}

