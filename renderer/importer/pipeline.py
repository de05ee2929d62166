"""Article → Script: the import pipeline, step by step, each step reporting what it removed."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from ..errors import ArticleError
from ..script.model import Chapter, Script, Speaker, Turn
from ..script.voices import Role, VoiceLibrary
from ..text import detect_language
from .affiliations import affiliations, cast_list, label_key, participant_list
from .captions import find_captions
from .chapters import TurnText, split_chapters
from .cleanup import clean_text
from .dedupe import merge_copies
from .document import NON_SPEECH, SPEECH_KINDS, Document
from .doubts import Placed, collect_doubts
from .examinations import examined
from .finish import FinishedTurn, finish_turns, report_cleaning
from .genders import described_gender
from .interview import asked_labels, dashed_labels, implicit_labels
from .interviewees import answerer, interview_names
from .label_slips import read_slipped_labels
from .labels import role_word
from .monologue import lone_speaker
from .names import gender_of, looks_like_person
from .noise import page_noise, repeated_short_lines, running_lines
from .paragraphs import Paragraph, assemble, join_parts
from .preamble import first_section_heading, read_preamble
from .publication_notes import trim_publication_notes
from .pullquotes import pull_quotes
from .renditions import rendition_runs
from .report import Report
from .sections import add_section_speakers, label_sections
from .sources import load_document, source_name
from .speaker_evidence import Candidate, gather
from .speaker_ids import display_name, speaker_id
from .speaker_model import SpeakerModel, load_model
from .speakers import ANSWER_LABELS, Speakers, find_speakers
from .translations import script_of, translated
from .turns import split_runs, split_turns

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
    model: SpeakerModel = field(default_factory=load_model)  # weighs the speaker evidence


@dataclass
class ImportResult:
    """The script, the cleaning report and the source lines whose words are in the script."""

    script: Script
    report: Report
    kept_lines: set[int]
    format: str = "plain"


def import_article(
    source: str | Path, options: ImportOptions | None = None, voices: VoiceLibrary | None = None
) -> ImportResult:
    """Turn a scraped dialogue article (a file or a URL) into a podcast script and a report."""
    return import_document(load_document(source), str(source), options, voices)


def import_document(
    document: Document, source: str, options: ImportOptions | None = None,
    voices: VoiceLibrary | None = None,
) -> ImportResult:
    """Turn a Document read by any reader into a podcast script and a cleaning report."""
    options = options or ImportOptions()
    voices = voices or VoiceLibrary.load()
    report = Report(source)
    for removal in document.removed:
        report.add(removal.line, removal.kind, removal.action, removal.text, removal.reason,
                   removal.through)
    paragraphs, chrome = read_paragraphs(document, source, report)
    speakers = _speakers(paragraphs, source, options, document, report)
    _merge_answerer(paragraphs, speakers, document.meta.title, report)
    read_slipped_labels(paragraphs, speakers, report)
    paragraphs = _drop_translations(paragraphs, speakers, document.meta.title, report)
    _mark_affiliations(paragraphs, speakers, report)
    language = options.language or detect_language(
        "".join(p.text for p in paragraphs if speakers.of(p.label)))

    preamble, drafts = split_turns(paragraphs, speakers, chrome, report, language,
                                   styled=document.format in ("markdown", "html", "docx"))
    first_section_heading(preamble, drafts, report, language, chrome,
                          titled=document.meta.title is not None)
    title, intro = read_preamble(preamble, chrome, report, options.keep_intro,
                                 document.meta.title, document.meta.title_whole)
    turns = finish_turns(drafts, report)
    if not turns:
        raise ArticleError(f"{source}: the dialogue has no words left after cleaning")
    intro_text = _clean_intro(intro, report) if intro else None
    placed, script = _script(document, source, options, voices, speakers, turns, intro_text,
                             title, language, report)
    report.doubts = collect_doubts(speakers, paragraphs, report.blocks, placed, script)
    kept = {line for d in drafts for p in d.parts for line in p.lines} | {d.line for d in drafts}
    kept |= {line for p in intro for line in p.lines} if intro_text else set()
    return ImportResult(script, report, kept - _fully_dropped(report), document.format)


def read_paragraphs(document: Document, source: str,
                    report: Report) -> tuple[list[Paragraph], set[str]]:
    """The article's paragraphs with labels read, copies merged, run-together turns split;
    and the short lines the page repeats (its chrome)."""
    running = running_lines(document.blocks, frozenset(
        removal.line for removal in document.removed if removal.kind == "page-number"))
    blocks = []
    for block in document.blocks:
        if block.kind == "text" and block.text.strip() in running:
            report.add(block.line, "chrome", "dropped", block.text.strip(),
                       "a line repeated on every page (a running header or footer)")
        else:
            blocks.append(block)
    paragraphs = trim_publication_notes(assemble(blocks), report)
    if not any(p.kind in SPEECH_KINDS for p in paragraphs):
        raise ArticleError(f"{source}: the file has no text")
    for caption in find_captions(paragraphs):
        paragraph = paragraphs[caption.index]
        paragraph.block = replace(paragraph.block, kind="caption")
        paragraph.caption = caption
    chrome = repeated_short_lines([p.text for p in paragraphs])
    # judged before copies merge: a copied card is no longer whole after
    for paragraph, furniture in zip(paragraphs, page_noise(paragraphs, chrome), strict=True):
        paragraph.furniture = furniture
    paragraphs = merge_copies(paragraphs, report)
    paragraphs = _drop_renditions(_drop_pull_quotes(paragraphs, report), report)
    return _examinations(split_runs(paragraphs), report), chrome


def speaker_candidates(document: Document, source: str) -> list[Candidate]:
    """Every label name of a document with the evidence about it (for fitting the model)."""
    paragraphs, _ = read_paragraphs(document, source, Report(source))
    return gather(paragraphs, document.meta.speakers, [p.furniture for p in paragraphs])


def _speakers(paragraphs: list[Paragraph], source: str, options: ImportOptions,
              document: Document, report: Report) -> Speakers:
    """Who speaks; a page with no labels but bold questions is read as an interview."""
    questions = [("?" in p.text or "？" in p.text) for p in paragraphs]
    labels = [p.label if p.kind in SPEECH_KINDS else None for p in paragraphs]
    try:
        if options.speakers:
            speakers = find_speakers(labels, source, options.model, options.speakers,
                                     questions=questions)
        else:
            noise = [paragraph.furniture for paragraph in paragraphs]
            candidates = gather(paragraphs, document.meta.speakers, noise)
            spoken = "\n".join(p.label.rest if p.label else p.text for p in paragraphs)
            speakers = find_speakers(labels, source, options.model, None, candidates,
                                     document.meta.speakers, spoken, questions)
    except ArticleError:
        if options.speakers:
            raise
        people = label_sections(paragraphs, lambda label: True)
        if len(people) >= 2:  # a talk or a panel whose section headings say who speaks
            labels = [p.label if p.kind in SPEECH_KINDS else None for p in paragraphs]
            return find_speakers(labels, source, options.model, people, questions=questions)
        bold = implicit_labels(paragraphs)
        asked = None if bold else asked_labels(paragraphs)
        implicit = bold or asked or dashed_labels(paragraphs)
        alone = lone_speaker(paragraphs) if implicit is None else None
        if alone is not None:
            implicit = labels
            warning = f"one speaker labelled: read as {alone}'s monologue"
        elif implicit is None:
            raise
        elif bold:
            warning = ("no speaker labels: read as an interview, the bold (italic, numbered, "
                       "heading) questions as the host's turns and the plain paragraphs after "
                       "them as the guest's")
        elif asked:
            warning = ("only the questions are labelled: read as an interview, the plain "
                       "paragraphs after them as the answers of one guest")
        else:
            warning = ("no speaker labels: read as an interview whose dashed turns alternate, "
                       "the questions the host's and the answers the guest's")
        report.warnings.append(warning)
        for paragraph, label in zip(paragraphs, implicit, strict=True):
            paragraph.label = label
            if label is not None and paragraph.kind == "heading":  # a question as a heading
                paragraph.block = replace(paragraph.block, kind="text", level=0)
        named = [label.name for label in implicit if label is not None]
        speakers = find_speakers(implicit, source, options.model,
                                 list(dict.fromkeys(named)), questions=questions)
    add_section_speakers(paragraphs, speakers, document.meta.speakers)
    # a heading that labels a speaker is that speaker's turn when words follow it; one
    # followed by another heading is a section title that names who speaks in it
    for paragraph, following in zip(paragraphs, [*paragraphs[1:], None], strict=True):
        if (paragraph.kind == "heading" and speakers.of(paragraph.label)
                and following is not None and following.kind == "text"
                and not speakers.of(following.label)):
            paragraph.block = replace(paragraph.block, kind="text", level=0)
    return speakers


def _merge_answerer(paragraphs: list[Paragraph], speakers: Speakers, title: str | None,
                    report: Report) -> None:
    """`答：` is the spokesperson the page names, where they answer under their name too."""
    said = [(speaker, p.label.rest) for p in paragraphs
            if p.label and p.kind == "text" and (speaker := speakers.of(p.label))]
    first = next((i for i, p in enumerate(paragraphs) if speakers.of(p.label)), 0)
    opening = "\n".join([title or "", *(p.text for p in paragraphs[:first])])
    person = answerer(said, speakers.names, opening)
    merged = person and speakers.answered_by(person, lambda name: name.lower() in ANSWER_LABELS)
    if merged:
        report.add(paragraphs[first].line, "label", "changed", merged, f"the answers are "
                   f"{person}'s: the page names them and they answer the questions")


def _name_interview(display: dict[str, str], around: list[str], listed: list[str]) -> None:
    """A Q/A interview's Host and Guest by the names the page around it gives them; a talk's
    Q&A is answered by the one speaker its front matter lists."""
    host, guest = interview_names(around)
    if guest is None and len(listed) == 1 and looks_like_person(listed[0]):
        guest = listed[0]
    for shown, name in (("Host", host), ("主持人", host), ("Guest", guest), ("嘉宾", guest)):
        holders = [sid for sid, current in display.items() if current == shown]
        if name and len(holders) == 1 and name not in display.values():
            display[holders[0]] = name


def _mark_affiliations(paragraphs: list[Paragraph], speakers: Speakers, report: Report) -> None:
    """Affiliations under the speakers' names, a list of who takes part and a cast above the
    dialogue are not said (the list keeps its length: the speakers' evidence points into it)."""
    listed = participant_list(paragraphs, speakers)
    # a list of participants counts as printing each affiliation once more
    in_label, below_label = affiliations(paragraphs, speakers)
    for index, (speaker, person) in cast_list(paragraphs, speakers).items():  # `甲：郭德纲`
        speakers.named.setdefault(speaker, person)
        listed.add(index)
    keyed: dict[str, Role] = {}
    for index, (entries, header) in label_key(paragraphs, speakers).items():  # `I = Interviewer`
        for speaker, who in entries:
            speakers.named.setdefault(speaker, who)
            if (role := role_word(who)) is not None:
                keyed[speaker] = role
        if header:
            listed.add(index)
    if "host" in keyed.values():  # the key says who asks: no one else hosts
        speakers.roles.update({name: "guest" for name in speakers.roles})
    speakers.roles.update(keyed)
    for index in listed:  # reported as any non-speech
        paragraphs[index].label = None
        paragraphs[index].block = replace(paragraphs[index].block, kind="participants")
    for index in sorted(in_label - listed):
        paragraph = paragraphs[index]
        label = paragraph.label
        if label is not None:
            report.note(paragraph.with_text(label.rest), "affiliation", "dropped",
                        NON_SPEECH["affiliation"])
            paragraph.label = replace(label, rest="")
    for index in below_label:  # reported where the turns are split, as any non-speech
        paragraphs[index].block = replace(paragraphs[index].block, kind="affiliation")


def _drop_pull_quotes(paragraphs: list[Paragraph], report: Report) -> list[Paragraph]:
    repeated = set(pull_quotes(paragraphs))
    for index in sorted(repeated):
        report.note(paragraphs[index], "pull-quote", "dropped",
                    "words of the dialogue printed again as a pull quote")
    return [p for i, p in enumerate(paragraphs) if i not in repeated]


def _examinations(paragraphs: list[Paragraph], report: Report) -> list[Paragraph]:
    paragraphs, sworn = examined(paragraphs)
    for index in sworn:
        report.note(paragraphs[index], "record-note", "dropped",
                    "the record's note that a witness was sworn in (it names who answers)")
    return [p for i, p in enumerate(paragraphs) if i not in sworn]


def _drop_translations(paragraphs: list[Paragraph], speakers: Speakers, title: str | None,
                       report: Report) -> list[Paragraph]:
    """A page in two languages says each turn once, in the language of its title."""
    dropped = set(translated(
        [p.label.rest if p.label else p.text for p in paragraphs],
        [speakers.of(p.label) if p.label and p.kind == "text" else None for p in paragraphs],
        script_of(title) if title else None))
    for index in sorted(dropped):
        report.note(paragraphs[index], "translation", "dropped",
                    "the same words again in the page's other language")
    return [p for i, p in enumerate(paragraphs) if i not in dropped]


def _drop_renditions(paragraphs: list[Paragraph], report: Report) -> list[Paragraph]:
    runs = rendition_runs([p.text for p in paragraphs], [p.label is not None for p in paragraphs])
    dropped = {i for run in runs for i in run}
    for run in runs:
        first = paragraphs[run.start]
        report.add(first.line, "rendition", "dropped",
                   f"{len(run)} paragraphs from line {first.line}",
                   "another rendition of the same conversation (found by alignment)")
    return [p for i, p in enumerate(paragraphs) if i not in dropped]


def _script(
    document: Document, source: str, options: ImportOptions, voices: VoiceLibrary,
    speakers: Speakers, turns: list[FinishedTurn], intro_text: str | None, title: str | None,
    language: str, report: Report,
) -> tuple[Placed, Script]:
    names = [name for name in speakers.names if any(t.speaker == name for t in turns)]
    ids = _unique_ids([speaker_id(name) for name in names])
    speaker_of = dict(zip(names, ids, strict=True))
    roles = {speaker_of[name]: speakers.roles[name] for name in names}
    display = {speaker_of[name]: speakers.named.get(name)
               or display_name(name, language, names) for name in names}
    bylines = [e.text for e in report.entries
               if e.action == "dropped" and e.kind in ("credit", "heading")]
    _name_interview(display, [text for text in (title, intro_text) if text] + bylines,
                    document.meta.speakers)
    order: list[tuple[str, Role | None]] = [(sid, roles[sid]) for sid in ids]
    if intro_text:
        display[NARRATOR] = "旁白" if language.startswith("zh") else "Narrator"
        roles[NARRATOR] = "narrator"
        order.insert(0, (NARRATOR, "narrator"))

    fixed = {_speaker_for(name, speakers, speaker_of): voice
             for name, voice in options.voices.items()}
    unknown = [name for name, sid in zip(options.voices, fixed, strict=True)
               if sid not in display]
    if unknown:
        raise ArticleError(f"{source}: --voice names a speaker not in the dialogue: "
                           f"{', '.join(unknown)} (speakers: {', '.join(names)})")
    # a cast list above a script says who is who: only lines no one says are read
    unsaid = [line for entry in report.entries if entry.action == "dropped"
              for line in entry.text.splitlines()] + (intro_text or "").splitlines()
    genders = {speaker_of[name]: gender for name in names
               if (gender := gender_of(display[speaker_of[name]])
                   or described_gender(display[speaker_of[name]], unsaid)
                   or described_gender(name, unsaid)) is not None}
    assignment, warnings = voices.assign(order, language, fixed, genders)
    report.warnings.extend(warnings)

    script_turns = ([FinishedTurn(NARRATOR, intro_text, None, None, 0)] if intro_text else [])
    script_turns += [FinishedTurn(speaker_of[t.speaker], t.text, t.note, t.heading, t.line,
                                  t.first) for t in turns]
    width = max(3, len(str(len(script_turns))))
    first = 0 if intro_text else 1
    turn_models = [
        Turn(id=f"t{number:0{width}d}", speaker=turn.speaker, text=turn.text, note=turn.note)
        for number, turn in enumerate(script_turns, start=first)
    ]
    headings = {i: turn.heading for i, turn in enumerate(script_turns) if turn.heading}
    if intro_text and 1 in headings and 0 not in headings:
        headings[0] = headings.pop(1)  # the intro opens the first section, not one of its own
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
    meta = document.meta
    placed = Placed(speaker_of, [(t.first, m.id) for t, m in zip(script_turns, turn_models,
                                                                   strict=True) if t.first],
                    {m.id: m.text for m in turn_models})
    return placed, Script(
        title=(options.title or title or Path(source).stem)[:500],
        language=language,
        source=source_name(source),
        date=meta.date,
        description=meta.description,
        speakers={
            sid: Speaker(name=display[sid][:500], voice=assignment[sid], role=roles.get(sid))
            for sid, _ in order
        },
        chapters=chapter_models,
    )


def _speaker_for(name: str, speakers: Speakers, speaker_of: dict[str, str]) -> str:
    """The speaker id a --voice NAME means: a label as written, its speaker, or an id."""
    canonical = speakers.canonical.get(name, name)
    return speaker_of.get(canonical, name)


def _clean_intro(intro: list[Paragraph], report: Report) -> str | None:
    cleaned = clean_text(join_parts(intro))
    report_cleaning(intro, intro[0].line, cleaned, report, to_note=False)
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
