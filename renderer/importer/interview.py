"""An interview without speaker labels: bold questions and plain answers, or dashed turns.

Magazine and WeChat interviews often print the interviewer's questions in bold (or in
italics, or as small headings) and the answers as plain paragraphs, naming nobody; literary
interviews open every turn with a dash (`——您的新片拍了多久？`). When no labels are found,
such a page is read as 问/答 (Q/A): each question a turn of the host, what follows it a turn
of the guest.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..text import detect_language
from .labels import Label
from .paragraphs import Paragraph

_MIN_QUESTIONS = 3
_QUESTION_SHARE = 0.6  # of the bold (or italic) paragraphs, at least this many must be questions
_MAX_QUESTION = 300
_QUESTION_MARKS = ("?", "？")
# what opens each turn of a dialogue that names nobody: a dash, or `>>` in captions
_TURN_MARK = re.compile(r"(?:——|—|–|-{1,2}|>>|＞＞)\s*(?=\S)")
_MARKED_SHARE = 0.5  # of the text paragraphs from the first marked one, at least this many


def implicit_labels(paragraphs: list[Paragraph]) -> list[Label | None] | None:
    """Labels for an interview whose questions are bold (else in italics, else small
    headings), or None when the page is not one."""
    for style in (_bold, _italic):
        labels = _questions_in(paragraphs, style)
        if labels is not None:
            return labels
    return None


def _questions_in(paragraphs: list[Paragraph], style: Callable[[Paragraph], bool]
                  ) -> list[Label | None] | None:
    marked = [i for i, p in enumerate(paragraphs)
              if p.kind == "text" and style(p) and len(p.text) <= _MAX_QUESTION]
    questions = [i for i in marked if _question(paragraphs[i])]
    headings = [i for i, p in enumerate(paragraphs) if p.kind == "heading" and _question(p)]
    if len(headings) > len(questions):
        questions = headings  # the questions are small headings
    elif not marked or len(questions) < _QUESTION_SHARE * len(marked):
        return None
    if len(questions) < _MIN_QUESTIONS:
        return None
    answered = [i for i in questions if _answer_after(paragraphs, i, style) is not None]
    if len(answered) < _QUESTION_SHARE * len(questions):
        return None
    asker, answerer = _roles(paragraphs)
    labels: list[Label | None] = [None] * len(paragraphs)
    for index in answered:
        labels[index] = Label(asker, "implicit", paragraphs[index].text)
        answer = _answer_after(paragraphs, index, style)
        assert answer is not None
        labels[answer] = Label(answerer, "implicit", paragraphs[answer].text)
    return labels


def dashed_labels(paragraphs: list[Paragraph]) -> list[Label | None] | None:
    """Labels for an interview whose turns each open with a dash, or None when it is not one:
    the marked turns alternate, and the asker's are questions where the answerer's are not."""
    marked = [i for i, p in enumerate(paragraphs)
              if p.kind == "text" and _TURN_MARK.match(p.text)]
    if len(marked) < 2 * _MIN_QUESTIONS:
        return None
    after = [p for p in paragraphs[marked[0]:] if p.kind == "text"]
    if len(marked) < _MARKED_SHARE * len(after):
        return None
    asked = [_question(paragraphs[i]) for i in marked[0::2]]
    answered = [_question(paragraphs[i]) for i in marked[1::2]]
    if sum(asked) < _QUESTION_SHARE * len(asked) or sum(answered) > 0.25 * len(answered):
        return None
    asker, answerer = _roles(paragraphs)
    labels: list[Label | None] = [None] * len(paragraphs)
    for turn, index in enumerate(marked):
        words = _TURN_MARK.sub("", paragraphs[index].text, count=1)
        labels[index] = Label(answerer if turn % 2 else asker, "implicit", words)
    return labels


def _roles(paragraphs: list[Paragraph]) -> tuple[str, str]:
    zh = detect_language("".join(p.text for p in paragraphs)).startswith("zh")
    return ("问", "答") if zh else ("Q", "A")


def _bold(paragraph: Paragraph) -> bool:
    return paragraph.bold


def _italic(paragraph: Paragraph) -> bool:
    return paragraph.block.all_emphasis()


def _question(paragraph: Paragraph) -> bool:
    return paragraph.text.rstrip(" \"'”」』）)").endswith(_QUESTION_MARKS)


def _answer_after(paragraphs: list[Paragraph], index: int,
                  style: Callable[[Paragraph], bool]) -> int | None:
    """The first plain paragraph after a question (and its marked continuation lines)."""
    for following in range(index + 1, min(len(paragraphs), index + 4)):
        paragraph = paragraphs[following]
        if paragraph.kind == "text" and not style(paragraph):
            return following
        if paragraph.kind == "heading" or _question(paragraph):
            return None
    return None
