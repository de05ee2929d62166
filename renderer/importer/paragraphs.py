"""Split article text into paragraphs that remember their source line."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Paragraph:
    """A non-empty line of the article: its 1-based line number and text."""

    line: int
    text: str
    after_blank: bool = True


def split_paragraphs(text: str) -> list[Paragraph]:
    """One paragraph per non-empty line, noting whether a blank line came before it."""
    paragraphs: list[Paragraph] = []
    previous_blank = True
    for number, line in enumerate(text.split("\n"), start=1):
        if line:
            paragraphs.append(Paragraph(number, line, previous_blank))
        previous_blank = not line
    return paragraphs
