"""Rendering a script with a real engine, read back with mutagen and ffmpeg."""

from __future__ import annotations

import itertools
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import yaml

from renderer.errors import ExitStatus

from .audio_checks import decode, id3_chapters, measure_loudness, mp3_seconds, probe
from .helpers import FIXTURES

SMALL = FIXTURES / "scripts" / "small_zh.yaml"
TITLES = ["开场", "开源软件", "人工智能与教育"]


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """The small script rendered once with espeak; returns (folder, summary)."""
    from renderer.cli import run

    folder = tmp_path_factory.mktemp("render")
    script = folder / "small.yaml"
    shutil.copy(SMALL, script)
    episode = folder / "out" / "small.mp3"
    code = run(["render", str(script), "--engine", "espeak", "-o", str(episode),
                "--cache-dir", str(folder / "cache"), "--json"])
    assert code == 0
    return folder, episode


def _summary(cli, *args) -> dict:
    result = cli(*args, "--json")
    assert result.code == 0, result.err
    return json.loads(result.out)


def test_mutagen_finds_id3v23_chapters_in_time_order(rendered):
    _, episode = rendered
    tags, chapters = id3_chapters(episode)
    assert tags.version == (2, 3, 0)
    assert [c[0] for c in chapters] == TITLES
    assert [c[3] for c in chapters] == ["ch000", "ch001", "ch002"]
    starts = [c[1] for c in chapters]
    assert starts == sorted(starts) and starts[0] == 0
    for (_, _, end, _), (_, start, _, _) in itertools.pairwise(chapters):
        assert end == start
    assert abs(chapters[-1][2] / 1000 - mp3_seconds(episode)) <= 0.05
    assert str(tags["TIT2"]) == "小测试：开源与教育"
    assert str(tags["TALB"]) == "测试节目"
    assert "主持人" in str(tags["TPE1"]) and "嘉宾" in str(tags["TPE1"])


def test_ffmpeg_lists_the_same_chapters(rendered):
    _, episode = rendered
    info = probe(episode)
    _, chapters = id3_chapters(episode)
    assert [c.title for c in info.chapters] == TITLES
    assert info.chapters[0].start == 0
    for first, second in itertools.pairwise(info.chapters):
        assert first.end == second.start
    assert abs(info.chapters[-1].end - info.duration) <= 0.05
    for mine, theirs in zip(chapters, info.chapters, strict=True):
        # ffmpeg shows times relative to its stream start (after the encoder delay)
        assert abs(mine[1] / 1000 - theirs.start) <= 0.05


def test_loudness_is_on_target(rendered):
    _, episode = rendered
    integrated, true_peak = measure_loudness(episode)
    assert abs(integrated - (-16.0)) <= 1.0
    assert true_peak <= -1.0


def test_mp3_is_mono_44k(rendered):
    from mutagen.mp3 import MP3

    info = MP3(rendered[1]).info
    assert (info.sample_rate, info.channels, info.bitrate) == (44100, 1, 64000)


def test_sidecars(rendered):
    _, episode = rendered
    chapters = json.loads(episode.with_name("small.chapters.json").read_text(encoding="utf-8"))
    assert chapters["version"] == "1.2.0"
    assert [c["title"] for c in chapters["chapters"]] == TITLES
    assert chapters["chapters"][0]["startTime"] == 0
    manifest = json.loads(episode.with_name("small.render.json").read_text(encoding="utf-8"))
    assert [t["id"] for t in manifest["turns"]] == [f"t0{i}" for i in range(1, 8)]
    assert not list(episode.parent.glob(".*partial"))


def test_podcast_chapters_reads_the_file(cli, rendered):
    _, episode = rendered
    result = cli("chapters", episode, "--json")
    assert result.code == 0
    data = json.loads(result.out)
    assert [c["title"] for c in data["chapters"]] == TITLES
    result = cli("chapters", episode)
    assert "3 chapters" in result.out and "开源软件" in result.out


def _copy_render(rendered, tmp_path) -> tuple[Path, Path, Path]:
    folder, _ = rendered
    script = tmp_path / "small.yaml"
    shutil.copy(folder / "small.yaml", script)
    cache = tmp_path / "cache"
    shutil.copytree(folder / "cache", cache)
    return script, cache, tmp_path / "out" / "small.mp3"


def test_edit_one_turn_synthesizes_exactly_that_turn(cli, rendered, tmp_path):
    script, cache, episode = _copy_render(rendered, tmp_path)
    first = _summary(cli, "render", script, "--engine", "espeak", "-o", episode,
                     "--cache-dir", cache)
    assert first["synthesized"] == 0 and first["cached"] == 7
    before = json.loads(episode.with_name("small.render.json").read_text(encoding="utf-8"))
    old_key = next(t["key"] for t in before["turns"] if t["id"] == "t04")
    text = script.read_text(encoding="utf-8").replace("维护者需要更多的支持。",
                                                      "说到这里，我想起一个很长的故事，下次再讲。")
    script.write_text(text, encoding="utf-8")
    second = _summary(cli, "render", script, "--engine", "espeak", "-o", episode,
                      "--cache-dir", cache)
    assert second["synthesized"] == 1 and second["cached"] == 6
    manifest = json.loads(episode.with_name("small.render.json").read_text(encoding="utf-8"))
    turn = next(t for t in manifest["turns"] if t["id"] == "t04")
    audio = decode(episode)
    span = audio[int(turn["start"] * 24000): int(turn["end"] * 24000)]
    from renderer.clips.cache import ClipCache

    clip = ClipCache(cache).info(turn["key"])
    assert clip is not None
    assert abs(len(span) / 24000 - clip.seconds) < 0.01
    new = np.frombuffer(b"".join(ClipCache(cache).read_chunks(turn["key"])), np.int16)
    old = np.frombuffer(b"".join(ClipCache(cache).read_chunks(old_key)), np.int16)
    assert _similarity(span, new) > 0.9, "the edited words are what the episode says"
    assert _similarity(span, old) < 0.7, "and not the old ones"


def _similarity(a: np.ndarray, b: np.ndarray, frame: int = 480) -> float:
    """Correlation of the 20 ms loudness envelopes (robust to codec phase changes)."""
    n = min(len(a), len(b)) // frame * frame
    env_a = np.sqrt((np.asarray(a[:n], np.float64) ** 2).reshape(-1, frame).mean(axis=1))
    env_b = np.sqrt((np.asarray(b[:n], np.float64) ** 2).reshape(-1, frame).mean(axis=1))
    return float(np.corrcoef(env_a, env_b)[0, 1])


def test_reordering_chapters_or_renaming_synthesizes_nothing(cli, rendered, tmp_path):
    script, cache, episode = _copy_render(rendered, tmp_path)
    data = yaml.safe_load(script.read_text(encoding="utf-8"))
    data["chapters"].reverse()
    data["chapters"][0]["title"] = "新的标题"
    script.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    summary = _summary(cli, "render", script, "--engine", "espeak", "-o", episode,
                       "--cache-dir", cache)
    assert summary["synthesized"] == 0
    assert [c["title"] for c in summary["chapters"]] == ["新的标题", "开源软件", "开场"]


def test_exported_chapter_lasts_its_span(cli, rendered, tmp_path):
    script, cache, _ = _copy_render(rendered, tmp_path)
    _, episode = rendered
    spans = json.loads(episode.with_name("small.chapters.json").read_text(encoding="utf-8"))
    out = tmp_path / "ch2.mp3"
    summary = _summary(cli, "export", script, "--chapter", "2", "-o", out, "--engine",
                       "espeak", "--cache-dir", cache)
    assert summary["synthesized"] == 0
    chapter = spans["chapters"][1]
    assert abs(mp3_seconds(out) - (chapter["endTime"] - chapter["startTime"])) <= 0.03
    from mutagen.id3 import ID3

    tags = ID3(out)
    assert not tags.getall("CHAP") and not tags.getall("CTOC")
    assert "开源软件" in str(tags["TIT2"])
    # the same gain as the episode: the chapter is as loud as its part of the episode
    whole = decode(episode)
    part = whole[int(chapter["startTime"] * 24000): int(chapter["endTime"] * 24000)]
    alone = decode(out)
    level = 20 * np.log10(np.sqrt(np.mean(alone ** 2)) / np.sqrt(np.mean(part ** 2)))
    assert abs(level) < 0.5


def test_export_after_a_render_copies_the_episodes_frames_without_encoder_or_clips(
        cli, rendered, tmp_path):
    script, cache, episode = _copy_render(rendered, tmp_path)
    assert _summary(cli, "render", script, "--engine", "espeak", "-o", episode,
                    "--cache-dir", cache)["synthesized"] == 0
    out = tmp_path / "ch2.mp3"
    # no encoder and no clips at all: the render stored every segment, so the chapter is
    # its frames
    for clip in cache.rglob("*.pcm"):
        if "segments" not in clip.relative_to(cache).parts:
            clip.unlink()
    env = {**os.environ, "PODCAST_FFMPEG": str(tmp_path / "no-such-ffmpeg")}
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "renderer", "export", str(script),
         "--chapter", "2", "-o", str(out), "--engine", "espeak", "--cache-dir", str(cache),
         "--json"],
        env=env, cwd=tmp_path, capture_output=True, text=True, check=False, timeout=120)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["synthesized"] == 0
    # nor numpy, whose import was a tenth of the command's start-up
    imported = re.findall(r"^import time:.*\| +([\w.]+)$", result.stderr, re.MULTILINE)
    assert "renderer.render.chapters" in imported
    assert not [name for name in imported if name.split(".")[0] == "numpy"]
    data = out.read_bytes()
    assert data[:3] == b"ID3"
    tag_end = 10 + sum((byte & 0x7F) << (7 * (3 - i)) for i, byte in enumerate(data[6:10]))
    frames = data[tag_end:]
    assert len(frames) > 10_000
    # beyond its info frame, the chapter's MP3 frames are a stretch of the episode's bytes
    assert frames[len(frames) // 10:] in episode.read_bytes()


def test_a_missing_ffmpeg_named_by_the_environment_is_a_clear_error(rendered, tmp_path):
    script, cache, episode = _copy_render(rendered, tmp_path)
    missing = tmp_path / "no-such-ffmpeg"
    result = subprocess.run(
        [sys.executable, "-m", "renderer", "render", str(script), "--engine", "espeak",
         "-o", str(episode), "--cache-dir", str(cache)],
        env={**os.environ, "PODCAST_FFMPEG": str(missing)}, cwd=tmp_path,
        capture_output=True, text=True, check=False, timeout=120)
    assert result.returncode == ExitStatus.ENGINE_UNAVAILABLE, result.stderr
    assert f"$PODCAST_FFMPEG={missing}: no such program" in result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    assert not episode.exists()


def test_export_all_and_by_title(cli, rendered, tmp_path):
    script, cache, _ = _copy_render(rendered, tmp_path)
    result = cli("export", script, "--all", "--engine", "espeak", "--cache-dir", cache,
                 "--json")
    assert result.code == 0, result.err
    files = [Path(c["file"]) for c in json.loads(result.out)["chapters"]]
    assert len(files) == 3 and all(f.exists() for f in files)
    for file in files:
        file.unlink()
    by_title = _summary(cli, "export", script, "--chapter", "人工智能与教育", "--engine",
                        "espeak", "--cache-dir", cache)
    assert by_title["chapters"][0]["number"] == 3


def test_export_before_render_synthesizes_only_that_chapter(cli, tmp_path):
    script = tmp_path / "small.yaml"
    shutil.copy(SMALL, script)
    summary = _summary(cli, "export", script, "--chapter", "3", "-o", tmp_path / "c.mp3",
                       "--engine", "espeak", "--cache-dir", tmp_path / "cache")
    assert summary["synthesized"] == 2


def test_damaged_cache_entry_is_synthesized_again(cli, rendered, tmp_path):
    script, cache, episode = _copy_render(rendered, tmp_path)
    victim = sorted(cache.rglob("*.pcm"))[0]
    victim.write_bytes(victim.read_bytes()[:100])
    summary = _summary(cli, "render", script, "--engine", "espeak", "-o", episode,
                       "--cache-dir", cache)
    assert summary["synthesized"] == 1
    other = sorted(cache.rglob("*.pcm"))[1]
    data = bytearray(other.read_bytes())
    data[10] ^= 0xFF
    other.write_bytes(bytes(data))
    assert _summary(cli, "render", script, "--engine", "espeak", "-o", episode,
                    "--cache-dir", cache)["synthesized"] == 1


def test_cache_dir_from_environment(cli, rendered, tmp_path, monkeypatch):
    script, cache, episode = _copy_render(rendered, tmp_path)
    monkeypatch.setenv("PODCAST_CACHE_DIR", str(cache))
    assert _summary(cli, "render", script, "--engine", "espeak", "-o",
                    episode)["synthesized"] == 0


def _one_line_error(result, code: int, *words: str) -> None:
    assert result.code == code, (result.code, result.err)
    lines = [line for line in result.err.splitlines() if line.strip()]
    assert len(lines) == 1 and "Traceback" not in result.err, result.err
    for word in words:
        assert word in lines[0], lines[0]


def test_invalid_script(cli, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(SMALL.read_text(encoding="utf-8").replace("id: t04", "id: t03"),
                   encoding="utf-8")
    _one_line_error(cli("render", bad, "--engine", "espeak", "--cache-dir", tmp_path),
                    ExitStatus.SCRIPT, "bad.yaml:", "duplicate turn id")


def test_voice_without_settings_for_the_engine(cli, tmp_path, monkeypatch):
    voices = tmp_path / "voices"
    shutil.copytree(FIXTURES.parent.parent / "voices", voices)
    profile = voices / "zh-male-guest.yaml"
    data = yaml.safe_load(profile.read_text(encoding="utf-8"))
    del data["engines"]["espeak"]
    profile.write_text(yaml.safe_dump(data), encoding="utf-8")
    monkeypatch.setenv("PODCAST_VOICES_DIR", str(voices))
    result = cli("render", SMALL, "--engine", "espeak", "--cache-dir", tmp_path / "c",
                 "-o", tmp_path / "x.mp3")
    _one_line_error(result, ExitStatus.VOICE, "zh-male-guest", "espeak", "guest")


def test_unwritable_output_folder(cli, tmp_path):
    # a file where a folder should be: unwritable even for root (chmod is not)
    blocker = tmp_path / "blocker"
    blocker.write_text("not a folder", encoding="utf-8")
    result = cli("render", SMALL, "--engine", "espeak", "--cache-dir", tmp_path / "c",
                 "-o", blocker / "sub" / "x.mp3")
    _one_line_error(result, ExitStatus.OUTPUT, "blocker")


def test_chapter_that_does_not_exist(cli, tmp_path):
    result = cli("export", SMALL, "--chapter", "9", "--engine", "espeak", "--cache-dir",
                 tmp_path)
    _one_line_error(result, ExitStatus.NOT_FOUND, "no chapter 9")
    result = cli("export", SMALL, "--chapter", "天气", "--engine", "espeak", "--cache-dir",
                 tmp_path)
    _one_line_error(result, ExitStatus.NOT_FOUND, "天气")


def test_unknown_engine(cli, tmp_path):
    result = cli("render", SMALL, "--engine", "nope", "--cache-dir", tmp_path)
    _one_line_error(result, ExitStatus.ENGINE_UNAVAILABLE, "nope")


def test_chapters_of_a_missing_or_broken_file(cli, tmp_path):
    _one_line_error(cli("chapters", tmp_path / "none.mp3"), ExitStatus.AUDIO_FILE, "none.mp3")
    broken = tmp_path / "broken.mp3"
    broken.write_bytes(b"not audio at all" * 10)
    _one_line_error(cli("chapters", broken), ExitStatus.AUDIO_FILE, "broken.mp3")


def test_outputs_get_ordinary_file_permissions(rendered):
    _, episode = rendered
    mask = os.umask(0)
    os.umask(mask)
    for path in episode.parent.iterdir():
        assert path.stat().st_mode & 0o777 == 0o666 & ~mask, path
