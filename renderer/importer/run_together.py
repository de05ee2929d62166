"""Turns a page ran together on one line: labels that stand inside a block, not at its start."""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from ..text import ends_sentence
from .document import Block
from .labels import ABBREVIATION, BRACKET_TIME, CJK_NAME, Label, read_label

_LABEL_CONTEXT = 4000  # characters after a label's start that reading it may look at
# what ends a sentence before a label (the lookbehinds of the patterns below)
_SENTENCE_END = "。！？…」”』）)!?.\"’"
# a line that opens with a label: `A：`, `乙：`, `主持人：`
_OPENING_LABEL = re.compile(r"\s*[^\s：:]{1,12}[：:]")
# what a space in Chinese text separates before a label and its full-width colon: an
# ideograph, a Chinese punctuation mark, or a number said (`A：…多大啊 B：23 A：…`) — not a
# Latin letter, which a space follows inside a name (`Sam Lee：`)
_CJK_OR_MARK = r"[\u4e00-\u9fff，。！？；、…」”』）0-9]"

# where a label could start inside a block: after the end of a sentence, with a colon close
# by; or, in Chinese, after a space (Chinese puts no spaces between words, so a scraped
# script that ran its turns together on one line keeps them apart with one:
# `…身体不太好 B：闹了些病 A：…`) before a full-width colon
_INLINE_START = re.compile(r"(?<=[。！？…」”』）)!?.])\s*"
                           r"(?=[^\s。！？!?.:：][^。！？!?:：\n]{0,29}[:：])"
                           rf"|(?<={_CJK_OR_MARK})\s+(?=[^\s。！？!?.:：][^。！？!?:：\s]{{0,11}}：)")


def inline_labels(blocks: list[Block], recurring_starts: set[str]) -> list[Label]:
    """Labels that stand right after the end of a sentence inside blocks, when their names
    recur there and, with the names that recur at blocks' starts, make two or more: a page
    that ran a dialogue together (`…了。 齐鲁晚报:… 陈伟鸿:…`) has labels no block starts
    with, or only the questioner's."""
    found: list[Label] = []
    for block in blocks:
        for match in _INLINE_START.finditer(block.text):
            before = block.text[max(0, match.start() - 8):match.start()]
            if not match.start() or ABBREVIATION.search(before) or not (
                    ends_sentence(before) or _spaced_after_turn(block.text, match.start())):
                continue
            label = _read_at(block.text, match.end(), block.strong)
            if label is not None and label.form == "colon":
                found.append(label)
    counts = Counter(label.name for label in found)
    recurring = {name for name, count in counts.items() if count >= 2}
    if len(recurring | recurring_starts) < 2:
        return []
    return [label for label in found if label.name in recurring]


def names_to_split_at(starting: list[Label], blocks: list[Block]) -> tuple[set[str], set[str]]:
    """The names (and the forms of their labels) a line of run-together turns is split at:
    those that label a block's start, and those that recur after sentences inside blocks."""
    counts = Counter(label.name for label in starting)
    found = starting + inline_labels(blocks, {name for name, n in counts.items() if n >= 2})
    return {label.name for label in found}, {label.form for label in found}


def labels_inside(block: Block, names: set[str], colon_forms: set[str]) -> list[Label]:
    """Labels of known speakers later in a block: turns a page ran together on one line.

    Only where the page makes the boundary plain: a bold run that opens with a known
    label, or a known label right after the end of a sentence (or, for numbered speakers,
    after anything but a digit).
    """
    found: list[Label] = []
    text = block.text
    for start, _ in block.strong:
        if start > 0:
            label = _read_at(text, start, block.strong)
            if label and label.name in names:
                found.append(label)
    starts = {label.start for label in found}
    if "bracket-time" in colon_forms:
        # a [Name] [mm:ss] label is unmistakable wherever it stands, whoever it names
        for match in BRACKET_TIME.finditer(text):
            if match.start() and match.start() not in starts:
                label = _read_at(text, match.start(), block.strong)
                if label:
                    found.append(label)
                    starts.add(label.start)
    for name in names:
        for match in _label_after_sentence(name).finditer(text):
            position = match.start() + len(match.group(0)) - len(match.group(0).lstrip())
            if position == 0 or position in starts:
                continue
            after_sentence = match.start() > 0 and text[match.start() - 1] in _SENTENCE_END
            if not name.isdigit() and not after_sentence and not _spaced_after_turn(
                    text, match.start()):
                continue  # the space alternative: only where the line opens with a label
            label = _read_at(text, position, block.strong)
            if label and label.name == name and (label.form in colon_forms or label.strong):
                found.append(label)
                starts.add(label.start)
    return sorted(found, key=lambda label: label.start)


@lru_cache(maxsize=256)
def _label_after_sentence(name: str) -> re.Pattern[str]:
    """Where a known speaker's label may stand inside a line: after a sentence's end (or a
    space after Chinese), or for a numbered speaker after anything but a digit."""
    if name.isdigit():
        return re.compile(rf"(?<![0-9]){re.escape(name)}\s*[:：](?![0-9])")
    if re.fullmatch(CJK_NAME, name):
        return re.compile(rf"(?<=[。！？…」”』）)!?])\s*{re.escape(name)}\s*[:：]"
                          rf"|(?<={_CJK_OR_MARK})\s+{re.escape(name)}\s*：")
    return re.compile(rf"(?<=[.!?…”\"’)])\s+{re.escape(name)}\s*:"
                      rf"|(?<={_CJK_OR_MARK})\s+{re.escape(name)}\s*：")


def _read_at(text: str, position: int, strong: tuple[tuple[int, int], ...]) -> Label | None:
    """The label at `position` of a block, read from the text near it only: a line that ran
    thousands of turns together is read once, not once per label."""
    return read_label(text[position:position + _LABEL_CONTEXT], strong, position)


def _spaced_after_turn(text: str, start: int) -> bool:
    """A space at `start` that ends a turn run together with the next: the line opens with
    a label and its colon (not `王　菲：`, a name padded to line up, nor `记者 王小丫：`, a
    role before the name, nor a dateline's `2026-06-01 来源：某网 记者：赵磊`)."""
    line_start = text.rfind("\n", 0, start) + 1
    return (text[start:start + 1].isspace()
            and _OPENING_LABEL.match(text, line_start, start) is not None)
