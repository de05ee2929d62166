"""Kokoro-82M offline: real model, Mandarin with English words, distinct voices, no network."""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
import threading
import time

import numpy as np
import pytest

from renderer.engines import EngineOptions, resolve
from renderer.engines.base import join_clips
from renderer.engines.kokoro import MAX_TOKENS, KokoroEngine, token_chunks
from renderer.engines.kokoro_g2p import mandarin_phonemes
from renderer.reading.numbers import chinese_numbers
from renderer.script.voices import VoiceLibrary

from .audio_checks import median_f0, spectral_centroid
from .helpers import FIXTURES

pytestmark = pytest.mark.slow
SENTENCE = "我们用ChatGPT写代码，效率提高了很多。"


@pytest.fixture(scope="module")
def engine():
    kokoro = KokoroEngine()
    kokoro.version()  # loads the model once for the module
    return kokoro


def test_chinese_sentence_with_an_english_word(engine):
    settings = engine.settings({"voice": "jm_kumo"})
    clip = engine.synthesize(SENTENCE, settings)
    audio = np.asarray(clip.samples, dtype=np.float64)
    seconds = len(audio) / clip.rate
    characters = len(SENTENCE)
    assert characters / 9 < seconds < characters / 2, seconds  # 2–9 characters a second
    rms = np.sqrt(np.mean(audio ** 2))
    assert 20 * np.log10(rms) > -35, "not silent"
    assert np.mean(np.abs(audio) >= 0.999) < 0.001, "no clipping"
    assert [s.text for s in clip.sentences] == [SENTENCE]
    phones = mandarin_phonemes(SENTENCE)
    assert "ʧˈæt" in phones, "the English word is spoken as English"
    assert "↓" in phones or "↘" in phones, "the Chinese has tones"


def test_a_turn_heard_while_it_is_made_is_the_clip_a_render_makes(engine):
    # the studio streams a turn (its first sentence on a session using every core); the
    # cache must hold what a render would have made
    text = "我们先谈谈你的研究院。你现在主要在做什么？这两年变化大吗？"
    settings = engine.settings({"voice": "jm_kumo", "pitch": 1.05})
    pieces = list(engine.stream(text, settings))
    made = engine.synthesize(text, settings)
    assert len(pieces) == 3, "one piece a sentence"
    heard = join_clips(pieces)
    assert np.array_equal(heard.samples, made.samples)
    assert heard.sentences == made.sentences


def test_numbers_are_read_as_a_chinese_speaker_says_them():
    assert chinese_numbers("2019年底") == "二零一九年底"
    assert chinese_numbers("有50%的人") == "有百分之五十的人"
    assert chinese_numbers("1/3的工作") == "三分之一的工作"
    assert chinese_numbers("过去这2-3年") == "过去这二到三年"
    assert chinese_numbers("4.5、4.9、5.0") == "四点五、四点九、五点零"
    assert chinese_numbers("21位全职老师") == "二十一位全职老师"


def test_long_sentences_respect_the_token_limit(engine):
    from renderer.engines.kokoro import _Model

    vocab = _Model.get().vocab
    phones = mandarin_phonemes("，".join(["这是一个非常长的句子"] * 80) + "。")
    chunks = token_chunks(phones, vocab)
    assert len(chunks) > 1
    assert all(0 < len(chunk) <= MAX_TOKENS for chunk in chunks)
    assert sum(len(c) for c in chunks) >= len([ch for ch in phones if ch in vocab]) - len(chunks)


def test_zh_offline_voices_are_distinct(engine):
    library = VoiceLibrary.load()
    profiles = [p for p in library.for_language("zh-CN") if "kokoro" in p.engines]
    assert len(profiles) >= 3
    assert sum(p.gender == "male" for p in profiles) >= 2
    measured = {}
    for profile in profiles:
        clip = engine.synthesize("我们先谈谈你的智能产业研究院，你现在主要在做什么？",
                                 engine.settings(profile.settings("kokoro")))
        measured[profile.id] = (median_f0(clip.samples), spectral_centroid(clip.samples))
    for (a, (f0_a, c_a)), (b, (f0_b, c_b)) in itertools.combinations(measured.items(), 2):
        f0_gap = abs(f0_a - f0_b) / min(f0_a, f0_b)
        centroid_gap = abs(c_a - c_b) / min(c_a, c_b)
        assert max(f0_gap, centroid_gap) >= 0.10, (a, b, measured[a], measured[b])
    males = [measured[p.id][0] for p in profiles if p.gender == "male"]
    females = [measured[p.id][0] for p in profiles if p.gender == "female"]
    assert max(males) < min(females), "the male voices sound lower than the female ones"


def test_auto_prefers_kokoro_when_the_service_is_out_of_reach(monkeypatch):
    monkeypatch.setenv("PODCAST_EDGE_URL", "ws://127.0.0.1:9/edge/v1?TrustedClientToken=x")
    engine, note = resolve("auto", EngineOptions())
    assert engine.name == "kokoro" and "kokoro" in note


NO_NETWORK = """
import socket, sys
def refuse(*args, **kwargs):
    raise OSError("network disabled by the test")
socket.socket.connect = refuse
socket.socket.connect_ex = refuse
socket.create_connection = refuse
socket.getaddrinfo = refuse
from renderer.engines.kokoro import KokoroEngine
engine = KokoroEngine()
clip = engine.synthesize("没有网络也能说话。", engine.settings({"voice": "jf_alpha"}))
assert len(clip.samples) > 12000, len(clip.samples)
print("ok", engine.version())
"""


def test_model_is_never_downloaded(tmp_path):
    # a fresh model folder: the model is assembled from the installed wheels, with no network
    result = subprocess.run([sys.executable, "-c", NO_NETWORK], capture_output=True, text=True,
                            env={"PODCAST_MODEL_DIR": str(tmp_path / "models"),
                                 "HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
                            timeout=300)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ok kokoro-82m")
    assert (tmp_path / "models" / "kokoro-v1.0.int8.onnx").stat().st_size > 80_000_000


def test_a_clip_heard_while_it_is_made_is_the_clip_a_render_makes(engine, tmp_path):
    """The studio streams a turn sentence by sentence; what it stores is what a render
    stores, and the first sentence is handed over before the last is made."""
    from renderer.clips.cache import ClipCache
    from renderer.clips.live import make_clip_live
    from renderer.clips.synthesis import SynthesisJob, _make_clip

    text = "今天我们聊开源。维护者需要更多的支持。社区也在成长。"
    settings = engine.settings({"voice": "jf_alpha"})
    live, rendered = ClipCache(tmp_path / "live"), ClipCache(tmp_path / "render")
    job = SynthesisJob("a" * 32, text, settings, ("t01",))
    heard: list[tuple[bytes, bool]] = []
    make_clip_live(engine, live, job, lambda pcm: heard.append((pcm, live.info(job.key) is None)))
    _make_clip(engine, rendered, job)
    assert b"".join(live.read_chunks(job.key)) == b"".join(rendered.read_chunks(job.key))
    assert len(heard) == 3, "one piece a sentence"
    assert all(before_stored for _, before_stored in heard)
    streamed = sum(len(pcm) for pcm, _ in heard) // 2
    assert abs(streamed - live.info(job.key).samples) < 0.3 * 24_000


def _count_model_runs(monkeypatch) -> list[int]:
    """Record the token count of every sentence piece the model is run on from now on."""
    from renderer.engines.kokoro import _Model

    runs: list[int] = []
    infer, infer_wide = _Model.infer, _Model.infer_wide

    def counted(run):
        def wrapper(self, ids, voice, speed, *rest):
            runs.append(len(ids))
            return run(self, ids, voice, speed, *rest)
        return wrapper

    monkeypatch.setattr(_Model, "infer", counted(infer))
    monkeypatch.setattr(_Model, "infer_wide", counted(infer_wide))
    return runs


THREE_SENTENCES = "今天我们聊开源。维护者需要更多的支持。社区也在成长。"


def test_an_edited_turn_remakes_only_the_sentence_that_changed(engine, tmp_path, monkeypatch):
    kept = KokoroEngine(tmp_path / "sentences")
    settings = engine.settings({"voice": "jm_kumo", "pitch": 1.05})
    runs = _count_model_runs(monkeypatch)
    kept.synthesize(THREE_SENTENCES, settings)
    assert len(runs) == 3
    edited = THREE_SENTENCES.replace("社区也在成长。", "社区也在慢慢成长。")
    heard = join_clips(list(kept.stream(edited, settings)))
    assert len(runs) == 4, "only the changed sentence is made again"
    made = engine.synthesize(edited, settings)  # an engine that keeps nothing
    assert np.array_equal(heard.samples, made.samples), "the same clip as one made from nothing"
    assert heard.sentences == made.sentences


def test_a_damaged_sentence_is_made_again(engine, tmp_path, monkeypatch):
    kept = KokoroEngine(tmp_path / "sentences")
    settings = engine.settings({"voice": "jf_alpha"})
    first = kept.synthesize(THREE_SENTENCES, settings)
    pieces = sorted((tmp_path / "sentences").rglob("*.pcm"))
    assert len(pieces) == 3
    damaged = bytearray(pieces[1].read_bytes())
    damaged[len(damaged) // 2] ^= 0x55  # same length, other samples
    pieces[1].write_bytes(bytes(damaged))
    runs = _count_model_runs(monkeypatch)
    again = kept.synthesize(THREE_SENTENCES, settings)
    assert len(runs) == 1, "the damaged sentence, and only it, is made again"
    assert np.array_equal(first.samples, again.samples)


def test_a_render_after_an_edit_makes_only_the_changed_sentence(cli, tmp_path, monkeypatch):
    script = tmp_path / "two.yaml"
    script.write_text(
        "format: 1\ntitle: 两句\nlanguage: zh-CN\n"
        "speakers:\n  host: {name: 主持人, voice: zh-male-host, role: host}\n"
        "  guest: {name: 嘉宾, voice: zh-female-guest, role: guest}\n"
        "chapters:\n  - title: 开场\n    turns:\n"
        f"      - {{id: t01, speaker: host, text: {THREE_SENTENCES}}}\n"
        "      - {id: t02, speaker: guest, text: 谢谢你的分享。}\n", encoding="utf-8")
    args = ["render", script, "--engine", "kokoro", "-o", tmp_path / "out" / "two.mp3",
            "--cache-dir", tmp_path / "cache", "--json"]
    first = cli(*args)
    assert first.code == 0, first.err
    kept = tmp_path / "cache" / "sentences"
    assert len(list(kept.rglob("*.pcm"))) == 4, "every sentence is kept beside the clips"
    edited = script.read_text(encoding="utf-8").replace("社区也在成长", "社区也在慢慢成长")
    script.write_text(edited, encoding="utf-8")
    runs = _count_model_runs(monkeypatch)
    second = cli(*args)
    assert second.code == 0, second.err
    assert json.loads(second.out)["synthesized"] == 1
    assert len(runs) == 1, "the edited turn's unchanged sentences are not made again"
    assert len(list(kept.rglob("*.pcm"))) == 5


def test_a_turn_being_typed_has_its_opening_made_ahead(tmp_path, monkeypatch):
    from renderer.render.plan import RenderOptions
    from renderer.studio.session import StudioSession

    script = tmp_path / "small.yaml"
    script.write_text((FIXTURES / "scripts" / "small_zh.yaml").read_text(encoding="utf-8"),
                      encoding="utf-8")
    session = StudioSession(script, RenderOptions(engine="kokoro", cache_dir=tmp_path / "cache"))
    typed = "我们换个话题吧。维护者需要更多的支持。"
    runs = _count_model_runs(monkeypatch)
    assert session.draft("t04", typed) == {"prepared": True}
    assert len(runs) == 1, "the opening sentence, made while the person pauses"
    version = session.state()["version"]
    session.edit("turn", version, {"id": "t04", "text": typed})
    assert session.speak(["t04"])["synthesized"] == 1
    assert len(runs) == 2, "saying the turn makes only what the draft did not"


# an opening long enough that its making takes seconds: a newer draft comes in the middle
LONG_OPENING = ("所以这又涉及到我们现在大模型的根本概念，也就是大家常说的涌现，这个是以前的"
                "软件从来没有过的东西，我们必须认真地讨论它将来会怎样发展。后面的话。")


def _drafting_session(tmp_path, monkeypatch):
    from renderer.render.plan import RenderOptions
    from renderer.studio.session import StudioSession

    script = tmp_path / "small.yaml"
    script.write_text((FIXTURES / "scripts" / "small_zh.yaml").read_text(encoding="utf-8"),
                      encoding="utf-8")
    session = StudioSession(script, RenderOptions(engine="kokoro", cache_dir=tmp_path / "cache"))
    runs = _count_model_runs(monkeypatch)
    answers: dict[str, dict] = {}
    older = threading.Thread(
        target=lambda: answers.update(older=session.draft("t04", LONG_OPENING)))
    older.start()
    deadline = time.monotonic() + 120
    while not runs and time.monotonic() < deadline:  # until the model runs on it
        time.sleep(0.01)
    assert runs, "the first draft started"
    return session, runs, answers, older


def _kept(tmp_path) -> int:
    return len(list((tmp_path / "cache" / "sentences").rglob("*.pcm")))


def test_a_draft_typed_on_stops_the_older_one_half_way(tmp_path, monkeypatch):
    session, runs, answers, older = _drafting_session(tmp_path, monkeypatch)
    assert session.draft("t04", "我们换个话题吧。维护者需要更多的支持。") == {"prepared": True}
    older.join(60)
    assert answers["older"] == {"prepared": False}, "the stale draft gave way"
    assert len(runs) == 2
    assert _kept(tmp_path) == 1, "only the newer opening is kept; nothing of the stale one"


def test_saying_another_text_stops_a_stale_draft(tmp_path, monkeypatch):
    session, runs, answers, older = _drafting_session(tmp_path, monkeypatch)
    session.edit("turn", session.state()["version"], {"id": "t04", "text": "短短一句。"})
    assert session.speak(["t04"])["synthesized"] == 1
    older.join(60)
    assert answers["older"] == {"prepared": False}
    assert len(runs) == 2, "the stale opening, stopped, and the turn's one sentence"
    assert _kept(tmp_path) == 1, "the turn's one sentence; nothing of the stale draft"
