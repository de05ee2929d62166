"""Who the host and the guest of a Q/A interview are, when its title or intro names them.

`Q:`/`A:` labels (and bold questions over plain answers) name nobody, but the page around
them often does: "An interview with the potter Hana Mori", "Interview by Tom Reyes",
「对话李想：…」. A name found there is the one person the phrase introduces; when the phrase
names no person, the speakers stay Host and Guest.
"""

from __future__ import annotations

import re
from itertools import pairwise

from ..text import simplified
from .names import given_name, looks_like_person
from .speakers import ANSWER_LABELS

_NAME_WORD = r"[A-Z][\w'’\-]+"
_FULL_NAME = re.compile(rf"\b{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,2}}")
# a title before the name is not part of it: `an interview with Dr. Helen Brandt`
_TITLE = r"(?:(?:Dr|Prof|Professor|Mr|Mrs|Ms|Sir|Dame|Judge|Senator|Rev)\.?\s+)?"
# "an interview with (the potter) Hana Mori", "in conversation with Dr. Ana Ruiz"
_WITH_GUEST = re.compile(
    r"\b(?i:interview|conversation|talk|chat|q\s?&\s?a|q and a|sits down|speaks|talking)"
    rf"\s+with\s+(?:(?:the|a|an|[a-z][\w\-]*),?\s+){{0,3}}{_TITLE}(?P<name>{_NAME_WORD}"
    rf"(?:\s+{_NAME_WORD}){{1,2}})")
# "We asked Hannah Cole, who …", "I spoke with the potter Hana Mori"
_ASKED_GUEST = re.compile(
    r"\b(?i:we|I)\s+(?i:asked|spoke\s+(?:to|with)|talked\s+(?:to|with)|interviewed|met|"
    r"caught\s+up\s+with|sat\s+down\s+with)"
    rf"\s+(?:(?:the|a|an|[a-z][\w\-]*),?\s+){{0,3}}{_TITLE}(?P<name>{_NAME_WORD}"
    rf"(?:\s+{_NAME_WORD}){{1,2}})")
# "Interview by Tom Reyes", "Interviewed by Tom Reyes", and the byline over a Q/A interview,
# whose writer asks the questions: "By Marcus Webb, Science Desk"
_BY_HOST = re.compile(
    rf"(?:\b(?:interview(?:ed)?|questions|conducted)\s+|^\W*)by\s+(?P<name>{_NAME_WORD}"
    rf"(?:\s+{_NAME_WORD}){{1,2}})", re.IGNORECASE)
# a header line that says who asks and who answers: `Interviewer: David Chu`,
# `Interviewee: Margaret Olsen` (an oral history's narrator is its interviewee), `受访者：王芳`
_NAMED = (rf"(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,2}}|[\u4e00-\u9fff]{{2,4}})"
          r"\s*(?:[,，(（]|$)")
# (matched on the Simplified form of a line: `受訪者：` is `受访者：`)
_HEADER_HOST = re.compile(rf"^(?:(?i:interviewer|interviewed by|host|moderator)|采访者|采访人|"
                          rf"采访|主持人|主持)\s*[:：]\s*{_NAMED}")
_HEADER_GUEST = re.compile(rf"^(?:(?i:interviewee|narrator|guest)|受访者|受访人|口述者|口述人|"
                           rf"嘉宾)\s*[:：]\s*{_NAMED}")
# 「对话李想：…」「专访｜张婷」: the name stands apart from the rest of the title
# (matched on the Simplified form too: `對話` is `对话`)
_ZH_GUEST = re.compile(r"(?:对话|专访|访谈|对谈)\s*[:：|｜丨]?\s*"
                       r"(?P<name>[\u4e00-\u9fff]{2,4})(?=[:：，,|｜丨\s]|$)")
# a key to the letters: `（以下Q为界面新闻，A为赵明）`, `(Q: Jane Doe; A: John Roe)`,
# `问=记者 答=王芳` (matched on the Simplified form too)
_IS = r"\s*(?:为|是|代表|指|=|:|：)\s*"
_KEY_NAME = (rf"(?:{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,2}}|[\u4e00-\u9fff]{{2,6}}?"
             r"(?=提问|回答|[\s,，;；、)）】\]]|$))")
_KEY = re.compile(rf"(?:^|[\s(（【\[下])(?:Q|问){_IS}(?P<host>{_KEY_NAME})\s*"
                  rf"(?:提问)?[,，;；、\s]+(?:A|答){_IS}(?P<guest>{_KEY_NAME})")


def interview_names(texts: list[str]) -> tuple[str | None, str | None]:
    """(host, guest) as the page around the dialogue names them (its title, intro and
    bylines, in that order); None where it does not."""
    host = guest = None
    for text in texts:
        key = _KEY.search(simplified(text))
        if key:
            host = host or _person(text[key.start("host"):key.end("host")])
            guest = guest or _person(text[key.start("guest"):key.end("guest")])
        guest = guest or _guest(text)
        by = _BY_HOST.search(text)
        name = by.group("name") if by else _header_name(_HEADER_HOST, text)
        if host is None and name and _person(name):
            host = _person(name)
    guest = guest or _subject(texts, host)
    return host, (guest if guest != host else None)


def _subject(texts: list[str], host: str | None) -> str | None:
    """The one person the page names besides the host, when a sentence opens with that name:
    `Ruth Okafor has planted oaks for forty years.` above a Q/A is about who answers."""
    named = {found.group(0) for text in texts for found in _FULL_NAME.finditer(text)
             if given_name(found.group(0).split()[0]) and _person(found.group(0))}
    named -= {host}
    if len(named) != 1:
        return None
    name = named.pop()
    opens = re.compile(rf"(?:^|[.!?]\s+){re.escape(name)}\b")
    return name if any(opens.search(text) for text in texts) else None


def _guest(text: str) -> str | None:
    found = _WITH_GUEST.search(text) or _ASKED_GUEST.search(text)
    name = found.group("name") if found else _header_name(_HEADER_GUEST, text)
    if name:
        return _person(name)
    zh = _ZH_GUEST.search(simplified(text))
    return _person(text[zh.start("name"):zh.end("name")]) if zh else None


def _header_name(header: re.Pattern[str], text: str) -> str | None:
    """The name a header line gives (`受訪者：唐鳳`), as written: matched on the line's
    Simplified form, which keeps every position."""
    line = text.strip()
    match = header.match(simplified(line))
    return line[match.start("name"):match.end("name")] if match else None


def _person(name: str) -> str | None:
    """The name, if it reads as a person's (not `The Kiln Project`)."""
    name = name.strip()
    return name if looks_like_person(name) else None


def answerer(turns: list[tuple[str, str]], speakers: list[str], opening: str) -> str | None:
    """The one named speaker who answers where a page also writes `答：`/`A:`: a press
    conference's spokesperson (`外交部发言人汪文斌主持例行记者会`) answers every reporter.

    `turns` are (speaker, words) in order; `opening` is the page's title and what stands
    above the dialogue. The speaker must be named there, alone among the named speakers, and
    answer: most of their turns follow a question someone else asked.
    """
    if not any(name.lower() in ANSWER_LABELS for name in speakers):
        return None
    opening = simplified(opening)
    named = [name for name in speakers if name.lower() not in ANSWER_LABELS
             and looks_like_person(name) and simplified(name) in opening]
    if len(named) != 1:
        return None
    after_question = said = 0
    for (before, asked), (speaker, _) in pairwise(turns):
        if speaker == named[0]:
            said += 1
            after_question += before != speaker and asked.rstrip()[-1:] in ("?", "？")
    return named[0] if said >= 2 and 2 * after_question > said else None
