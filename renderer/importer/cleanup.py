"""Clean the words of a turn: redaction placeholders, stage directions, punctuation, cut endings."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..text import ends_sentence, is_cjk, split_sentences

_PLACEHOLDER = re.compile(
    r"[A-Za-z]*(?:【【[^【】\n]{0,12}】】|\[\[[^\[\]\n]{0,20}\]\]|\{\{[^{}\n]{0,20}\}\}|"
    r"\[(?:图片|视频|表情|链接|图|img|image|photo|video|link|redacted)\])[A-Za-z]*",
    re.IGNORECASE,
)
_EMPTY_BRACKETS = re.compile(r"\(\s*\)|（\s*）|\[\s*\]|【\s*】|「\s*」|“\s*”|《\s*》")
_BRACKETED = re.compile(r"[(（\[【]\s*([^()（）\[\]【】\n]{1,40}?)\s*[)）\]】]")
_DIRECTION_ZH = re.compile(
    r"^(现场|全场|众人|观众|台下)?[^，。,]{0,2}(笑|笑声|大笑|掌声|鼓掌|音乐|停顿|沉默|咳嗽|叹气|哽咽|起立|"
    r"欢呼|插话|画外音|背景音)[^，。,]{0,4}$"
)
_DIRECTION_EN = re.compile(
    r"^(?:\w+\s)?(?:laugh(?:s|ter|ing)?|chuckl(?:es?|ing)|giggl(?:es?|ing)|applause|applauding|"
    r"music|crosstalk|cross-talk|inaudible|unintelligible|indistinct|overlapping|pause|"
    r"silence|sighs?|coughs?|cheers|cheering|clears throat|both laugh|audience laughs|"
    r"background noise)(?:\s\w+)?$",
    re.IGNORECASE,
)
_HALF_TO_FULL = {",": "，", ";": "；", "?": "？", "!": "！", ":": "："}


@dataclass
class Cleaned:
    """A cleaned text and what changed, for the report."""

    text: str
    placeholders: list[str] = field(default_factory=list)
    directions: list[str] = field(default_factory=list)
    punctuation: int = 0


def clean_text(text: str) -> Cleaned:
    """Remove placeholders, move stage directions out, use full-width marks in Chinese."""
    result = Cleaned(text)
    result.text = _PLACEHOLDER.sub(lambda m: _collect(result.placeholders, m.group(0)), text)
    result.text = _BRACKETED.sub(lambda m: _direction_or_keep(result, m), result.text)
    result.text = _tidy(result.text)
    result.text, result.punctuation = full_width_punctuation(result.text)
    return result


def _collect(bucket: list[str], piece: str) -> str:
    bucket.append(piece)
    return ""


def _direction_or_keep(result: Cleaned, match: re.Match[str]) -> str:
    inner = match.group(1).strip()
    if _DIRECTION_ZH.match(inner) or _DIRECTION_EN.match(inner):
        result.directions.append(match.group(0))
        return ""
    return match.group(0)


def is_stage_direction(text: str) -> bool:
    """Whether a whole paragraph is only a stage direction, like "(笑)" or "[laughter]"."""
    match = _BRACKETED.fullmatch(text.strip())
    return bool(match) and bool(
        _DIRECTION_ZH.match(match.group(1).strip()) or _DIRECTION_EN.match(match.group(1).strip())
    )


def _tidy(text: str) -> str:
    previous = None
    while previous != text:
        previous = text
        text = _EMPTY_BRACKETS.sub("", text)
    text = re.sub(r"[ \t]{2,}", " ", text)
    text = re.sub(r"[ \t]+([,.;:!?，。；：！？、)）])", r"\1", text)
    # a mark left doubled by a removal: "人，。" → "人。", ",," → ","
    text = re.sub(r"[,，、]+([。！？.!?；;，,])", r"\1", text)
    text = re.sub(r"^[ \t,，、。.;；]+", "", text, flags=re.MULTILINE)
    return "\n".join(line.strip() for line in text.split("\n")).strip()


def full_width_punctuation(text: str) -> tuple[str, int]:
    """Turn half-width , ; ? ! : ( ) next to Chinese characters into full-width marks."""
    chars = list(text)
    changed = 0
    for index, ch in enumerate(chars):
        if ch not in _HALF_TO_FULL:
            continue
        before = chars[index - 1] if index else ""
        after = chars[index + 1] if index + 1 < len(chars) else ""
        if ch == ":" and before.isdigit() and after.isdigit():
            continue  # a time such as 10:30
        if ch == "," and before.isdigit() and after.isdigit():
            continue  # a number such as 1,000
        if (before and is_cjk(before)) or (after and is_cjk(after)) or (
            before in "”」』）" and before
        ):
            chars[index] = _HALF_TO_FULL[ch]
            changed += 1
    text = "".join(chars)
    text, pairs = _full_width_parentheses(text)
    return text, changed + pairs


def _full_width_parentheses(text: str) -> tuple[str, int]:
    count = 0

    def convert(match: re.Match[str]) -> str:
        nonlocal count
        start, end = match.span()
        before = text[start - 1] if start else ""
        after = text[end] if end < len(text) else ""
        if any(is_cjk(ch) for ch in (before, after, *match.group(1)) if ch):
            count += 1
            return f"（{match.group(1)}）"
        return match.group(0)

    return re.sub(r"\(([^()\n]*)\)", convert, text), count


def trim_to_last_sentence(text: str) -> tuple[str, str]:
    """Cut a truncated ending back to the last complete sentence; returns (kept, cut)."""
    pieces = split_sentences(text)
    while pieces and not _complete(pieces[-1]):
        pieces.pop()
    kept = "".join(pieces).rstrip()
    return kept, text[len(kept):].strip()


def _complete(sentence: str) -> bool:
    return ends_sentence(sentence.rstrip())
