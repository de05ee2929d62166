"""A studio session on the sample: how fast the page is ready, and re-speaking one turn.

For espeak and Kokoro, each in its own `podcast studio` process on a copy of the sample:
- start-up: from launching the process to its printed URL (the engine is loaded by then);
- page ready: Chromium opening the URL until the page has drawn every turn (median of 5);
- re-speak: edit the text of one short turn, then ask for the changed clip, as the page's
  "Re-speak" button did before clips were streamed (`/api/speak` without `live`): wall time
  of the edit and of the whole clip (median of 3, each a new text, so each synthesizes one
  clip), and the first one apart (a cold engine);
- first audio, in Chromium through the real page: type a new text into a turn and press
  Ctrl+Enter (save and hear); from the key press to the moment the first sentence is
  scheduled to sound (the page's own clock), for the shortest, the median-length and the
  longest turn (median of 3, each a new text; the first one apart), edited at its end (its
  opening sentence unchanged: kept from before, for engines that keep sentences), at its
  start (the opening sentence is new and must be made), and at its start with a pause of
  PAUSE seconds before Ctrl+Enter (the page sends the draft once typing pauses, and an
  engine that keeps sentences makes the opening meanwhile).
"""

from __future__ import annotations

import itertools
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from .measure import ROOT, median, table

SAMPLE = ROOT / "scripts" / "000_9b6faf332502484a.yaml"
ENGINES = ("espeak", "kokoro")
PAGE_LOADS = 5
EDITS = ["（一）", "（二）", "（三）", "（四）"]
HEAR_EDITS = ["（五）", "（六）", "（七）", "（八）"]  # texts no earlier run has made
PAUSED_EDITS = ["（九）", "（十）", "（十一）", "（十二）"]
PAUSE = 3.0  # seconds between the last key typed and Ctrl+Enter, in the third way


def _start(script: Path, engine: str) -> tuple[subprocess.Popen, str, float]:
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "renderer", "studio", str(script), "--engine", engine,
         "--port", "0", "--no-browser", "--cache-dir", str(script.parent / "cache")],
        cwd=script.parent, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT), "PYTHONUNBUFFERED": "1"})
    assert process.stdout is not None
    for line in process.stdout:
        found = re.search(r"http://127\.0\.0\.1:\d+/\?token=\S+", line)
        if found:
            return process, found.group(0), time.perf_counter() - started
    raise RuntimeError(f"the {engine} studio did not start")


def _page_ready(url: str) -> list[float]:
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        return []
    times = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium,
                                             args=["--no-sandbox", "--disable-gpu"])
        for _ in range(PAGE_LOADS):
            page = browser.new_page()
            started = time.perf_counter()
            page.goto(url)
            page.wait_for_selector("body[data-ready=true]")
            times.append(time.perf_counter() - started)
            page.close()
        browser.close()
    return times


def _respeak(url: str, which: str) -> tuple[int, list[tuple[float, float, int]]]:
    """Re-speak the shortest or the median-length turn; (its characters, runs)."""
    base, token = url.split("/?token=")
    runs = []
    with httpx.Client(base_url=base, params={"token": token}, timeout=300) as client:
        state = client.get("/api/state").json()
        turns = sorted((t for c in state["chapters"] for t in c["turns"]),
                       key=lambda t: len(t["text"]))
        short = turns[0] if which == "shortest" else turns[len(turns) // 2]
        for suffix in EDITS:
            started = time.perf_counter()
            state = client.post("/api/edit", json={
                "op": "turn", "version": state["version"],
                "args": {"id": short["id"], "text": short["text"] + suffix}}).json()
            edited = time.perf_counter()
            spoken = client.post("/api/speak", json={}).json()
            done = time.perf_counter()
            state = spoken["state"]
            runs.append((edited - started, done - edited, spoken["synthesized"]))
    return len(short["text"]), runs


def _first_audio(url: str, state: dict) -> list[list[str]]:
    """Milliseconds from Ctrl+Enter to the first sound, per turn length (see the docstring)."""
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        return []
    turns = sorted((t for c in state["chapters"] for t in c["turns"]), key=lambda t: len(t["text"]))
    rows = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium,
            args=["--no-sandbox", "--disable-gpu", "--autoplay-policy=no-user-gesture-required"])
        page = browser.new_page(bypass_csp=True)
        page.goto(url)
        page.wait_for_selector("body[data-ready=true]")
        for (which, turn), place in itertools.product(
                (("shortest", turns[0]), ("median length", turns[len(turns) // 2]),
                 ("longest", turns[-1])), ("end", "start", f"start, {PAUSE:.0f} s pause")):
            times = []
            paused = place.startswith("start, ")
            for mark in PAUSED_EDITS if paused else HEAR_EDITS:
                box = page.locator(f".turn[data-id='{turn['id']}'] textarea.text")
                box.fill(turn["text"] + mark if place == "end" else mark + turn["text"])
                if paused:
                    page.wait_for_timeout(PAUSE * 1000)
                pressed = page.evaluate("delete document.body.dataset.liveDone; "
                                        "delete document.body.dataset.firstAudioAt; "
                                        "performance.now()")
                box.press("Control+Enter")
                page.wait_for_function("document.body.dataset.liveDone", timeout=600_000)
                times.append(float(page.evaluate("document.body.dataset.firstAudioAt"))
                             - pressed)
            rows.append([f"{which} ({len(turn['text'])} chars)", f"at its {place}",
                         f"{times[0]:.0f}", f"{median(times[1:]):.0f}"])
        browser.close()
    return rows


def main() -> None:
    """Print the studio's figures for each offline engine."""
    rows, hearing = [], []
    for engine in ENGINES:
        with tempfile.TemporaryDirectory() as name:
            script = Path(name) / "sample.yaml"
            shutil.copy(SAMPLE, script)
            process, url, startup = _start(script, engine)
            try:
                loads = _page_ready(url)
                for which in ("shortest", "median-length"):
                    chars, runs = _respeak(url, which)
                    assert all(n == 1 for _, _, n in runs), runs
                    warm = runs[1:]
                    rows.append([
                        engine, f"{startup:.2f}",
                        f"{median(loads) * 1000:.0f}" if loads else "no chromium",
                        f"{which} ({chars} chars)", f"{median([e for e, _, _ in warm]) * 1000:.0f}",
                        f"{runs[0][1]:.2f}", f"{median([s for _, s, _ in warm]):.2f}"])
                with httpx.Client(timeout=60) as client:
                    state = client.get(url.replace("/?", "/api/state?")).json()
                hearing += [[engine, *row] for row in _first_audio(url, state)]
            finally:
                process.send_signal(signal.SIGINT)
                process.wait(30)
    print("studio on the sample (57 turns); re-speak = a turn's new text, one clip each time")
    print(table(["engine", "start-up s", "page ready ms (median of 5)", "turn", "save edit ms",
                 "first re-speak s", "re-speak s (median of 3)"], rows))
    print()
    print("first audio in Chromium: Ctrl+Enter on a turn with a new text → its first sound")
    print(table(["engine", "turn", "edited", "first time ms", "ms (median of 3)"], hearing))
