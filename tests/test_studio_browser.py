"""The studio in headless Chromium: edit, re-speak, lexicon, chapter boundary, conflicts."""

from __future__ import annotations

import json
import shutil

import pytest

from renderer.clips.cache import ClipCache
from renderer.clips.clip import WORKING_RATE
from renderer.render.paths import last_render_record
from renderer.script.model import load

from .browser import CJK_GLYPHS_DRAWN, launch, needs_chromium
from .helpers import FIXTURES, clip_metas
from .studio_server import running_studio
from .test_studio_document import _changed_lines

SMALL = FIXTURES / "scripts" / "small_zh.yaml"
PLAYER = "document.getElementById('player')"


@pytest.fixture
def studio_page(tmp_path):
    """A studio on a copy of the small script, open in headless Chromium."""
    from playwright.sync_api import sync_playwright

    shutil.copy(SMALL, tmp_path / "small_zh.yaml")
    with running_studio(tmp_path / "small_zh.yaml", tmp_path / "cache") as studio, \
            sync_playwright() as playwright:
        browser = launch(playwright)
        # the page's Content-Security-Policy forbids eval, which Playwright's waits use
        page = browser.new_page(viewport={"width": 1280, "height": 900}, bypass_csp=True)
        errors: list[str] = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(studio.url)
        page.wait_for_selector("body[data-ready=true]")
        yield studio, page, errors
        browser.close()


def _turn(page, turn_id: str):
    return page.locator(f".turn[data-id='{turn_id}']")


def _shot(page, folder, name: str) -> None:
    artifacts = folder / "artifacts"  # for a person to look at; never in the checkout
    artifacts.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(artifacts / name))  # the viewport, sticky header included


@needs_chromium
def test_edit_a_turn_then_respeak_exactly_that_clip_and_hear_it(studio_page):
    studio, page, errors = studio_page
    script = load(studio.script)
    assert page.locator(".turn").count() == script.turn_count()
    assert page.locator(".chapter-title").evaluate_all("els => els.map(e => e.value)") == \
        [c.title for c in script.chapters]
    assert page.evaluate(CJK_GLYPHS_DRAWN), "Chinese text is drawn as boxes"
    before_text = studio.script.read_text(encoding="utf-8")
    clips_before = set(clip_metas(studio.cache))

    box = _turn(page, "t04").locator("textarea.text")
    box.fill("维护者需要社区更多的支持。")
    box.press("Tab")  # leaving the field saves it
    page.wait_for_function("document.getElementById('status').textContent.startsWith('saved')")
    removed, added = _changed_lines(before_text, studio.script.read_text(encoding="utf-8"))
    assert removed == ["      - {id: t04, speaker: guest, text: 维护者需要更多的支持。}"]
    assert added == ["      - {id: t04, speaker: guest, text: 维护者需要社区更多的支持。}"]
    assert _turn(page, "t04").locator(".badge.changed").count() == 1
    assert page.locator("#changed-count").inner_text() == "1"

    page.click("#respeak")
    page.wait_for_function("document.body.dataset.liveDone")
    assert page.locator("#status").inner_text() == "speaking 1 clip(s) as they are made"
    new_clips = set(clip_metas(studio.cache)) - clips_before
    assert len(new_clips) == 1
    key = next(iter(new_clips)).stem
    assert page.evaluate("document.body.dataset.liveDone") == key
    # the turn was heard while it was made: all of it (the stored clip's samples, less the
    # tail of silence the stored clip keeps), without waiting for the whole
    heard = int(page.evaluate("document.body.dataset.liveSamples"))
    stored = ClipCache(studio.cache).info(key).samples
    assert stored - 0.2 * WORKING_RATE <= heard <= stored + 0.5 * WORKING_RATE, (heard, stored)
    assert int(page.evaluate("document.body.dataset.firstAudioMs")) > 0
    assert _turn(page, "t04").get_attribute("class").split().count("current") == 1
    assert page.locator(".badge.changed").count() == 0
    _shot(page, studio.script.parent, "studio.png")
    assert not errors, errors


@needs_chromium
def test_a_pause_in_typing_sends_the_draft_and_saves_nothing(studio_page):
    studio, page, errors = studio_page
    before = studio.script.read_bytes()
    box = _turn(page, "t04").locator("textarea.text")
    with page.expect_response(lambda r: r.url.split("?")[0].endswith("/api/draft")) as answer:
        box.press_sequentially("社区")  # typing, then a pause
    request = answer.value.request
    assert json.loads(request.post_data) == {"id": "t04", "text": "维护者需要更多的支持。社区"}
    assert answer.value.json() == {"prepared": True}
    assert studio.script.read_bytes() == before, "a draft is not an edit"
    assert not errors, errors


@needs_chromium
def test_a_lexicon_entry_respeaks_exactly_the_turns_with_the_word(studio_page):
    studio, page, errors = studio_page
    script = load(studio.script)
    touched = [t.id for _, t in script.turns() if "开源" in t.text]
    assert len(touched) == 2
    clips_before = set(clip_metas(studio.cache))
    page.fill("#lexicon-form input[name=word]", "开源")
    page.fill("#lexicon-form input[name=spoken]", "开放源代码")
    page.click("#lexicon-form button")
    speaking = f"speaking {len(touched)} clip(s) as they are made"
    # the page has the new state (and the turns' new keys) once it says what it speaks
    page.wait_for_function("document.getElementById('status').textContent === "
                           f"{json.dumps(speaking)}")
    keys = [json.loads(page.evaluate("JSON.stringify(state.chapters.flatMap(c => c.turns)"
                                     f".filter(t => t.id === '{turn}')[0].key)"))
            for turn in touched]
    # heard one after the other, each while it is made
    page.wait_for_function(f"document.body.dataset.liveDone === '{keys[-1]}'")
    assert len(set(clip_metas(studio.cache)) - clips_before) == len(touched)
    assert load(studio.script).lexicon["开源"] == "开放源代码"
    assert not errors, errors


@needs_chromium
def test_moving_a_chapter_boundary_then_rendering_gives_those_chapters(studio_page):
    studio, page, errors = studio_page
    third = page.locator(".chapter").nth(2)
    third.locator("button.earlier").click()
    page.wait_for_function("document.querySelectorAll('.chapter')[2]"
                           ".querySelector('.turn').dataset.id === 't05'")
    script = load(studio.script)
    assert [t.id for t in script.chapters[2].turns] == ["t05", "t06", "t07"]
    page.click("#render")
    page.wait_for_function("document.getElementById('status').textContent"
                           ".startsWith('rendered')", timeout=240_000)
    record = json.loads(last_render_record(studio.script).read_text(encoding="utf-8"))
    starts = {t["id"]: t["start"] for t in record["turns"]}
    chapters = record["chapters"]
    assert [c["title"] for c in chapters] == [c.title for c in script.chapters]
    for index, chapter in enumerate(script.chapters):
        for turn in chapter.turns:
            assert chapters[index]["start"] <= starts[turn.id] < chapters[index]["end"]
    # play from here lands on the turn and follows it
    _turn(page, "t06").locator("button.from-here").click()
    page.wait_for_function(f"{PLAYER}.currentTime >= {starts['t06']} && !{PLAYER}.paused")
    page.wait_for_function("document.querySelector('.turn.current') && "
                           "document.querySelector('.turn.current').dataset.id === 't06'")
    assert page.locator("#now").inner_text().startswith(f"now: {script.chapters[2].title}")
    _shot(page, studio.script.parent, "studio-rendered.png")
    assert not errors, errors


@needs_chromium
def test_a_file_changed_on_disk_is_not_overwritten_and_can_be_reloaded(studio_page):
    studio, page, errors = studio_page
    outside = studio.script.read_text(encoding="utf-8").replace("谢谢你的分享。", "谢谢，再见。")
    studio.script.write_text(outside, encoding="utf-8")
    box = _turn(page, "t01").locator("textarea.text")
    box.fill("这段修改不应写入。")
    box.press("Tab")
    page.wait_for_selector("#banner:not([hidden])")
    assert "changed on disk" in page.locator("#banner-text").inner_text()
    assert studio.script.read_text(encoding="utf-8") == outside
    page.click("#reload")
    page.wait_for_selector("#banner", state="hidden")
    assert _turn(page, "t07").locator("textarea.text").input_value() == "谢谢，再见。"
    _turn(page, "t01").locator("textarea.text").fill("重新加载后可以保存。")
    _turn(page, "t01").locator("textarea.text").press("Tab")
    page.wait_for_function("document.getElementById('status').textContent.startsWith('saved')")
    assert load(studio.script).chapters[0].turns[0].text == "重新加载后可以保存。"
    assert "谢谢，再见。" in studio.script.read_text(encoding="utf-8")
    errors = [e for e in errors if "409" not in e]  # the refused save, as the browser logs it
    assert not errors, errors


@needs_chromium
def test_decisions_to_check_come_first_and_each_fix_is_one_click(tmp_path):
    """The import's doubtful decisions head the side panel; clicking a fix edits the script."""
    from playwright.sync_api import sync_playwright

    from renderer.cli import run

    shutil.copy(FIXTURES / "articles" / "doubts_zh.md", tmp_path / "talk.md")
    script = tmp_path / "talk.yaml"
    assert run(["import", str(tmp_path / "talk.md"), "-o", str(script)]) == 0
    with running_studio(script, tmp_path / "cache") as studio, \
            sync_playwright() as playwright:
        browser = launch(playwright)
        page = browser.new_page(viewport={"width": 1280, "height": 900}, bypass_csp=True)
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(studio.url)
        page.wait_for_selector("#doubts .doubt")
        first_heading = page.locator("aside h2").first.inner_text()
        assert first_heading.startswith("Decisions to check")
        assert page.locator("#doubts-count").inner_text() == "5 of 5 to check"
        decisions = page.locator("#doubts .doubt .text").all_inner_texts()
        assert decisions[0] == "“林嘉豪” and 陈嘉豪 kept apart"
        fixes = page.locator("#doubts .doubt .fix").all_inner_texts()
        assert fixes[0] == "same person: merge"  # 60 %; the model's 60-65 % for 王小军 moves
        assert sorted(fixes) == ["different people: separate", "drop", "not a speaker",
                                 "restore", "same person: merge"]

        page.locator("#doubts .doubt .fix").first.click()  # 林嘉豪 is 陈嘉豪
        page.wait_for_function("document.getElementById('doubts-count').textContent"
                               ".startsWith('4 of 5')")
        assert "林嘉豪" not in [s.name for s in load(script).speakers.values()]
        assert "林嘉豪" not in page.locator(".turn select.speaker").first.inner_text()

        page.locator("#doubts .doubt:not(.fixed)", has_text="under an image").locator(
            ".fix").click()  # the caption was words
        page.wait_for_function("document.getElementById('doubts-count').textContent"
                               ".startsWith('3 of 5')")
        texts = [turn.text for _, turn in load(script).turns()]
        assert "我也骑，不过只在周末。\n桥上的车道" in texts
        assert page.locator(".turn[data-id='t003'] textarea.text").input_value() == \
            "我也骑，不过只在周末。\n桥上的车道"
        browser.close()
    assert not errors, errors


@needs_chromium
def test_a_chosen_reading_becomes_a_lexicon_entry_and_respeaks_its_turns(studio_page):
    """Select a word, see its reading and its source, choose another: the lexicon gets a
    pinyin entry and exactly the turns with the word are spoken again."""
    studio, page, errors = studio_page
    touched = [t.id for _, t in load(studio.script).turns() if "行业" in t.text]
    assert touched == ["t03"]
    _turn(page, "t03").locator("button.readings-toggle").click()
    word = _turn(page, "t03").locator(".readings button.word", has_text="行业")
    word.wait_for()
    assert "hang2 ye4 · dictionary" in word.get_attribute("title")
    word.click()
    choice = _turn(page, "t03").locator(".reading-choice").first
    assert choice.locator("option").all_inner_texts() == ["hang2", "xing2"]
    choice.select_option("xing2")
    clips_before = set(clip_metas(studio.cache))
    _turn(page, "t03").locator("button.apply-reading").click()
    page.wait_for_function("document.body.dataset.liveDone")
    assert load(studio.script).lexicon["行业"].pinyin == "xing2 ye4"
    assert len(set(clip_metas(studio.cache)) - clips_before) == len(touched)
    assert "行业 → xing2 ye4" in page.locator("#lexicon").inner_text()
    assert not errors, errors
