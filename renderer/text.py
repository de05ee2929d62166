"""Language-neutral text helpers: CJK detection, sentence boundaries."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

# letters of the Latin alphabets with their accents (José, Zoë, Łukasz, Müller), as the
# contents of a regular-expression character class
LATIN_UPPER = "A-Z" + "".join(c for c in map(chr, range(0xC0, 0x250)) if c.isupper())
LATIN_LOWER = "a-z" + "".join(c for c in map(chr, range(0xC0, 0x250)) if c.islower())
_IDEOGRAPH = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff"
_CJK = re.compile(f"[{_IDEOGRAPH}]")
_CJK_RUNS = re.compile(f"[{_IDEOGRAPH}]+")
_LETTERS = re.compile(r"[^\W\d_]+")
_CLOSERS = "\"'”’」』）)】》〉\\]"
# A sentence ends at CJK or Latin terminal punctuation (a '.' only when it is not inside
# a number or after an initial such as "U.S." or "J. Smith"), plus any closing quotes or
# brackets after it.
_SENTENCE_END = re.compile(
    rf"(?:[。！？!?；;…]+|(?<![0-9])(?<!\b[A-Z])\.(?![0-9A-Za-z]))[{_CLOSERS}]*"
)
_TERMINAL = re.compile(rf"(?:[。！？!?…]|\.(?![0-9]))[{_CLOSERS}]*\s*$")


_FOLDED_APART = re.compile("[ıſ]")


class Phrases:
    """A list of phrases found in any letter case. re.IGNORECASE folds case at every step of
    every branch, which made the long promotion and rights lists a tenth of a 10 MB import;
    this pattern is written in lower case and searched in lowercased text, three times faster."""

    def __init__(self, pattern: str) -> None:
        if pattern != pattern.lower():
            raise ValueError(f"write the phrases in lower case: {pattern[:40]!r}")
        self.pattern = pattern
        self._lowered = re.compile(pattern)
        self._any_case = re.compile(pattern, re.IGNORECASE)

    def find(self, text: str) -> str | None:
        """The first phrase in `text`, as written there, or None."""
        lower = self._lower(text)
        match = self._any_case.search(text) if lower is None else self._lowered.search(lower)
        return text[match.start():match.end()] if match else None

    def count(self, text: str) -> int:
        """How many phrases `text` holds (not overlapping)."""
        lower = self._lower(text)
        return len(self._any_case.findall(text) if lower is None else self._lowered.findall(lower))

    @staticmethod
    def _lower(text: str) -> str | None:
        """`text` lowercased, or None where that is not what a case-blind match sees: a
        letter lowered to two (İ) moves the positions, and re.IGNORECASE takes ı and ſ for
        i and s, which lowercasing leaves as they are."""
        lower = text.lower()
        return lower if len(lower) == len(text) and not _FOLDED_APART.search(text) else None


def is_cjk(ch: str) -> bool:
    """True for a Chinese/Japanese ideograph."""
    return bool(_CJK.match(ch))


def has_cjk(text: str) -> bool:
    """Whether `text` holds an ideograph."""
    return _CJK.search(text) is not None


def cjk_ratio(text: str) -> float:
    """Share of ideographs among the letters of `text`."""
    # runs, not characters: 10 MB counted in 0.2 s (a loop over characters takes 0.9 s)
    letters = sum(map(len, _LETTERS.findall(text)))
    return sum(map(len, _CJK_RUNS.findall(text))) / letters if letters else 0.0


def detect_language(text: str) -> str:
    """A BCP-47 tag for the dominant language: zh-CN for mostly Chinese, else en-US."""
    return "zh-CN" if cjk_ratio(text) >= 0.3 else "en-US"


# the commonest characters written differently in the two scripts, pair by pair
_TRADITIONAL = "這們個說為來時會對沒還麼樣點過與國學發現問題開關經讓實覺應機動無種"
_SIMPLIFIED = "这们个说为来时会对没还么样点过与国学发现问题开关经让实觉应机动无种"
_TRADITIONAL_ONLY = re.compile(f"[{_TRADITIONAL}]")
_SIMPLIFIED_ONLY = re.compile(f"[{_SIMPLIFIED}]")


def writes_traditional(text: str) -> bool:
    """Whether Chinese `text` is written in Traditional characters (Taiwan, Hong Kong) rather
    than Simplified: which script's forms of the commonest characters it uses more."""
    return len(_TRADITIONAL_ONLY.findall(text)) > len(_SIMPLIFIED_ONLY.findall(text))


def simplified(text: str) -> str:
    """`text` with Traditional characters in their Simplified forms, one for one (the same
    length, so positions still match): word lists written once in Simplified then match text
    from Taiwan or Hong Kong too."""
    if text.isascii():
        return text
    table, traditional = _simplified_table()
    # most text has no Traditional character at all: one scan in C finds that out
    return text.translate(table) if traditional.search(text) else text


@cache
def _simplified_table() -> tuple[dict[int, str], re.Pattern[str]]:
    lines = (resources.files("renderer") / "data" / "simplified.txt").read_text(
        encoding="utf-8").splitlines()
    table = {ord(line[0]): line[1] for line in lines if len(line) == 2}
    return table, re.compile("[" + "".join(map(chr, table)) + "]")


def ends_sentence(text: str) -> bool:
    """Whether `text` ends on terminal punctuation (closing quotes allowed)."""
    return bool(_TERMINAL.search(text))


def left_open(text: str) -> bool:
    """Whether `text` leaves a clause open (a comma at its end) or a quotation unclosed: what
    it says goes on in the next line."""
    return (text.rstrip()[-1:] in ",;，；、" or text.count("「") > text.count("」")
            or text.count("“") > text.count("”"))


def goes_on(text: str) -> bool:
    """Whether `text` opens with a mark that goes on a sentence (`，讲的是…`): the line above
    was wrapped there."""
    return text.lstrip()[:1] in "，,、；;：:）)」』”’》"


def split_sentences(text: str) -> list[str]:
    """Split text after sentence-ending punctuation and at newlines; keeps every character."""
    pieces: list[str] = []
    for line_no, line in enumerate(text.split("\n")):
        start = 0
        line_pieces: list[str] = []
        for match in _SENTENCE_END.finditer(line):
            end = match.end()
            # keep the spaces that follow a sentence with it
            while end < len(line) and line[end] == " ":
                end += 1
            if end > start:
                line_pieces.append(line[start:end])
            start = end
        if start < len(line):
            line_pieces.append(line[start:])
        if line_no > 0:
            if line_pieces:
                line_pieces[0] = "\n" + line_pieces[0]
            elif pieces:
                pieces[-1] += "\n"
            else:
                line_pieces = ["\n"]
        pieces.extend(line_pieces)
    return pieces


def has_speakable(text: str) -> bool:
    """Whether text contains anything a voice can say (a letter or a digit)."""
    return any(ch.isalnum() for ch in text)


def join_lines(text: str) -> str:
    """Lines (and runs of spaces) joined into one: a space between words, none between
    Chinese characters or beside full-width punctuation."""
    pieces = text.split()
    joined = pieces[0] if pieces else ""
    for piece in pieces[1:]:
        wide = wide_char(joined[-1]) or wide_char(piece[0])
        joined += piece if wide else f" {piece}"
    return joined


def wide_char(ch: str) -> bool:
    """A Chinese character or full-width mark: no space goes beside it when lines join."""
    return is_cjk(ch) or "\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uffef"
