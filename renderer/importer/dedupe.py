"""Merge repeated copies of the text into one complete reading.

Scraped pages often carry the article twice (a teaser and the full text, or a mirror), one
copy cut short. Each paragraph is compared with the earlier ones: exact copies, near copies
and truncated copies (one a prefix of the other) are dropped, keeping the more complete text.
Paragraphs only the later copy has are placed after the last paragraph the copies share,
so the reading stays in order and nothing only one copy has is lost — unless turns of the
dialogue stand between the two copies: then the earlier one is a cold open (a clip played
before the introduction) and the later copy's paragraphs stay where they are.

People repeat themselves, though: "Call the roll." / "The bill is passed." recur through a
legislative record, "Yeah." / "Right." through a podcast. So a speaker's turn only counts as
a copy inside a copied passage (a run of matches, in order, of some length) or when it is
long; short page lines (chrome, cards) may repeat alone.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass

from .document import SPEECH_KINDS
from .paragraphs import Paragraph
from .report import Report

_ANCHOR = 12
_LONG_ENOUGH = 60  # a page paragraph this long is a copy on its own; shorter ones need a run
_LONG_TURN = 200  # a turn this long said twice, word for word, is a copy on its own
_LONG_PREFIX = 40  # a cut copy outside a copied passage must be at least this long
_PASSAGE = 200  # a run of matches in order this long (in letters) is a copied passage
_NEAR = 0.9
_NEAR_MIN = 24  # shorter paragraphs match only exactly or as a cut copy
_MIN_PREFIX = 10
_MAX_CANDIDATES = 8
_COLD_OPEN_TURNS = 2  # this many turns between two copies make the earlier one a cold open


def comparison_key(text: str) -> str:
    """Text reduced to letters and digits, so copies that differ in spacing or punctuation match."""
    folded = unicodedata.normalize("NFKC", text).lower()
    return re.sub(r"[\W_]+", "", folded)


@dataclass
class _Match:
    original: int  # index of the earlier paragraph
    relation: str  # "same", "near", "longer" (this one completes it), "shorter" (cut copy)


def merge_copies(paragraphs: list[Paragraph], report: Report) -> list[Paragraph]:
    """Return the paragraphs with repeated copies merged into one reading."""
    keys = [_key(p) for p in paragraphs]
    # a copy repeats a paragraph of its own kind and speaker: headings match headings, and
    # one speaker's turns never complete another's (nor do words after a shared label)
    groups = [f"{p.kind}\x00{p.label.name if p.label else ''}" for p in paragraphs]
    matches = _find_matches(keys, groups)
    accepted = _accept(matches, keys, [p.label is not None for p in paragraphs])
    # how many turns no copy repeats stand before each paragraph
    turns_before = [0]
    for paragraph, match in zip(paragraphs, accepted, strict=True):
        turns_before.append(turns_before[-1] + (paragraph.label is not None and match is None))

    order: list[tuple[tuple[int, ...], Paragraph]] = []
    sort_key: dict[int, tuple[int, ...]] = {}
    kept: dict[int, Paragraph] = {}
    anchor: tuple[int, ...] | None = None
    inserted = 0
    for index, paragraph in enumerate(paragraphs):
        match = accepted[index]
        if match is not None:
            original = kept[match.original]
            if match.relation == "longer" or (
                match.relation == "near" and len(keys[index]) > len(keys[match.original])
            ):
                report.note(original, "duplicate", "changed",
                            f"completed from the fuller copy on line {paragraph.line}")
                original.text = paragraph.text
                original.label = paragraph.label  # the same speaker; its words are the fuller
            report.note(paragraph, "duplicate", "dropped", f"repeats line {original.line}")
            kept[index] = original
            sort_key[index] = sort_key[match.original]
            between = turns_before[index] - turns_before[match.original + 1]
            if between >= _COLD_OPEN_TURNS:
                anchor = None  # a cold open repeated in the dialogue: nothing moves
            elif _neighbour_matches(index, match, accepted):
                # inside a repeated copy: what follows belongs after this paragraph
                anchor = sort_key[index]
                inserted = 0
            continue
        if anchor is not None:
            inserted += 1
            sort_key[index] = (*anchor, inserted)
        else:
            sort_key[index] = (index,)
        kept[index] = paragraph
        order.append((sort_key[index], paragraph))
    order.sort(key=lambda item: item[0])
    return [paragraph for _, paragraph in order]


def _key(paragraph: Paragraph) -> str:
    if paragraph.kind not in SPEECH_KINDS:
        return ""
    return comparison_key(paragraph.label.rest if paragraph.label else paragraph.text)


def _find_matches(keys: list[str], groups: list[str]) -> list[_Match | None]:
    by_anchor: dict[str, list[int]] = {}
    matches: list[_Match | None] = []
    for index, key in enumerate(keys):
        match = None
        if len(key) >= 2:
            candidates: list[int] = []
            for anchor in _anchors(key, groups[index]):
                for earlier in by_anchor.get(anchor, ()):
                    if earlier not in candidates:
                        candidates.append(earlier)
            compare = _Comparer(key)
            for earlier in candidates[:_MAX_CANDIDATES]:
                relation = compare.relation(keys[earlier])
                if relation:
                    match = _Match(earlier, relation)
                    break
        matches.append(match)
        if match is None:
            for anchor in _anchors(key, groups[index]):
                by_anchor.setdefault(anchor, []).append(index)
    return matches


def _anchors(key: str, group: str) -> list[str]:
    if len(key) <= _ANCHOR:
        return [f"{group}={key}"]
    middle = len(key) // 2
    return [f"{group}^{key[:_ANCHOR]}", f"{group}${key[-_ANCHOR:]}",
            f"{group}~{key[middle - 6:middle + 6]}"]


class _Comparer:
    """Compares one paragraph's key with earlier ones (its difflib index is built once)."""

    def __init__(self, later: str) -> None:
        self.later = later
        self.matcher: difflib.SequenceMatcher[str] | None = None

    def relation(self, earlier: str) -> str | None:
        """How `later` relates to `earlier`: same, near, longer, shorter, or not at all."""
        later = self.later
        if earlier == later:
            return "same"
        shorter, longer = sorted((earlier, later), key=len)
        if len(shorter) >= _MIN_PREFIX and longer.startswith(shorter):
            return "longer" if later is longer else "shorter"
        if len(shorter) < _NEAR_MIN or 2 * len(shorter) / (len(shorter) + len(longer)) < _NEAR:
            return None  # too short to compare loosely, or lengths too far apart
        if self.matcher is None:
            self.matcher = difflib.SequenceMatcher(None, b=later, autojunk=False)
        self.matcher.set_seq1(earlier)
        if self.matcher.quick_ratio() >= _NEAR and self.matcher.ratio() >= _NEAR:
            return "near"
        return None


def _accept(matches: list[_Match | None], keys: list[str],
            labelled: list[bool]) -> list[_Match | None]:
    """Keep the matches that are copies, not a person repeating a phrase (see above)."""
    passage = _passage_letters(matches, keys)
    accepted: list[_Match | None] = []
    for index, match in enumerate(matches):
        if match is None:
            accepted.append(None)
            continue
        key = keys[index]
        if passage[index] >= _PASSAGE:
            keep = True
        elif labelled[index]:
            keep = match.relation in ("same", "near") and len(key) >= _LONG_TURN
        elif match.relation in ("longer", "shorter"):
            keep = min(len(key), len(keys[match.original])) >= _LONG_PREFIX
        else:
            keep = len(key) >= _LONG_ENOUGH or _neighbour_matches(index, match, matches, labelled)
        accepted.append(match if keep else None)
    return accepted


def _passage_letters(matches: list[_Match | None], keys: list[str]) -> list[int]:
    """For every match, the letters of the run of in-order matches it belongs to."""
    letters = [0] * len(matches)
    run: list[int] = []

    def close() -> None:
        total = sum(len(keys[i]) for i in run)
        for member in run:
            letters[member] = total

    for index, match in enumerate(matches):
        if match is None:
            continue
        previous = matches[run[-1]] if run else None
        if previous is not None and index - run[-1] <= 3 and (
                0 < match.original - previous.original <= 4):
            run.append(index)
        else:
            close()
            run = [index]
    close()
    return letters


def _neighbour_matches(index: int, match: _Match, matches: list[_Match | None],
                       labelled: list[bool] | None = None) -> bool:
    for step in (-1, 1):
        other = index + step
        if 0 <= other < len(matches) and not (labelled and labelled[other]):
            neighbour = matches[other]
            if neighbour and 0 < (neighbour.original - match.original) * step <= 2:
                return True
    return False
