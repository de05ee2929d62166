"""The evidence for and against every label being a speaker, as numbers a model can weigh.

Every name that labels the start of some paragraph is a candidate. What any document gives,
whatever its shape, is measured for each: how often the name recurs and how consistently it is
written, whether its label looks like the document's other labels, whether words that read as
speech follow it, whether it alternates with other names, what the name itself looks like (a
person, a role, initials, a metadata word, a long phrase) and whether the document names it
elsewhere (front matter, the text around). Each feature is a number in about [0, 1];
`speaker_model` turns them into a probability.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..text import ends_sentence, is_cjk
from .label_words import metadata_word
from .labels import STRONG_FORMS, Label
from .names import (
    TITLES,
    addressed_surname,
    common_english,
    common_word,
    dictionary_word,
    given_name,
    looks_like_person,
    segment,
)
from .paragraphs import Paragraph
from .roles import ROLE_NAMES, is_role

FEATURES = (
    "count",  # how often the name labels a paragraph (log scale)
    "single",  # it does so only once
    "top_two",  # one of the two most frequent names
    "strong",  # its labels are unmistakable: bold, a heading, named by the markup, timestamped
    "shape_share",  # the other names' labels are written in the same shape
    "speech",  # words that read as speech follow it
    "empty",  # nothing of its own follows it (another label, a heading, the end)
    "repeated",  # the same words follow it more than once (a card or header, not a turn)
    "alternation",  # the label before it names someone else
    "person",  # the name looks like a person's (a Chinese name, capitalised given names, a title)
    "role",  # a role: Q, A, 问, 答, Host, 主持人, Moderator
    "code",  # initials or a number: DC, SA, 1, Speaker 2
    "metadata",  # a word that introduces metadata or a section: Source, 编辑, Topic, BY …
    "known",  # the front matter names it (or the name it shortens)
    "shortens",  # it shortens another label's fuller name: Alan or AK beside Alan Kay
    "mentioned",  # the text outside labels mentions it
    "long",  # longer than names usually are
    "phrase",  # reads as words of a sentence, not a name (pronouns, particles, common words)
    "word",  # dictionary words rather than a person's name: 高层住宅, 排版, Oven, Budget
    "odd_shape",  # the other labels share one shape and this one is written otherwise
    "spread",  # how far through the document its labels reach
    "inside",  # its labels stand inside the dialogue of the other recurring names
    "announced",  # it stands where the words of the label just above belong (that has none)
)

# characters that occur in sentences but hardly ever in names: pronouns, particles, conjunctions
_FUNCTION_CHARACTERS = set("我你妳您他她它们們的了是在这這那说說要就也都很把被让讓给給和与與及"
                           "或如果因为為所以但比來来过過着著吗嗎呢吧啊么麼没沒有个個些哪什怎")
_ARTICLES = {"the", "a", "an"}
_PARTICLES = {"de", "da", "van", "von", "der", "le", "la", "bin", "al", "del", "di", "du", "y"}
_CODE = re.compile(r"[A-Z]{1,4}|\d{1,2}|(?i:speaker|participant|person|voice|spk)[\s_]*#?\d{1,2}")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_SENTENCE_MARK = re.compile(r"[。！？!?…]|[.;](?=\s)")


@dataclass
class Candidate:
    """A name that labels some paragraph's start, where it does, and the evidence about it."""

    name: str
    indices: list[int]
    labels: list[Label]
    features: dict[str, float] = field(default_factory=dict)

    @property
    def count(self) -> int:
        """How many paragraphs the name labels."""
        return len(self.indices)


def gather(paragraphs: list[Paragraph], known: list[str], noise: list[bool]) -> list[Candidate]:
    """Every label name in the document, in order of first appearance, with its evidence.

    `known`: names the document gives elsewhere (front matter); `noise`: per paragraph,
    whether it is page furniture whatever its label.
    """
    # a label in page furniture (an account card, a byline) names the page's staff
    labelled = [(i, p.label) for i, p in enumerate(paragraphs)
                if p.label is not None and not noise[i]]
    by_name: dict[str, Candidate] = {}
    for index, label in labelled:
        by_name.setdefault(label.name, Candidate(label.name, [], [])).indices.append(index)
        by_name[label.name].labels.append(label)
    candidates = list(by_name.values())
    counts = Counter({c.name: c.count for c in candidates})
    top = [name for name, n in counts.most_common(2) if n >= 2]
    shapes = Counter(_shape(label) for _, label in labelled)
    recurring = [c for c in candidates if c.count >= 2]
    spoken = _words_outside_labels(paragraphs)
    known_lower = [name.lower() for name in known]
    fuller = [c.name.lower() for c in candidates
              if len(c.name.split()) > 1 or (_CJK.match(c.name[:1]) and len(c.name) > 2)]
    previous_name: dict[int, str | None] = {}
    last: str | None = None
    for index, label in labelled:
        previous_name[index] = last
        last = label.name
    # `唐鳳：` alone, then `因此我覺得有兩個：（一）…`: the second is 唐鳳's words
    wordless = {index: label.name for index, label in labelled
                if not _words_after(paragraphs, index, label)}
    for candidate in candidates:
        candidate.features = _features(candidate, paragraphs, previous_name, top, shapes,
                                       recurring, spoken, known_lower, fuller)
        candidate.features["announced"] = _mean(
            float(wordless.get(i - 1, candidate.name) != candidate.name)
            for i in candidate.indices)
    return candidates


def _features(candidate: Candidate, paragraphs: list[Paragraph],
              previous_name: dict[int, str | None], top: list[str],
              shapes: Counter[tuple[str, bool, str]], recurring: list[Candidate], spoken: str,
              known: list[str], fuller: list[str]) -> dict[str, float]:
    n = candidate.count
    name = candidate.name
    own_shape = Counter(_shape(label) for label in candidate.labels).most_common(1)[0][0]
    own_shapes = Counter(_shape(label) for label in candidate.labels)
    others = sum(shapes.values()) - n
    same = shapes[own_shape] - own_shapes[own_shape]
    words = [_words_after(paragraphs, i, label)
             for i, label in zip(candidate.indices, candidate.labels, strict=True)]
    said = Counter(words)
    others_span = [(c.indices[0], c.indices[-1]) for c in recurring if c.name != name]
    low = min((a for a, _ in others_span), default=None)
    high = max((b for _, b in others_span), default=None)
    alternation = [0.5 if previous_name[i] is None else float(previous_name[i] != name)
                   for i in candidate.indices]
    lower = name.lower()
    role = is_role(name)
    return {
        "count": min(1.5, math.log2(1 + n) / 4),
        "single": float(n == 1),
        "top_two": float(name in top),
        "strong": _mean(float(label.strong or label.form in STRONG_FORMS
                              or label.form == "heading") for label in candidate.labels),
        "shape_share": same / others if others else 0.0,
        "speech": _mean(_speech(text) for text in words),
        "empty": _mean(float(not text) for text in words),
        "repeated": _mean(float(bool(text) and said[text] > 1) for text in words),
        "alternation": _mean(alternation),
        "person": _person(name),
        "role": float(role),
        "code": float(bool(_CODE.fullmatch(name)) and not role),
        "metadata": float(metadata_word(name) or _names_another(name, words, recurring)),
        "known": float(any(_shortens(lower, full) for full in known)),
        "shortens": float(any(_shortens(lower, full) for full in fuller if full != lower)),
        "mentioned": float(_mentioned(name, spoken)),
        "long": _length(name),
        "phrase": float(_phrase(name)),
        "word": float(_dictionary_words(name)),
        "odd_shape": float(same == 0 and others >= 3 and
                           shapes.most_common(1)[0][1] >= 0.8 * others
                           and shapes.most_common(1)[0][0] != own_shape),
        "spread": (candidate.indices[-1] - candidate.indices[0]) / max(1, len(paragraphs) - 1),
        "inside": _mean(float(low is not None and high is not None and low <= i <= high)
                        for i in candidate.indices),
    }


def _names_another(name: str, words: list[str], recurring: list[Candidate]) -> bool:
    """`Interviewer: Claire Dubois` over turns labelled `CLAIRE DUBOIS:` (or `Q:`): every
    time, the words after the label are another speaker's name or a person's full name (and
    who they are), not a sentence — a line of the header saying who speaks, not a turn."""
    others = {c.name.lower() for c in recurring if c.name != name}
    heads = [_NAME_HEAD.split(text.strip(), maxsplit=1)[0].strip() for text in words]
    return bool(words) and all(
        (head.lower() in others or _full_name(head)) and not ends_sentence(text)
        for head, text in zip(heads, words, strict=True))


def _full_name(text: str) -> bool:
    """A person's name with a given name and a surname: `David Chu`, `王小丫` — not an
    office in capitals (`Investor Relations`, `Chief Executive`)."""
    words = text.split()
    return looks_like_person(text) and (
        is_cjk(text[:1]) or (len(words) >= 2 and given_name(words[0].lower())))


_NAME_HEAD = re.compile(r"\s*[,，(（;；]|\s+[-–—]\s+")


def _shape(label: Label) -> tuple[str, bool, str]:
    strong = label.strong or label.form in STRONG_FORMS or label.form == "heading"
    return (label.form, strong, casing(label.name))


def casing(name: str) -> str:
    """How a name is written: digits, a book title, Chinese, capitals, or title case."""
    letters = [ch for ch in name if ch.isalpha()]
    if name.isdigit():
        return "digit"
    if name.startswith("《"):
        return "book"
    if letters and all(_CJK.match(ch) for ch in letters):
        return "cjk"
    if len(letters) > 1 and all(ch.isupper() for ch in letters if ch.isascii()):
        return "upper"
    return "title"


def _words_after(paragraphs: list[Paragraph], index: int, label: Label) -> str:
    """The words a label introduces: its rest, or the unlabelled paragraph just below it."""
    if label.rest:
        return label.rest
    if index + 1 < len(paragraphs):
        following = paragraphs[index + 1]
        if following.label is None and following.kind == "text":
            return following.text
    return ""


def _speech(text: str) -> float:
    """1 for words that read as said (a sentence, or long), ½ for a short phrase, 0 for none
    or for a title (`Q3 2026 Earnings Call`: every word capitalised, no sentence)."""
    text = text.strip()
    if not text:
        return 0.0
    if ends_sentence(text) or len(text) >= 40 or _SENTENCE_MARK.search(text):
        return 1.0
    return 0.0 if _titled(text) else 0.5


def _titled(text: str) -> bool:
    """Words set as a title: two or more, each capitalised or a number, but for small words."""
    words = text.split()
    return len(words) >= 2 and any(w[:1].isalpha() for w in words) and all(
        w[:1].isupper() or w[:1].isdigit() or w.lower() in _SMALL_WORDS for w in words)


_SMALL_WORDS = {"a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "with",
                "by", "from", "vs", "vs.", "&", "-", "–", "—", "|"}


def _person(name: str) -> float:
    """1 for a name that looks like a person's (a Chinese name, given name and surname, a
    title and a name); ½ for one capitalised word, which may be a name or any noun."""
    if _CODE.fullmatch(name) or metadata_word(name):
        return 0.0
    words = [w.strip(".").lower() for w in name.split()]
    if words[0] == "the":  # THE COURT, THE SECRETARY — but not THE WHITE HOUSE
        return float(len(words) == 2 and (words[1] in TITLES or name.lower() in ROLE_NAMES))
    if len(words) > 1 and words[0] in TITLES and all(w[:1].isalpha() for w in words):
        return 1.0
    if _CJK.match(name[:1]):
        parts = [part for part in name.split("、") if part]
        return float(all(looks_like_person(part) for part in parts))
    if not looks_like_person(_title_case(name)):
        return 0.0
    if given_name(words[0]):
        return 1.0  # Safia, Ben Striegel, Kim Hamilton Duffy
    if all(common_word(word, inflected=len(words) > 1) for word in words):
        return 0.0  # Oven, Founder Park, Regular Session
    return 0.5  # a surname or a rare name, or a rare word: Sagal, Blazs


def _title_case(name: str) -> str:
    return name.title() if name.isupper() else name


def _shortens(name: str, full: str) -> bool:
    """`name` is `full`, or its first name, surname or initials, with a title before it or
    (in Chinese) a way to address them after it: `dr. brandt`, `李教授`."""
    if name == full:
        return True
    titled = name.split(maxsplit=1)
    if len(titled) == 2 and titled[0].rstrip(".") in TITLES:
        name = titled[1]
    name = addressed_surname(name) or name
    words = [w for w in full.replace("-", " ").split() if w]
    if len(words) < 2:
        return len(name) >= 1 and _CJK.match(name[:1]) is not None and (
            full.startswith(name) or full.endswith(name))
    initials = "".join(w[0] for w in words)
    return name in (words[0], words[-1], initials, full.split()[-1])


def _mentioned(name: str, spoken: str) -> bool:
    if len(name) < 2 or (len(name) < 3 and not _CJK.match(name[:1])):
        return False
    pattern = re.escape(name) if _CJK.match(name[:1]) else rf"\b{re.escape(name)}\b"
    return re.search(pattern, spoken, re.IGNORECASE if name.isupper() else 0) is not None


def _length(name: str) -> float:
    """0 for a name of usual length, up to 1 for a phrase."""
    if _CJK.match(name[:1]):
        parts = [part for part in name.split("、") if part]
        longest = max(len(part) for part in parts)
        return min(1.0, max(0, longest - 4) / 4)
    return min(1.0, max(0, len(name.split()) - 3) / 2)


def _phrase(name: str) -> bool:
    """Words of a sentence rather than a name: `我要講的是`, `換臉本身`, `Proposal`."""
    if is_role(name) or _CODE.fullmatch(name):
        return False
    if _CJK.match(name[:1]):
        return any(ch in _FUNCTION_CHARACTERS for ch in name)
    words = [w for w in re.split(r"[\s\-]+", name) if w]
    if any(w.islower() and w not in _PARTICLES for w in words):
        return True
    return all(w.lower().strip(".") in common_english() for w in words
               if not _CODE.fullmatch(w))


def _dictionary_words(name: str) -> bool:
    """A label made of dictionary words, none of them a person's name: 高层住宅, Oven."""
    if is_role(name) or _CODE.fullmatch(name) or "、" in name:
        return False
    if not _CJK.match(name[:1]):
        words = [w for w in re.split(r"[\s\-]+", name) if w]
        # an article opens a title, never a name (the name lists know `The` as a given name)
        named = given_name(words[0]) and words[0].lower() not in _ARTICLES
        return not named and all(common_word(w, inflected=len(words) > 1) for w in words)
    return len(name) >= 2 and not looks_like_person(name) and all(
        dictionary_word(word) for word in segment(name))


def _words_outside_labels(paragraphs: list[Paragraph]) -> str:
    return "\n".join(p.label.rest if p.label else p.text for p in paragraphs)


def _mean(values: Iterable[float]) -> float:
    items = list(values)
    return sum(items) / len(items) if items else 0.0
