"""The script's lexicon: how a word is said, for every engine.

    lexicon:
      GPT4: GPT 4                        # the spoken form, for every engine (as always)
      ChatGPT: {say: Chat G P T}         # the same, explicit
      行长: {pinyin: hang2 zhang3}        # one syllable per character, tone digit 1–5
      Kokoro: {ipa: kˈOkəɹO}             # Kokoro's phonemes
      重庆: {pinyin: chong2 qing4, engines: [kokoro, espeak]}

Engines that take phonemes (Kokoro, espeak-ng) get a `pinyin` or `ipa` entry as an
override the reading front end obeys; Edge, which takes no phonemes, gets a `pinyin` entry
as a *respelling*: each character replaced by the commonest character whose only reading
is the wanted one (行 háng → 航), the others kept. An `ipa` entry is for Kokoro alone.
The override travels in the spoken text (`⟦行长|pinyin:hang2 zhang3⟧`), so a changed entry
changes exactly the clips of the turns it touches.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from typing import Any

from pydantic import BaseModel, ConfigDict, model_validator

from ..text import is_cjk

OPEN, BAR, CLOSE = "⟦", "|", "⟧"
OVERRIDE = re.compile(r"⟦([^⟦⟧|]+)\|(pinyin|ipa|say):([^⟦⟧]*)⟧")
SYLLABLE = re.compile(r"^[a-z:]+[1-5]$")
PHONEME_ENGINES = ("kokoro", "espeak")


class Entry(BaseModel):
    """How one word is said: a spoken form, a reading in pinyin, or Kokoro phonemes."""

    model_config = ConfigDict(extra="forbid", strict=True)

    say: str | None = None
    pinyin: str | None = None
    ipa: str | None = None
    engines: list[str] | None = None

    @model_validator(mode="after")
    def _one_form(self) -> Entry:
        given = [name for name in ("say", "pinyin", "ipa") if getattr(self, name)]
        if len(given) != 1:
            raise ValueError("give exactly one of say, pinyin, ipa")
        if self.pinyin is not None:
            from .polyphones import normal  # (with numpy: only where a reading is given)

            for syllable in self.pinyin.split():
                if not SYLLABLE.match(normal(syllable)):
                    raise ValueError(f"{syllable!r} is not pinyin with a tone digit 1–5 "
                                     "(like hang2)")
        return self

    def applies_to(self, engine: str) -> bool:
        """Whether the entry is for `engine`."""
        if self.engines is not None and engine not in self.engines:
            return False
        return self.ipa is None or engine == "kokoro"


Value = str | Entry


def check_entry(word: str, value: Any) -> None:
    """Raise ValueError when a pinyin entry's syllables do not match the word's characters."""
    if isinstance(value, Entry) and value.pinyin is not None:
        count = len(value.pinyin.split())
        chars = sum(1 for ch in word if is_cjk(ch))
        if count != chars:
            raise ValueError(f"{count} syllable(s) for {chars} Chinese character(s)")


def spoken_form(text: str, lexicon: Mapping[str, Value], engine: str) -> str:
    """A turn's text as `engine` is given it: every entry applied, longest word first."""
    forms: dict[str, str] = {}
    for word, value in lexicon.items():
        if not word:
            continue
        if isinstance(value, str):
            forms[word] = value
        elif value.applies_to(engine):
            forms[word] = _form(word, value, engine)
    if not forms:
        return text
    pattern = re.compile("|".join(re.escape(w) for w in sorted(forms, key=len, reverse=True)))
    return pattern.sub(lambda match: forms[match.group(0)], text)


def _form(word: str, entry: Entry, engine: str) -> str:
    if entry.say is not None:
        return entry.say
    if entry.pinyin is not None:
        if engine in PHONEME_ENGINES:
            return f"{OPEN}{word}{BAR}pinyin:{entry.pinyin}{CLOSE}"
        return respell(word, entry.pinyin.split())
    return f"{OPEN}{word}{BAR}ipa:{entry.ipa}{CLOSE}"


def plain(text: str) -> str:
    """The text with override markup taken out (the words as written)."""
    return OVERRIDE.sub(lambda match: match.group(1), text)


def respell(word: str, syllables: list[str]) -> str:
    """`word` with each Chinese character that would likely be read otherwise replaced by
    the commonest character whose only reading is the wanted syllable (行 háng → 杭); a
    character whose usual reading is the wanted one stays."""
    from .polyphones import normal, usual_reading

    out: list[str] = []
    wanted = iter(syllables)
    for ch in word:
        if not is_cjk(ch):
            out.append(ch)
            continue
        syllable = normal(next(wanted, ""))
        if usual_reading(ch) == syllable:
            out.append(ch)  # already read so
        else:
            out.append(_unambiguous().get(syllable, ch))
    return "".join(out)


@cache
def _unambiguous() -> dict[str, str]:
    """For every syllable, the commonest character that has that reading and no other."""
    import jieba

    from .polyphones import model

    jieba.dt.check_initialized()
    best: dict[str, tuple[int, str]] = {}
    for ch, readings in model().readings.items():
        if len(readings) != 1 or not is_cjk(ch):
            continue
        count = jieba.dt.FREQ.get(ch, 0)
        if count > best.get(readings[0], (-1, ""))[0]:
            best[readings[0]] = (count, ch)
    return {syllable: ch for syllable, (_, ch) in best.items()}
