"""The MP3 episode as joined segments: exact times, real seeking, reuse after edits, export.

The sample (35 minutes, 7 chapters) is rendered with espeak; everything is checked by
decoding the files with ffmpeg and reading them with mutagen.
"""

from __future__ import annotations

import itertools
import json
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
from mutagen.id3 import ID3
from mutagen.mp3 import MP3

from renderer.clips.cache import ClipCache
from renderer.clips.timeline import TurnAudio, build_timeline
from renderer.ffmpeg import ffmpeg_exe
from renderer.mp3.frames import frame_offsets
from renderer.script.model import load

from .audio_checks import id3_chapters, measure_loudness, probe
from .helpers import SAMPLE_SCRIPT

pytestmark = pytest.mark.slow

RATE = 44_100
HALF_FRAME = 576  # samples: the most a joint moves what follows it
EDIT_FROM, EDIT_TO = "百模大战。", "百模大战，真激烈。"


def _render(script: Path, episode: Path, cache: Path, *extra: str) -> dict:
    result = subprocess.run(
        [*_podcast(), "render", str(script), "--engine", "espeak", "-o", str(episode),
         "--cache-dir", str(cache), "--json", *extra],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stderr
    return {**json.loads(result.stdout), "stderr": result.stderr}


def _podcast() -> list[str]:
    import sys

    return [sys.executable, "-m", "renderer"]


def _manifest(episode: Path) -> dict:
    return json.loads(episode.with_name(f"{episode.stem}.render.json").read_text("utf-8"))


def _decode(path: Path, rate: int = RATE, *before: str) -> np.ndarray:
    """Decoded as ffmpeg plays the file (gapless: delay and padding dropped), int16."""
    raw = subprocess.run([ffmpeg_exe(), "-v", "error", *before, "-i", str(path), "-f", "s16le",
                          "-ac", "1", "-ar", str(rate), "-"], capture_output=True,
                         check=True).stdout
    return np.frombuffer(raw, np.int16)


def _segment_bytes(episode: Path) -> list[bytes]:
    """The episode's audio frames cut where render.json says its segments are."""
    data = episode.read_bytes()[ID3(episode).size:]
    offsets = frame_offsets(data)[1:]  # the first frame is the info frame
    bounds = [0, *itertools.accumulate(s["frames"] for s in _manifest(episode)["segments"])]
    assert bounds[-1] == len(offsets), "the segments are every audio frame"
    ends = [*offsets[1:], len(data)]
    return [data[offsets[a]:ends[b - 1]] for a, b in itertools.pairwise(bounds)]


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    """The sample rendered once, encoding while synthesizing (espeak's default is not to:
    it keeps both cores busy alone); returns (folder, script, episode, cache, summary)."""
    folder = tmp_path_factory.mktemp("segments")
    script = folder / "sample.yaml"
    shutil.copy(SAMPLE_SCRIPT, script)
    episode, cache = folder / "out" / "sample.mp3", folder / "cache"
    summary = _render(script, episode, cache, "--pipelined")
    return folder, script, episode, cache, summary


def _copy(sample, tmp_path) -> tuple[Path, Path, Path]:
    folder, _, episode, _, _ = sample
    shutil.copytree(folder, tmp_path / "copy")
    root = tmp_path / "copy"
    return root / "sample.yaml", root / "out" / episode.name, root / "cache"


def test_the_episode_is_made_of_several_segments(sample):
    _, _, episode, _, summary = sample
    segments = _manifest(episode)["segments"]
    counts = summary["segments"]
    assert (counts["total"], counts["encoded"]) == (len(segments), len(segments))
    assert len(segments) > len(summary["chapters"]), "long chapters are cut further"
    # a cold render encodes the first chapters' segments while later clips are made
    assert counts["encoded_while_synthesizing"] >= 1
    assert counts["encoded_again"] <= counts["encoded_while_synthesizing"]
    assert len(_segment_bytes(episode)) == len(segments)


def test_decoders_agree_on_the_exact_length(sample):
    _, _, episode, _, summary = sample
    decoded = len(_decode(episode))
    assert abs(decoded - summary["duration"] * RATE) <= 1 + RATE * 0.0005  # json rounds to ms
    assert abs(MP3(episode).info.length * RATE - decoded) <= 1, "mutagen (LAME tag) agrees"
    assert abs(probe(episode).duration - decoded / RATE) <= 0.01, "ffmpeg's header agrees"


def test_the_info_frame_is_one_ffmpeg_trusts(sample):
    _, _, episode, _, _ = sample
    result = subprocess.run([ffmpeg_exe(), "-v", "warning", "-i", str(episode), "-f", "null",
                             "-"], capture_output=True, text=True, check=True)
    assert result.stderr.strip() == "", result.stderr
    info = MP3(episode).info
    assert info.encoder_info.startswith("LAME 3.100")
    assert (info.sample_rate, info.channels, info.bitrate) == (44100, 1, 64000)


def test_joints_move_the_script_timing_by_under_half_a_frame_each(sample):
    _, script, episode, cache, summary = sample
    manifest = _manifest(episode)
    clips = ClipCache(cache)
    loaded = load(script)
    turns = [TurnAudio(t["id"], chapter, t["speaker"], t["key"], clips.info(t["key"]).samples)
             for t, (chapter, _) in zip(manifest["turns"], loaded.turns(), strict=True)]
    planned = build_timeline(turns, [c.title for c in loaded.chapters], loaded.pauses)
    joints = len(manifest["segments"]) - 1
    drift = abs(summary["duration"] - planned.seconds(planned.total))
    assert drift <= joints * HALF_FRAME / RATE + 0.001


def test_every_turn_is_where_render_json_says_to_the_millisecond(sample):
    _, _, episode, cache, _ = sample
    rate = 24_000
    window = rate // 20  # search ±50 ms
    audio = np.pad(_decode(episode, rate).astype(np.float64), window)
    clips = ClipCache(cache)
    for turn in _manifest(episode)["turns"]:
        clip = np.frombuffer(b"".join(clips.read_chunks(turn["key"])), np.int16)
        head = clip[: rate // 2].astype(np.float64)
        start = round(turn["start"] * rate) + window
        around = audio[start - window: start + window + len(head)]
        scores = np.correlate(around, head, "valid")
        offset = int(np.argmax(scores)) - window
        assert abs(offset) <= rate // 1000, f"turn {turn['id']} is {offset} samples off"


def test_chapter_marks_are_the_timeline_to_the_millisecond(sample):
    _, _, episode, _, _ = sample
    manifest = _manifest(episode)
    _, chapters = id3_chapters(episode)
    assert len(chapters) == len(manifest["chapters"])
    for (_, start, end, _), recorded in zip(chapters, manifest["chapters"], strict=True):
        assert abs(start - recorded["start"] * 1000) <= 1
        assert abs(end - recorded["end"] * 1000) <= 1
    # and each mark falls in the pause between the chapter's first turn and the turn before
    turns = manifest["turns"]
    for recorded in manifest["chapters"][1:]:
        before = max(t["end"] for t in turns if t["end"] <= recorded["start"] + 1e-6)
        after = min(t["start"] for t in turns if t["start"] >= recorded["start"] - 1e-6)
        assert before < recorded["start"] < after


def test_seeking_to_each_chapter_lands_in_it(sample):
    _, _, episode, _, _ = sample
    whole = _decode(episode).astype(np.float64)
    search = RATE // 2
    for recorded in _manifest(episode)["chapters"]:
        at = recorded["start"] + 1.0  # a second in: the chapter's first words
        sought = _decode(episode, RATE, "-ss", f"{at:.3f}", "-t", "1").astype(np.float64)
        start = round(at * RATE)
        around = whole[max(0, start - search): start + search + len(sought)]
        scores = np.correlate(around, sought[: RATE // 2], "valid")
        offset = int(np.argmax(scores)) - min(search, start)
        assert abs(offset) <= RATE // 1000, f"seeking to {at:.3f} s lands {offset} samples off"
        assert np.sqrt(np.mean(sought ** 2)) > 100, "and finds speech there"


def test_an_edit_re_encodes_only_its_segment(sample, tmp_path):
    script, episode, cache = _copy(sample, tmp_path)
    before = _segment_bytes(episode)
    old = _manifest(episode)
    script.write_text(script.read_text(encoding="utf-8").replace(EDIT_FROM, EDIT_TO, 1),
                      encoding="utf-8")
    summary = _render(script, episode, cache)
    assert summary["synthesized"] == 1
    assert summary["segments"]["encoded"] == 1
    new = _manifest(episode)
    edited = next(t for t, o in zip(new["turns"], old["turns"], strict=True)
                  if t["key"] != o["key"])
    after = _segment_bytes(episode)
    assert len(after) == len(before)
    starts = [s["start"] for s in new["segments"]]
    holding = max(i for i, s in enumerate(starts) if s <= edited["start"])
    for index, (a, b) in enumerate(zip(before, after, strict=True)):
        if index == holding:
            assert a != b, "the segment with the edited turn is new"
        else:
            assert a == b, f"segment {index} is byte for byte the one before"
    assert "level_note" not in summary


@pytest.mark.parametrize(("moved", "kept"), [(0.3, True), (-0.45, True), (1.0, False)])
def test_the_last_renders_gain_is_kept_within_half_a_db(sample, tmp_path, moved, kept):
    """As if the last render had been `moved` dB louder: within 0.5 dB its gain (and so its
    segments) stay; beyond, the right gain is used and the render says why nothing is reused."""
    script, episode, cache = _copy(sample, tmp_path)
    record = episode.with_name(f"{episode.stem}.render.json")
    manifest = json.loads(record.read_text(encoding="utf-8"))
    right = manifest["mastering"]["gain_db"]
    manifest["mastering"]["gain_db"] += moved
    record.write_text(json.dumps(manifest), encoding="utf-8")
    summary = _render(script, episode, cache)
    assert abs(summary["loudness"]["gain_db"] - (right + moved if kept else right)) <= 0.01
    note = "MP3 segments cannot be reused"
    assert (note in summary.get("level_note", "")) is not kept
    if kept:
        assert summary["segments"]["encoded"] == summary["segments"]["total"], \
            "made again at the kept gain"
    integrated, _ = measure_loudness(episode)
    assert abs(integrated - (-16.0)) <= 1.0


def test_an_exported_chapter_is_its_span_of_the_episode(sample, tmp_path):
    _, script, episode, cache, _ = sample
    whole = _decode(episode)
    segments = _segment_bytes(episode)
    manifest = _manifest(episode)
    starts = [s["start"] for s in manifest["segments"]]
    last = len(manifest["chapters"])
    for number in (2, last):
        out = tmp_path / f"chapter{number}.mp3"
        result = subprocess.run(
            [*_podcast(), "export", str(script), "--chapter", str(number), "-o", str(out),
             "--engine", "espeak", "--cache-dir", str(cache), "--json"],
            capture_output=True, text=True, check=False)
        assert result.returncode == 0, result.stderr
        exported = json.loads(result.stdout)["chapters"][0]
        chapter = manifest["chapters"][number - 1]
        # its frames are the episode's, copied
        first = starts.index(chapter["start"])
        following = starts.index(chapter["end"]) if number < last else len(starts)
        data = out.read_bytes()[ID3(out).size:]
        assert data[frame_offsets(data)[1]:] == b"".join(segments[first:following])
        # it plays exactly its span: the last chapter to the sample, any other short of the
        # 25 ms of pause that only the next chapter's frames carry (encoder delay 576 and
        # decoder delay 529 samples)
        frames = [s["frames"] for s in manifest["segments"]]
        start = sum(frames[:first]) * 1152
        assert abs(start - chapter["start"] * RATE) <= 1, "render.json has it to the sample"
        end = len(whole) if number == last else sum(frames[:following]) * 1152
        span = whole[start:end]
        alone = _decode(out)
        assert len(span) - len(alone) == (0 if number == last else 576 + 529)
        assert abs(MP3(out).info.length - exported["duration"]) <= 0.001
        n = len(alone)
        assert np.max(np.abs(alone[1152:n].astype(int) - span[1152:n].astype(int))) <= 2
        assert not ID3(out).getall("CHAP")


def test_encoding_while_synthesizing_makes_the_same_episode(sample, tmp_path):
    """The same clips rendered with `--sequential` (encoding only once every clip is made)
    give the same MP3, frame for frame, and the same chapter marks."""
    _, script, episode, cache, summary = sample
    assert summary["segments"]["encoded_while_synthesizing"] >= 1
    # the sample's opening measures within 0.1 dB of the whole: nothing is encoded twice
    assert summary["segments"]["encoded_again"] == 0
    clips = tmp_path / "cache"
    shutil.copytree(cache, clips, ignore=shutil.ignore_patterns("segments"))
    other = tmp_path / "sequential.mp3"
    sequential = _render(script, other, clips, "--sequential")
    assert sequential["segments"]["encoded_while_synthesizing"] == 0
    assert sequential["segments"]["encoded"] == sequential["segments"]["total"]
    assert sequential["loudness"] == summary["loudness"]
    frames = [path.read_bytes()[ID3(path).size:] for path in (episode, other)]
    assert frames[0] == frames[1]
    assert id3_chapters(episode)[1] == id3_chapters(other)[1]
