"""Find a second rendition of the same content in other words, by alignment of word n-grams.

A page sometimes carries a show twice: an edited transcript and, after it, a raw
speech-recognition copy (other punctuation, no labels, misheard words). Paragraph-level
copy detection misses it because no paragraph repeats. Here every paragraph is compared with
everything before it: the share of its word trigrams (character 4-grams for Chinese) already
seen. A long enough run of paragraphs that mostly repeats earlier text is a rendition; the
copy without speaker labels is the one dropped, whichever comes first.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Sequence

_WORD = re.compile(r"[a-z0-9']+")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_SAMPLE = 4  # keep one n-gram in four (by a stable hash): enough to align, a quarter the memory
_MIN_GRAMS = 3
_REPEATED = 0.5  # share of a paragraph's n-grams seen before that makes it a repeat
_MIN_RUN_CHARS = 400
# a rendition is a second telling of much of the show; a cold-open clip played again later,
# or a quote repeated, is far shorter than this share of the whole text
_MIN_RUN_SHARE = 0.2


def rendition_runs(texts: Sequence[str], labelled: Sequence[bool]) -> list[range]:
    """Runs of unlabelled paragraphs that repeat, in other words, what the rest says.

    A speaker's labelled turn is never part of a run: people repeat themselves.
    """
    grams = [_grams(text) for text in texts]
    runs = _repeating_runs(texts, grams, labelled)
    covered = {i for run in runs for i in run}
    # the labelled copy came second: the first, unlabelled one is found reading backwards
    backwards = _repeating_runs(texts[::-1], grams[::-1], labelled[::-1])
    for run in backwards:
        forward = range(len(texts) - run.stop, len(texts) - run.start)
        if not covered.intersection(forward):
            runs.append(forward)
            covered.update(forward)
    return sorted(runs, key=lambda run: run.start)


def _repeating_runs(texts: Sequence[str], paragraph_grams: Sequence[set[int]],
                    labelled: Sequence[bool]) -> list[range]:
    least = max(_MIN_RUN_CHARS, _MIN_RUN_SHARE * sum(len(text) for text in texts))
    seen: set[int] = set()
    repeats: list[bool | None] = []
    for grams, is_turn in zip(paragraph_grams, labelled, strict=True):
        if is_turn:
            repeats.append(False)  # a speaker's turn ends any run
        elif len(grams) < _MIN_GRAMS:
            repeats.append(None)  # too short to tell; it joins the run around it
        else:
            repeats.append(len(grams & seen) >= _REPEATED * len(grams))
        seen |= grams
    runs: list[range] = []
    start: int | None = None
    for index, repeat in enumerate([*repeats, False]):
        if repeat is True and start is None:
            start = index
        elif repeat is False and start is not None:
            end = index
            while end > start and repeats[end - 1] is None:
                end -= 1
            if sum(len(texts[i]) for i in range(start, end)) >= least:
                runs.append(range(start, end))
            start = None
    return runs


def _grams(text: str) -> set[int]:
    lowered = text.lower()
    han = _HAN.findall(lowered)
    if len(han) > len(lowered) / 3:
        # four characters are 16 bytes of UTF-32: slicing the encoded run once is faster
        # than encoding every piece
        data = "".join(han).encode("utf-32-le")
        pieces = [data[i:i + 16] for i in range(0, len(data) - 12, 4)]
    else:
        words = _WORD.findall(lowered)
        pieces = [" ".join(words[i:i + 3]).encode() for i in range(len(words) - 2)]
    return {h for h in map(zlib.crc32, pieces) if h % _SAMPLE == 0}
