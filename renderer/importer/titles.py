"""Chapter titles a listener can read: short, free of markup and debris, and each one unique."""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from functools import cache

from ..text import is_cjk, writes_traditional
from .labels import TIME
from .names import jieba_fields

MAX_TITLE = 40
_PREFIX = re.compile(r"^(?:topic|subject|chapter|part|section|话题|主题)\s*[:：]\s*", re.IGNORECASE)
# a section's number alone: `01`, `三`, `PART 02`, `Chapter 3`, `第二部分`
NUMBERING = re.compile(r"^(?:(?:part|chapter|section)\s*)?(?:\d{1,3}|[一二三四五六七八九十]{1,3})$"
                       r"|^第.{1,3}[部章节篇](?:分)?$", re.IGNORECASE)
_BRACKETS = re.compile(r"\s*[(\[（【][^()\[\]（）【】]*[)\]）】]\s*")
_FORBIDDEN = re.compile(r"[*_#\[\]()<>|=\\{}`~^]")
_TIMES = re.compile(rf"{TIME}")
_EDGE = re.compile(r"^[\W_]+|[\s,，、:：;；.。\-–—]+$")
_OPENING = {"“": "”", "「": "」", "『": "』", "《": "》", "‘": "’", '"': '"'}
_STOP_TAIL = {"a", "an", "the", "of", "on", "in", "to", "for", "with", "and", "or", "by",
              "at", "from", "as", "is", "are", "about", "into", "via", "its", "their"}
_CUT_AT = re.compile(r"\s*[:：;；|｜—–]\s*|\s+-\s+|[，,、。.?？!！]\s*")


def heading_title(parts: list[str], language: str) -> str | None:
    """A chapter title from the lines of a section heading (numbering lines dropped)."""
    lines = [line.strip() for part in parts for line in part.split("\n")]
    words = [line for line in lines if line and not NUMBERING.match(line)]
    if not words:
        return None
    joined = words[0]
    for word in words[1:]:
        glue = "" if is_cjk(joined[-1]) or is_cjk(word[0]) or joined[-1] in "，、：" else " "
        if len(f"{joined}{glue}{word}") > MAX_TITLE:
            break  # the heading's own line break is where a long title ends best
        joined = f"{joined}{glue}{word}"
    title = clean_title(joined, language)
    return title or None


def clean_title(text: str, language: str) -> str:
    """Strip labels, brackets, markup characters and timestamps; shorten to ≤ 40 characters."""
    title = _unquote(_PREFIX.sub("", text.strip()))
    title = _TIMES.sub(" ", title)
    without_brackets = _BRACKETS.sub(" ", title).strip()
    title = without_brackets or title
    title = title.replace("&", f" {_conjunction(language, title)} ")
    title = _FORBIDDEN.sub(" ", title)
    title = re.sub(r"[（）【】「」『』《》]", "", title) if not _balanced(title) else title
    title = re.sub(r"\s+", " ", title).strip()
    if language.startswith("zh"):
        title = re.sub(r"\s*([与與])\s*", r"\1", title)
        title = re.sub(r"(?<=[\u4e00-\u9fff，、：]) +(?=[\u4e00-\u9fff])", "", title)
    if title[:1] in _OPENING and _OPENING[title[0]] in title[1:]:
        # a title opens with a word, so a quoted one loses both its marks (`“贫民窟”小区`)
        title = title[1:].replace(_OPENING[title[0]], "", 1)
    title = _EDGE.sub("", title)
    return shorten(title)


_QUOTES = {'"': '"', "“": "”", "「": "」", "『": "』", "'": "'", "‘": "’"}


def _unquote(text: str) -> str:
    """A heading written as a quotation loses its quotation marks."""
    if len(text) > 2 and _QUOTES.get(text[0]) == text[-1]:
        return text[1:-1].strip()
    return text


def _balanced(text: str) -> bool:
    depth = 0
    for ch in text:
        if ch in "（【「『《":
            depth += 1
        elif ch in "）】」』》":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


def shorten(title: str, limit: int = MAX_TITLE) -> str:
    """Cut a long title at a natural break (a colon, a dash, a comma), else between words."""
    if len(title) <= limit:
        return title
    pieces = [p for p in _CUT_AT.split(title) if p.strip()]
    if pieces and len(pieces[0]) >= 6:
        head = pieces[0]
        for piece in pieces[1:]:
            glue = "" if is_cjk(head[-1]) else " "
            if len(head) + len(glue) + len(piece) > limit:
                break
            head = f"{head}{glue}{piece}"
        if len(head) <= limit:
            return _EDGE.sub("", head)
    if " " not in title[:limit]:
        return _EDGE.sub("", title[:limit])
    words = title[: limit + 1].split(" ")
    if len(title) > limit:
        words = words[:-1]
    while len(words) > 1 and words[-1].lower() in _STOP_TAIL:
        words.pop()
    return _EDGE.sub("", " ".join(words)) or title[:limit]


def unique_titles(titles: list[str], language: str) -> list[str]:
    """Number repeated titles (“Questions”, “Questions 2”), keeping every one short."""
    counts = Counter(titles)
    seen: Counter[str] = Counter()
    result = []
    taken: set[str] = set()
    for title in titles:
        seen[title] += 1
        candidate = title
        if counts[title] > 1 and seen[title] > 1:
            number = seen[title]
            while True:
                suffix = f"（{number}）" if language.startswith("zh") else f" {number}"
                candidate = shorten(title, MAX_TITLE - len(suffix)) + suffix
                if candidate not in taken:
                    break
                number += 1
        taken.add(candidate)
        result.append(candidate)
    return result


def keyword_titles(
    tokens: list[Counter[str]], starts: list[int], hosts: Sequence[bool], texts: Sequence[str],
    language: str,
) -> list[str]:
    """A title per chapter starting at `starts`: its two most distinctive keywords (TF-IDF
    across the chapters, weighted by jieba's IDF table for Chinese), preferring words of its
    opening question; two that the text says together become one phrase."""
    bounds = [*starts, len(tokens)]
    bags = []
    openers = []
    chapter_texts = []
    for start, end in itertools.pairwise(bounds):
        bag: Counter[str] = Counter()
        for bag_part in tokens[start:end]:
            bag.update(bag_part)
        bags.append(bag)
        opener = next((tokens[i] for i in range(start, end) if hosts[i]), Counter())
        openers.append(opener)
        chapter_texts.append("\n".join(texts[start:end]))
    df = Counter(word for bag in bags for word in bag)
    conjunction = _conjunction(language, "\n".join(texts))  # and, 与 or 與: the text's own
    idf = _background_idf(language)
    titles: list[str] = []
    for bag, opener, text in zip(bags, openers, chapter_texts, strict=True):
        ranked = sorted(
            bag,
            key=lambda w: (
                -(bag[w] * idf(w) * math.log(1 + len(bags) / df[w]) * (1.5 if w in opener else 1)),
                w,
            ),
        )
        words = _keywords(ranked[:12], text, language)
        if not language.startswith("zh"):
            words = [" ".join(_as_written(part, text) for part in word.split(" "))
                     for word in words]
            if _in_capitals(text):  # a caption file in capitals: SEEING → Seeing
                words = [word.capitalize() for word in words]
        titles.append(clean_title(_join_title(words, language, conjunction), language)
                      or _join_title([], language, conjunction))
    return unique_titles(titles, language)


def _keywords(ranked: list[str], text: str, language: str, count: int = 2) -> list[str]:
    """The top words, where two of them that the text says together become one phrase."""
    words: list[str] = []
    for word in ranked:
        if any(word.lower() in other.lower() for other in words):
            continue
        for index, other in enumerate(words):
            glue = "" if language.startswith("zh") and not (
                word.isascii() and other.isascii()) else " "
            for phrase in (f"{other}{glue}{word}", f"{word}{glue}{other}"):
                if text.count(phrase) >= 2:
                    words[index] = phrase
                    break
            else:
                continue
            break
        else:
            words.append(word)
        if len(words) == count:
            break
    return words


def _in_capitals(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return sum(ch.isupper() for ch in letters) > 0.5 * max(1, len(letters))


def _as_written(stem: str, text: str) -> str:
    """The form of a counted word the text uses most: `Elli` → `Ellis`, `Redi` → `Redis`
    (a name is no plural), `bottle` → `bottles` where the text says that."""
    plural = rf"{re.escape(stem[:-1])}ies" if stem.endswith("y") else rf"{re.escape(stem)}(?:e?s)?"
    written = Counter(m.group(0) for m in re.finditer(
        rf"(?<![\w'’-])(?:{re.escape(stem)}|{plural})(?![\w'’-])", text, re.IGNORECASE))
    forms = Counter[str]()
    for form, count in written.items():
        forms[form.lower()] += count
    if not forms:
        return stem
    chosen = max(forms, key=lambda f: (forms[f], f == stem.lower()))
    # as most often written (`iPhone`, `GPU`)
    return max((f for f in written if f.lower() == chosen), key=lambda f: written[f])


def _background_idf(language: str) -> Callable[[str], float]:
    if language.startswith("zh"):
        frequencies, median = _idf_table()
        return lambda word: frequencies.get(word, median)
    return lambda word: 1.0 + min(len(word), 12) / 6


@cache
def _idf_table() -> tuple[dict[str, float], float]:
    """jieba's inverse document frequencies and their median, as jieba.analyse reads them
    (without importing it: that loads jieba's tagger, a second and a half)."""
    fields = jieba_fields("analyse", "idf.txt")
    table = dict(zip(fields[0::2], map(float, fields[1::2]), strict=True))
    return table, sorted(table.values())[len(table) // 2]


def _conjunction(language: str, text: str) -> str:
    """`and` as the text would write it: 与 in Simplified Chinese, 與 in Traditional."""
    if not language.startswith("zh"):
        return "and"
    return "與" if writes_traditional(text) else "与"


def _join_title(words: list[str], language: str, conjunction: str) -> str:
    if not words:
        if language.startswith("zh"):
            return "對話" if conjunction == "與" else "对话"
        return "Conversation"
    if language.startswith("zh"):
        return conjunction.join(words)
    # a word with capitals inside is written so on purpose (`iPhone`, `MPesa`)
    return " and ".join(w if any(ch.isupper() for ch in w[1:]) else w[:1].upper() + w[1:]
                        for w in words)
