"""Clean the words of a turn: redaction placeholders, stage directions, punctuation, cut endings."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from ..text import ends_sentence, is_cjk, simplified, split_sentences, wide_char
from .labels import SCREEN_DIRECTION, TIME

_PLACEHOLDER = re.compile(
    r"[A-Za-z]*(?:【【[^【】\n]{0,12}】】|\[\[[^\[\]\n]{0,20}\]\]|\{\{[^{}\n]{0,20}\}\}|"
    r"\[(?:图片|视频|表情|链接|图|img|image|photo|video|link|redacted)\])[A-Za-z]*",
    re.IGNORECASE,
)
_EMPTY_BRACKETS = re.compile(r"\(\s*\)|（\s*）|\[\s*\]|【\s*】|「\s*」|“\s*”|《\s*》")
_BRACKETED = re.compile(r"[(（\[【]\s*([^()（）\[\]【】\n]{1,160}?)\s*[)）\]】]")
_DIRECTION_ZH = re.compile(  # matched on the Simplified form (`謝幕` is `谢幕`)
    r"^(现场|全场|全体|众人|观众|台下|与会者)?[^，。,]{0,2}"
    r"(笑|笑声|大笑|掌声|鼓掌|音乐|停顿|沉默|咳嗽|叹气|哽咽|起立|欢呼|"
    r"插话|画外音|背景音|无语|沉默中|姿势|动作|手势|表情|"
    # what a script's actors do on stage
    r"定格|亮相|鞠躬|谢幕|退场|转身|点头|摇头|叹息|哭泣|哭哭啼啼|静场|暗场)[^，。,]{0,4}$"
    r"|^[^，。,]{0,8}(做|作)[^，。,]{0,6}(状|动作|姿势)$"
)
_DIRECTION_EN = re.compile(
    r"^(?:\w+\s)?(?:laugh(?:s|ter|ing)?|chuckl(?:es?|ing)|giggl(?:es?|ing)|applause|applauding|"
    r"music|crosstalk|cross-talk|inaudible|unintelligible|indistinct|overlapping|pause|"
    r"silence|sighs?|coughs?|cheers|cheering|clears throat|both laugh|audience laughs|"
    r"background noise)(?:\s\w+)?$",
    re.IGNORECASE,
)
# a stenographic record's note on the proceedings: `(Whereupon, at 11:02 a.m., the case was
# submitted.)`, `(Recess.)`, `[Off the record.]`, `(The witness was sworn.)`
_RECORD_NOTE = re.compile(
    r"^(?:(?-i:Whereupon)\b|(?:brief |short )?recess(?:ed)?\b|off the record\b|"
    r"(?:the )?(?:witness|hearing|meeting|committee|subcommittee|court|jury|proceedings?)"
    r" (?:was|were|is|are) (?:duly )?(?:sworn|adjourned|recessed|excused|seated)\b)",
    re.IGNORECASE)
_HALF_TO_FULL = {",": "，", ";": "；", "?": "？", "!": "！", ":": "："}
_HALF_WIDTH = re.compile(f"[{re.escape(''.join(_HALF_TO_FULL))}]")
# an address ends where Chinese text resumes (`看www.example.org上的资料`)
_ADDRESS = re.compile(
    r"(?:https?://|www\.|\b(?:[\w-]+\.)+[a-z]{2,6}/)"
    r"[^\s<>\"“”‘’（）()\u3000-\u303f\uff00-\uffef\u3400-\u4dbf\u4e00-\u9fff]*",
    re.IGNORECASE)
# marks that end the sentence an address closes, not the address (`see w3.org.`)
_SENTENCE_END = ".,;:!?'\""
# a path short enough to be said as written (`talkpython.fm/connect`)
_SAID_PATH = re.compile(r"[A-Za-z0-9-]{1,24}(?:/[A-Za-z0-9-]{1,24})?")
# a space beside a full-width mark is left over from markup (`**，**`), never a pause
_WIDE_GAP = re.compile(r"(?<=[\u3000-\u303f\uff00-\uffef]) +(?=[\u4e00-\u9fff])"
                       r"|(?<=[\u4e00-\u9fff]) +(?=[\u3000-\u303f\uff00-\uffef])")
_TIMESTAMP = re.compile(
    rf"[\[(（]\s*{TIME}\s*[\])）]|(?P<bare>\b\d{{1,2}}:\d{{2}}:\d{{2}}(?:[.,]\d{{1,3}})?\b)")
# a sound cue written in capitals: (SOUNDBITE OF MUSIC), [CROSSTALK], (LAUGHTER)
_CAPITALS = re.compile(r"^[A-Z][A-Z ,.'’\-]{2,60}$")
_ENUMERATOR = re.compile(r"^(?:\d{1,3}|[A-Za-z]|[ivxIVX]{1,4}|[一二三四五六七八九十]{1,3})$")
# a bracketed aside that opens a line, or closes it after a sentence: a stage direction in
# a script (`（站起来，又坐下）哼。`, `来了！（跑去开门）`)
_LEADING_ASIDE = re.compile(r"^[(（\[【]\s*([^()（）\[\]【】\n]{1,24}?)\s*[)）\]】]", re.MULTILINE)
_CLOSING_ASIDE = re.compile(r"(?<=[。！？!?…])[ \t]*[(（\[【]\s*([^()（）\[\]【】\n]{1,24}?)"
                            r"\s*[)）\]】][ \t]*$", re.MULTILINE)
_SENTENCE_MARK = re.compile(r"[。！？；.!?;]")


@dataclass
class Cleaned:
    """A cleaned text and what changed, for the report."""

    text: str
    placeholders: list[str] = field(default_factory=list)
    directions: list[str] = field(default_factory=list)
    addresses: list[str] = field(default_factory=list)
    timestamps: list[str] = field(default_factory=list)
    punctuation: int = 0


def clean_text(text: str) -> Cleaned:
    """Remove placeholders, move stage directions out, use full-width marks in Chinese."""
    result = Cleaned(text)
    result.text = _PLACEHOLDER.sub(lambda m: _collect(result.placeholders, m.group(0)), text)
    result.text = _ADDRESS.sub(lambda m: _address(result, m), result.text)
    result.text = _TIMESTAMP.sub(lambda m: _timestamp_or_keep(result, m), result.text)
    result.text = _LEADING_ASIDE.sub(lambda m: _aside_or_keep(result, m), result.text)
    result.text = _CLOSING_ASIDE.sub(lambda m: _aside_or_keep(result, m), result.text)
    result.text = _BRACKETED.sub(lambda m: _direction_or_keep(result, m), result.text)
    result.text = _tidy(result.text)
    result.text, result.punctuation = full_width_punctuation(result.text)
    result.text = _WIDE_GAP.sub("", result.text)  # `好的, 然后` became `好的， 然后`
    return result


def site_names(addresses: list[str]) -> str:
    """The sites that web addresses point to, as a listener would hear them: "w3.org"."""
    sites: list[str] = []
    for address in addresses:
        url = address if "://" in address else f"http://{address}"
        try:
            host = (urlsplit(url).hostname or "").removeprefix("www.")
        except ValueError:
            host = ""
        if host and host not in sites:
            sites.append(host)
    return ", ".join(sites)


def _address(result: Cleaned, match: re.Match[str]) -> str:
    """A web address goes to the note. Within a sentence (`我在 https://github.com/x 上放了代码`,
    `see www.w3.org for more.`) it is said as a speaker says it; one that stands apart (after
    a colon, in brackets, at the end of a line or turn) leaves nothing behind."""
    address = match.group(0).rstrip(_SENTENCE_END)
    ending = match.group(0)[len(address):]
    result.addresses.append(address)
    before = _beside(match.string, match.start() - 1, -1)
    after = _beside(match.string, match.end(), 1)
    if before.isalnum() and (ending or after not in ("", "\n")):
        return _said_address(address) + ending
    return ""  # with the marks after it: `链接：https://x.com,` leaves `链接：`


def _timestamp_or_keep(result: Cleaned, match: re.Match[str]) -> str:
    """A timestamp goes to the note; a bare time within a sentence is what the speaker says
    (`the race took 1:02:33 in the end`), not a mark an export left at a turn's edge, in
    brackets or between sentences."""
    if match.group("bare"):
        before = _beside(match.string, match.start() - 1, -1)
        after = _beside(match.string, match.end(), 1)
        edges = ("", "\n", *"[]()（）【】")  # `[inaudible 0:12:32]` is a mark too
        if before not in edges and not ends_sentence(before) and after not in edges:
            return match.group(0)
    return _collect(result.timestamps, match.group(0))


def _beside(text: str, index: int, step: int) -> str:
    """The first character from `index` on (going by `step`) that is not a space or tab."""
    while 0 <= index < len(text) and text[index] in " \t":
        index += step
    return text[index] if 0 <= index < len(text) else ""


def _said_address(address: str) -> str:
    """How a speaker says a web address: its site (`github.com`), with a short path when it
    is written as said, without `https://` (`talkpython.fm/connect`)."""
    site = site_names([address])
    path = address.split("/", 1)[1].rstrip("/") if "/" in address else ""
    if "://" not in address and _SAID_PATH.fullmatch(path):
        return f"{site}/{path}"
    return site



def _collect(bucket: list[str], piece: str) -> str:
    bucket.append(piece)
    return ""


def _direction_or_keep(result: Cleaned, match: re.Match[str]) -> str:
    if is_direction(match.group(1)):
        # `[inaudible 00:01:20]` has lost its time already: `[inaudible]`, not `[inaudible ]`
        result.directions.append(re.sub(r"\s+(?=[\])）]$)", "", match.group(0)))
        return ""
    return match.group(0)


def _aside_or_keep(result: Cleaned, match: re.Match[str]) -> str:
    """A short bracketed aside that opens or closes a line, like （想了很久）, (laughs) or
    （站起来，又坐下）, is a direction; a sentence in brackets is said."""
    inner = match.group(1).strip()
    rest = match.string[match.end():match.end() + 1]
    label = bool(rest) and rest in ":："
    if _ENUMERATOR.match(inner) or not any(ch.isalpha() for ch in inner) or label:
        return match.group(0)
    if not _SENTENCE_MARK.search(inner):
        result.directions.append(match.group(0).strip())
        return ""
    return match.group(0)


def is_direction(inner: str) -> bool:
    """Whether the words inside brackets describe the scene rather than being said."""
    inner = inner.strip()
    return bool(_DIRECTION_ZH.match(simplified(inner)) or _DIRECTION_EN.match(inner)
                or _RECORD_NOTE.match(inner)
                or (_CAPITALS.match(inner) and sum(ch.isalpha() for ch in inner) >= 4))


def is_stage_direction(text: str) -> bool:
    """Whether a whole paragraph is a stage direction: "(笑)", "[laughter]", "(Whereupon, …)",
    a screenplay's `INT. KITCHEN - NIGHT` or `CUT TO:`."""
    text = text.strip()
    if SCREEN_DIRECTION.match(text):
        return True
    pairs = {"(": ")", "（": "）", "[": "]", "【": "】"}
    if len(text) < 3 or text[0] not in pairs or text[-1] != pairs[text[0]]:
        return False
    inner = text[1:-1]
    if any(ch in inner for ch in "()（）[]【】") or len(inner) > 300:
        return False
    return not _ENUMERATOR.match(inner.strip()) and any(ch.isalpha() for ch in inner)


def _tidy(text: str) -> str:
    previous = None
    while previous != text:
        previous = text
        text = _EMPTY_BRACKETS.sub("", text)
    text = re.sub(r"[ \t]{2,}", " ", text)
    text = _WIDE_GAP.sub("", text)
    text = re.sub(r"[ \t]+([,.;:!?，。；：！？、)）])", r"\1", text)
    # a mark left doubled by a removal: "人，。" → "人。", ",," → ","
    text = re.sub(r"[,，、]+([。！？.!?；;，,])", r"\1", text)
    text = re.sub(r"^[ \t,，、。.;；]+", "", text, flags=re.MULTILINE)
    return "\n".join(line.strip() for line in text.split("\n")).strip()


def full_width_punctuation(text: str) -> tuple[str, int]:
    """Turn half-width , ; ? ! : ( ) next to Chinese characters into full-width marks."""
    chars = list(text)
    changed = 0
    for found in _HALF_WIDTH.finditer(text):  # (a loop over every character is 5x slower)
        index, ch = found.start(), found.group(0)
        before = chars[index - 1] if index else ""
        after = chars[index + 1] if index + 1 < len(chars) else ""
        if ch == ":" and before.isdigit() and after.isdigit():
            continue  # a time such as 10:30
        if ch == "," and before.isdigit() and after.isdigit():
            continue  # a number such as 1,000
        # a closing ” ends English quotes too: `“no”, and left` keeps its comma
        quoted = before == "”" and index >= 2 and wide_char(chars[index - 2])
        if (before and is_cjk(before)) or (after and is_cjk(after)) or quoted or (
            before in "」』）" and before
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
