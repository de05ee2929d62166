"""Who asks and who answers in a court record's examination of a witness.

A record labels the questions `Q.` and the answers `A.`, and says who examines above them:
`BY MR. JONES:` — every question until the next such line is Mr. Jones's. The answers are
the witness's: the one the record swears in (`DR. ELLEN WARD, having been duly sworn,
testified as follows:`) or a lawyer calls (`The plaintiffs call Dr. Susan Kwan.`), else
`THE WITNESS` where the record labels the witness so when the court speaks to them.
Without a `BY …:` line, `Q` and `A` stay as written.
"""

from __future__ import annotations

import re
from dataclasses import replace

from .paragraphs import Paragraph

# `BY MR. JONES:`, `By Ms. Lee:`, `BY ATTORNEY GENERAL SMITH:` — a title and a name
_EXAMINER = re.compile(
    r"^\(?BY\s+(?P<name>(?:MR|MS|MRS|MISS|DR|ATTORNEY|COUNSEL)\.?\s+[A-Z][\w'’.\-]*"
    r"(?:\s+[A-Z][\w'’.\-]*){0,3})\s*:?\)?$", re.IGNORECASE)
# `DR. ELLEN WARD, having been first duly sworn, testified as follows:`, `JOHN SMITH,
# called as a witness, being first duly sworn, testified`
# (a name of two words or more and a comma: `She was sworn in as a judge.`, `My Aunt Rose
# was sworn in as a judge.` under an answer are its words)
_SWORN = re.compile(
    r"^(?P<name>[A-Z][\w'’.\-]*(?:\s+[A-Z][\w'’.\-]*){1,5})"
    r"(?:,\s+(?i:called|produced)\b[^,]{0,60})?,\s+"
    r"(?i:having\s+been|being|was|after\s+being)\s+"
    r"(?i:first\s+|previously\s+|duly\s+)*(?i:sworn|affirmed)\b")
# `The plaintiffs call Dr. Susan Kwan.`, `The defense calls John Ortiz.`: a title or two names
_CALLED = re.compile(
    r"\b(?:call|calls|recall|recalls)\s+(?P<name>(?:Dr|Mr|Ms|Mrs|Miss|Professor|Prof|Officer|"
    r"Detective|Agent|Sergeant)\.?\s+[A-Z][a-z'’\-]+(?:\s+[A-Z][a-z'’\-]+){0,2}"
    r"|[A-Z][a-z'’\-]+(?:\s+[A-Z]\.)?(?:\s+[A-Z][a-z'’\-]+){1,2})\s*[.,;]")
_WITNESS_LABEL = "THE WITNESS"
_ASKER, _ANSWERER = "Q", "A"


def examined(paragraphs: list[Paragraph]) -> tuple[list[Paragraph], set[int]]:
    """The paragraphs with each `Q`/`A` label renamed for who asks and who answers, and the
    indexes of the lines that swear a witness in (a record's note, not speech)."""
    if not any(_EXAMINER.match(p.text.strip()) for p in paragraphs):
        return paragraphs, set()  # no examination here: a print interview's `Q`/`A` stay
    witness_label = any(p.label is not None and p.label.name.upper() == _WITNESS_LABEL
                        for p in paragraphs)
    examiner = witness = None
    sworn: set[int] = set()
    result = []
    for index, paragraph in enumerate(paragraphs):
        text = paragraph.text.strip()
        by = _EXAMINER.match(text)
        oath = None if by else _SWORN.match(text)
        # a lawyer calls the witness in a turn of their own, never in a question or answer
        label = paragraph.label
        called = None if by or oath or label is None or label.name in (_ASKER, _ANSWERER) \
            else _CALLED.search(label.rest)
        if by:
            examiner = by.group("name").strip()
        elif oath:
            witness, examiner = oath.group("name").strip(), None
            sworn.add(index)
        elif called:
            witness = called.group("name").strip()
        if label is not None and label.name == _ASKER and examiner:
            paragraph = replace(paragraph, label=replace(label, name=examiner, role=None))
        elif label is not None and label.name == _ANSWERER and (witness or (
                examiner and witness_label)):
            answerer = witness or _WITNESS_LABEL
            paragraph = replace(paragraph, label=replace(label, name=answerer, role=None))
        elif label is not None and label.name.upper() == _WITNESS_LABEL and witness:
            paragraph = replace(paragraph, label=replace(label, name=witness))
        result.append(paragraph)
    return result, sworn
