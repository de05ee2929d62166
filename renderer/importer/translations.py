"""Find a dialogue given in two languages, each turn followed by its translation.

A bilingual page (`中英对照`) prints every turn twice: `Lex Fridman：对我们人类来说……` and
then `Lex Fridman: It's hard for us humans…`, sometimes a few turns in one language and the
same turns in the other. No paragraph repeats and no words align, but the pattern shows: runs
of paragraphs in one script, each followed by a run in the other script that the same
speakers say in the same order. Where most of the dialogue pairs up like that, the paragraphs
in the page's other language are a translation, and an episode says each turn once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ..text import is_cjk

# a paragraph in Chinese script: this share of its letters are Han characters (English words
# inside Chinese are common); one in Latin script has almost none
_HAN_SHARE = 0.3
_LATIN_HAN_SHARE = 0.05
_MIN_LETTERS = 2
# a page in two languages: this many runs pair up, covering this share of the dialogue
_MIN_PAIRS = 3
_MIN_COVERED = 0.6


@dataclass
class _Run:
    script: str
    members: list[int] = field(default_factory=list)
    speakers: list[str] = field(default_factory=list)


def script_of(text: str) -> str | None:
    """"han" or "latin" for a paragraph written in that script; None if mixed or too short."""
    han = sum(map(is_cjk, text))
    latin = sum(1 for ch in text if ch.isascii() and ch.isalpha())
    if han + latin < _MIN_LETTERS:
        return None
    share = han / (han + latin)
    if share >= _HAN_SHARE:
        return "han"
    return "latin" if share <= _LATIN_HAN_SHARE else None


def translated(texts: Sequence[str], speakers: Sequence[str | None], primary: str | None
               ) -> list[int]:
    """The paragraphs that translate the ones before or after them into the page's other
    language (`primary` is the script the page is written in; the first paragraph's if None).

    `texts` are the paragraphs' words without their labels and `speakers` who each one names
    (None where it has no label); a run's speakers in order must be the same in both
    languages, so two people who each speak their own language are never taken for a
    translation.
    """
    scripts = [script_of(text) for text in texts]
    runs = _runs(scripts, speakers)
    pairs = []
    index = 0
    while index + 1 < len(runs):
        first, second = runs[index], runs[index + 1]
        # (a speaker's paragraphs after the first pair up like turns: `(00:00:27) 但是……`)
        if first.script != second.script and first.speakers == second.speakers and (
                first.speakers or len(first.members) == len(second.members)):
            pairs.append((first, second))
            index += 2
        else:
            index += 1
    labelled = [i for i, speaker in enumerate(speakers) if speaker is not None]
    if sum(1 for first, _ in pairs if first.speakers) < _MIN_PAIRS or not labelled:
        return []
    dialogue = [i for i in range(labelled[0], labelled[-1] + 1) if scripts[i]]
    covered = sum(len(run.members) for pair in pairs for run in pair)
    if covered < _MIN_COVERED * len(dialogue):
        return []
    primary = primary or next(s for s in scripts if s)
    return sorted(i for pair in pairs for run in pair if run.script != primary
                  for i in run.members)


def _runs(scripts: Sequence[str | None], speakers: Sequence[str | None]) -> list[_Run]:
    """Consecutive paragraphs of one script; a paragraph of neither script (a time alone, a
    name) joins the run it is in."""
    runs: list[_Run] = []
    for index, script in enumerate(scripts):
        if script is None and not runs:
            continue
        if script is not None and (not runs or runs[-1].script != script):
            runs.append(_Run(script))
        runs[-1].members.append(index)
        if (speaker := speakers[index]) is not None:
            runs[-1].speakers.append(speaker)
    return runs
