"""Decide who speaks: which labels are speakers, and which labels name the same person.

1. Names that recur as labels are speakers (the two most frequent, and others that speak
   often enough inside their dialogue).
2. A name seen only once still counts when its label has the document's label shape and
   that shape is unmistakable (bold, named by the markup, upper case, timestamped), or it
   shares its title word with a speaker ("Senator Tkachuk" beside "Senator Black").
3. Aliases are merged into one speaker: `Shaun Apps（SA）` then `SA`; a full name then the
   first name, the surname or the initials; the same name in another case; a name from the
   front matter that a label shortens.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ..errors import ArticleError
from .labels import STRONG_FORMS, Label
from .names import looks_like_person

HOST_LABELS = {"主持人", "主持", "问", "Q", "Host", "HOST", "Moderator", "MODERATOR",
               "Interviewer", "INTERVIEWER"}
GUEST_LABELS = {"嘉宾", "答", "A", "Guest", "GUEST", "Interviewee", "INTERVIEWEE"}
_TITLES = {"mr", "mrs", "ms", "miss", "dr", "prof", "sir", "the", "senator", "sen",
           "representative", "rep", "secretary", "president", "acting", "chairman", "chair",
           "judge", "justice", "mayor", "governor", "minister", "speaker", "madam", "lord",
           "lady", "commissioner", "general", "ambassador", "officer", "detective", "agent"}
_PARTICLES = {"de", "da", "van", "von", "der", "le", "la", "bin", "al", "del", "di", "du"}


@dataclass
class Speakers:
    """The speakers, in order of first appearance, their roles, and every label's speaker."""

    names: list[str]
    roles: dict[str, str]
    canonical: dict[str, str]  # a label's name (or alias) → the speaker's name

    def of(self, label: Label | None) -> str | None:
        """The speaker a label names, if it names one."""
        return self.canonical.get(label.name) if label else None


def find_speakers(
    labels: list[Label | None], source: str, requested: list[str] | None = None,
    known: list[str] | None = None, questions: list[bool] | None = None,
) -> Speakers:
    """Decide which labels are speakers (or take the names the user gave)."""
    counts = Counter(label.name for label in labels if label)
    if requested:
        missing = [name for name in requested if not counts[name]]
        if missing:
            raise ArticleError(
                f"{source}: no paragraph starts with the label of {', '.join(missing)}"
                " (write the names exactly as the article labels them)"
            )
        canonical = {name: name for name in requested}
    else:
        person = _people(labels, known or [])
        owners = [person[label.name] if label else None for label in labels]
        accepted = _recurring(labels, owners)
        accepted += [name for name in _same_shape(labels, owners, accepted, known or [])
                     if name not in accepted]
        if len(accepted) < 2:
            raise ArticleError(
                f"{source}: no dialogue found: fewer than two recurring speaker labels "
                "at paragraph starts (name them with --speakers \"A,B\")"
            )
        canonical = {name: who for name, who in person.items() if who in accepted}
    first_seen: dict[str, int] = {}
    for index, label in enumerate(labels):
        speaker = canonical.get(label.name) if label else None
        if speaker and speaker not in first_seen:
            first_seen[speaker] = index
    names = sorted(first_seen, key=lambda name: first_seen[name])
    return Speakers(names, _roles(names, labels, canonical, questions), canonical)


def _recurring(labels: list[Label | None], owners: list[str | None]) -> list[str]:
    """The people whose labels recur: the two most frequent, and others inside their talk."""
    counts = Counter(owner for owner in owners if owner)
    strong = {owner for label, owner in zip(labels, owners, strict=True)
              if label and owner and _certain(label)}
    candidates = [name for name, count in counts.most_common() if count >= 2 or name in strong]
    if len(candidates) < 2:
        return candidates
    top = candidates[:2]
    positions = [i for i, owner in enumerate(owners) if owner in top]
    inside = Counter(owners[positions[0]:positions[-1] + 1])
    after = Counter(owners[positions[0]:])
    # A third voice must speak inside the dialogue, and often enough to be a voice; one
    # in an unmistakable label may also be the last to speak.
    floor = max(2, counts[top[1]] // 20)
    extra = [
        name for name in candidates[2:]
        if inside[name] >= floor or (name in strong and after[name] >= 1)
    ]
    return top + extra


def _same_shape(labels: list[Label | None], owners: list[str | None], accepted: list[str],
                known: list[str]) -> list[str]:
    """Rarer labels written in the speakers' own label shape, or naming a known person."""
    if len(accepted) < 2:
        return []
    shapes = {_shape(label) for label, owner in zip(labels, owners, strict=True)
              if label and owner in accepted}
    positions = [i for i, owner in enumerate(owners) if owner in accepted]
    titles = {_words(name)[0] for name in accepted if len(_words(name)) > 1}
    known_names = {name.lower() for name in known}
    found: list[str] = []
    for index, (label, owner) in enumerate(zip(labels, owners, strict=True)):
        if label is None or owner is None or owner in accepted or owner in found:
            continue
        if not positions[0] <= index <= positions[-1]:
            continue
        words = _words(label.name)
        if (
            owner.lower() in known_names
            or label.name in HOST_LABELS | GUEST_LABELS
            or (_shape(label) in shapes and _distinctive(label, accepted))
            or (len(words) > 1 and words[0] in titles and _shape(label) in shapes)
            or (_shape(label) in shapes and _between_turns(owners, index, accepted)
                and looks_like_person(label.name))
        ):
            found.append(owner)
    return found


def _between_turns(owners: list[str | None], index: int, accepted: list[str]) -> bool:
    """A paragraph in the flow of the conversation: speakers' turns just before and after."""
    return (0 < index < len(owners) - 1 and owners[index - 1] in accepted
            and owners[index + 1] in accepted)


def _certain(label: Label) -> bool:
    return label.form in STRONG_FORMS or label.strong


def _distinctive(label: Label, accepted: list[str]) -> bool:
    if label.name.isdigit():
        # numbered speakers are 1, 2, 3 …: a stray "31：" is a typo, not a new voice
        numbers = [int(name) for name in accepted if name.isdigit()]
        return bool(numbers) and int(label.name) == max(numbers) + 1
    return _certain(label) or _casing(label.name) in ("upper", "book")


def _shape(label: Label) -> tuple[str, bool, str]:
    return (label.form, label.strong, _casing(label.name))


def _casing(name: str) -> str:
    letters = [ch for ch in name if ch.isalpha()]
    if name.isdigit():
        return "digit"
    if name.startswith("《"):
        return "book"
    if letters and all(re.match(r"[\u4e00-\u9fff]", ch) for ch in letters):
        return "cjk"
    if len(letters) > 1 and all(ch.isupper() for ch in letters if ch.isascii()):
        return "upper"
    return "title"


def _words(name: str) -> list[str]:
    return [w.strip(".").lower() for w in name.split() if w.strip(".")]


def _initials(name: str) -> str | None:
    return name if re.fullmatch(r"[A-Z]{2,4}", name) else None


def _initials_of(name: str) -> str:
    words = [w for w in name.split() if w.lower() not in _PARTICLES]
    return "".join(w[0].upper() for w in words if w[:1].isalpha()) if len(words) > 1 else ""


def _people(labels: list[Label | None], known: list[str]) -> dict[str, str]:
    """Map every label's name to one name per person (the fullest form of it)."""
    names = list(dict.fromkeys(label.name for label in labels if label))
    person = {name: name for name in names}
    for label in labels:  # `Shaun Apps（SA）` introduces SA
        if label and label.alias:
            person[label.alias] = label.name
    by_case: dict[str, str] = {}
    for name in names:
        first = by_case.setdefault(name.lower(), name)
        if first != name:
            person[name] = first
    full_names = [n for n in dict.fromkeys([*names, *known])
                  if len(_words(n)) > 1 or re.fullmatch(r"[\u4e00-\u9fff]{2,4}", n)]
    for name in names:
        if person[name] != name:
            continue
        target = _full_name_of(name, [f for f in full_names if f != name])
        if target:
            person[name] = person.get(target, target)
    for name in list(person):  # a chain (SA → Shaun Apps → …) ends at one name
        seen = {name}
        while person.get(person[name], person[name]) not in seen:
            person[name] = person.get(person[name], person[name])
            seen.add(person[name])
    return person


def _full_name_of(name: str, full_names: list[str]) -> str | None:
    """The one full name that `name` shortens (first name, surname, initials), if unique."""
    words = _words(name)
    matches: list[str] = []
    if len(words) == 1 and words[0] not in _TITLES:
        for full in full_names:
            parts = [w for w in _words(full) if w not in _TITLES]
            if parts and words[0] in (parts[0], parts[-1]):
                matches.append(full)
    initials = _initials(name)
    if initials:
        matches += [full for full in full_names if _initials_of(full) == initials]
    if re.fullmatch(r"[\u4e00-\u9fff]{1,2}", name):
        matches += [full for full in full_names
                    if re.fullmatch(r"[\u4e00-\u9fff]{2,4}", full) and len(full) > len(name)
                    and (full.startswith(name) or full.endswith(name))]
    unique = list(dict.fromkeys(matches))
    return unique[0] if len(unique) == 1 else None


def _roles(names: list[str], labels: list[Label | None], canonical: dict[str, str],
           questions: list[bool] | None) -> dict[str, str]:
    roles: dict[str, str] = {}
    for label in labels:
        speaker = canonical.get(label.name) if label else None
        if speaker and label.role and speaker not in roles:
            roles[speaker] = label.role
    for label in labels:
        speaker = canonical.get(label.name) if label else None
        if not speaker or speaker in roles:
            continue
        if label.name in HOST_LABELS:
            roles[speaker] = "host"
        elif label.name in GUEST_LABELS:
            roles[speaker] = "guest"
    if "host" not in roles.values():
        asked: Counter[str] = Counter()
        turns: Counter[str] = Counter()
        for index, label in enumerate(labels):
            speaker = canonical.get(label.name) if label else None
            if speaker:
                turns[speaker] += 1
                asked[speaker] += bool(questions and questions[index])
        free = [name for name in names if name not in roles]
        if free:
            host = max(free, key=lambda n: (asked[n] / max(turns[n], 1), -names.index(n)))
            roles[host] = "host"
    for name in names:
        roles.setdefault(name, "guest")
    return roles
