"""An interview without speaker labels: bold questions and plain answers, or dashed turns
(or labelled questions only).

Magazine and WeChat interviews often print the interviewer's questions in bold (or in
italics, or as small headings) and the answers as plain paragraphs, naming nobody; literary
interviews open every turn with a dash (`——您的新片拍了多久？`). When no labels are found,
such a page is read as 问/答 (Q/A): each question a turn of the host, what follows it a turn
of the guest.
"""

from __future__ import annotations

import re
from collections import Counter
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
# who answers a questioner's label
_ANSWERERS = {"q": "A", "question": "Answer", "问": "答", "提问": "回答", "問": "答"}


def implicit_labels(paragraphs: list[Paragraph]) -> list[Label | None] | None:
    """Labels for an interview whose questions are bold (else in italics, else numbered,
    else small headings), or None when the page is not one."""
    for style in (_bold, _italic, _numbered):
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


def asked_labels(paragraphs: list[Paragraph]) -> list[Label | None] | None:
    """Labels for an interview whose questions alone are labelled (`Q:`, `问：`) and whose
    answers are the plain paragraphs below them, or None when it is not one: one name
    recurs, what it says is mostly questions, and words follow most of them."""
    names = Counter(p.label.name for p in paragraphs if p.label is not None)
    recurring = [name for name, count in names.items() if count > 1]
    if len(recurring) != 1:
        return None
    # a label that comes once (`原创 …` over a byline, `推荐阅读` over links) names no one
    asker, count = recurring[0], names[recurring[0]]
    asked = [i for i, p in enumerate(paragraphs) if p.label is not None and p.label.name == asker]
    questions = [i for i in asked if _question(paragraphs[i])]
    if count < _MIN_QUESTIONS or len(questions) < _QUESTION_SHARE * count:
        return None
    answers = [i + 1 for i in asked if i + 1 < len(paragraphs)
               and paragraphs[i + 1].kind == "text" and paragraphs[i + 1].label is None]
    if len(answers) < _QUESTION_SHARE * count:
        return None
    answerer = _ANSWERERS.get(asker.casefold()) or (
        "嘉宾" if _roles(paragraphs)[0] == "问" else "Guest")
    labels = [p.label if p.label is not None and p.label.name == asker else None
              for p in paragraphs]
    for index in answers:
        labels[index] = Label(answerer, "implicit", paragraphs[index].text)
    return labels


def _roles(paragraphs: list[Paragraph]) -> tuple[str, str]:
    zh = detect_language("".join(p.text for p in paragraphs)).startswith("zh")
    return ("问", "答") if zh else ("Q", "A")


def _bold(paragraph: Paragraph) -> bool:
    return paragraph.bold


def _italic(paragraph: Paragraph) -> bool:
    return paragraph.block.all_emphasis()


# `1. How did you start?`, `三、你为什么回国？`: a numbered question over its answer
_NUMBERED = re.compile(r"^(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*[.、．)）]\s*\S")


def _numbered(paragraph: Paragraph) -> bool:
    return _NUMBERED.match(paragraph.text) is not None


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
