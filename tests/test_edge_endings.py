"""A request counts only when the service finished it: connections that end early are retried.

Against the loopback Edge server: the first attempt at every request ends early — the
websocket closed cleanly halfway through the audio, or between two sentences, or the TCP
connection dropped — with the boundary events sent all first or each before its audio.
Every turn must still have all its audio, and the render must count the retries.
"""

from __future__ import annotations

import json

import numpy as np
import pytest
import yaml

from renderer.clips.cache import ClipCache
from renderer.engines import edge as edge_module
from renderer.engines.edge import EdgeEngine
from renderer.errors import ExitStatus, SynthesisError

from .edge_server import EdgeServer, FaultPlan, RunningServer, sentence_seconds
from .edge_server import split_sentences as server_sentences
from .helpers import FIXTURES
from .test_edge import _assert_speaks

SMALL = FIXTURES / "scripts" / "small_zh.yaml"
TEXTS = {t["id"]: t["text"] for c in yaml.safe_load(SMALL.read_text(encoding="utf-8"))[
    "chapters"] for t in c["turns"]}


@pytest.fixture(params=[False, True], ids=["boundaries-first", "interleaved"])
def edge(request, monkeypatch):
    """A loopback Edge server sending boundary events first, or each before its audio."""
    server = EdgeServer(interleave=request.param)
    with RunningServer(server):
        monkeypatch.setenv("PODCAST_EDGE_URL", server.url)
        monkeypatch.setenv("PODCAST_EDGE_BACKOFF", "0.01")
        yield server


def _render(cli, tmp_path):
    episode = tmp_path / "out" / "small.mp3"
    result = cli("render", SMALL, "--engine", "edge", "-o", episode, "--cache-dir",
                 tmp_path / "cache", "--json")
    return result, episode


def _assert_every_turn_whole(tmp_path, episode):
    """Each turn's clip holds every sentence, each as long as the server speaks it."""
    manifest = json.loads(episode.with_name("small.render.json").read_text(encoding="utf-8"))
    cache = ClipCache(tmp_path / "cache")
    for turn in manifest["turns"]:
        info = cache.info(turn["key"])
        samples = np.frombuffer(b"".join(cache.read_chunks(turn["key"])), np.int16)
        text = TEXTS[turn["id"]].replace("AI", "A I")  # the script's lexicon
        _assert_speaks(samples, info.sentences, text)
        for sentence in info.sentences:
            assert abs(sentence.end - sentence.start - sentence_seconds(sentence.text)) < 0.01
    return manifest


@pytest.mark.parametrize("ending", ["cut", "cut-between", "drop"])
def test_first_attempts_that_end_early_are_retried(edge, cli, tmp_path, ending):
    edge.faults = FaultPlan(share=1.0, kinds=(ending,))  # every request's first attempt
    result, episode = _render(cli, tmp_path)
    assert result.code == 0, result.err
    requests = len({r.text for r in edge.requests})
    assert len(edge.stream_faults) == requests
    manifest = _assert_every_turn_whole(tmp_path, episode)
    summary = json.loads(result.out)
    assert sum(summary["retries"].values()) == requests
    assert manifest["retries"] == summary["retries"]
    if ending != "drop":
        # a clean close: edge-tts returns part of the audio without an error
        assert set(summary["retries"]) <= {"ended-early", "incomplete-audio"}


@pytest.mark.parametrize("ending", ["cut", "cut-between"])
def test_a_request_that_always_ends_early_fails_the_render_naming_the_turn(
        edge, cli, tmp_path, ending):
    edge.faults = FaultPlan(marker="维护者需要更多的支持", marker_kind=ending)
    result, episode = _render(cli, tmp_path)
    assert result.code == ExitStatus.SYNTHESIS
    errors = [line for line in result.err.splitlines() if line.startswith("error")]
    assert len(errors) == 1 and "t04" in errors[0]
    assert not episode.exists()


@pytest.mark.parametrize("ending", ["cut", "cut-between"])
def test_without_turn_end_the_boundaries_decide(edge, monkeypatch, ending):
    """An edge-tts that does not let us see turn.end: the boundary events and the audio
    length still tell a finished request from one that ended early."""
    monkeypatch.setattr(edge_module, "_turn_ended", lambda communicate, received: None)
    text = "开源已经成为软件行业的基础设施。几乎每家公司都在用。维护者需要更多的支持。"
    engine = EdgeEngine(backoff=0.01)
    settings = engine.settings({"voice": "zh-CN-YunyangNeural"})
    edge.faults = FaultPlan(share=1.0, kinds=(ending,))
    clip = engine.synthesize(text, settings)
    _assert_speaks(clip.samples, clip.sentences, text)
    if ending == "cut-between" and not edge.interleave:
        # every boundary and all the audio arrived, only turn.end did not: nothing is
        # missing, and there is no way (nor need) to tell
        assert engine.retries() == {}
        return
    assert sum(engine.retries().values()) == 1
    edge.faults = FaultPlan(marker="维护者", marker_kind=ending)
    with pytest.raises(SynthesisError):
        engine.synthesize(text + "再说一句。", settings)


def test_boundaries_of_a_finished_request_cover_its_text(edge):
    text = "第一句话。第二句话！第三句话？"
    engine = EdgeEngine(backoff=0.01)
    clip = engine.synthesize(text, engine.settings({"voice": "zh-CN-YunyangNeural"}))
    assert [s.text for s in clip.sentences] == server_sentences(text)
    assert engine.retries() == {}
