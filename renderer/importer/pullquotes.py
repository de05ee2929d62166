"""Pull quotes: a sentence of the dialogue printed again, set apart, between its paragraphs.

Magazine interviews lift a line out of an answer and print it again in large type, as a
blockquote or in quotation marks. Read aloud, the guest would say it twice. Such a
paragraph is recognised by what it is, not by where it stands: set apart as a quotation,
labelled by no one, and its words (20 characters or more) said in another paragraph.
"""

from __future__ import annotations

from .document import collapse_spaces
from .paragraphs import Paragraph

_QUOTE_MARKS = "\"'“”‘’「」『』«»"
_NO_QUOTES = str.maketrans("", "", _QUOTE_MARKS)
_ENDING = ".。!！?？…,，"
_MIN_LENGTH = 20


def pull_quotes(paragraphs: list[Paragraph]) -> list[int]:
    """Indexes of the paragraphs that repeat words of another as a pull quote."""
    candidates = [i for i, p in enumerate(paragraphs)
                  if p.kind == "text" and p.label is None and _set_apart(p)]
    if not candidates:
        return []
    words = [_words(p.text) if p.kind == "text" else "" for p in paragraphs]
    found = []
    for index in candidates:
        quoted = words[index].rstrip(_ENDING)
        if len(quoted) >= _MIN_LENGTH and any(
                quoted in text for other, text in enumerate(words) if other != index):
            found.append(index)
    return found


def _set_apart(paragraph: Paragraph) -> bool:
    text = paragraph.text.strip().rstrip(_ENDING)
    quoted = len(text) > 2 and text[0] in _QUOTE_MARKS and text[-1] in _QUOTE_MARKS
    return paragraph.block.quote or quoted


def _words(text: str) -> str:
    """The text without quotation marks and with one space between words."""
    return collapse_spaces(text.translate(_NO_QUOTES).replace("\n", " "))
