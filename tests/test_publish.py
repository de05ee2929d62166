"""Transcripts, M4A/M4B, the feed and the preview page, parsed back by real readers."""

from __future__ import annotations

import html
import json
import shutil
from pathlib import Path
from xml.etree import ElementTree

import numpy as np
import pytest
import srt
import webvtt
from mutagen.id3 import ID3
from mutagen.mp4 import MP4

from renderer.script.model import load

from .audio_checks import decode, id3_chapters, mp3_seconds, probe
from .browser import launch, needs_chromium
from .helpers import FIXTURES

NASTY = FIXTURES / "scripts" / "nasty_en.yaml"
SMALL = FIXTURES / "scripts" / "small_zh.yaml"
NS = {"itunes": "http://www.itunes.com/dtds/podcast-1.0.dtd",
      "podcast": "https://podcastindex.org/namespace/1.0"}


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """A project folder with the nasty and small scripts rendered (mp3, m4a, m4b)."""
    from renderer.cli import run

    folder = tmp_path_factory.mktemp("project")
    scripts = folder / "scripts"
    scripts.mkdir()
    for name in ("nasty_en.yaml", "small_zh.yaml", "cover.png"):
        shutil.copy(FIXTURES / "scripts" / name, scripts / name)
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(folder)
        for script, formats in (("nasty_en", "mp3,m4a,m4b"), ("small_zh", "mp3")):
            code = run(["render", f"scripts/{script}.yaml", "--engine", "espeak", "--format",
                        formats, "--cache-dir", "cache", "--json"])
            assert code == 0
    return folder


def _out(project: Path, name: str, suffix: str) -> Path:
    return project / "output" / name / f"{name}{suffix}"


def _sentences(script_path: Path) -> list[tuple[str, str]]:
    """(speaker name, sentence) in order, as the transcript should have them."""
    from renderer.text import has_speakable, split_sentences

    script = load(script_path)
    return [(script.speakers[t.speaker].name, s.strip()) for _, t in script.turns()
            for s in split_sentences(t.text) if has_speakable(s)]


def _start(caption) -> float:
    return caption.start_time.in_milliseconds() / 1000


def _end(caption) -> float:
    return caption.end_time.in_milliseconds() / 1000


def test_vtt_has_voice_tags_sentences_and_chapter_notes(project):
    vtt_path = _out(project, "nasty_en", ".vtt")
    captions = webvtt.read(str(vtt_path))
    expected = _sentences(NASTY)
    assert [(html.unescape(c.voice), html.unescape(c.text)) for c in captions] == expected
    raw = vtt_path.read_text(encoding="utf-8")
    assert "NOTE chapter 1: Equals = semicolon ; hash # backslash \\ done" in raw
    assert "NOTE chapter 2: Two\nlines" in raw
    assert all(len(line) <= 65 for c in captions for line in html.unescape(c.text).split("\n"))
    starts = [_start(c) for c in captions]
    assert starts == sorted(starts)


def test_long_sentences_become_several_lines_of_at_most_65(project):
    captions = webvtt.read(str(_out(project, "small_zh", ".vtt")))
    assert all(len(c.text) <= 65 for c in captions)


def test_srt_and_json_transcripts_agree_with_the_vtt(project):
    captions = webvtt.read(str(_out(project, "nasty_en", ".vtt")))
    subtitles = list(srt.parse(_out(project, "nasty_en", ".srt").read_text(encoding="utf-8")))
    document = json.loads(_out(project, "nasty_en", ".transcript.json").read_text("utf-8"))
    segments = document["segments"]
    assert len(subtitles) == len(segments) == len(captions)
    for caption, subtitle, segment in zip(captions, subtitles, segments, strict=True):
        speaker, text = html.unescape(caption.voice), html.unescape(caption.text)
        assert subtitle.content == f"{speaker}: {text}"
        assert (segment["speaker"], segment["body"]) == (speaker, text)
        assert abs(subtitle.start.total_seconds() - _start(caption)) < 0.002
        assert abs(segment["startTime"] - _start(caption)) < 0.002


def test_transcript_times_match_the_audio(project):
    episode = _out(project, "nasty_en", ".mp3")
    duration = mp3_seconds(episode)
    audio = decode(episode)
    captions = webvtt.read(str(_out(project, "nasty_en", ".vtt")))
    for caption in captions:
        start, end = _start(caption), _end(caption)
        assert 0 <= start < end <= duration + 0.05
        inside = audio[int(start * 24000): int(end * 24000)]
        assert np.sqrt(np.mean(inside ** 2)) > 0.01, "speech during the cue"
        # the voice starts within 50 ms of the cue
        before = max(0.0, start - 0.1)
        loud = np.flatnonzero(np.abs(audio[int(before * 24000):]) > 0.02)
        onset = before + loud[0] / 24000
        assert abs(onset - start) <= 0.05, (caption.text, onset, start)


def test_m4a_and_m4b_chapters_and_cover(project):
    expected = json.loads(_out(project, "nasty_en", ".chapters.json").read_text("utf-8"))
    for suffix in (".m4a", ".m4b"):
        path = _out(project, "nasty_en", suffix)
        info = probe(path)
        assert [c.title for c in info.chapters] == [c["title"] for c in expected["chapters"]]
        for chapter, wanted in zip(info.chapters, expected["chapters"], strict=True):
            assert abs(chapter.start - wanted["startTime"]) < 0.05
            assert abs(chapter.end - wanted["endTime"]) < 0.05
        tags = MP4(path).tags
        assert tags["covr"][0] == (FIXTURES / "scripts" / "cover.png").read_bytes()
        assert tags["\xa9nam"] == ["Edge cases = ; # \\ <&> -->"]


def test_mp3_keeps_titles_intact_and_has_the_cover(project):
    episode = _out(project, "nasty_en", ".mp3")
    tags, chapters = id3_chapters(episode)
    assert [c[0] for c in chapters] == [c.title for c in load(NASTY).chapters]
    assert [c.title for c in probe(episode).chapters] == [c.title for c in load(NASTY).chapters]
    pictures = tags.getall("APIC")
    assert pictures and pictures[0].data == (FIXTURES / "scripts" / "cover.png").read_bytes()
    assert str(tags["TIT2"]) == "Edge cases = ; # \\ <&> -->"


def test_chapter_file_names_never_leave_the_folder(project, cli):
    import os

    from renderer.cli import run

    cwd = Path.cwd()
    try:
        os.chdir(project)
        assert run(["export", "scripts/nasty_en.yaml", "--all", "--engine", "espeak",
                    "--cache-dir", "cache"]) == 0
    finally:
        os.chdir(cwd)
    folder = (project / "output" / "nasty_en" / "chapters").resolve()
    files = sorted(folder.iterdir())
    assert len(files) == 3
    assert all(f.resolve().parent == folder for f in files)
    assert not (project / "etc").exists()
    names = [f.name for f in files]
    assert names[2].startswith("03-") and "/" not in names[2] and ".." not in names[2]
    assert ID3(files[1])["TIT2"].text[0].endswith("Two\nlines")


def test_feed(project):
    import os

    from renderer.cli import run

    cwd = Path.cwd()
    try:
        os.chdir(project)
        assert run(["feed", "scripts/small_zh.yaml", "scripts/nasty_en.yaml", "--base-url",
                    "https://example.com/pod/"]) == 0
        first = (project / "output" / "feed.xml").read_bytes()
        assert run(["feed", "scripts/small_zh.yaml", "scripts/nasty_en.yaml", "--base-url",
                    "https://example.com/pod/"]) == 0
    finally:
        os.chdir(cwd)
    root = ElementTree.fromstring((project / "output" / "feed.xml").read_bytes())
    assert root.tag == "rss" and root.get("version") == "2.0"
    channel = root.find("channel")
    for tag in ("title", "link", "description", "language"):
        assert channel.find(tag).text
    assert channel.find("itunes:image", NS).get("href") == "https://example.com/pod/cover.png"
    items = channel.findall("item")
    assert len(items) == 2
    for item, name in zip(items, ("small_zh", "nasty_en"), strict=True):
        enclosure = item.find("enclosure")
        audio = _out(project, name, ".mp3")
        assert enclosure.get("url") == f"https://example.com/pod/{name}/{name}.mp3"
        assert int(enclosure.get("length")) == audio.stat().st_size
        assert enclosure.get("type") == "audio/mpeg"
        assert abs(int(item.find("itunes:duration", NS).text) - mp3_seconds(audio)) <= 1
        assert item.find("guid").get("isPermaLink") == "false"
        assert item.find("podcast:chapters", NS).get("url").endswith(f"{name}.chapters.json")
        kinds = {t.get("type") for t in item.findall("podcast:transcript", NS)}
        assert {"text/vtt", "application/x-subrip", "application/json"} <= kinds
        people = {(p.text, p.get("role")) for p in item.findall("podcast:person", NS)}
        assert ("嘉宾" if name == "small_zh" else "Ben", "guest") in people
    assert [int(i.find("itunes:episode", NS).text) for i in items] == [1, 2]
    guids = [i.find("guid").text for i in items]
    again = ElementTree.fromstring(first).find("channel").findall("item")
    assert [i.find("guid").text for i in again] == guids, "guids are stable"
    assert items[1].find("title").text == "Edge cases = ; # \\ <&> -->"


def test_feed_needs_a_rendered_episode(cli, tmp_path):
    from renderer.errors import ExitStatus

    result = cli("feed", SMALL, "--base-url", "https://x.example", "-o", tmp_path / "f.xml")
    assert result.code == ExitStatus.NOT_FOUND
    assert "podcast render" in result.err


def test_preview_and_feed_find_an_episode_rendered_elsewhere(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    script = tmp_path / "talk.yaml"
    shutil.copy(SMALL, script)
    elsewhere = tmp_path / "published" / "ep1.mp3"
    result = cli("render", script, "--engine", "espeak", "-o", elsewhere, "--cache-dir",
                 tmp_path / "cache", "--json")
    assert result.code == 0, result.err
    assert not (tmp_path / "output" / "talk" / "talk.render.json").exists()
    # from the script, the episode, or its record
    for target in (script, elsewhere, elsewhere.with_name("ep1.render.json")):
        page = tmp_path / f"page-{target.name}.html"
        result = cli("preview", target, "-o", page)
        assert result.code == 0, result.err
        assert "published/ep1.mp3" in page.read_text(encoding="utf-8")
    result = cli("preview", script)
    assert result.code == 0, result.err
    assert (elsewhere.parent / "index.html").exists(), "the page goes beside the episode"
    feed = tmp_path / "feed.xml"
    result = cli("feed", script, "--base-url", "https://x.example", "-o", feed)
    assert result.code == 0, result.err
    assert "https://x.example/published/ep1.mp3" in feed.read_text(encoding="utf-8")
    # a later render to the default place is the one found from then on
    result = cli("render", script, "--engine", "espeak", "--cache-dir", tmp_path / "cache",
                 "--json")
    assert result.code == 0, result.err
    result = cli("preview", script)
    assert result.code == 0, result.err
    assert (tmp_path / "output" / "talk" / "index.html").exists()


def test_preview_says_where_it_looked(cli, tmp_path, monkeypatch):
    from renderer.errors import ExitStatus

    monkeypatch.chdir(tmp_path)
    result = cli("preview", SMALL)
    assert result.code == ExitStatus.NOT_FOUND
    line = result.err.strip()
    assert "small_zh.render.json" in line and ".last-render.json" in line
    result = cli("preview", tmp_path / "missing.mp3")
    assert result.code == ExitStatus.NOT_FOUND and "missing.render.json" in result.err


def _write_preview(project: Path, name: str) -> Path:
    """`podcast preview scripts/NAME.yaml` run in the project folder; the page's path."""
    from renderer.publish.pages import write_preview

    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(project)
        return write_preview(Path(f"scripts/{name}.yaml")).resolve()


@needs_chromium
def test_preview_page_in_headless_chromium(project):
    from playwright.sync_api import sync_playwright

    page_path = _write_preview(project, "nasty_en")
    chapters = json.loads(_out(project, "nasty_en", ".chapters.json").read_text("utf-8"))
    cues = json.loads(_out(project, "nasty_en", ".transcript.json").read_text("utf-8"))
    with sync_playwright() as playwright:
        browser = launch(playwright)
        page = browser.new_page(viewport={"width": 1000, "height": 900})
        errors: list[str] = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(page_path.as_uri())
        page.wait_for_function("document.getElementById('player').readyState >= 1")
        titles = page.locator("#chapters button.chapter").all_text_contents()
        assert titles == [c["title"] for c in chapters["chapters"]]
        texts = page.locator(".cue .text").all_text_contents()
        assert texts == [s["body"] for s in cues["segments"]]
        player = "document.getElementById('player')"
        for index, chapter in enumerate(chapters["chapters"]):
            page.locator("#chapters button.chapter").nth(index).click()
            page.wait_for_function(f"Math.abs({player}.currentTime - {chapter['startTime']})"
                                   " < 0.05")
        page.locator(".cue").nth(1).click()
        page.wait_for_function(f"Math.abs({player}.currentTime - "
                               f"{cues['segments'][1]['startTime']}) < 0.05")
        page.evaluate(f"{player}.play()")
        page.wait_for_function(f"{player}.currentTime > {cues['segments'][1]['startTime']} + 0.3")
        page.evaluate(f"{player}.pause()")
        now = page.evaluate(f"{player}.currentTime")
        playing = [s for s in cues["segments"] if s["startTime"] <= now <= s["endTime"] + 0.25]
        page.wait_for_function("document.querySelector('.cue.current') !== null")
        assert page.locator(".cue.current .text").inner_text() == playing[-1]["body"]
        artifacts = project / "artifacts"  # for a person to look at; never in the checkout
        artifacts.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(artifacts / "preview.png"), full_page=True)
        browser.close()
    assert not errors, errors


@needs_chromium
def test_preview_names_each_speaker_once_per_turn_in_the_scripts_language(project):
    from playwright.sync_api import sync_playwright

    page_path = _write_preview(project, "small_zh")
    script = load(project / "scripts" / "small_zh.yaml")
    chapters = json.loads(_out(project, "small_zh", ".chapters.json").read_text("utf-8"))
    with sync_playwright() as playwright:
        browser = launch(playwright)
        page = browser.new_page(viewport={"width": 900, "height": 500})
        page.goto(page_path.as_uri())
        page.wait_for_function("document.getElementById('player').readyState >= 1")
        assert page.locator("h2").all_text_contents() == ["章节", "文字稿"]
        speakers = page.locator(".turn .speaker").all_text_contents()
        assert speakers == [script.speakers[t.speaker].name for _, t in script.turns()]
        for number, (_, turn) in enumerate(script.turns()):
            sentences = "".join(page.locator(".turn").nth(number).locator(".cue .text")
                                .all_text_contents())
            assert sentences == turn.text
        third = chapters["chapters"][2]
        page.locator("#chapters button.chapter").nth(2).click()
        page.wait_for_function("document.getElementById('current-chapter').textContent"
                               f" === '正在播放: {third['title']}'")
        # scrolled to the end, the player is still at the top of the view
        page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
        page.wait_for_function("window.scrollY > 100 && Math.abs(document.getElementById('top')"
                               ".getBoundingClientRect().top) < 1")
        (project / "artifacts").mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(project / "artifacts" / "preview-zh.png"))
        browser.close()
