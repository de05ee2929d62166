"""Decide who speaks: which labels are speakers, which name the same person, and who hosts.

1. Every name that labels a paragraph's start is a candidate; its evidence
   (`speaker_evidence`) is weighed in one step by the fitted model (`speaker_model`).
2. Aliases are merged on evidence (`aliases`): a rejected candidate that is surely another
   name of a speaker joins that speaker.
3. Decisions the model was not sure of, and names that look alike but were kept apart (or
   merged on weaker evidence), are kept as doubts for the report.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from ..errors import ArticleError
from ..script.voices import Role
from ..text import simplified
from .aliases import people
from .labels import Label
from .speaker_evidence import Candidate
from .speaker_model import ACCEPT, DOUBT, SpeakerModel

HOST_LABELS = {"主持人", "主持", "问", "Q", "Host", "HOST", "Moderator", "MODERATOR",
               "Interviewer", "INTERVIEWER"}
GUEST_LABELS = {"嘉宾", "答", "A", "Guest", "GUEST", "Interviewee", "INTERVIEWEE"}
ANSWER_LABELS = {"a", "answer", "答"}  # (lower case) labels that only say "the answer"


@dataclass(frozen=True)
class SpeakerDoubt:
    """A decision about a label the evidence did not make certain."""

    kind: str  # "speaker", "not-speaker", "same-person", "maybe-same-person"
    name: str  # the label's name as written
    other: str | None  # the speaker it was (or might be) merged with
    probability: float  # how likely the importer's decision is right
    evidence: list[str]
    paragraphs: list[int]  # where the name labels a paragraph


@dataclass
class Speakers:
    """The speakers, in order of first appearance, their roles, and every label's speaker."""

    names: list[str]
    roles: dict[str, Role]
    canonical: dict[str, str]  # a label's name (or alias) → the speaker's name
    doubts: list[SpeakerDoubt] = field(default_factory=list)
    named: dict[str, str] = field(default_factory=dict)  # a role's person: 主持人 → 张婷

    def of(self, label: Label | None) -> str | None:
        """The speaker a label names, if it names one."""
        return self.canonical.get(label.name) if label else None

    def add(self, name: str, labels: list[Label | None]) -> None:
        """Make `name` a speaker (a guest), in its place among the others by `labels`."""
        if name not in self.canonical:
            self.canonical[name] = name
            self.roles.setdefault(name, "guest")
            self.names = speaking_order(labels, self.canonical)

    def answered_by(self, person: str, answers: Callable[[str], bool]) -> str | None:
        """The one speaker whose label only says who answers (`A`, `答`: `answers(name)`) is
        `person`: merged into them; returns that label, or None when there is not one."""
        found = [name for name in self.names if answers(name)]
        if len(found) != 1:
            return None
        self.merge(found[0], person)
        return found[0]

    def merge(self, name: str, into: str) -> None:
        """The speaker `name` is `into`, labelled another way: one speaker."""
        self.canonical = {label: into if speaker == name else speaker
                          for label, speaker in self.canonical.items()}
        self.names = [speaker for speaker in self.names if speaker != name]
        self.roles.pop(name, None)


def find_speakers(
    labels: list[Label | None], source: str, model: SpeakerModel,
    requested: list[str] | None = None, candidates: list[Candidate] | None = None,
    known: list[str] | None = None, spoken: str = "", questions: list[bool] | None = None,
) -> Speakers:
    """Decide which labels are speakers (or take the names the user gave)."""
    doubts: list[SpeakerDoubt] = []
    if requested:
        counts = Counter(label.name for label in labels if label)
        missing = [name for name in requested if not counts[name]]
        if missing:
            raise ArticleError(
                f"{source}: no paragraph starts with the label of {', '.join(missing)}"
                " (write the names exactly as the article labels them)"
            )
        canonical = {name: name for name in requested}
    else:
        canonical, doubts = _decide(labels, candidates or [], model, known or [], spoken)
        if len(set(canonical.values())) < 2:
            raise ArticleError(
                f"{source}: no dialogue found: fewer than two recurring speaker labels "
                "at paragraph starts (name them with --speakers \"A,B\")"
            )
    names = speaking_order(labels, canonical)
    named: dict[str, str] = {}
    for label in labels:
        speaker = canonical.get(label.name) if label else None
        if label and label.person and speaker and canonical.get(label.person, speaker) == speaker:
            named.setdefault(speaker, label.person)
    return Speakers(names, _roles(names, labels, canonical, questions), canonical, doubts, named)


def speaking_order(labels: list[Label | None], canonical: dict[str, str]) -> list[str]:
    """The speakers the labels name, in the order they first speak."""
    first_seen: dict[str, int] = {}
    for index, label in enumerate(labels):
        speaker = canonical.get(label.name) if label else None
        if speaker and speaker not in first_seen:
            first_seen[speaker] = index
    return sorted(first_seen, key=lambda name: first_seen[name])


def _decide(labels: list[Label | None], candidates: list[Candidate], model: SpeakerModel,
            known: list[str], spoken: str) -> tuple[dict[str, str], list[SpeakerDoubt]]:
    """Every label's speaker (speakers' labels only), and the doubtful decisions."""
    chance = {c.name: model.probability(c.features) for c in candidates}
    by_name = {c.name: c for c in candidates}
    accepted = [c.name for c in candidates if chance[c.name] >= ACCEPT]
    if len(accepted) < 2:  # a dialogue has two voices: the likeliest recurring labels
        likely = sorted((c for c in candidates if c.count >= 2 and chance[c.name] >= DOUBT),
                        key=lambda c: -chance[c.name])
        accepted = list(dict.fromkeys([*accepted, *(c.name for c in likely)]))[:2]
    # rejected candidates may still be another name of a speaker: `Ben Striegel`, `Saifa`,
    # and a label that shortens another's name (`AK` beside `Alan Kay`), however unlikely
    # a speaker on its own
    mergeable = [c.name for c in candidates
                 if chance[c.name] >= DOUBT or c.features.get("shortens")]
    positions = {c.name: c.indices for c in candidates}
    person, likeness = people(labels, mergeable, positions, known, spoken)
    speakers = {person[name] for name in accepted}
    canonical = {name: person[name] for name in mergeable if person[name] in speakers}
    doubts: list[SpeakerDoubt] = []
    merged = {found.name for found in likeness if found.merged}
    for candidate in candidates:
        name, p = candidate.name, chance[candidate.name]
        evidence = model.evidence(candidate.features)
        if name in canonical and canonical[name] != name:
            if name in merged:
                other = canonical[name]
                reason = next(f.reason for f in likeness if f.name == name)
                doubts.append(SpeakerDoubt("same-person", name, other, 0.7, [reason],
                                           candidate.indices))
            continue
        group = [n for n in canonical if canonical[n] == canonical.get(name)]
        sure = any(chance.get(n, 0.0) >= 1 - DOUBT for n in group)  # another name is sure
        if name in canonical and p < 1 - DOUBT and not sure:
            doubts.append(SpeakerDoubt("speaker", name, None, p, evidence, candidate.indices))
        elif name not in canonical and p > DOUBT:
            doubts.append(SpeakerDoubt("not-speaker", name, None, 1 - p, evidence,
                                       candidate.indices))
    speakers_ = set(canonical.values())
    for found in likeness:
        other = canonical.get(found.other, found.other)
        if not found.merged and found.name in canonical and other in speakers_:
            doubts.append(SpeakerDoubt("maybe-same-person", found.name, other, 0.6,
                                       [found.reason], by_name[found.name].indices))
    return canonical, doubts


def _roles(names: list[str], labels: list[Label | None], canonical: dict[str, str],
           questions: list[bool] | None) -> dict[str, Role]:
    roles: dict[str, Role] = {}
    for label in labels:
        speaker = canonical.get(label.name) if label else None
        if label and speaker and label.role and speaker not in roles:
            roles[speaker] = label.role
    for label in labels:
        speaker = canonical.get(label.name) if label else None
        if not label or not speaker or speaker in roles:
            continue
        if simplified(label.name) in HOST_LABELS:  # 問 is 问
            roles[speaker] = "host"
        elif simplified(label.name) in GUEST_LABELS:
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
