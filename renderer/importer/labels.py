"""Speaker labels at the start of a block, in the many shapes transcripts write them.

A label is read from the block's plain text (markup is gone by now); the block's hints say
whether it was bold or named by the markup itself, which makes the label more certain.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ..script.voices import Role
from ..text import LATIN_LOWER, LATIN_UPPER, ends_sentence
from .document import Block
from .names import TITLES, common_word, given_name, looks_like_person
from .roles import is_role

# `00:12`, `1:02:03.5`, `10:14 AM` (a chat's clock)
TIME = r"\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?(?:\s?[AaPp]\.?[Mm]\.?(?![A-Za-z]))?"
# (never the colon inside a time: `Anna Berg 00:00:12` is no `Anna Berg 00` and its words)
_COLON = r"(?:[:：](?!(?<=\d:)\d))"
# a messenger's date and time before a message: `12/03/2026, 09:14`, `[12.03.26, 09:14:05]`
_CHAT_STAMP = rf"\[?\d{{1,4}}[./-]\d{{1,2}}[./-]\d{{1,4}},?\s+{TIME}\]?"
# a label's colon stands by its name; one far after it is a table's column (`DOE,      :`)
_NEAR = r"[ \t\u3000]{0,2}"
# a time or a span of time: `00:12`, `[00:00:02 - 00:00:10]`
_SPAN = rf"{TIME}(?:\s*(?:-->|[-–—~])\s*{TIME})?"
# a two-character name padded to the width of three (`王　菲：`) is that name
_CJK_PADDED = r"[\u4e00-\u9fff][ \u3000]{1,2}[\u4e00-\u9fff](?![\u4e00-\u9fff])"
_PADDED_NAME = re.compile(_CJK_PADDED)
# (an outlet's reporter is named longer: `中央广播电视总台央视记者：`)
_CJK_ONE = (rf"(?:{_CJK_PADDED}|[\u4e00-\u9fff]{{2,12}}(?:记者|記者)"
            rf"|[\u4e00-\u9fff][\u4e00-\u9fff·•]{{0,7}})")
# a joint label names several people who say the line together: `魏守斌、彭筱婷：`
CJK_NAME = rf"{_CJK_ONE}(?:、{_CJK_ONE}){{0,3}}"
# a capitalised word, initials, or initials with their full stops (`J.S.`)
_LATIN_WORD = (rf"(?:(?:[{LATIN_UPPER}]\.){{2,3}}"
               rf"|[{LATIN_UPPER}][{LATIN_UPPER}{LATIN_LOWER}'’\-]*\.?|[A-Z]{{1,3}}\.?)")
# what speaker diarization writes: SPEAKER_00, spk_1
_DIARIZED = r"(?i:speaker|spk)_\d{1,2}"
_PARTICLE = r"de|da|van|von|der|le|la|bin|al|del|di|du|#?\d{1,2}"
# up to five words: a title, three names and a suffix (Dr. Martin Luther King Jr.)
_LATIN_NAME = rf"{_LATIN_WORD}(?:\s(?:{_LATIN_WORD}|{_PARTICLE})){{0,4}}"
_BOOK_NAME = r"《[^《》\n]{1,12}》"
# titles written short, with a full stop: `Mr.`, `Dr.`, `Sen.`
_TITLE_ABBREVIATIONS = r"mrs?|ms|dr|prof|gen|sen|rep|gov|hon|rev|lt|col|capt|sgt"
# a name closed by a full stop, as plays and hearings write them: `MARGARET.`, `Mr. GIBBS.`,
# `Mr. JOHNSON of Georgia.` — only a title's full stop inside it
_PERIOD_WORD = rf"[{LATIN_UPPER}][{LATIN_UPPER}{LATIN_LOWER}'’\-]*"
_PERIOD_NAME = (rf"(?:(?i:{_TITLE_ABBREVIATIONS})\.\s)?"
                rf"{_PERIOD_WORD}(?:\s(?:{_PERIOD_WORD}|{_PARTICLE}|of)){{0,3}}")
_NUMBER_NAME = r"\d{1,2}"
# a Chinese name joined to Latin letters or digits, as media write their own (`36氪`, `AI前线`,
# `晚点LatePost`) and speech recognition numbers its speakers (`发言人1`, `说话人 2`)
_MIXED_NAME = (r"(?:[0-9A-Za-z]{1,10}[\u4e00-\u9fff]{1,8}"
               r"|[\u4e00-\u9fff]{1,8}[A-Za-z][0-9A-Za-z]{0,9}|[\u4e00-\u9fff]{1,4} ?\d{1,2})")
# a chat's user name, lower case, which only the time after it marks as a speaker's:
# `maria.chen  9:02 AM`
_HANDLE = r"@?[a-z][a-z0-9._\-]{1,29}"
# a research interview's participant code: `P07`, `R2`, `FG1` (`Q1`, `A1` number questions)
_CODE_NAME = r"(?![QA]\d)[A-Z]{1,3}\d{1,3}(?![\w.])"
_NAME = rf"(?:{CJK_NAME}|{_DIARIZED}|{_CODE_NAME}|{_LATIN_NAME}|{_BOOK_NAME}|{_MIXED_NAME})"
_ROLE_WORDS: dict[str, Role] = {
    "host": "host", "moderator": "host", "interviewer": "host", "主持人": "host", "主持": "host",
    "anchor": "host", "co-host": "host", "guest": "guest", "interviewee": "guest",
    "嘉宾": "guest", "受访者": "guest", "记者": "host", "嘉賓": "guest", "受訪者": "guest",
    "記者": "host"}
# the roles a television transcript writes before a name, longest first
_CJK_ROLE = "|".join(sorted((w for w in _ROLE_WORDS if "\u4e00" <= w[0] <= "\u9fff"),
                             key=len, reverse=True))
_CJK_TITLE_END = "[长長人员員官师師授席任理裁记記表监監家者生编編演士事]"
# a bracket after the name: an alias `（SA）`, a role `(Host)`, or something to leave aside
_PAREN = (r"(?:\s*[(（](?P<paren>[^()（）\n]{1,30})[)）]"
          # a second bracket after it, as parliaments write seat and party: `(Holborn) (Lab)`
          r"(?:\s*[(（][^()（）\n]{1,30}[)）])?)?")
# closed captions mark a new speaker with >>, some scripts with a dash; a parliament numbers
# its questions and their reference (`Q1. [901234] Mrs Flick Drummond (Meon Valley) (Con):`)
# what may stand before a label: a caption's `>>`, a dash, a question's number, or a mark
# that decorates every turn (`▌ 主持人：`, `● Anna:`)
_LEAD = (r"(?:>>\s*|[-–—]\s|Q?\d{1,3}\.\s+(?:\[\d{1,8}\]\s+)?(?=[^:\n]{1,80}\)\s*:)"
         r"|Q\d{1,3}\.\s+(?:\[\d{1,8}\]\s+)?"
         r"|[▌▍▎▏█■□◆◇●○•·▶►▷★☆※➤➜→]\s*"
         # an emoji before the role, as show notes mark who speaks: `🎙️ 主持人：`
         r"|[\U0001F300-\U0001FAFF\u2600-\u27BF]\uFE0F?\s*)?")
# an office in words: capitalized words and the small words between them
_OFFICE = (rf"[{LATIN_UPPER}][{LATIN_LOWER}]+(?:,?[ -](?:"
           rf"[{LATIN_UPPER}][{LATIN_UPPER}{LATIN_LOWER}'’\-]*|of|for|and|the|on|in|to|at|&)){{1,10}}")
_ROLE_SUFFIX = r"(?:\s*[,，]\s*(?P<role>[A-Za-z][A-Za-z .'\-]{1,30}|[\u4e00-\u9fff]{1,8}))?"

# (form, pattern); each pattern has groups `name` and `rest`, some also `role` and `alias`.
_FORMS: list[tuple[str, re.Pattern[str]]] = [
    ("bracket", re.compile(r"^【(?P<name>[^【】\s]{1,20})】\s*(?:[:：]\s*)?(?P<rest>.*)$")),
    ("bracket", re.compile(r"^\[(?P<name>[^\[\]\n]{1,40})\]\s*[:：]\s*(?P<rest>.*)$")),
    ("bracket-time", re.compile(
        rf"^\[(?P<name>[^\[\]\n]{{1,40}}?)\]\s*(?:[\[(]{TIME}[\])]|{TIME}(?!\S))\s*{_COLON}?\s*"
        r"(?P<rest>.*)$")),
    # a name in brackets and the words after it, as some recognizers write speakers:
    # `[Maria Lopez] Welcome back.` (`[laughs] …` names nobody: the evidence weighs it)
    ("bracket-plain", re.compile(rf"^\[(?P<name>{_NAME})\]\s+(?P<rest>\S.*)$")),
    ("time-line", re.compile(
        rf"^(?P<name>{_NAME}|{_HANDLE}){_ROLE_SUFFIX}(?:\s*{_COLON}\s*|\s*[·•|–—-]\s*|\s+)"
        rf"[\[(]?{_SPAN}[\])]?\s*(?P<rest>)$")),
    ("timestamp-first", re.compile(
        rf"^[\[(（]?{_SPAN}[\])）]?\s*(?P<name>{_NAME}){_ROLE_SUFFIX}\s*{_COLON}\s*(?P<rest>.*)$")),
    ("timestamp-after", re.compile(
        rf"^(?P<name>{_NAME}){_ROLE_SUFFIX}\s*[\[(（]{_SPAN}[\])）]\s*{_COLON}?\s*(?P<rest>.*)$")),
    # a role before the name, as television transcripts write it: `主持人 王小丫：`
    ("colon", re.compile(
        rf"^(?P<role>{_CJK_ROLE})[ \u3000]+(?P<name>{CJK_NAME})\s*{_COLON}\s*(?P<rest>.*)$")),
    # or what they are, as press conferences print it: `国家统计局局长 康义：` (a title ends
    # in one of the characters Chinese titles end in: 局长, 发言人, 研究员, 教授, 主任, 总监 …)
    ("colon", re.compile(
        rf"^(?P<role>[\u4e00-\u9fff]{{1,15}}{_CJK_TITLE_END})[ \u3000]+"
        rf"(?P<name>[\u4e00-\u9fff][\u4e00-\u9fff·]{{1,3}})\s*{_COLON}\s*(?P<rest>.*)$")),
    # an office written out, the person holding it in brackets, as parliaments print a
    # minister: `The Minister of State for Housing (Mr Peter Grant):` (see `_office_holder`)
    ("office", re.compile(
        rf"^{_LEAD}(?P<name>{_OFFICE})(?:\s*\((?P<paren>[^()\n]{{3,40}})\))?\s*:\s*"
        r"(?P<rest>.*)$")),
    ("colon", re.compile(
        rf"^{_LEAD}(?P<name>{_NAME}){_PAREN}{_ROLE_SUFFIX}{_NEAR}{_COLON}\s*(?P<rest>.*)$")),
    # a role in words of a sentence: `Audience member:`, `Unidentified speaker:`
    ("colon", re.compile(
        rf"^{_LEAD}(?P<name>[{LATIN_UPPER}][{LATIN_LOWER}]+(?:[ -][{LATIN_LOWER}]+){{1,2}}"
        rf"(?: #?\d{{1,2}})?)\s*{_COLON}\s*(?P<rest>.*)$")),
    # what the speaker does after a bar, as round tables print it: `张薇 | 木工工作室主理人：`
    ("colon", re.compile(
        rf"^(?P<name>{_NAME})\s*[|｜丨]\s*(?P<role>[^|｜丨:：\n]{{1,30}}?)\s*{_COLON}\s*"
        r"(?P<rest>.*)$")),
    # a dash instead of a colon: `ROSA – Thanks for having me.`
    ("dash", re.compile(rf"^(?P<name>{_LATIN_NAME}|{CJK_NAME}){_PAREN}\s+(?:——|—|–|--?)\s+"
                        r"(?P<rest>\S.*)$")),
    # numbered questions and answers: `Q1：` `A1：` `问3：`
    ("colon", re.compile(rf"^(?P<name>[QA问答問])\s?\d{{1,3}}\s*{_COLON}\s*(?P<rest>.*)$")),
    ("number", re.compile(rf"^(?P<name>{_NUMBER_NAME})\s*{_COLON}(?!\d)\s*(?P<rest>.*)$")),
    ("spaced", re.compile(r"^(?P<name>Q|A)(?: {2,}|\t)(?P<rest>\S.*)$")),
    # a press briefing's reporter, once its spaces are collapsed: `Q Thank you, Karine.`
    # (`A` so written opens sentences: `A dog barked.`)
    ("spaced", re.compile(r"^(?P<name>Q) (?P<rest>[A-Z].*)$")),
    # Chinese scripts write no colon, only a space: `甲　今天咱俩说段相声。` `郭德纲 你好`
    # (Chinese puts no space between words, so a short name and a space open a turn)
    # (`（` is matched as `(`: the label is read with full-width forms made plain)
    ("cjk-spaced", re.compile(r"^(?P<name>[\u4e00-\u9fff]{1,4})[ \u3000]+"
                              r"(?P<rest>[\u4e00-\u9fff“‘「(《].*)$")),
    # print interviews: "Q. How did …" / "A. Well, …" (needs both to recur, like a colon;
    # before the columns: a deposition's `Q.   Where were you?` is not named `Q.`)
    ("dotted", re.compile(r"^(?P<name>Q|A)\.\s+(?P<rest>\S.*)$")),
    # a two-column table copied as text: `Anna Berg<TAB>Welcome to the show.`, or the
    # columns lined up with spaces: `JANE ROE       Thank you.`
    ("tab", re.compile(rf"^(?P<name>{_NAME}){_PAREN}(?:\t+| {{3,}})(?P<rest>\S.*)$")),
    # a chat log: `19:02 <kmartin> first item: …` (IRC, Matrix and their exports)
    ("chat", re.compile(rf"^(?:[\[(]?{TIME}[\])]?\s+)?<[@+%~&]?(?P<name>[^<>\s]{{1,30}})>\s+"
                        r"(?P<rest>\S.*)$")),
    # a messenger's export: `12/03/2026, 09:14 - Tom Becker: Morning!` (Android WhatsApp),
    # `[12.03.26, 09:14:05] Tom Becker: Morning!` (iOS)
    ("chat", re.compile(rf"^{_CHAT_STAMP}\s*(?:[-–—]\s*)?(?P<name>{_NAME})"
                        rf"\s*{_COLON}\s*(?P<rest>.*)$")),
    # a full stop ends sentences far more often than names: see `_reads_as_name`
    ("period", re.compile(rf"^(?P<name>{_PERIOD_NAME})\.\s+(?P<rest>\S.*)$")),
]
# a name alone on a bold line (or in capitals on its own line), the words following below
_NAME_LINE = re.compile(rf"^(?P<name>{_DIARIZED}|{_LATIN_NAME}|{CJK_NAME})$")
_SAYS = set("说說问問答道")
_HONORIFICS = {"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady", "rt", "hon"}
_MARKED_NAME_LINE = re.compile(rf"^\[(?P<name>{_NAME})\]$"
                               rf"|^[\[(]?{TIME}[\])]?\s*(?:[-–—|·]\s*)?(?P<timed>{_NAME})$")
# the same with a bracket after it, as parliaments print who rises to speak:
# `Keir Starmer (Holborn and St Pancras) (Lab)`, `The Prime Minister (Rishi Sunak)`
_BRACKETED_NAME_LINE = re.compile(rf"^{_LEAD}(?P<name>{_LATIN_NAME}|{CJK_NAME}){_PAREN}$")
# an office over the words its holder says: `The Minister of State for Housing (Mr Peter Grant)`
_OFFICE_LINE = re.compile(rf"^{_LEAD}(?P<name>{_OFFICE})\s*\((?P<paren>[^()\n]{{3,40}})\)$")
# `田间（以下简称田）`: the short name the article goes on to use
_INTRODUCED = re.compile(r"^(?:以下|下文|下)?(?:简称|簡稱|称|稱)\s*|^(?i:hereafter|hereinafter)\s+")
_HEADING_TIME = re.compile(rf"^[\[(（]?{TIME}[\])）]?\s*[-–—|·]?\s*"
                           rf"|\s*[-–—|·]?\s*[\[(（]?{TIME}[\])）]?$")
_DATED_TIME = re.compile(rf"{_CHAT_STAMP}(?:\s|$)")
_TIME_OPENING = re.compile(rf"[\[(（]?{TIME}[\])）]?(?:\s+|$)")
BRACKET_TIME = re.compile(rf"\[[^\[\]\n]{{1,40}}\]\s*[\[(]{TIME}[\])]")
# who asks, in brackets after `Q:`: `(Ana Ruiz, City Herald)`, `（王明，新华社）`
_QUESTIONER = re.compile(r"[(（](?P<person>[^()（）,，、;；]{2,40}?)\s*"
                         r"(?:[,，、;；][^()（）]{0,60})?[)）]\s*")
_LABEL_REACH = 80  # no label is longer
# the small words a description of who someone is holds: `Head of Investor Relations`
_DESCRIPTION_GLUE = {"of", "and", "for", "the", "at", "&", "--", "-", "–", "—", "|"}
_FULL_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_DASH_AFTER = re.compile(r"\s*[—–]\s*|\s+-\s+")
# forms that name a speaker beyond doubt; a plain `Name:` could also be a sentence
STRONG_FORMS = {"markup", "bracket", "bracket-time", "time-line", "timestamp-first",
                "timestamp-after", "spaced", "chat"}

@dataclass
class Label:
    """A speaker label found at the start of a block (or inside it, for run-together turns)."""

    name: str
    form: str
    rest: str
    role: Role | None = None
    alias: str | None = None
    timestamp: bool = False
    person: str | None = None  # who a role label names beside it: `HOST (Dana Fields)`
    strong: bool = False  # written in bold (or named by the markup)
    start: int = 0  # where the label starts in the block's text


def parse_label(block: Block) -> Label | None:
    """The speaker label at the start of a block, if it has one of the known shapes.

    A heading counts only when it is a label and nothing else (`### 唐鳳：`): the words
    follow in the paragraphs below it.
    """
    if block.kind == "heading":
        # `## Anna Berg (00:12)`, `## [00:00:07] Guest`: the time makes it a label for sure
        text = _HEADING_TIME.sub("", block.text.strip())
        timed = text != block.text.strip()
        label = read_label(text)
        if label is None:
            bare = _bare_heading(text)
            if bare is not None and timed:
                return Label(name=bare.name, form="heading", rest="", timestamp=True,
                             strong=True)
            return bare
        if label.rest or label.form != "colon":
            return None
        return Label(name=label.name, form="heading", rest="", role=label.role,
                     alias=label.alias, person=label.person, strong=True,
                     timestamp=timed)
    if block.kind != "text":
        return None
    if block.speaker:
        return _markup_label(block)
    return read_label(block.text, block.strong) or _name_line(block)


def _name_line(block: Block) -> Label | None:
    """`**Lex Fridman**`, `JOHN SMITH` or `王海生` alone on a line (not the last line of a
    wrapped paragraph): a label whose words follow."""
    text = block.text.strip()
    role = alias = person = None
    # `[Ann]`, `00:00:01 Ann`: a name marked by brackets or a time is as sure as a bold one
    marked = _MARKED_NAME_LINE.match(text)
    if marked:
        name = (marked.group("name") or marked.group("timed")).strip()
        if not (_names_person(name) or is_role(name)):
            return None  # a sound or a note, not a name: `[MUSIC]`, `[Laughter]`, `0:00 Intro`
        text = name
    plain = _NAME_LINE.match(text)
    office = None if plain else _OFFICE_LINE.match(text)
    holder = office and _office_holder(office.group("name"), office.group("paren"))
    bracketed = None if plain or holder else _BRACKETED_NAME_LINE.match(text)
    if office and holder:  # the holder speaks; the office, written alone later, is them
        text, alias = holder, office.group("name")
    elif bracketed and bracketed.group("paren"):
        text = bracketed.group("name").strip()
        paren = _INTRODUCED.sub("", bracketed.group("paren").strip())
        role, alias, person = _bracketed(text, paren, None)
    elif not plain:
        return None
    if not plausible_name(text):
        return None
    if text.endswith(".") and not ABBREVIATION.search(text):
        text = text[:-1]  # a play's `HAMLET.` over the verse it speaks
        if not _reads_as_name(text):
            return None
    capitals = text.isupper() and sum(ch.isalpha() for ch in text) >= 3
    if block.all_strong() or capitals or marked:
        # a heading looks much the same: recurrence and the words below tell them apart
        form = "name-line"
    elif not block.soft:
        form = "bare-name"
    else:
        return None
    return Label(name=text, form=form, rest="", role=role, alias=alias, person=person,
                 timestamp=bool(marked and marked.group("timed")), strong=block.all_strong())


def _bare_heading(text: str) -> Label | None:
    """`## Anna Berg` with her words below: a name as a heading (a bare name, weighed so)."""
    if _NAME_LINE.match(text) and plausible_name(text):
        return Label(name=text, form="bare-name", rest="")
    return None


def keep_bare_names(labels: list[Label | None]) -> bool:
    """Whether names alone on plain lines are this document's labels: only where no other
    shape of label recurs for two names (there, a bare name is a caption or a heading)."""
    return not _others_recur(labels, {"bare-name"})


def keep_period_names(labels: list[Label | None]) -> bool:
    """Whether names closed by a full stop are this document's labels: only where no other
    shape of label (a colon, bold, a time) recurs for two names — there, `Mr. President.`
    opening a paragraph is said to the chair, not a label."""
    return not _others_recur(labels, {"period", "dotted", "bare-name"})


def _others_recur(labels: list[Label | None], weak: set[str]) -> bool:
    """Whether labels of shapes other than `weak` name two people more than once each
    (a name and who they are after a dash stands on its own line as a bare name does)."""
    counts = Counter(label.name for label in labels if label is not None
                     and label.form not in weak and not describes(label))
    return sum(1 for n in counts.values() if n >= 2) >= 2


def describes(label: Label) -> bool:
    """A name with who they are after a dash, not words they say: `Jane Park -- Head of
    Investor Relations`, `Raj Mehta -- Goldman Sachs -- Analyst`."""
    words = label.rest.split()
    return (label.form == "dash" and 0 < len(words) <= 8 and not ends_sentence(label.rest)
            and all(word[:1].isupper() or word in _DESCRIPTION_GLUE for word in words))


def stray_name_lines(labels: list[Label | None]) -> set[int]:
    """Where a name stands alone on a plain line although the document writes it with its
    words after it more often (`INSPECTOR REID` in a play's cast list, then `INSPECTOR REID.
    Good evening.`): a mention, not a label."""
    inline = Counter(label.name for label in labels if label is not None and label.rest)
    alone = Counter(label.name for label in labels if label is not None and _stray(label))
    return {i for i, label in enumerate(labels)
            if label is not None and _stray(label) and inline[label.name] > alone[label.name]}


def _stray(label: Label) -> bool:
    return label.form in ("name-line", "bare-name") and not label.strong


def starts_with_time(text: str) -> bool:
    """Whether `text` opens with a time (`00:12`, `(00:00:00) The following…`, `3:12 – Robots`)."""
    return _TIME_OPENING.match(text) is not None


def starts_with_stamp(text: str) -> bool:
    """Whether `text` opens with a time, or a date and a time (`12/03/2026, 09:14 - …`)."""
    return starts_with_time(text) or _DATED_TIME.match(text) is not None


def name_before_time(block: Block, following: Block) -> bool:
    """A name alone on its line with the time on the next (`Lex Fridman` / `(00:00:00) The
    following…`, `Speaker 1` / `00:00`): one label written over two lines. Not when the
    time opens a label of its own (`**Transcript**` / `[00:00:00] Tom Miller: Welcome…`)."""
    text = block.text.strip()
    return (block.kind == following.kind == "text" and starts_with_time(following.text)
            and _NAME_LINE.match(text) is not None and plausible_name(text)
            and read_label(text) is None and read_label(following.text) is None)


def read_label(text: str, strong: tuple[tuple[int, int], ...] = (), start: int = 0
               ) -> Label | None:
    """The label at the start of `text` (offsets in `strong` are relative to the whole)."""
    if text.startswith("【【"):
        return None
    # `Ｑ：` is `Q:`; a label stands at the start, and the same length keeps the offsets
    plain = text[:_LABEL_REACH].translate(_FULL_WIDTH) + text[_LABEL_REACH:]
    for form, pattern in _FORMS:
        match = pattern.match(plain)
        if not match:
            continue
        name = match.group("name").strip()
        if _PADDED_NAME.fullmatch(name):
            name = name[0] + name[-1]
        if name[-1:] in _SAYS and (looks_like_person(name[:-1]) or is_role(name[:-1])):
            name = name[:-1]  # `张三说：`, `记者问：`: the verb is not the name
        groups = match.groupdict()
        bold = any(a <= start + match.start("name") < b for a, b in strong)
        if form == "office":  # `…, Communities and Local Government (Ruth Okafor):`
            holder = _office_holder(name, groups["paren"] or "")
            if holder is None and not (groups["paren"] is None and _office(name)):
                continue
            return Label(name=holder or name, form="colon", alias=holder and name,
                         rest=text[match.start("rest"):].strip(),
                         strong=bold, start=start)
        if not plausible_name(name) or (form == "period" and not _reads_as_name(name)):
            continue
        by_role = is_role(name)
        if name[1:].islower() and " " in name and not by_role:
            continue  # words in sentence case name a speaker only as a role
        paren = _INTRODUCED.sub("", (groups.get("paren") or "").strip())
        role, alias, person = _bracketed(name, paren, groups.get("role"))
        rest, timed = _without_time(text[match.start("rest"):match.end("rest")].strip())
        asker = _QUESTIONER.match(rest) if by_role else None
        if asker and _names_person(asker.group("person")):
            # `Q: (Ana Ruiz, City Herald) Mayor, …`: the role names who asks, each time
            name, rest, alias, person = asker.group("person"), rest[asker.end():], None, None
        return Label(
            name=name,
            form=form,
            rest=rest,
            role=role,
            alias=alias,
            person=person,
            timestamp=timed or form.startswith(("timestamp", "time", "bracket-time"))
            or bool(re.fullmatch(TIME, paren)),
            strong=bold,
            start=start,
        )
    return _bold_lead(text, strong, start)


def role_word(word: str) -> Role | None:
    """The role a word names (`Interviewer` hosts, `受访者` is the guest), if it names one."""
    return _ROLE_WORDS.get(word.strip().lower())


def _bracketed(name: str, paren: str, role: str | None
               ) -> tuple[Role | None, str | None, str | None]:
    """What a bracket after a name says: a role `(Host)`, an alias `（SA）` or, beside a
    role, the person `HOST (Dana Fields)`; as (role, alias, person)."""
    alias = paren if re.fullmatch(r"[A-Z]{1,5}|[\u4e00-\u9fff]{1,4}", paren) else None
    if paren.lower() in _ROLE_WORDS:
        role, alias = paren, None
    # `HOST (Dana Fields)`, `主持人（李响，科技记者）`: the person first, what they do after
    first = re.split(r"\s*[,，、;；]\s*", paren, maxsplit=1)[0]
    person = first if is_role(name) and _names_person(first) else None
    return (_ROLE_WORDS.get(role.strip().lower()) if role else None), alias or person, person


def _office_holder(office: str, paren: str) -> str | None:
    """The person in `The Prime Minister (Keir Starmer)`: an office (it opens with `The` or
    holds an office's word, not an honorific) and a person in the brackets, else None."""
    words = office.lower().replace("-", " ").split()
    if words[0] in _HONORIFICS or not (words[0] == "the" or TITLES.intersection(words)
                                        or is_role(office)):
        return None  # `Mrs Jane Miller (Hazel Grove)`: a member and her seat
    named = [w for w in office.split() if w.lower() not in TITLES]
    if words[0] != "the" and named and looks_like_person(" ".join(named)):
        return None  # `Professor Emma Stone (Oxford Brookes)`: a person and where she works
    person = paren.strip()
    bare = person.split()
    while len(bare) > 1 and bare[0].lower().rstrip(".") in _HONORIFICS:
        bare = bare[1:]
    # given name and surname (`Rishi Sunak`: a name the list of given names may not hold)
    return person if len(bare) > 1 and looks_like_person(" ".join(bare)) else None


def _office(text: str) -> bool:
    """An office written out after its holder was named: `The Secretary of State for …`."""
    words = text.lower().replace("-", " ").replace(",", "").split()
    return words[0] == "the" and len(words) > 2 and bool(TITLES.intersection(words))


def _names_person(text: str) -> bool:
    """A Chinese name, or given name and surname: 张婷, Dana Fields — not an outlet or a note."""
    if not looks_like_person(text):
        return False
    return bool(re.match(r"[\u4e00-\u9fff]", text)) or given_name(text.split()[0].lower())


def _reads_as_name(name: str) -> bool:
    """Whether the words before a full stop are a name rather than a short sentence (`Yes.`,
    `Thank You.`): a title or an office before it, a word in capitals or a word that is not
    a common one."""
    words = name.split()
    if ABBREVIATION.search(f"{words[-1]}."):
        return False  # `Mr. Whitcomb, you are…` wrapped after its title
    if len(words) > 1 and len(words[-1]) == 1:
        return False  # a middle initial: `Raymond A. Meier`
    if len(words) > 1 and (words[0].endswith(".") or words[0].lower() in TITLES):
        return True  # `Mr. Brown.`, and an office before a name: `Chairman Brown.`
    return any((len(word) > 1 and word.isupper()) or not common_word(word) for word in words)


def _bold_lead(text: str, strong: tuple[tuple[int, int], ...], start: int) -> Label | None:
    """A bold name opening the line with no colon: `0:00:13.9 **Jen Luker** I'm Jen.`"""
    lead = _TIME_OPENING.match(text)
    offset = lead.end() if lead else 0
    for a, b in strong:
        if a - start != offset:
            continue
        name = text[offset:b - start].strip().rstrip("—–- ")
        after = text[b - start:]
        # `**Reporter** — Mayor Lee, …`: a dash between the name and the words
        dash = _DASH_AFTER.match(after)
        rest = after[dash.end():] if dash else after.strip()
        # a label stands apart from what it introduces: `**换脸本身** ，是…` is a sentence
        apart = (after[:1].isspace() and rest[:1].isalnum()) or rest[:1] in "\"“'‘([（"
        if rest and apart and _NAME_LINE.match(name) and plausible_name(name):
            return Label(name=name, form="bold-lead", rest=rest, timestamp=bool(lead),
                         strong=True, start=start)
    return None


def _markup_label(block: Block) -> Label:
    name = block.speaker or ""
    text = block.text
    rest = text[len(name):] if text.startswith(name) else text
    rest, timed = _without_time(re.sub(r"^\s*[:：\-–—]\s*", "", rest).strip())
    return Label(name=name.strip(), form="markup", rest=rest, strong=True, timestamp=timed)


def _without_time(rest: str) -> tuple[str, bool]:
    """The words after a label without the time that opens them (`唐鳳 14:02`, `Kim: [00:12]
    Hello`), and whether there was one."""
    time = _TIME_OPENING.match(rest)
    return (rest[time.end():], True) if time else (rest, False)


def plausible_name(name: str) -> bool:
    """Whether a label's name could be a name at all (not a sentence or a phrase).

    Words that usually introduce metadata (`Source:`, `编辑：`) are not ruled out here: they
    are evidence against a label (see `label_words.metadata_word`), weighed with the rest.
    """
    if not name or len(name) > 40:
        return False
    if name.startswith("《") and name.endswith("》"):
        return True
    if SCREEN_DIRECTION.match(name):
        return False
    return not any(ch in name for ch in "，。！？,!?;；\"“”《》")


# a screenplay's scene heading, where the scene is and when (`INT. FERRY CABIN - NIGHT`),
# and its transitions: directions, never a speaker's name
SCREEN_DIRECTION = re.compile(r"^(?:(?:INT|EXT|INT\./EXT|EXT\./INT|I/E)\.\s\S.*"
                              r"|(?:FADE (?:IN|OUT)|(?:SMASH |MATCH )?CUT TO|DISSOLVE TO)[:.])$")

# a full stop that ends a title or an initial (`MR.`, `Dr.`, `J.`), not a sentence
ABBREVIATION = re.compile(rf"(?:^|[\s(])(?i:{_TITLE_ABBREVIATIONS}|st|jr|sr|mt|vs|no)\.$"
                          r"|(?:^|[\s(.])[A-Z]\.$")
