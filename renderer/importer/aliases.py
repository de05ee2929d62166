"""Which labels name the same person, by evidence: never two different people merged.

A person is often labelled in more than one way. Merged on evidence the document gives:

- an alias it introduces itself: `Shaun Apps（SA）：` then `SA：`, `田间（以下简称田）`, or in
  its words: `嘉宾：林志远（以下简称 LZY）`, `Dana Fields (hereafter DF)`, `Jane Smith (JS)`;
- the same name in another case, or with an article: `BEN` and `Ben`, `The Chairman` and
  `Chairman`;
- a full name, then its first name, surname or initials, when exactly one full name fits
  (`Ben Striegel` … `Ben`, `PETER SAGAL` … `SAGAL`, `AA` for the front matter's Andreas
  Antonopoulos, `PN` for the Priya Nair the opening introduces; `舛友雄大` … `舛`);
- a typo within a recurring label: one letter swapped, added or dropped in a rare form of a
  name written far more often (`Saifa` for `Safia`), or a Chinese name with one character
  replaced by another of the same sound (`呂世暘` / `呂士暘`: an input-method slip); in a
  dialogue of two, a one-character label of the same sound as another that, like it, only
  ever answers the same third one (`乙` and `已`, both yǐ, each taking turns with `甲`).

What looks alike but lacks that evidence (`林嘉豪` / `陳嘉豪`: another surname; `M` beside
`MICHAEL`) stays apart and is reported as a decision to check.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from .labels import Label
from .names import (
    ADDRESS_FORMS,
    TITLES,
    addressed_surname,
    common_word,
    given_name,
    looks_like_person,
    surname_shaped,
)
from .roles import is_role

_TITLES = TITLES | {"the"}
_PARTICLES = {"de", "da", "van", "von", "der", "le", "la", "bin", "al", "del", "di", "du"}
_CJK_NAME = re.compile(r"[\u4e00-\u9fff]{2,4}")
_CJK_LABEL = re.compile(r"[\u4e00-\u9fff]{1,4}")
_SERIES = set("甲乙丙丁戊一二三四五六七八九")  # how a script counts its parts: 演员甲, 观众乙
# `Jane Smith (JS)`: a name and its initials in brackets
_INITIALS = re.compile(
    r"(?P<full>[A-Z][a-z]+(?: [A-Z][a-z]+){1,2})\s*[(（](?P<short>[A-Z]{2,3})[)）]")
_THE = re.compile(r"^the\s+")
_OPENING = 2000  # characters of the words where a host introduces the people who speak
_RARE = 0.25  # a typo form is used at most this often, relative to the name it misspells
# `林志远（以下简称 LZY）`, `Dana Fields (hereafter "DF")`: a name and the short form it gets
_INTRODUCTION = re.compile(
    r"(?P<full>[\u4e00-\u9fff]{2,4}|[A-Z][a-z]+(?: [A-Z][a-z]+){1,2})\s*[（(]\s*"
    r"(?:(?:以下|下文|下)?(?:简称|簡稱)|(?i:hereafter|hereinafter))[\s:：]*[“\"「]?"
    r"(?P<short>[\u4e00-\u9fff]{1,4}|[A-Za-z]{1,5})[”\"」]?\s*[）)]")


@dataclass(frozen=True)
class Likeness:
    """Two names that may be one person, how sure that is, and why."""

    name: str
    other: str
    merged: bool
    reason: str


def people(labels: list[Label | None], names: list[str], positions: dict[str, list[int]],
           known: list[str], spoken: str) -> tuple[dict[str, str], list[Likeness]]:
    """Map every label name to one name per person (the fullest form), and the near misses.

    `names`: the label names that may be merged (speakers and their likely aliases);
    `positions`: the paragraphs each name labels; `spoken`: the words outside the labels.
    """
    person = {name: name for name in names}
    for label in labels:  # `Shaun Apps（SA）` introduces SA
        if not label or label.name not in person or label.alias not in person:
            continue
        if label.person:  # `MODERATOR (Jane Park)`, where Jane Park also labels turns
            person[label.name] = label.person
        else:
            person[label.alias] = label.name
    introduced = [(m.group("full"), m.group("short")) for m in _INTRODUCTION.finditer(spoken)]
    introduced += [(m.group("full"), m.group("short")) for m in _INITIALS.finditer(spoken)
                   if "".join(w[0] for w in m.group("full").split()) == m.group("short")]
    for full, short in introduced:  # `林志远（以下简称 LZY）`, `Jane Smith (JS)` in the intro
        if short in person and person[short] == short and short != full:
            person[short] = person.get(full, full)
    by_case: dict[str, str] = {}
    for name in names:  # `BEN` is `Ben`; `Prime Minister` is `The Prime Minister`
        first = by_case.setdefault(_THE.sub("", name.lower()), name)
        if first != name:
            person[name] = first
    # one form per person: `JANE PARK` and `Jane Park` are one full name `Park` may shorten
    _follow_chains(person)
    known = [*known, *_spelled_out(names, spoken[:_OPENING]),
             *_named_in_full(names, spoken[:_OPENING])]
    _shortened_names(names, person, known)
    order = [label.name for label in labels if label and label.name in person]
    likeness = _typos(names, positions, person, spoken, order)
    for found in likeness:
        if found.merged:
            person[found.name] = found.other
    _follow_chains(person)
    # a typo merged leaves one full name where there were two: `DB` is Daniel Brooks once
    # `Danial Brooks` is
    _shortened_names(names, person, known)
    _follow_chains(person)
    return person, likeness + _initial_letters(names, person)


def _shortened_names(names: list[str], person: dict[str, str], known: list[str]) -> None:
    """Each name not yet merged that shortens exactly one full name becomes that person."""
    # one entry a person: `Chad Myers` in the opening is the label `CHAD MYERS`
    by_case = {n.lower(): n for n in reversed([*(person[n] for n in names), *known])}
    full_names = [n for n in by_case.values() if len(_words(n)) > 1 or _CJK_NAME.fullmatch(n)]
    for name in names:
        if person[name] != name:
            continue
        target = _full_name_of(name, [f for f in full_names if f != name])
        if target:
            person[name] = person.get(target, target)


def _follow_chains(person: dict[str, str]) -> None:
    """A chain (SA → Shaun Apps → …) ends at one name."""
    for name in list(person):
        seen = {name}
        while person.get(person[name], person[name]) not in seen:
            person[name] = person.get(person[name], person[name])
            seen.add(person[name])


def _typos(names: list[str], positions: dict[str, list[int]], person: dict[str, str],
           spoken: str, order: list[str]) -> list[Likeness]:
    """Pairs of names one slip apart: merged when the evidence says typo, else reported.

    A typo is rare beside the name it misspells, or (a spelling changed part-way through a
    transcript) the two forms label different stretches of it. A name the speakers
    themselves say is a real name, not a typo.
    """
    found: list[Likeness] = []
    # each person with all the labels that name them: `JD` is Jane Doe, whom `Jnae` misspells
    count: dict[str, int] = {}
    where: dict[str, list[int]] = {}
    first: dict[str, int] = {}
    for index, name in enumerate(names):
        target = person[name]
        count[target] = count.get(target, 0) + len(positions[name])
        where[target] = sorted([*where.get(target, []), *positions[name]])
        first.setdefault(target, index)
    heads = [n for n in names if person[n] == n]
    for name in heads:
        for other in first:
            if other == name or count[other] < count[name] or (
                    count[other] == count[name] and first[other] > first[name]):
                continue
            if is_role(name) and is_role(other):
                continue  # Interviewer and Interviewee: two roles, not a slip
            reason = _slip(name, other, names)
            if reason is None:
                continue
            rare = count[name] <= max(2, _RARE * count[other])
            apart = _overlap(where[name], where[other]) < 0.2
            said = _CJK_LABEL.fullmatch(name) is None and re.search(
                rf"\b{re.escape(name)}\b", spoken) is not None
            same_sound = reason.startswith("same sound")
            merged = (not reason.startswith(("surname", "one character")) and not said
                      and (rare or (apart and same_sound) or (
                          same_sound and len(name) == 1
                          and _one_partner(name, other, [person[n] for n in order]))))
            if merged and is_role(name) and not is_role(other):
                name, other = other, name  # `已` slips for the crosstalk role `乙`, not back
            found.append(Likeness(name, other, merged, reason))
            break
    return found


def _overlap(a: list[int], b: list[int]) -> float:
    """How much the stretches two names label overlap, relative to the shorter one."""
    low, high = max(a[0], b[0]), min(a[-1], b[-1])
    shorter = min(a[-1] - a[0], b[-1] - b[0]) or 1
    return max(0, high - low) / shorter


def _slip(name: str, other: str, names: list[str]) -> str | None:
    """How `name` is one slip away from `other` (or one of its words), or None."""
    if _CJK_NAME.fullmatch(name) and _CJK_NAME.fullmatch(other) and len(name) == len(other):
        diff = [i for i, (a, b) in enumerate(zip(name, other, strict=True)) if a != b]
        if len(diff) != 1:
            return None
        i = diff[0]
        if i == 0 and name[1:] in ADDRESS_FORMS:
            return None  # 王老师 and 李老师: two people one addresses alike
        if name[i] in _SERIES and other[i] in _SERIES:
            return None  # 演员甲 and 演员乙: the parts of a script, counted
        if _sound(name[i]) == _sound(other[i]) and i > 0:
            return f"same sound: {name[i]} and {other[i]} are both read {_sound(name[i])}"
        return "surname differs" if i == 0 else "one character differs"
    if len(name) == len(other) == 1 and _CJK_LABEL.fullmatch(name + other):
        reading = _tone_sound(name)
        return (f"same sound: {name} and {other} are both read {reading}"
                if reading == _tone_sound(other) else None)
    if name.isdigit() and other.isdigit():
        numbers = [n for n in names if n.isdigit()]
        sequential = int(name) <= len(numbers) + 1  # speakers 1, 2, 3 … — but not 31
        if not sequential and _edits(name, other) == 1:
            return f"a number out of the sequence, one digit from {other}"
        return None
    words, others = name.split(), other.split()
    if not all(word.isalpha() for word in words + others):
        return None
    if len(words) == len(others) > 1:  # one word misspelt: Jen Lukre, not Senator R/M
        pairs = [(a, b) for a, b in zip(words, others, strict=True) if a != b]
        # the words that agree hold it to one person: Dan More beside Dan Moore
        return _word_slip(*pairs[0], shortest=4) if len(pairs) == 1 else None
    if len(words) == 1:  # a first name or surname misspelt: Saifa for Safia (Abdalla)
        return next((slip for word in [other, *others] if (slip := _word_slip(name, word))),
                    None)
    return None


def _word_slip(word: str, other: str, shortest: int = 5) -> str | None:
    """One slip within a word of four letters or more: two letters swapped, or (in a word
    of `shortest` letters or more) one letter added, dropped or changed."""
    if min(len(word), len(other)) < 4 or _edits(word.lower(), other.lower()) != 1:
        return None
    if sorted(word.lower()) == sorted(other.lower()):
        return f"two letters of {other} swapped"
    return f"one letter from {other}" if len(word) >= shortest else None


def _initial_letters(names: list[str], person: dict[str, str]) -> list[Likeness]:
    """`M` beside `MICHAEL`: the same initial, maybe the same person (never merged)."""
    found = []
    people_ = list(dict.fromkeys(person[n] for n in names))
    for name in names:
        if person[name] != name or not re.fullmatch(r"[A-Z]", name) or name in ("Q", "A"):
            continue
        matches = [p for p in people_ if p != name and p[:1].upper() == name
                   and not re.fullmatch(r"[A-Z]{1,4}", p)]
        if len(matches) == 1:
            found.append(Likeness(name, matches[0], False,
                                  f"{name} is the initial of {matches[0]}"))
    return found


def _sound(ch: str) -> str:
    from pypinyin import Style, lazy_pinyin  # a quarter second, for Chinese names only

    return lazy_pinyin(ch, style=Style.NORMAL)[0]


def _tone_sound(ch: str) -> str:
    from pypinyin import Style, lazy_pinyin

    return lazy_pinyin(ch, style=Style.TONE3, neutral_tone_with_five=True)[0]


def _one_partner(name: str, other: str, order: list[str]) -> bool:
    """Whether two labels never take turns with each other and both only ever with the
    same one person: one speaker of a dialogue of two, labelled two ways."""
    partners: set[str] = set()
    for before, after in itertools.pairwise(order):
        if before == after:
            continue
        if {before, after} == {name, other}:
            return False
        if before in (name, other):
            partners.add(after)
        if after in (name, other):
            partners.add(before)
    return len(partners) == 1


def _edits(a: str, b: str) -> int:
    """Optimal string alignment distance (a swap of neighbours counts as one edit)."""
    if abs(len(a) - len(b)) > 1:
        return 2
    rows = [list(range(len(b) + 1))]
    for i in range(1, len(a) + 1):
        row = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            row[j] = min(rows[-1][j] + 1, row[j - 1] + 1, rows[-1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                row[j] = min(row[j], rows[-2][j - 2] + 1)
        rows.append(row)
    return rows[-1][-1]


def _words(name: str) -> list[str]:
    return [w.strip(".").lower() for w in name.split() if w.strip(".")]


def _initials(name: str) -> str | None:
    """`JS`, and `J.S.` written with its full stops, as `JS`."""
    if re.fullmatch(r"(?:[A-Z]\.){2,4}", name):
        return name.replace(".", "")
    return name if re.fullmatch(r"[A-Z]{2,4}", name) else None


def _initials_of(name: str) -> str:
    words = [w for w in name.split() if w.lower() not in _PARTICLES]
    return "".join(w[0].upper() for w in words if w[:1].isalpha()) if len(words) > 1 else ""


def _spelled_out(names: list[str], opening: str) -> list[str]:
    """People the opening names in full whose initials label turns: `Priya Nair` for `PN`
    (`Today I'm talking with Priya Nair`)."""
    found: list[str] = []
    for name in names:
        if _initials(name):
            pattern = r"\b" + " ".join(f"{letter}[a-z]+" for letter in name) + r"\b"
            found += [m for m in re.findall(pattern, opening)
                      if given_name(m.split()[0]) and looks_like_person(m)]
    return list(dict.fromkeys(found))


def _named_in_full(names: list[str], opening: str) -> list[str]:
    """People the opening names in full whose surname labels turns, alone or with a way to
    address them: `王建国` for `王` or `王教授` (`本期嘉宾：同济大学教授王建国`), `Helen Brandt`
    for `BRANDT` (`spoke with glaciologist Helen Brandt`); a surname two people of the
    opening share names nobody."""
    found: list[str] = []
    for name in names:
        surname = name if re.fullmatch(r"[\u4e00-\u9fff]", name) else addressed_surname(name)
        if surname:
            # (a name ends where the sentence's punctuation or an `and` does: 赵明和赵亮)
            full = {m for m in re.findall(
                rf"{surname}[\u4e00-\u9fff]{{1,2}}(?=[^\u4e00-\u9fff]|[和与與及跟同]|$)",
                opening) if looks_like_person(m) and addressed_surname(m) is None}
        elif re.fullmatch(r"[A-Z][A-Za-z'’\-]+", name) and not is_role(name):
            full = {m for m in re.findall(rf"\b[A-Z][a-z]+ (?i:{re.escape(name)})\b", opening)
                    if given_name(m.split()[0]) and looks_like_person(m)}
            # a label that is a given name too (`CHU` for `David Chu`) is a surname only
            # where the opening says the word in no other way (`Jordan, a student`), after
            # a word that is no common word too (`Hi Ava` greets her)
            if given_name(name) and not _only_as_surname(name, full, opening):
                continue
        else:
            continue
        if len(full) == 1:
            found += full
    return found


def _only_as_surname(name: str, full: set[str], opening: str) -> bool:
    """Whether the opening says `name` only inside its one full name, after a first name
    that is no common word."""
    if len(full) != 1:
        return False
    (person,) = full
    said = len(re.findall(rf"\b(?i:{re.escape(name)})\b", opening))
    return said == opening.count(person) and not common_word(person.split()[0])


def _full_name_of(name: str, full_names: list[str]) -> str | None:
    """The one full name that `name` shortens (first name, surname, initials), if unique."""
    # a title before it shortens nothing more: `Mrs Drummond` is `Mrs Flick Drummond`'s
    every = _words(name)
    titles = {w for w in every if w in _TITLES}
    words = [w for w in every if w not in _TITLES]
    matches: list[str] = []
    if len(words) == 1:
        for full in full_names:
            theirs = _words(full)
            parts = [w for w in theirs if w not in _TITLES]
            their_titles = set(theirs) - set(parts)
            if (len(parts) > len(words) and words[0] in (parts[0], parts[-1])
                    and not (titles and their_titles and titles != their_titles)):
                matches.append(full)
    if len(words) > 1 and not titles:  # `Keir Starmer` is `Sir Keir Starmer`
        matches += [full for full in full_names
                    if [w for w in _words(full) if w not in _TITLES] == words]
    initials = _initials(name)
    if initials:
        matches += [full for full in full_names if _initials_of(full) == initials]
    if re.fullmatch(r"[\u4e00-\u9fff]{1,2}", name):
        matches += [full for full in full_names
                    if _CJK_NAME.fullmatch(full) and len(full) > len(name)
                    and (full.startswith(name)
                         or (full.endswith(name) and surname_shaped(full[:-len(name)])))]
    surname = addressed_surname(name)
    if surname:  # `李教授` is the one 李 named in full
        matches += [full for full in full_names
                    if _CJK_NAME.fullmatch(full) and full.startswith(surname)
                    and addressed_surname(full) is None and looks_like_person(full)]
    unique = list(dict.fromkeys(matches))
    return unique[0] if len(unique) == 1 else None
