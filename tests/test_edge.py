"""The edge engine through the real edge-tts client, against the loopback Edge server."""

from __future__ import annotations

import json
import shutil

import numpy as np
import pytest
import yaml

from renderer.clips.cache import ClipCache
from renderer.engines import EngineOptions, resolve
from renderer.engines.edge import EDGE_RATE, EdgeEngine, request_texts
from renderer.errors import ExitStatus

from .edge_server import EdgeServer, FaultPlan, RunningServer, tone_frequency
from .edge_server import split_sentences as server_sentences
from .helpers import FIXTURES, ROOT, SAMPLE_SCRIPT

SMALL = FIXTURES / "scripts" / "small_zh.yaml"


@pytest.fixture
def edge(monkeypatch):
    """A loopback Edge server; PODCAST_EDGE_URL points edge-tts at it."""
    server = EdgeServer()
    with RunningServer(server):
        monkeypatch.setenv("PODCAST_EDGE_URL", server.url)
        monkeypatch.setenv("PODCAST_EDGE_BACKOFF", "0.01")
        yield server


def _dominant(audio: np.ndarray, start: float, end: float, rate: int = EDGE_RATE) -> float:
    """The strongest frequency in the middle of [start, end] seconds."""
    pad = min(0.05, (end - start) / 4)
    piece = audio[int((start + pad) * rate): int((end - pad) * rate)].astype(np.float64)
    spectrum = np.abs(np.fft.rfft(piece * np.hanning(len(piece))))
    return float(np.fft.rfftfreq(len(piece), 1 / rate)[np.argmax(spectrum)])


def _assert_speaks(samples: np.ndarray, sentences, text: str, rate: int = 24_000) -> None:
    """The clip's sentences are the text's, and each span sounds like its own sentence."""
    assert [s.text for s in sentences] == server_sentences(text)
    for sentence in sentences:
        expected = tone_frequency(sentence.text)
        found = _dominant(samples, sentence.start, sentence.end, rate)
        assert abs(found - expected) < 8, (sentence.text, found, expected)


def test_timings_follow_the_boundary_events_across_requests(edge):
    engine = EdgeEngine(backoff=0.01)
    settings = engine.settings({"voice": "zh-CN-YunyangNeural"})
    text = "".join(f"这是第{i}句话，用来测试很长的文本会不会被正确地切开。" for i in range(60))
    clip = engine.synthesize(text, settings)
    assert len(edge.requests) == len(request_texts(text)) >= 2
    assert all(len(r.text) <= 1000 for r in edge.requests)
    _assert_speaks(clip.samples, clip.sentences, text)
    # within one request the offsets are exactly the server's
    first = clip.sentences[0]
    assert abs(first.start - 0.1) < 0.001


def test_voice_settings_reach_the_ssml(edge):
    engine = EdgeEngine(backoff=0.01)
    settings = engine.settings({"voice": "en-US-AndrewNeural", "rate": "+12%",
                                "pitch": "-5Hz", "volume": "+20%"})
    engine.synthesize("Hello there. How are you?", settings)
    request = edge.requests[-1]
    assert request.voice == "Microsoft Server Speech Text to Speech Voice (en-US, AndrewNeural)"
    assert (request.rate, request.pitch, request.volume) == ("+12%", "-5Hz", "+20%")


def test_markup_is_spoken_literally_and_silence_is_never_sent(edge):
    engine = EdgeEngine(backoff=0.01)
    settings = engine.settings({"voice": "zh-CN-YunyangNeural"})
    engine.synthesize("……！！\n<b>粗体</b> & ]]> 也要读出来。\n——", settings)
    assert [r.text for r in edge.requests] == ["<b>粗体</b> & ]]> 也要读出来。"]
    clip = engine.synthesize("……？！", settings)
    assert len(edge.requests) == 1, "punctuation alone is never sent"
    assert 0 < len(clip.samples) / EDGE_RATE < 1


def test_whole_script_renders_through_the_real_client(edge, cli, tmp_path, monkeypatch):
    voices = tmp_path / "voices"
    shutil.copytree(ROOT / "voices", voices)
    profile = voices / "zh-male-guest.yaml"
    data = yaml.safe_load(profile.read_text(encoding="utf-8"))
    data["engines"]["edge"].update(rate="+8%", pitch="+3Hz", volume="-10%")
    profile.write_text(yaml.safe_dump(data), encoding="utf-8")
    monkeypatch.setenv("PODCAST_VOICES_DIR", str(voices))
    episode = tmp_path / "out" / "small.mp3"
    result = cli("render", SMALL, "--engine", "edge", "-o", episode, "--cache-dir",
                 tmp_path / "cache", "--json")
    assert result.code == 0, result.err
    summary = json.loads(result.out)
    assert summary["engine"] == "edge" and summary["synthesized"] == 7
    voices_used = {r.voice.split(", ")[1].rstrip(")") for r in edge.requests}
    assert voices_used == {"XiaoxiaoNeural", "YunyangNeural", "YunjianNeural"}
    guest = [r for r in edge.requests if "Yunjian" in r.voice]
    assert guest and all((r.rate, r.pitch, r.volume) == ("+8%", "+3Hz", "-10%") for r in guest)
    assert "A I" in "".join(r.text for r in edge.requests), "the lexicon applies before TTS"
    assert episode.exists()


def _render_sample(cli, tmp_path, *extra):
    episode = tmp_path / "out" / "sample.mp3"
    result = cli("render", SAMPLE_SCRIPT, "--engine", "edge", "-o", episode, "--cache-dir",
                 tmp_path / "cache", "--json", *extra)
    return result, episode


def test_thirty_percent_of_requests_failing_once(edge, cli, tmp_path):
    edge.faults = FaultPlan(share=0.3)
    result, episode = _render_sample(cli, tmp_path)
    assert result.code == 0, result.err
    # edge leaves the cores idle while it waits: chapters are encoded as they are finished
    assert json.loads(result.out)["segments"]["encoded_while_synthesizing"] >= 1
    faults = len(edge.refused) + len(edge.stream_faults)
    attempts = len(edge.refused) + len(edge.requests)
    assert faults / attempts >= 0.2, (faults, attempts)
    assert {"drop", "noaudio", "short"} & set(edge.stream_faults)
    manifest = json.loads(episode.with_name("sample.render.json").read_text(encoding="utf-8"))
    assert len(manifest["turns"]) == 57
    cache = ClipCache(tmp_path / "cache")
    script = yaml.safe_load(SAMPLE_SCRIPT.read_text(encoding="utf-8"))
    texts = {t["id"]: t["text"] for c in script["chapters"] for t in c["turns"]}
    for turn in manifest["turns"]:
        samples = np.frombuffer(b"".join(cache.read_chunks(turn["key"])), np.int16)
        info = cache.info(turn["key"])
        _assert_speaks(samples, info.sentences, texts[turn["id"]])


def test_a_turn_that_always_fails_stops_the_render(edge, cli, tmp_path):
    edge.faults = FaultPlan(marker="百模大战。", marker_kind="noaudio")
    result, episode = _render_sample(cli, tmp_path)
    assert result.code == ExitStatus.SYNTHESIS
    lines = [line for line in result.err.splitlines() if line.startswith("error")]
    assert len(lines) == 1 and "t052" in lines[0] and "NoAudioReceived" in lines[0]
    assert not episode.exists()
    assert not episode.parent.exists() or not any(episode.parent.iterdir())
    edge.faults = FaultPlan()
    result, _ = _render_sample(cli, tmp_path)
    assert result.code == 0, result.err
    assert json.loads(result.out)["synthesized"] == 1


def test_auto_uses_edge_only_when_it_is_reachable(edge, monkeypatch):
    engine, note = resolve("auto", EngineOptions())
    assert engine.name == "edge" and note is None
    monkeypatch.setenv("PODCAST_EDGE_URL", "ws://127.0.0.1:9/edge/v1?TrustedClientToken=x")
    engine, note = resolve("auto", EngineOptions())
    assert engine.name != "edge" and "unreachable" in note and "connect" in note
    monkeypatch.setenv("PODCAST_EDGE_URL", "wss://no-such-host.invalid/edge/v1?Trusted=x")
    engine, note = resolve("auto", EngineOptions())
    assert engine.name != "edge" and "resolve" in note


def test_auto_never_hides_a_failing_service(edge, cli, tmp_path):
    edge.faults = FaultPlan(every_handshake="503")
    result = cli("render", SMALL, "--engine", "auto", "-o", tmp_path / "x.mp3",
                 "--cache-dir", tmp_path / "cache")
    assert result.code == ExitStatus.SYNTHESIS
    assert "HTTP 503" in result.err


def test_receive_timeout(edge, cli, tmp_path):
    edge.latency = 3.0
    result = cli("render", SMALL, "--engine", "edge", "-o", tmp_path / "x.mp3",
                 "--cache-dir", tmp_path / "cache", "--receive-timeout", "1", "--jobs", "7")
    assert result.code == ExitStatus.SYNTHESIS
    assert "Timeout" in result.err


def test_proxy_is_used(edge, cli, tmp_path):
    result = cli("render", SMALL, "--engine", "edge", "-o", tmp_path / "x.mp3",
                 "--cache-dir", tmp_path / "cache", "--proxy", "http://127.0.0.1:9")
    assert result.code == ExitStatus.SYNTHESIS
    assert not edge.requests, "nothing reached the server past a dead proxy"


def test_voices_live_and_catalogue(edge, cli, monkeypatch):
    result = cli("voices", "--engine", "edge", "--locale", "zh-CN")
    assert result.code == 0, result.err
    assert "live" in result.out and "zh-CN-YunyangNeural" in result.out
    assert "en-US-AndrewNeural" not in result.out
    monkeypatch.setenv("PODCAST_EDGE_URL", "ws://127.0.0.1:9/edge/v1?TrustedClientToken=x")
    result = cli("voices", "--engine", "edge", "--locale", "zh-CN")
    assert result.code == 0, result.err
    assert "catalogue" in result.out and "zh-CN-XiaoxiaoNeural" in result.out
