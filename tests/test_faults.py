"""A render that survives anything: kill -9 anywhere, two at once, a full or read-only disk."""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from renderer.clips.cache import ClipCache
from renderer.errors import ExitStatus

from .audio_checks import id3_chapters, mp3_seconds
from .helpers import FIXTURES, assert_segments_sound, clip_metas

SMALL = FIXTURES / "scripts" / "small_zh.yaml"
pytestmark = pytest.mark.slow


def _render_command(script: Path, episode: Path, cache: Path) -> list[str]:
    return [sys.executable, "-m", "renderer", "render", str(script), "--engine", "espeak",
            "-o", str(episode), "--cache-dir", str(cache), "--json"]


def _assert_complete_episode(episode: Path) -> None:
    _, chapters = id3_chapters(episode)
    assert len(chapters) == 3
    assert abs(chapters[-1][2] / 1000 - mp3_seconds(episode)) <= 0.05
    sidecar = episode.with_name(episode.stem + ".chapters.json")
    assert len(json.loads(sidecar.read_text(encoding="utf-8"))["chapters"]) == 3


def _assert_cache_sound(cache: Path) -> None:
    """Every entry the cache would use is complete and matches its checksum."""
    store = ClipCache(cache)
    assert_segments_sound(cache)
    for meta in clip_metas(cache):
        info = store.info(meta.stem)
        if info is not None:
            assert meta.with_suffix(".pcm").stat().st_size == info.samples * 2


def test_kill_9_at_random_points(tmp_path):
    rng = random.Random(20261128)
    script = tmp_path / "small.yaml"
    original = SMALL.read_text(encoding="utf-8")
    episode = tmp_path / "out" / "small.mp3"
    cache = tmp_path / "cache"
    # one whole render first: however early (or late) the kills land on a slow or loaded
    # machine, the last render then has at most the one changed turn left to make
    script.write_text(original, encoding="utf-8")
    subprocess.run(_render_command(script, episode, cache), capture_output=True, check=True,
                   timeout=300)
    for run in range(10):
        # each run says something new in one turn, so there is always work to interrupt
        script.write_text(original.replace("谢谢你的分享。", f"谢谢你的分享，第{run}次。"),
                          encoding="utf-8")
        process = subprocess.Popen(_render_command(script, episode, cache),
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.3, 6.0))
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        if episode.exists():
            _assert_complete_episode(episode)
        _assert_cache_sound(cache)
    result = subprocess.run(_render_command(script, episode, cache), capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    assert summary["synthesized"] <= 1, "everything done before is reused"
    _assert_complete_episode(episode)
    assert not list(episode.parent.glob(".*.partial"))


def test_two_renders_of_the_same_script_at_once(tmp_path):
    script = tmp_path / "small.yaml"
    shutil.copy(SMALL, script)
    episode = tmp_path / "out" / "small.mp3"
    cache = tmp_path / "cache"
    processes = [subprocess.Popen(_render_command(script, episode, cache),
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE)
                 for _ in range(2)]
    for process in processes:
        out, err = process.communicate(timeout=300)
        assert process.returncode == 0, err.decode()
        assert json.loads(out)["turns"] == 7
    _assert_complete_episode(episode)
    _assert_cache_sound(cache)
    assert len(clip_metas(cache)) == 7
    assert not list(episode.parent.glob(".*.partial"))


def _in_private_mount(tmp_path: Path, mount_options: str, commands: str) -> str:
    """Run shell commands with a tmpfs mounted (private mount namespace) at tmp/mnt."""
    mount = tmp_path / "mnt"
    mount.mkdir()
    script = (f"mount -t tmpfs -o {mount_options} tmpfs {mount} || exit 97\n"
              f"{commands}")
    result = subprocess.run(["unshare", "--user", "--map-root-user", "--mount", "sh", "-c",
                             script], capture_output=True, text=True, timeout=300)
    if result.returncode == 97 or "unshare:" in result.stderr:
        pytest.fail(f"cannot mount a tmpfs here: {result.stderr.strip()}")
    return result.stdout


def _render_in(folder: str, cache: str) -> str:
    command = " ".join(_render_command(SMALL, Path(folder) / "x.mp3", Path(cache)))
    return (f"{command} > /dev/null 2> {folder}.err; echo \"exit=$?\"\n"
            f"cat {folder}.err; echo; echo \"left: $(ls -A {folder} 2>/dev/null | tr '\\n' ' ')\"")


def test_disk_full_gives_a_clear_error_and_leaves_nothing(tmp_path):
    mount = tmp_path / "mnt"
    output = _in_private_mount(tmp_path, "size=120k",
                               _render_in(str(mount / "out"), str(tmp_path / "cache")))
    assert "exit=8" in output, output
    errors = [line for line in output.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "No space left on device" in errors[0], output
    assert "left: \n" in output or output.rstrip().endswith("left:"), output


def test_read_only_output_folder(tmp_path):
    mount = tmp_path / "mnt"
    output = _in_private_mount(tmp_path, "ro,size=1m",
                               _render_in(str(mount), str(tmp_path / "cache")))
    assert "exit=8" in output, output
    errors = [line for line in output.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "not writable" in errors[0], output


def test_cache_on_a_full_disk(tmp_path):
    mount = tmp_path / "mnt"
    output = _in_private_mount(tmp_path, "size=64k",
                               _render_in(str(tmp_path / "out"), str(mount / "cache")) +
                               f"\necho \"entries: $(find {mount} -name '*.json' | wc -l)\"")
    assert "exit=8" in output, output
    errors = [line for line in output.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "clip cache" in errors[0], output


def test_damaged_cache_metadata_is_made_again(tmp_path, cli):
    script = tmp_path / "small.yaml"
    shutil.copy(SMALL, script)
    episode, cache = tmp_path / "out" / "small.mp3", tmp_path / "cache"
    assert cli("render", script, "--engine", "espeak", "-o", episode, "--cache-dir",
               cache).code == 0
    metas = clip_metas(cache)
    metas[0].write_text(metas[0].read_text(encoding="utf-8")[:40], encoding="utf-8")
    metas[1].write_text("{}", encoding="utf-8")
    metas[2].with_suffix(".pcm").unlink()
    result = cli("render", script, "--engine", "espeak", "-o", episode, "--cache-dir", cache,
                 "--json")
    assert result.code == ExitStatus.OK
    assert json.loads(result.out)["synthesized"] == 3
