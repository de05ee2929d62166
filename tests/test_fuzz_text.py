"""Fuzzing each engine's text preparation: no crash, no hang, no word lost on the way."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from renderer.engines.edge import MAX_REQUEST_CHARS, request_texts
from renderer.engines.espeak import EspeakEngine
from renderer.engines.kokoro import MAX_TOKENS, KokoroEngine, token_chunks
from renderer.engines.kokoro_g2p import mandarin_phonemes
from renderer.espeak_ng import espeak_phonemes
from renderer.reading.lexicon import spoken_form
from renderer.reading.numbers import chinese_numbers
from renderer.reading.phonemes import english_phonemes
from renderer.text import split_sentences

TEXT = st.text(
    alphabet=st.one_of(
        st.characters(codec="utf-8", exclude_categories=("Cs",)),
        st.sampled_from(list("我们的。，！？；…「」（）——ABCxyz 0123456789%/-.\n<>&]")),
    ),
    max_size=2500,
)
# no deadline: the first example loads dictionaries and models, slow on a loaded machine;
# speed is measured by the benches, never by a timed test
FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _words(text: str) -> list[str]:
    return [ch for ch in text if ch.isalnum()]


@FUZZ
@given(TEXT)
def test_sentence_split_keeps_every_character(text):
    assert "".join(split_sentences(text)) == text


@FUZZ
@given(TEXT)
def test_edge_requests_lose_nothing_and_stay_short(text):
    requests = request_texts(text)
    assert _words("".join(requests)) == _words(text)
    assert all(0 < len(r) <= MAX_REQUEST_CHARS and any(c.isalnum() for c in r)
               for r in requests)


@FUZZ
@given(TEXT)
def test_espeak_and_kokoro_sentences_lose_nothing(text):
    for engine in (EspeakEngine(), KokoroEngine()):
        pieces = engine.pieces(text)
        assert _words("".join(pieces)) == _words(text)


@FUZZ
@given(TEXT, st.dictionaries(st.text(min_size=1, max_size=5), st.text(max_size=5), max_size=4))
def test_lexicon_changes_only_what_it_names(text, lexicon):
    spoken = spoken_form(text, lexicon, "edge")
    if not any(key in text for key in lexicon):
        assert spoken == text


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300))
def test_kokoro_front_end_never_crashes_and_respects_the_token_limit(text):
    from renderer.engines.kokoro import _Model

    vocab = _Model.get().vocab
    chinese_numbers(text)
    english_phonemes(text)
    phones = mandarin_phonemes(text)
    for chunk in token_chunks(phones, vocab):
        assert 0 < len(chunk) <= MAX_TOKENS


@pytest.mark.parametrize("text", ["Hi! x", "Plan A；plan B", "ok, x", "Hello；x"])
def test_a_last_word_after_a_clause_end_is_said_in_its_own_sentence(text):
    # espeak-ng reads a word ahead: the last word after `!`, `,` or `；` must not be left in
    # its buffer, lost from this sentence and said at the start of the next
    alone = espeak_phonemes("Chat", "en-us")
    last = espeak_phonemes(re.split(r"[\s；]", text)[-1], "en-us")
    assert espeak_phonemes(text, "en-us").endswith(last)
    assert espeak_phonemes("Chat", "en-us") == alone


@FUZZ
@given(TEXT)
def test_no_text_changes_how_the_next_one_is_read(text):
    alone = espeak_phonemes("Chat G-P-T", "en-us")
    espeak_phonemes(text, "en-us")
    assert espeak_phonemes("Chat G-P-T", "en-us") == alone


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.sampled_from(list("我们的银行。，！？ABCxyz 0123456789.")),
               max_size=200),
       st.sampled_from(["en-us", "cmn"]))
def test_no_text_changes_how_the_next_clip_sounds(text, voice):
    # A clip made again (another worker, another order) must be the same clip, or the cache
    # and the episode depend on which worker made what.
    engine = EspeakEngine()
    settings_ = engine.settings({"voice": "en-us"})
    before = engine.synthesize("Hello there. This is the same clip, said twice!", settings_)
    engine.synthesize(text, engine.settings({"voice": voice}))
    after = engine.synthesize("Hello there. This is the same clip, said twice!", settings_)
    assert after.samples.tobytes() == before.samples.tobytes()
