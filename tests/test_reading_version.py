"""What the reading front end gives the engines is pinned to READING_VERSION (and Kokoro's
G2P_VERSION): a change in output without a bump would leave stale clips in every cache."""

from __future__ import annotations

import hashlib

from renderer.engines.espeak import espeak_inputs
from renderer.engines.kokoro import G2P_VERSION
from renderer.engines.kokoro_g2p import phonemes_many
from renderer.reading import READING_VERSION
from renderer.reading.lexicon import Entry, spoken_form

SENTENCES = [
    "我们先谈谈你的智能产业研究院。三年了，你现在做的怎么样？",
    "他是银行行长，明天得去一趟重庆。",
    "2019年，AGI和ChatGPT改变了OpenAI的iPhone，50%的人不了解。",
    "你好，一天，一个，不是，第一，十一，看一看。",
    "The AGI beat the IMF at NASA, and JSON won.",
    "绿色的效率，女生。",
    "GOOD EVENING. WE BEGIN WITH THE FBI.",
]
LEXICON = {"行长": Entry(pinyin="hang2 zhang3"), "AGI": Entry(say="A G I"),
           "NASA": Entry(ipa="nˈæsə")}
# the digest of the front end's output for each (READING_VERSION, G2P_VERSION)
# (g2p 4: the same output here, but a last word after a clause end, `Hi! x`, no longer
# leaks into the next sentence's English phonemes, so clips made before are made again)
# (reading 2: a sentence all in capitals, `GOOD EVENING`, is words, not letters)
PINNED = {(2, 4): "835aafa4fd1bea55"}


def _outputs() -> list[str]:
    kokoro = phonemes_many([spoken_form(s, LEXICON, "kokoro") for s in SENTENCES])
    espeak = espeak_inputs([spoken_form(s, LEXICON, "espeak") for s in SENTENCES], "cmn")
    english = espeak_inputs([spoken_form(s, LEXICON, "espeak") for s in SENTENCES], "en-us")
    return kokoro + espeak + english


def _digest(outputs: list[str]) -> str:
    return hashlib.sha256("\n".join(outputs).encode()).hexdigest()[:16]


def test_the_front_ends_output_matches_its_version():
    outputs = _outputs()
    found = _digest(outputs)
    pinned = PINNED.get((READING_VERSION, G2P_VERSION))
    # the outputs themselves in the message: a run that differs shows what it gave
    assert found == pinned, (
        f"the reading front end's output changed (digest {found}): bump READING_VERSION "
        "(or G2P_VERSION for kokoro_g2p.py) and pin the new digest here, so every cache "
        "makes its Kokoro and espeak-ng clips again; it gave:\n" + "\n".join(outputs))
