"""Who speaks under a section heading that names them: `## Overview (Stepan Snigirev)`.

A talk transcribed for the web often sets its speaker's name in brackets after a section's
title and labels nothing below it: `## Intro (Jeff Gallas)`, then the paragraphs Jeff says;
`## Overview (Stepan Snigirev)`, then the talk, through section headings that name no one,
until another heading names someone else or labelled turns begin (the talk's Q&A). When the
front matter names the talk's one speaker, the `A`/`答` of that Q&A is them too.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .labels import Label
from .names import looks_like_person
from .noise import looks_like_heading
from .paragraphs import Paragraph
from .speakers import GUEST_LABELS, Speakers

# `Overview (Stepan Snigirev)`, `开场（Jeff Gallas）`: a title, then a person in brackets
_NAMED_SECTION = re.compile(r"^(?P<title>.*?\S)\s*[(（](?P<person>[^()（）]{2,40})[)）]\s*$")
_MIN_SECTIONS = 2  # one heading with a name in brackets may be anything; a talk names two


def label_sections(paragraphs: list[Paragraph], labelled: Callable[[Label], bool]
                   ) -> list[str]:
    """Label the unlabelled paragraphs under headings that name a person as that person's
    (in place); returns the people, in order. `labelled(label)`: whether a label starts a
    turn (after one, unlabelled paragraphs continue that turn)."""
    named = [_person(paragraph) for paragraph in paragraphs]
    if sum(map(bool, named)) < _MIN_SECTIONS:
        return []
    current: str | None = None
    people: list[str] = []
    for paragraph, person in zip(paragraphs, named, strict=True):
        if person:
            current = person
        elif paragraph.label is not None and labelled(paragraph.label):
            current = None  # labelled turns have begun
        elif (current and paragraph.kind == "text" and paragraph.label is None
              and not looks_like_heading(paragraph.text)):  # a formula, a caption
            paragraph.label = Label(name=current, form="section", rest=paragraph.text,
                                    strong=True)
            people += [current] if current not in people else []
    return people


def add_section_speakers(paragraphs: list[Paragraph], speakers: Speakers,
                         known: list[str]) -> None:
    """The people section headings name join the speakers, with the paragraphs below them;
    the one speaker the front matter names is also who answers a Q&A (`A - …`)."""
    people = label_sections(paragraphs, lambda label: speakers.of(label) is not None)
    labels = [paragraph.label for paragraph in paragraphs]
    for person in people:
        speakers.add(person, labels)
    if len(known) == 1 and known[0] in speakers.canonical:
        speakers.answered_by(known[0], GUEST_LABELS.__contains__)


def _person(paragraph: Paragraph) -> str | None:
    """The person a section heading names in brackets after its title, if it names one."""
    if paragraph.kind != "heading":
        return None
    found = _NAMED_SECTION.match(paragraph.text.strip())
    person = found.group("person").strip() if found else None
    return person if person and looks_like_person(person) else None
