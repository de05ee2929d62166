"""Find speaker labels at paragraph starts, in the forms transcripts use, and pick the speakers."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ..errors import ArticleError
from .paragraphs import Paragraph

_TIME = r"\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?"
_COLON = r"[:：]"
_CJK_NAME = r"[\u4e00-\u9fff][\u4e00-\u9fff·•]{0,7}"
_LATIN_WORD = r"(?:[A-Z][A-Za-z'’\-]*\.?|[A-Z]{1,3}\.?)"
_LATIN_NAME = rf"{_LATIN_WORD}(?:\s(?:{_LATIN_WORD}|de|da|van|von|der|le|la|bin|al)){{0,3}}"
_NAME = rf"(?:{_CJK_NAME}|{_LATIN_NAME})"
_ROLE_SUFFIX = r"(?:\s*[,，]\s*(?P<role>[A-Za-z][A-Za-z .'\-]{1,30}|[\u4e00-\u9fff]{1,8}))?"

# (form, pattern); each pattern has groups `name` and `rest`, some also `role`.
_FORMS: list[tuple[str, re.Pattern[str]]] = [
    ("bold", re.compile(
        rf"^\*\*\s*(?P<name>[^*:：]{{1,40}}?)\s*(?:{_COLON}\s*\*\*|\*\*\s*{_COLON})\s*(?P<rest>.*)$")),
    ("bracket", re.compile(r"^【(?P<name>[^【】\s]{1,20})】\s*(?:[:：]\s*)?(?P<rest>.*)$")),
    ("timestamp-first", re.compile(
        rf"^[\[(（]?{_TIME}[\])）]?\s*(?P<name>{_NAME}){_ROLE_SUFFIX}\s*{_COLON}\s*(?P<rest>.*)$")),
    ("timestamp-after", re.compile(
        rf"^(?P<name>{_NAME}){_ROLE_SUFFIX}\s*[\[(（]{_TIME}[\])）]\s*{_COLON}?\s*(?P<rest>.*)$")),
    ("colon", re.compile(rf"^(?P<name>{_NAME}){_ROLE_SUFFIX}\s*{_COLON}\s*(?P<rest>.*)$")),
]

# Labels that introduce metadata, not a person speaking.
_NOT_SPEAKERS = {
    "来源", "编辑", "责编", "责任编辑", "作者", "原标题", "标题", "关键词", "标签", "时间", "日期",
    "地点", "备注", "注", "注意", "提示", "声明", "图", "图片", "图片来源", "摘要", "导语", "出品",
    "策划", "记者", "撰文", "文", "校对", "审核", "监制", "链接", "网址", "微信", "公众号", "电话",
    "Source", "Sources", "Note", "Notes", "Editor", "Edited", "Author", "Date", "Time", "Tags",
    "Keywords", "Photo", "Image", "Credit", "Credits", "Copyright", "Link", "URL", "PS", "P.S.",
    "Update", "Updated", "Posted", "Transcript", "Summary", "Disclaimer", "Read", "See", "Watch",
}
HOST_LABELS = {"主持人", "主持", "问", "Q", "Host", "HOST", "Moderator", "MODERATOR",
               "Interviewer", "INTERVIEWER"}
GUEST_LABELS = {"嘉宾", "答", "A", "Guest", "GUEST", "Interviewee", "INTERVIEWEE"}
_ROLE_WORDS = {"host": "host", "moderator": "host", "interviewer": "host", "主持人": "host",
               "guest": "guest", "interviewee": "guest", "嘉宾": "guest"}


@dataclass
class Label:
    """A speaker label found at the start of a paragraph."""

    name: str
    form: str
    rest: str
    role: str | None = None
    timestamp: bool = False


@dataclass
class Speakers:
    """The speakers of a dialogue, in order of first appearance, with roles."""

    names: list[str]
    roles: dict[str, str]


def parse_label(text: str) -> Label | None:
    """The speaker label at the start of `text`, if it has one of the known forms."""
    if text.startswith("【【"):
        return None
    for form, pattern in _FORMS:
        match = pattern.match(text)
        if not match:
            continue
        name = match.group("name").strip()
        if not _plausible_name(name):
            continue
        role = match.groupdict().get("role")
        return Label(
            name=name,
            form=form,
            rest=match.group("rest").strip(),
            role=_ROLE_WORDS.get(role.strip().lower() if role else "") if role else None,
            timestamp=form.startswith("timestamp"),
        )
    return None


def _plausible_name(name: str) -> bool:
    if not name or name in _NOT_SPEAKERS or name.title() in _NOT_SPEAKERS:
        return False
    if len(name) > 40 or any(ch in name for ch in "，。！？,!?;；\"“”《》"):
        return False
    return not name.isdigit()


def find_speakers(
    paragraphs: list[Paragraph], labels: list[Label | None], source: str,
    requested: list[str] | None = None,
) -> Speakers:
    """Decide which recurring labels are speakers (or use the names the user gave)."""
    counts = Counter(label.name for label in labels if label)
    if requested:
        found = [name for name in requested if counts[name]]
        missing = [name for name in requested if not counts[name]]
        if missing:
            raise ArticleError(
                f"{source}: no paragraph starts with the label of {', '.join(missing)}"
                " (write the names exactly as the article labels them)"
            )
        names = found
    else:
        names = _recurring_speakers(labels, counts)
        if len(names) < 2:
            raise ArticleError(
                f"{source}: no dialogue found: fewer than two recurring speaker labels "
                "at paragraph starts (name them with --speakers \"A,B\")"
            )
    first_seen = {}
    for index, label in enumerate(labels):
        if label and label.name in names and label.name not in first_seen:
            first_seen[label.name] = index
    ordered = sorted(names, key=lambda name: first_seen[name])
    return Speakers(ordered, _roles(ordered, paragraphs, labels))


def _recurring_speakers(labels: list[Label | None], counts: Counter[str]) -> list[str]:
    strong = {label.name for label in labels if label and label.form != "colon"}
    candidates = [
        name for name, count in counts.most_common() if count >= 2 or name in strong
    ]
    if len(candidates) < 2:
        return candidates
    top = candidates[:2]
    positions = [i for i, label in enumerate(labels) if label and label.name in top]
    span = range(positions[0], positions[-1] + 1)
    inside = Counter(
        label.name for i, label in enumerate(labels) if label and i in span
    )
    # A third voice must speak inside the dialogue, and often enough to be a voice.
    floor = max(2, counts[top[1]] // 20)
    extra = [
        name for name in candidates[2:]
        if inside[name] >= floor or (name in strong and inside[name] >= 1)
    ]
    return top + extra


def _roles(names: list[str], paragraphs: list[Paragraph], labels: list[Label | None]) -> dict:
    roles: dict[str, str] = {}
    for label in labels:
        if label and label.name in names and label.role and label.name not in roles:
            roles[label.name] = label.role
    for name in names:
        if name in roles:
            continue
        if name in HOST_LABELS:
            roles[name] = "host"
        elif name in GUEST_LABELS:
            roles[name] = "guest"
    if "host" not in roles.values():
        questions = Counter()
        turns = Counter()
        for paragraph, label in zip(paragraphs, labels, strict=True):
            if label and label.name in names:
                turns[label.name] += 1
                if "?" in paragraph.text or "？" in paragraph.text:
                    questions[label.name] += 1
        free = [name for name in names if name not in roles]
        if free:
            host = max(free, key=lambda n: (questions[n] / max(turns[n], 1), -names.index(n)))
            roles[host] = "host"
    for name in names:
        roles.setdefault(name, "guest")
    return roles
