"""What a page prints under a speaker's name every time: `*Editor, The Valley Ledger*`.

A panel's transcript often sets each speaker's name on its own line with their affiliation
on the next, before the words. The affiliation is the same words after every label of that
speaker and no sentence: it describes the speaker and is not said.
"""

from __future__ import annotations

import re
from collections import Counter

from ..text import ends_sentence
from .labels import describes, role_word
from .names import looks_like_person
from .paragraphs import Paragraph
from .speakers import Speakers

_LONGEST = 80  # an affiliation is a short line
# one entry of a key to the labels: `Interviewer: I`, `P7 = Participant`, `Interviewer (I)`
_KEY_ENTRY = re.compile(r"(?P<left>[^\W\d_][^:：=;；,，()（）–—\n]{0,30}?)\s*"
                        r"(?:(?P<mark>[:：=]|\s[–—-])\s*(?P<right>[^\s;；,，()（）]{1,30})"
                        r"|[(（]\s*(?P<inner>[^()（）\n]{1,30})\s*[)）])")
_KEY_LINE = 240  # a key to the labels, with header lines joined above it, is no longer
_SENTENCE = re.compile(r"[。！？!?]|\.\s|\.$")  # what a name or a role never has
_KEY_GAP = re.compile(r"[\s;；,，|｜/.。]+")
_CODE = re.compile(r"[A-Z]{1,3}\d{0,2}|[A-Z]?\d{1,2}|[\u4e00-\u9fff]")  # I, P7, S1, 甲


def affiliations(paragraphs: list[Paragraph], speakers: Speakers) -> tuple[set[int], set[int]]:
    """Where a speaker's name on its own line is followed by the same short words every time:
    (labels whose rest is that line, paragraphs below a label that are that line)."""
    after: dict[str, list[tuple[int, bool, str]]] = {}
    for index, paragraph in enumerate(paragraphs):
        label = paragraph.label
        speaker = speakers.of(label)
        if speaker is None or label is None:
            continue
        if label.rest and (label.form == "name-line" or describes(label)):
            # the next line joined to the name, or who they are after a dash
            after.setdefault(speaker, []).append((index, True, label.rest.strip()))
        elif not label.rest and index + 1 < len(paragraphs):
            below = paragraphs[index + 1]
            if below.label is None and below.kind == "text":
                after.setdefault(speaker, []).append((index + 1, False, below.text.strip()))
    in_label: set[int] = set()
    below_label: set[int] = set()
    for lines in after.values():
        for text, count in Counter(text for _, _, text in lines).items():
            if (count >= 2 and 2 * count >= len(lines) and len(text) <= _LONGEST
                    and not ends_sentence(text)):
                for index, rest, said in lines:
                    if said == text:
                        (in_label if rest else below_label).add(index)
    return in_label, below_label


def participant_list(paragraphs: list[Paragraph], speakers: Speakers) -> set[int]:
    """Names with who they are after a dash, before anyone speaks or after everyone has,
    with no words below (`Company Participants` / `Jane Park - Head of Investor Relations`):
    a list of who takes part, not turns."""
    described = [paragraph.label is not None and speakers.of(paragraph.label) is not None
                 and describes(paragraph.label) for paragraph in paragraphs]
    said_below = [index + 1 < len(paragraphs) and _sentences(paragraphs[index + 1])
                  for index in range(len(paragraphs))]
    said = [index for index, paragraph in enumerate(paragraphs)
            if speakers.of(paragraph.label) is not None and (
                said_below[index] or (paragraph.label is not None and paragraph.label.rest
                                      and not described[index]))]
    if not said:
        return set()
    return {index for index, listed in enumerate(described)
            if listed and not said_below[index] and not said[0] <= index <= said[-1]}


def cast_list(paragraphs: list[Paragraph], speakers: Speakers) -> dict[int, tuple[str, str]]:
    """Labels before anyone speaks whose words are only a person's name (`甲：郭德纲　乙：于谦`,
    `Host: Jane Park`): who plays each part, not turns; as paragraph → (speaker, person)."""
    cast: dict[int, tuple[str, str]] = {}
    parts: set[str] = set()
    for index, paragraph in enumerate(paragraphs):
        label = paragraph.label
        speaker = speakers.of(label)
        if speaker is None or label is None:
            continue
        person = label.rest.strip()
        if speaker in parts or not looks_like_person(person):
            break
        parts.add(speaker)
        cast[index] = (speaker, person)
    return cast if len(cast) >= 2 else {}


def label_key(paragraphs: list[Paragraph], speakers: Speakers
              ) -> dict[int, tuple[list[tuple[str, str]], bool]]:
    """Lines before anyone speaks that say which label is who (`Interviewer: I   Participant:
    P7`, `Key: Q = the host, A = Dana Fields`); as paragraph → ([(speaker, the name a code
    stands for)], whether the paragraph is only header lines and the key, and not said)."""
    keys: dict[int, tuple[list[tuple[str, str]], bool]] = {}
    for index, paragraph in enumerate(paragraphs):
        label = paragraph.label
        # the whole line; what follows a heading word (`Key:`, `Speakers:`) or header lines
        # joined above it (`Date: 14/05/2023`)
        text = f"{label.name}: {label.rest}" if label else paragraph.text
        short = len(text) <= _KEY_LINE
        for start in [0, *(m.end() for m in re.finditer(r"\s+", text))] if short else []:
            entries = _key_entries(text[start:], speakers)
            if entries:
                keys[index] = entries, not _SENTENCE.search(text[:start])
                break
        else:
            if speakers.of(label) is not None:
                break  # the dialogue has begun
    return keys


def _key_entries(text: str, speakers: Speakers) -> list[tuple[str, str]] | None:
    """The entries that make up the whole line, each pairing a speaker's label with who it
    stands for."""
    entries: list[tuple[str, str]] = []
    position = _after_gap(text, 0)
    while position < len(text):
        found = _KEY_ENTRY.match(text, position)
        if not found:
            return None
        # `Interviewer: I` names its code on the right; `P7 = Participant`, `I (Interviewer)`
        # may put it either side
        either = found.group("mark") not in (":", "：")
        entry = _key_entry(found.group("left").strip(),
                           (found.group("right") or found.group("inner")).strip(), either,
                           speakers)
        if entry is None:
            return None
        entries.append(entry)
        position = _after_gap(text, found.end())
    return entries or None


def _after_gap(text: str, position: int) -> int:
    """Where the next entry of a key starts: past spaces and separators."""
    gap = _KEY_GAP.match(text, position)
    return gap.end() if gap else position


def _key_entry(left: str, right: str, either: bool, speakers: Speakers
               ) -> tuple[str, str] | None:
    """(speaker, who the label stands for) when one side is a speaker's label and the other
    a role or what a code means; `Alice: Bob` is Alice calling Bob, no key."""
    for code, who in ((right, left), (left, right))[:2 if either else 1]:
        speaker = speakers.canonical.get(code)
        if (speaker is None or speaker == speakers.canonical.get(who)
                or _SENTENCE.search(who)):
            continue
        coded = _CODE.fullmatch(code) is not None
        if coded or role_word(who):
            return speaker, (who[:1].upper() + who[1:] if coded else speaker)
    return None


def _sentences(paragraph: Paragraph) -> bool:
    """Words that read as said: a sentence, not a heading or a link below a list."""
    return (paragraph.label is None and paragraph.kind == "text"
            and (ends_sentence(paragraph.text) or len(paragraph.text) > _LONGEST))
