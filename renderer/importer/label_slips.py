"""Labels typed with the wrong mark: `乙，我要是说…`, `已;你吓得…` where the other labels of the
same speakers have a colon. A scraped script slips like this now and then; read as text, such
a line would be a heading or a turn of the speaker before."""

from __future__ import annotations

import re

from .labels import Label
from .paragraphs import Paragraph
from .report import Report
from .speakers import Speakers

# a semicolon never follows a name that opens a sentence; a comma may (`老王，你来说`), but
# not after a one-character label (`甲`, `乙`, `问`), which no one calls anybody
_SLIP = re.compile(r"^(?P<name>[\u4e00-\u9fff]{1,4})\s*(?P<mark>[;；,，])\s*(?P<rest>\S.*)$",
                   re.DOTALL)


def read_slipped_labels(paragraphs: list[Paragraph], speakers: Speakers, report: Report) -> None:
    """Give a paragraph opened by a speaker's label and a slipped mark that speaker's label."""
    for paragraph in paragraphs:
        if paragraph.kind != "text" or speakers.of(paragraph.label):
            continue
        match = _SLIP.match(paragraph.text)
        if not match or match.group("name") not in speakers.canonical:
            continue
        name, mark = match.group("name"), match.group("mark")
        if mark in ",，" and len(name) > 1:
            continue
        paragraph.label = Label(name=name, form="colon", rest=match.group("rest"))
        report.note(paragraph, "label", "changed",
                    f"read as {name}'s label: `{mark}` where {name}'s other labels have a colon")
