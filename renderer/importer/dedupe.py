"""Merge repeated copies of the text into one complete reading.

Scraped pages often carry the article twice (a teaser and the full text, or a mirror), one
copy cut short. Each paragraph is compared with the earlier ones: exact copies, near copies
and truncated copies (one a prefix of the other) are dropped, keeping the more complete text.
Paragraphs only the later copy has are placed after the last paragraph the copies share,
so the reading stays in order and nothing only one copy has is lost.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass

from .paragraphs import Paragraph
from .report import Report

_ANCHOR = 12
_LONG_ENOUGH = 24  # a paragraph this long is a duplicate on its own; shorter ones need a run
_NEAR = 0.9
_MIN_PREFIX = 10
_MAX_CANDIDATES = 8


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
    keys = [comparison_key(p.text) for p in paragraphs]
    matches = _find_matches(keys)
    accepted = _accept(matches, keys)

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
                match.relation == "near" and len(keys[index]) > len(comparison_key(original.text))
            ):
                report.add(original.line, "duplicate", "changed", original.text,
                           f"completed from the fuller copy on line {paragraph.line}")
                original.text = paragraph.text
            report.add(paragraph.line, "duplicate", "dropped", paragraph.text,
                       f"repeats line {original.line}")
            kept[index] = original
            sort_key[index] = sort_key[match.original]
            if _neighbour_matches(index, match, accepted):
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


def _find_matches(keys: list[str]) -> list[_Match | None]:
    by_anchor: dict[str, list[int]] = {}
    matches: list[_Match | None] = []
    for index, key in enumerate(keys):
        match = None
        if len(key) >= 2:
            candidates: list[int] = []
            for anchor in _anchors(key):
                for earlier in by_anchor.get(anchor, ()):
                    if earlier not in candidates:
                        candidates.append(earlier)
            for earlier in candidates[:_MAX_CANDIDATES]:
                relation = _relation(keys[earlier], key)
                if relation:
                    match = _Match(earlier, relation)
                    break
        matches.append(match)
        if match is None:
            for anchor in _anchors(key):
                by_anchor.setdefault(anchor, []).append(index)
    return matches


def _anchors(key: str) -> list[str]:
    if len(key) <= _ANCHOR:
        return [f"={key}"]
    middle = len(key) // 2
    return [f"^{key[:_ANCHOR]}", f"${key[-_ANCHOR:]}", f"~{key[middle - 6:middle + 6]}"]


def _relation(earlier: str, later: str) -> str | None:
    if earlier == later:
        return "same"
    shorter, longer = sorted((earlier, later), key=len)
    if len(shorter) >= _MIN_PREFIX and longer.startswith(shorter):
        return "longer" if later is longer else "shorter"
    if min(len(earlier), len(later)) >= _LONG_ENOUGH:
        matcher = difflib.SequenceMatcher(None, earlier, later, autojunk=False)
        if matcher.real_quick_ratio() >= _NEAR and matcher.quick_ratio() >= _NEAR and (
            matcher.ratio() >= _NEAR
        ):
            return "near"
    return None


def _accept(matches: list[_Match | None], keys: list[str]) -> list[_Match | None]:
    """Keep matches of long paragraphs, and of short ones inside a run of matches."""
    accepted: list[_Match | None] = []
    for index, match in enumerate(matches):
        if match is None:
            accepted.append(None)
            continue
        if len(keys[index]) >= _LONG_ENOUGH or _neighbour_matches(index, match, matches):
            accepted.append(match)
        else:
            accepted.append(None)
    return accepted


def _neighbour_matches(index: int, match: _Match, matches: list[_Match | None]) -> bool:
    for step in (-1, 1):
        other = index + step
        if 0 <= other < len(matches):
            neighbour = matches[other]
            if neighbour and 0 < (neighbour.original - match.original) * step <= 2:
                return True
    return False
